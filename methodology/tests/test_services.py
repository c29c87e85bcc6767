from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.factories import UserFactory
from core.errors import StateConflict
from methodology import selectors as methodology_selectors
from methodology import services
from methodology.models import Activity, Methodology, Phase, Task, TaskTemplate
from methodology.tests.helpers import complete

pytestmark = pytest.mark.django_db
S = Task.Status


def pdf(name="minutes.pdf", size=None):
    content = b"%PDF-1.4\n" + (b"x" * (size - 9) if size else b"1 0 obj\n")
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_approval_creates_ten_phases_and_their_tasks(active):
    assert active.phases.count() == 10
    assert active.phases.get(number=1).tasks.count() == 4
    assert (
        sum(p.tasks.count() for p in active.phases.all())
        == TaskTemplate.objects.filter(phase__methodology__is_current=True).count()
    )


def test_later_methodology_versions_do_not_rewrite_existing_consortia(active, olga, cora, meic):
    from django.db.models import ProtectedError

    from consortia import services as consortium_services
    from consortia.tests.factories import ConsortiumFactory
    from methodology.models import PhaseTemplate

    v1 = Methodology.objects.get(is_current=True)
    with pytest.raises(ProtectedError):  # templates in use cannot be deleted from under a consortium
        TaskTemplate.objects.filter(phase__methodology=v1).delete()
    v1.is_current = False
    v1.save()
    v2 = Methodology.objects.create(version=2, name="Short", is_current=True)
    TaskTemplate.objects.create(phase=PhaseTemplate.objects.create(methodology=v2, number=1, title="Only"), title="One")

    later = ConsortiumFactory(created_by=olga, sponsor=meic, members=3)
    consortium_services.consortium_submit(consortium=later, by=olga)
    consortium_services.consortium_approve(consortium=later, by=cora)
    assert later.phases.count() == 1
    assert active.phases.count() == 10
    assert active.phases.get(number=1).template.methodology == v1


def test_member_marks_a_task_done_and_the_phase_progresses(task, mia, phase1):
    services.task_update(task=task, by=mia, version=task.version, status=S.DONE)
    task.refresh_from_db()
    assert task.status == S.DONE
    assert task.version == 2
    assert task.updated_by == mia
    assert Phase.objects.with_progress().get(pk=phase1.pk).progress == 25
    assert Activity.objects.filter(task=task, actor=mia, verb="task_updated").exists()


def test_second_edit_from_a_stale_version_is_refused_and_changes_nothing(task, mia, fiona):
    read_by_both = task.version
    services.task_update(task=task, by=fiona, version=read_by_both, notes="Fiona's notes")
    with pytest.raises(services.TaskConflict) as conflict:
        services.task_update(task=task, by=mia, version=read_by_both, notes="Mia's notes")
    assert "Fiona Facilitator" in conflict.value.message
    assert conflict.value.task.notes == "Fiona's notes"
    task.refresh_from_db()
    assert task.notes == "Fiona's notes"
    assert task.version == read_by_both + 1


def test_assignee_must_belong_to_the_consortium(task, fiona, mia, charlie):
    with pytest.raises(ValidationError) as error:
        services.task_update(task=task, by=fiona, version=task.version, assignee=charlie)
    assert error.value.message_dict["assignee"] == ["Choose a member or facilitator of this consortium."]
    services.task_update(task=task, by=fiona, version=task.version, assignee=mia)
    assert Task.objects.get(pk=task.pk).assignee == mia


def test_a_status_that_does_not_exist_is_a_field_error(task, mia):
    with pytest.raises(ValidationError) as error:
        services.task_update(task=task, by=mia, version=task.version, status="finished")
    assert "status" in error.value.message_dict
    assert Task.objects.get(pk=task.pk).status == S.TODO


@pytest.mark.parametrize("who", ["charlie", "pablo", "cora", "olga"])
def test_people_outside_the_consortium_cannot_update_tasks(task, request, who):
    with pytest.raises(PermissionDenied):
        services.task_update(task=task, by=request.getfixturevalue(who), version=task.version, status=S.DONE)


def test_member_of_a_left_enterprise_cannot_update(task, mia, active):
    active.memberships.filter(enterprise=mia.enterprise).update(left=datetime.date(2026, 1, 1))
    with pytest.raises(PermissionDenied):
        services.task_update(task=task, by=mia, version=task.version, status=S.DONE)


def test_paused_consortium_checklist_is_read_only(task, mia, active):
    active.status = "paused"
    active.save()
    with pytest.raises(StateConflict):
        services.task_update(task=task, by=mia, version=task.version, status=S.DONE)


def test_sign_off_lists_the_open_required_tasks(phase1, fiona):
    with pytest.raises(ValidationError) as error:
        services.phase_sign_off(phase=phase1, by=fiona)
    assert "Product and territory identified" in error.value.messages[0]
    assert phase1.signed_off_at is None


def test_facilitator_signs_off_a_phase_whose_required_tasks_are_done_or_not_applicable(phase1, fiona):
    complete(phase1)
    phase1.tasks.filter(order=4).update(status=S.NOT_APPLICABLE)
    services.phase_sign_off(phase=phase1, by=fiona)
    assert phase1.signed_off_at is not None
    assert phase1.signed_off_by == fiona
    with pytest.raises(StateConflict):
        services.phase_sign_off(phase=phase1, by=fiona)


def test_member_cannot_sign_off(phase1, mia):
    complete(phase1)
    with pytest.raises(PermissionDenied):
        services.phase_sign_off(phase=phase1, by=mia)


