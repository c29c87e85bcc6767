from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing import count_queries, signed_in
from methodology.models import Task

pytestmark = pytest.mark.django_db
S = Task.Status


def edit(task, **overrides):
    data = {"status": task.status, "assignee": "", "due_date": "", "notes": "", "version": task.version}
    data.update(overrides)
    return data


@pytest.mark.parametrize("who", ["olga", "cora", "fiona", "mia", "ada"])
def test_people_who_may_see_the_consortium_see_its_checklist(client, active, request, who):
    response = signed_in(client, request.getfixturevalue(who)).get(f"/consortia/{active.pk}/methodology/")
    assert response.status_code == 200
    assert b"Identification and pre-selection" in response.content
    assert b"data-current-phase" in response.content


def test_checklist_opens_at_the_current_phase_with_the_others_folded(client, active, fiona, phase1):
    services_sign_off(phase1, fiona)
    body = signed_in(client, fiona).get(f"/consortia/{active.pk}/methodology/").content.decode()
    phase2 = active.phases.get(number=2)
    current = body[body.index('id="phase-2"') :]
    assert current.startswith('id="phase-2" data-current-phase>\n      <details open>')
    assert body.count("<details open>") == 1
    # Folded phases carry their summary, not their tasks: phase 1's tasks load on demand.
    assert phase1.tasks.first().title not in body
    assert phase2.tasks.first().title in body
    assert f'hx-get="/phases/{phase1.pk}/tasks/"' in body
    assert "Fiona Facilitator, " in body  # who signed phase 1 off, on its folded line


def test_many_signed_off_phases_fold_into_one_line_that_opens_for_one_of_them(client, active, fiona):
    for number in (1, 2, 3):
        services_sign_off(active.phases.get(number=number), fiona)
    client = signed_in(client, fiona)
    body = client.get(f"/consortia/{active.pk}/methodology/").content.decode()
    group = body[body.index('class="card mb-2 signed-group"') :]
    assert group.startswith('class="card mb-2 signed-group">')
    assert "Phases 1–3: signed off" in group
    assert body.index("signed-group") < body.index("data-current-phase")
    opened = client.get(f"/consortia/{active.pk}/methodology/?open=2").content.decode()
    assert 'class="card mb-2 signed-group" open>' in opened
    assert active.phases.get(number=2).tasks.first().title in opened


def test_a_folded_phase_opens_with_a_link_without_javascript_and_on_demand_with_it(client, active, mia, phase1):
    phase3 = active.phases.get(number=3)
    client = signed_in(client, mia)
    body = client.get(f"/consortia/{active.pk}/methodology/?open=3").content.decode()
    assert phase3.tasks.first().title in body
    assert body.count("<details open>") == 2
    assert client.get(f"/phases/{phase3.pk}/tasks/")["Location"] == f"/consortia/{active.pk}/methodology/?open=3"
    partial = client.get(f"/phases/{phase3.pk}/tasks/", HTTP_HX_REQUEST="true").content.decode()
    assert phase3.tasks.first().title in partial
    assert "<html" not in partial


def services_sign_off(phase, by):
    from methodology import services

    phase.tasks.update(status=S.DONE, needs_evidence=False)
    services.phase_sign_off(phase=phase, by=by)


@pytest.mark.parametrize("who", ["charlie", "pablo", "pierre"])
def test_outsiders_get_404_on_every_checklist_page_and_endpoint(client, active, task, phase1, request, who):
    client = signed_in(client, request.getfixturevalue(who))
    for method, path in [
        ("get", f"/consortia/{active.pk}/methodology/"),
        ("get", f"/tasks/{task.pk}/"),
        ("post", f"/tasks/{task.pk}/update/"),
        ("post", f"/tasks/{task.pk}/comments/"),
        ("post", f"/tasks/{task.pk}/evidence/"),
        ("post", f"/phases/{phase1.pk}/sign-off/"),
        ("get", f"/phases/{phase1.pk}/reopen/"),
        ("get", f"/phases/{phase1.pk}/tasks/new/"),
        ("get", f"/api/v1/consortia/{active.pk}/phases/"),
        ("get", f"/api/v1/tasks/{task.pk}/"),
        ("patch", f"/api/v1/tasks/{task.pk}/"),
        ("get", f"/api/v1/tasks/{task.pk}/comments/"),
        ("get", f"/api/v1/tasks/{task.pk}/evidence/"),
    ]:
        kwargs = {"content_type": "application/json", "data": "{}"} if method == "patch" else {}
        assert getattr(client, method)(path, **kwargs).status_code == 404, (method, path)


