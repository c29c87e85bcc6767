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
    assert b"current-phase" in response.content


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


def test_member_sees_an_editor_and_a_coordinator_does_not(client, active, mia, cora):
    assert b"task-form" in signed_in(client, mia).get(f"/consortia/{active.pk}/methodology/").content
    assert b"task-form" not in signed_in(client, cora).get(f"/consortia/{active.pk}/methodology/").content


def test_htmx_update_returns_the_row_and_the_progress_bars(client, task, mia, phase1):
    response = signed_in(client, mia).post(
        f"/tasks/{task.pk}/update/", edit(task, status="done"), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="task-{task.pk}"' in body and 'data-status="done"' in body
    assert f'id="phase-progress-{phase1.pk}" hx-swap-oob="true"' in body and "25%" in body
    assert Task.objects.get(pk=task.pk).status == S.DONE


def test_plain_post_without_javascript_redirects_back_to_the_row(client, task, mia, active):
    response = signed_in(client, mia).post(f"/tasks/{task.pk}/update/", edit(task, status="in_progress"))
    assert response.status_code == 302
    assert response["Location"] == f"/consortia/{active.pk}/methodology/#task-{task.pk}"


def test_stale_edit_shows_who_changed_it_and_the_current_values(client, task, mia, fiona):
    stale = edit(task, notes="Mia's notes")
    signed_in(client, fiona).post(f"/tasks/{task.pk}/update/", edit(task, notes="Fiona's notes"))
    response = signed_in(client, mia).post(f"/tasks/{task.pk}/update/", stale, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Fiona Facilitator changed this task" in body
    assert 'value="Fiona&#x27;s notes"' in body
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
    assert message in response.content.decode()
    assert Task.objects.get(pk=task.pk).version == task.version


def test_evidence_upload_and_protected_download(client, task, mia, charlie):
    pdf = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    response = signed_in(client, mia).post(f"/tasks/{task.pk}/evidence/", {"file": pdf})
    assert response.status_code == 302
    evidence = task.evidence.get()
    assert client.get(f"/evidence/{evidence.pk}/").status_code == 200
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
    assert mine.title in content and phase.tasks.last().title not in content
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