def test_coordinator_signs_off_and_reopens_with_a_comment(phase1, cora, pierre):
    complete(phase1)
    services.phase_sign_off(phase=phase1, by=cora)
    with pytest.raises(ValidationError):
        services.phase_reopen(phase=phase1, by=cora, comment=" ")
    with pytest.raises(PermissionDenied):
        services.phase_reopen(phase=phase1, by=pierre, comment="no")
    services.phase_reopen(phase=phase1, by=cora, comment="The market study is missing")
    assert phase1.signed_off_at is None


def test_facilitator_cannot_reopen(phase1, fiona):
    complete(phase1)
    services.phase_sign_off(phase=phase1, by=fiona)
    with pytest.raises(PermissionDenied):
        services.phase_reopen(phase=phase1, by=fiona, comment="oops")


def test_tasks_of_a_signed_off_phase_are_locked(phase1, fiona, mia):
    complete(phase1)
    services.phase_sign_off(phase=phase1, by=fiona)
    task = phase1.tasks.first()
    with pytest.raises(StateConflict):
        services.task_update(task=task, by=mia, version=task.version, status=S.TODO)


def test_progress_counts_required_tasks_only(phase1):
    phase1.tasks.filter(order=1).update(status=S.DONE)
    phase1.tasks.filter(order=2).update(status=S.NOT_APPLICABLE)
    assert Phase.objects.with_progress().get(pk=phase1.pk).progress == 33  # 1 done of 3 that apply


def test_progress_read_without_its_annotation_fails_loudly(phase1):
    """No silent query per row: a page that forgot the annotation fails in its tests."""
    from core.errors import MissingAnnotation
    from members.models import Enterprise
    from members.tests.factories import EnterpriseFactory

    enterprise = EnterpriseFactory()

    with pytest.raises(MissingAnnotation, match=r"Phase.objects.with_progress\(\)"):
        _ = phase1.progress
    with pytest.raises(MissingAnnotation, match=r"Enterprise.objects.with_size_class\(\)"):
        _ = Enterprise.objects.get(pk=enterprise.pk).size_class_label
    assert Enterprise.objects.with_size_class().get(pk=enterprise.pk).size_class_label != ""


def test_facilitator_adds_a_custom_task(phase1, fiona, mia):
    task = services.task_add(phase=phase1, by=fiona, title="Visit the cooperative", assignee=mia)
    assert task.title == "Visit the cooperative"
    assert task.order == 5
    assert task.assignee == mia
    with pytest.raises(PermissionDenied):
        services.task_add(phase=phase1, by=mia, title="Mine")
    with pytest.raises(ValidationError):
        services.task_add(phase=phase1, by=fiona, title="  ")


def test_comment_and_empty_comment(task, mia, cora):
    services.task_comment(task=task, by=mia, body="Done with MEIC")
    services.task_comment(task=task, by=cora, body="Thanks")
    assert task.comments.count() == 2
    with pytest.raises(ValidationError):
        services.task_comment(task=task, by=mia, body="   ")


def test_pdf_evidence_is_attached(task, mia):
    evidence = services.evidence_attach(task=task, by=mia, file=pdf())
    assert evidence.file.name.endswith(".pdf")
    assert evidence.uploaded_by == mia


def test_link_evidence_is_attached(task, mia):
    assert services.evidence_attach(task=task, by=mia, link="https://example.org/minutes").link


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("run.exe", b"MZ\x90\x00"), "are not accepted"),
        (SimpleUploadedFile("minutes.pdf", b"<html>not a pdf</html>"), "does not look like a .pdf file"),
        (SimpleUploadedFile("photo.png", b"%PDF-1.4"), "does not look like a .png file"),
        (SimpleUploadedFile("data.csv", b"a,b\x00c"), "does not look like a .csv file"),
    ],
)
def test_bad_evidence_is_refused_with_a_field_error(task, mia, upload, message):
    with pytest.raises(ValidationError) as error:
        services.evidence_attach(task=task, by=mia, file=upload)
    assert message in error.value.message_dict["file"][0]
    assert not task.evidence.exists()


def test_evidence_over_10_mb_is_refused(task, mia):
    big = pdf(size=10 * 1024 * 1024 + 1)
    with pytest.raises(ValidationError) as error:
        services.evidence_attach(task=task, by=mia, file=big)
    assert "the limit is 10.0" in error.value.message_dict["file"][0]


def test_people_of_are_facilitators_and_current_member_representatives(active, fiona, mia):
    UserFactory(email="outsider@example.org")
    assert set(methodology_selectors.people_of(active)) == {fiona, mia}


def test_current_phase_is_the_first_not_signed_off(active, fiona):
    phase1 = active.phases.get(number=1)
    complete(phase1)
    services.phase_sign_off(phase=phase1, by=fiona)
    phases = list(active.phases.with_progress())
    assert methodology_selectors.current_phase(phases).number == 2


def test_admin_copies_a_version_in_use_and_makes_the_copy_current(active):
    v1 = Methodology.objects.get(is_current=True)
    assert v1.in_use
    copy = services.methodology_copy(methodology=v1)
    assert copy.version == v1.version + 1
    assert not copy.in_use
    assert TaskTemplate.objects.filter(phase__methodology=copy).count() == 41
    assert copy.phases.get(number=8).title_es == "Código de prácticas y normas de calidad"
    services.methodology_make_current(methodology=copy)
    assert list(Methodology.objects.filter(is_current=True)) == [copy]


def test_admin_cannot_change_a_version_in_use(active, client, ada):
    client.force_login(ada)
    v1 = Methodology.objects.get(is_current=True)
    response = client.post(f"/admin/methodology/methodology/{v1.pk}/change/", {"name_en": "Changed"})
    assert response.status_code in (302, 403) or b"Changed" not in response.content
    v1.refresh_from_db()
    assert v1.name_en == "UNIDO consortium methodology"
    assert client.get("/admin/methodology/phasetemplate/").status_code == 200