def test_member_may_open_an_editor_and_a_coordinator_may_not(client, active, mia, cora, task):
    assert b"task-edit" in signed_in(client, mia).get(f"/consortia/{active.pk}/methodology/").content
    editor = client.get(f"/tasks/{task.pk}/row/?edit=1", HTTP_HX_REQUEST="true").content.decode()
    # A member changes status and notes, with labels; assignee and due date are the facilitator's.
    assert f'for="task{task.pk}-status"' in editor
    assert f'id="task{task.pk}-notes"' in editor
    assert 'name="assignee"' not in editor
    assert 'name="due_date"' not in editor
    assert b"task-edit" not in signed_in(client, cora).get(f"/consortia/{active.pk}/methodology/").content
    assert client.get(f"/tasks/{task.pk}/row/?edit=1", HTTP_HX_REQUEST="true").status_code == 403


def test_facilitator_editor_has_all_four_fields(client, fiona, task):
    editor = signed_in(client, fiona).get(f"/tasks/{task.pk}/row/?edit=1", HTTP_HX_REQUEST="true").content.decode()
    for name in ("status", "assignee", "due_date", "notes"):
        assert f'name="{name}"' in editor, name


def test_without_javascript_edit_and_row_lead_to_the_task_page(client, mia, task):
    client = signed_in(client, mia)
    assert client.get(f"/tasks/{task.pk}/row/?edit=1")["Location"] == f"/tasks/{task.pk}/"


