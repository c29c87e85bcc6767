"""The monitoring loop has people at both ends (issue #11 A, B, E): reporters, notices, evidence."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from consortia import services as consortium_services
from consortia.models import Consortium
from consortia.tests.factories import ConsortiumFactory
from core.testing import api, signed_in
from methodology.models import Task
from monitoring import services
from monitoring.tests.conftest import COMPLETE
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_approval_needs_someone_who_will_report(cora, olga, meic):
    nobody = ConsortiumFactory(status=Consortium.Status.SUBMITTED, members=3, sponsor=None)
    with pytest.raises(ValidationError) as error:
        consortium_services.consortium_approve(consortium=nobody, by=cora)
    assert "name a facilitator, or a sponsoring institution with an active official" in str(error.value)
    assert Consortium.objects.get(pk=nobody.pk).status == Consortium.Status.SUBMITTED
    sponsored = ConsortiumFactory(status=Consortium.Status.SUBMITTED, members=3, sponsor=meic)  # olga is MEIC's
    consortium_services.consortium_approve(consortium=sponsored, by=cora)
    assert Consortium.objects.get(pk=sponsored.pk).status == Consortium.Status.ACTIVE


def test_the_api_lists_who_reports(candidate, olga, fiona, django_assert_max_num_queries):
    data = api(olga).get(f"/api/v1/consortia/{candidate.pk}/").json()
    assert data["reporters"] == ["fiona@example.org", "olga@example.org"]
    for _ in range(10):
        ConsortiumFactory(created_by=olga, sponsor=candidate.sponsor, members=1)
    with django_assert_max_num_queries(12):
        listed = api(olga).get("/api/v1/consortia/").json()["results"]
    assert all(row["reporters"] for row in listed)


def test_reminders_reach_the_sponsors_officials_too(report, olga, fiona):
    from monitoring.reminders import send_report_reminders

    due = report.period.due
    created = send_report_reminders(today=due - datetime.timedelta(days=14))
    recipients = set(Notification.objects.filter(kind="report_reminder").values_list("recipient__email", flat=True))
    assert recipients == {"olga@example.org", "fiona@example.org"}
    assert created == 2


def test_a_submitted_report_tells_the_coordinators_and_a_review_tells_the_reporters(
    report, fiona, olga, cora, pierre, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.report_save(report=report, by=fiona, version=report.version, values=COMPLETE)
        services.report_submit(report=report, by=fiona)
    submitted = Notification.objects.filter(kind="report_submitted")
    assert list(submitted.values_list("recipient__email", flat=True)) == ["cora@example.org"]
    assert "submitted report #1" in submitted.get().subject
    with django_capture_on_commit_callbacks(execute=True):
        services.report_review(
            report=report, by=cora, decision="revision_requested", rating="needs_attention", comment="Add buyers."
        )
    reviewed = Notification.objects.filter(kind="report_reviewed")
    assert set(reviewed.values_list("recipient__email", flat=True)) == {"fiona@example.org", "olga@example.org"}
    assert reviewed.first().body == "Add buyers."
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(report=report, by=olga)
    assert "resubmitted report #1" in Notification.objects.filter(kind="report_submitted").first().subject


def _needing_evidence(active):
    return Task.objects.filter(phase__consortium=active, needs_evidence=True).order_by("phase__number", "order").first()


def test_a_task_that_needs_evidence_is_done_only_with_it(active, mia):
    task = _needing_evidence(active)
    response = api(mia).patch(f"/api/v1/tasks/{task.pk}/", {"status": "done", "version": task.version}, format="json")
    assert response.status_code == 400
    assert "evidence" in response.json()
    assert Task.objects.get(pk=task.pk).status == "todo"
    task.evidence.create(link="https://example.org/minutes", name="Minutes", uploaded_by=mia)
    response = api(mia).patch(f"/api/v1/tasks/{task.pk}/", {"status": "done", "version": task.version}, format="json")
    assert response.status_code == 200


def test_the_checklist_row_says_why_a_task_cannot_be_done_yet(client, active, mia):
    task = _needing_evidence(active)
    response = signed_in(client, mia).post(
        f"/tasks/{task.pk}/update/",
        {"status": "done", "notes": "", "version": task.version},
        HTTP_HX_REQUEST="true",
    )
    assert "This task needs evidence" in response.content.decode()
    assert Task.objects.get(pk=task.pk).status == "todo"