def test_htmx_update_returns_the_row_and_the_progress_bars(client, task, mia, phase1):
    response = signed_in(client, mia).post(
        f"/tasks/{task.pk}/update/", edit(task, status="done"), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="task-{task.pk}"' in body
    assert 'data-status="done"' in body
    assert 'role="status"' in body
    assert "Saved" in body
    assert f'id="phase-progress-{phase1.pk}" hx-swap-oob="true"' in body
    assert "25%" in body
    assert Task.objects.get(pk=task.pk).status == S.DONE


def test_plain_post_without_javascript_returns_to_the_task_page_with_the_message_on_top(client, task, mia):
    response = signed_in(client, mia).post(f"/tasks/{task.pk}/update/", edit(task, status="in_progress"))
    assert response.status_code == 302
    assert response["Location"] == f"/tasks/{task.pk}/"
    assert "The task was saved." in client.get(response["Location"]).content.decode()


def test_stale_edit_shows_who_changed_it_and_the_current_values(client, task, mia, fiona):
    stale = edit(task, notes="Mia's notes")
    signed_in(client, fiona).post(f"/tasks/{task.pk}/update/", edit(task, notes="Fiona's notes"))
    response = signed_in(client, mia).post(f"/tasks/{task.pk}/update/", stale, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Fiona Facilitator changed this task" in body
    assert "Fiona&#x27;s notes</textarea>" in body
    assert Task.objects.get(pk=task.pk).notes == "Fiona's notes"
    response = signed_in(client, mia).post(f"/tasks/{task.pk}/update/", stale, follow=True)
    assert "Fiona Facilitator changed this task" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("due_date", "next week", "Enter a valid date."),
        ("status", "finished", "Select a valid choice."),
        ("assignee", "999999", "Choose a member or facilitator of this consortium."),
    ],
)
def test_bad_values_are_field_errors_and_the_task_is_unchanged(client, task, fiona, field, value, message):
    response = signed_in(client, fiona).post(
        f"/tasks/{task.pk}/update/", edit(task, **{field: value}), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    # The message sits under the control that caused it, in the row's editor.
    assert message in body[body.index(f'id="task{task.pk}-{field}"') :]
    assert Task.objects.get(pk=task.pk).version == task.version


def test_evidence_upload_and_protected_download(client, task, mia, charlie):
    pdf = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    response = signed_in(client, mia).post(f"/tasks/{task.pk}/evidence/", {"file": pdf})
    assert response.status_code == 302
    evidence = task.evidence.get()
    download = client.get(f"/evidence/{evidence.pk}/")
    assert download.status_code == 200
    # A download, never shown on the site's origin, and sandboxed if a browser renders it anyway.
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert signed_in(client, charlie).get(f"/evidence/{evidence.pk}/").status_code == 404


def test_forbidden_evidence_shows_a_field_error(client, task, mia):
    fake = SimpleUploadedFile("minutes.pdf", b"MZ this is an exe")
    response = signed_in(client, mia).post(f"/tasks/{task.pk}/evidence/", {"file": fake})
    assert response.status_code == 400
    assert "does not look like a .pdf file" in response.content.decode()


def test_comment_through_the_page(client, task, mia):
    response = signed_in(client, mia).post(f"/tasks/{task.pk}/comments/", {"body": "Minutes attached"}, follow=True)
    assert b"Minutes attached" in response.content


def test_sign_off_refusal_lists_open_tasks(client, phase1, fiona):
    response = signed_in(client, fiona).post(f"/phases/{phase1.pk}/sign-off/", follow=True)
    assert "These required tasks are still open" in response.content.decode()


def test_sign_off_asks_for_confirmation_first(client, phase1, fiona, active):
    client = signed_in(client, fiona)
    page = client.get(f"/phases/{phase1.pk}/sign-off/").content.decode()
    assert "Sign off phase 1, “Identification and pre-selection”?" in page
    assert "4 required tasks are not done yet" in page
    assert "confirm-sign-off" not in page
    phase1.tasks.update(status=S.DONE)
    page = client.get(f"/phases/{phase1.pk}/sign-off/").content.decode()
    assert "2 tasks are done but need their evidence attached" in page
    assert "confirm-sign-off" not in page
    phase1.tasks.update(needs_evidence=False)
    page = client.get(f"/phases/{phase1.pk}/sign-off/").content.decode()
    assert "confirm-sign-off" in page
    phase1.refresh_from_db()
    assert phase1.signed_off_at is None  # asking signs nothing off
    response = client.post(f"/phases/{phase1.pk}/sign-off/", follow=True)
    assert "Phase 1 was signed off." in response.content.decode()
    assert response.redirect_chain[-1][0] == f"/consortia/{active.pk}/methodology/"


def test_member_cannot_open_the_sign_off_confirmation(client, phase1, mia):
    assert signed_in(client, mia).get(f"/phases/{phase1.pk}/sign-off/").status_code == 403


def test_member_is_refused_sign_off(client, phase1, mia):
    phase1.tasks.update(status=S.DONE)
    signed_in(client, mia).post(f"/phases/{phase1.pk}/sign-off/")
    phase1.refresh_from_db()
    assert phase1.signed_off_at is None


def test_my_tasks_lists_only_mine_and_filters(client, active, mia, fiona):
    phase = active.phases.get(number=2)
    mine = phase.tasks.first()
    Task.objects.filter(pk=mine.pk).update(assignee=mia)
    Task.objects.filter(pk=phase.tasks.last().pk).update(assignee=fiona)
    content = signed_in(client, mia).get("/tasks/mine/").content.decode()
    assert mine.title in content
    assert phase.tasks.last().title not in content
    assert mine.title not in client.get("/tasks/mine/?status=done").content.decode()


def make_tasks(active, n):
    phase = active.phases.get(number=10)
    for index in range(n):
        Task.objects.create(phase=phase, custom_title=f"Extra {index}", order=100 + index)


@pytest.mark.parametrize("path", ["checklist", "/tasks/mine/", "/api/v1/tasks/", "/api/v1/tasks/?assignee=me"])
def test_query_budget_is_the_same_with_10_and_200_extra_tasks(client, active, mia, path, django_assert_max_num_queries):
    client = signed_in(client, mia)
    url = f"/consortia/{active.pk}/methodology/" if path == "checklist" else path
    make_tasks(active, 10)
    Task.objects.filter(phase__consortium=active).update(assignee=mia)
    with_ten = count_queries(lambda: client.get(url))
    make_tasks(active, 190)
    Task.objects.filter(phase__consortium=active).update(assignee=mia)
    with django_assert_max_num_queries(with_ten):
        assert client.get(url).status_code == 200


def test_my_tasks_offers_no_assignee_filter_overdue_any_yes_no_and_phases_by_name(client, mia):
    body = signed_in(client, mia).get("/tasks/mine/").content.decode()
    assert 'name="assignee"' not in body
    overdue = body[body.index('name="overdue"') : body.index("</select>", body.index('name="overdue"'))]
    assert [label for label in ("Any", "Yes", "No") if f">{label}</option>" in overdue] == ["Any", "Yes", "No"]
    assert "Unknown" not in overdue
    assert ">1. Identification and pre-selection</option>" in body


def test_my_tasks_filters_by_overdue_and_phase(client, active, mia):
    import datetime

    late, other = active.phases.get(number=1).tasks.order_by("order")[:2]
    Task.objects.filter(pk=late.pk).update(assignee=mia, due_date=datetime.date(2020, 1, 1))
    Task.objects.filter(pk=other.pk).update(assignee=mia)
    client = signed_in(client, mia)
    overdue = client.get("/tasks/mine/?overdue=true").content.decode()
    assert late.title in overdue
    assert other.title not in overdue
    assert late.title not in client.get("/tasks/mine/?overdue=false").content.decode()
    assert late.title not in client.get("/tasks/mine/?phase=2").content.decode()
    assert late.title in client.get("/tasks/mine/?phase=1").content.decode()


SAVED = {"en": "Saved", "es": "Guardado", "fr": "Enregistré", "pt": "Salvo"}
ROW_WORDS = {  # what a person reads on the row, in each language
    "en": ("optional", "Overdue", "due ", "2 files or links", "1 comment", "To do", "Unassigned", "%m/%d/%Y"),
    "es": (
        "opcional",
        "Vencida",
        "vence el ",
        "2 archivos o enlaces",
        "1 comentario",
        "Por hacer",
        "Sin responsable",
        "%d/%m/%Y",
    ),
    "fr": (
        "facultative",
        "En retard",
        "échéance le ",
        "2 fichiers ou liens",
        "1 commentaire",
        "À faire",
        "Non attribuée",
        "%d/%m/%Y",
    ),
    "pt": (
        "opcional",
        "Atrasada",
        "vence em ",
        "2 arquivos ou links",
        "1 comentário",
        "A fazer",
        "Sem responsável",
        "%d/%m/%Y",
    ),
}


@pytest.mark.parametrize("language", list(ROW_WORDS))
def test_a_checklist_row_says_what_its_task_needs_in_the_viewers_language(client, active, fiona, mia, phase1, language):
    import datetime

    from django.utils import timezone

    from methodology.models import Evidence, TaskComment

    first, second = phase1.tasks.order_by("order")[:2]
    late = timezone.localdate() - datetime.timedelta(days=2)
    Task.objects.filter(pk=first.pk).update(
        custom_title="<b>Visit</b> & count", template=None, required=False, assignee=mia, due_date=late
    )
    Task.objects.filter(pk=second.pk).update(assignee=None, due_date=None, status=S.DONE, needs_evidence=False)
    Evidence.objects.create(task=first, link="https://example.org/a")
    Evidence.objects.create(task=first, link="https://example.org/b")
    TaskComment.objects.create(task=first, author=fiona, body="Seen")
    fiona.preferred_language = language
    fiona.save(update_fields=["preferred_language"])
    optional, overdue, due, files, comments, todo, unassigned, date_format = ROW_WORDS[language]

    body = signed_in(client, fiona).get(f"/consortia/{active.pk}/methodology/").content.decode()
    row = body[body.index(f'id="task-{first.pk}"') :]
    row = row[: row.index("list-group-item task-row", 10)]
    assert "&lt;b&gt;Visit&lt;/b&gt; &amp; count" in row  # a person's words, escaped
    assert "<b>Visit</b>" not in body
    for words in (optional, overdue, files, comments, todo, "Mia Member", due + late.strftime(date_format)):
        assert words in row, (language, words)
    assert 'class="list-group-item task-row task-overdue"' in body[body.index(f'id="task-{first.pk}"') - 60 :][:120]
    assert f'href="/tasks/{first.pk}/"' in row
    assert f'hx-get="/tasks/{first.pk}/row/?edit=1"' in row  # the facilitator may edit it
    done = body[body.index(f'id="task-{second.pk}"') :]
    done = done[: done.index("</div>\n</div>")]
    assert unassigned in done
    assert 'data-status="done"' in body
    for words in (optional, overdue, due, files, comments):
        assert words not in done, (language, words)
    # The row htmx puts back after a save is the same row.
    again = client.get(f"/tasks/{first.pk}/row/", HTTP_HX_REQUEST="true").content.decode()
    assert again.startswith('<div class="list-group-item task-row task-overdue"')
    assert (
        again.strip() == body[body.index('<div class="list-group-item task-row task-overdue"') :][: len(again.strip())]
    )
    second.refresh_from_db()
    saved = client.post(
        f"/tasks/{second.pk}/update/", edit(second, status=S.DONE, notes="Listo"), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert f"</svg> {SAVED[language]}</p>" in saved
