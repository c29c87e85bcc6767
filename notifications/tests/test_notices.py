from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from consortia import services as consortium_services
from methodology import services as methodology_services
from methodology.tests.helpers import complete
from notifications.models import Notification
from notifications.services import notify

pytestmark = pytest.mark.django_db


def kinds_for(user):
    return list(Notification.objects.for_user(user).values_list("kind", flat=True))


def test_a_notice_is_created_once_per_key(mia):
    for _ in range(3):
        notify(recipient=mia, kind="digest", dedup_key="digest:2026-47:mia", subject="Digest", body="Body")
    assert Notification.objects.filter(dedup_key="digest:2026-47:mia").count() == 1


def test_submission_tells_the_coordinators_in_scope_once_committed(
    candidate, olga, cora, pierre, ada, django_capture_on_commit_callbacks
):
    from accounts.tests.factories import UserFactory

    everywhere = UserFactory(email="all@example.org", is_coordinator=True)
    with django_capture_on_commit_callbacks(execute=True):
        consortium_services.consortium_submit(consortium=candidate, by=olga)
    assert kinds_for(cora) == ["candidate_submitted"]
    assert kinds_for(everywhere) == ["candidate_submitted"]
    assert kinds_for(pierre) == []
    assert kinds_for(ada) == []
    notice = Notification.objects.get(recipient=cora)
    assert notice.url == f"/consortia/{candidate.pk}/"
    assert "Delicia Test" in notice.subject


def test_nothing_is_sent_for_a_refused_change(candidate, olga, cora, django_capture_on_commit_callbacks):
    candidate.memberships.all().delete()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        consortium_services.consortium_submit(consortium=candidate, by=olga)
    assert not Notification.objects.exists()


def test_decision_reaches_the_official_and_facilitators_in_their_language(
    candidate, olga, fiona, cora, django_capture_on_commit_callbacks
):
    fiona.preferred_language = "es"
    fiona.save()
    consortium_services.consortium_submit(consortium=candidate, by=olga)
    with django_capture_on_commit_callbacks(execute=True):
        consortium_services.consortium_return(consortium=candidate, by=cora, comment="Add markets")
    assert kinds_for(olga) == ["candidate_decided"]
    assert kinds_for(fiona) == ["candidate_decided"]
    assert Notification.objects.get(recipient=fiona).subject == "Delicia Test: Devuelto con comentarios"
    assert Notification.objects.get(recipient=olga).body == "Add markets"


def test_task_assignment_and_phase_sign_off_notices(
    candidate, olga, cora, fiona, mia, django_capture_on_commit_callbacks
):
    consortium_services.consortium_submit(consortium=candidate, by=olga)
    consortium_services.consortium_approve(consortium=candidate, by=cora)
    phase = candidate.phases.get(number=1)
    task = phase.tasks.first()
    with django_capture_on_commit_callbacks(execute=True):
        methodology_services.task_update(task=task, by=fiona, version=task.version, assignee=mia)
    assert kinds_for(mia) == ["task_assigned"]
    complete(phase)
    with django_capture_on_commit_callbacks(execute=True):
        methodology_services.phase_sign_off(phase=phase, by=fiona)
    assert sorted(kinds_for(mia)) == ["phase_signed_off", "task_assigned"]


def test_inbox_shows_only_my_notices_and_marks_them_read(client, mia, fiona):
    mine = notify(recipient=mia, kind="digest", dedup_key="a", subject="For Mia", body="x", url="/tasks/mine/")
    theirs = notify(recipient=fiona, kind="digest", dedup_key="b", subject="For Fiona", body="y")
    client.force_login(mia)
    page = client.get("/notifications/").content.decode()
    assert "For Mia" in page
    assert "For Fiona" not in page
    assert 'id="unread-count">1<' in page
    assert client.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    response = client.post(f"/notifications/{mine.pk}/read/")
    assert response["Location"] == "/tasks/mine/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert 'id="unread-count"' not in client.get("/notifications/").content.decode()


def test_mark_all_read(client, mia):
    for key in "xyz":
        notify(recipient=mia, kind="digest", dedup_key=key, subject=key, body=key)
    client.force_login(mia)
    client.post("/notifications/read-all/")
    assert not Notification.objects.for_user(mia).unread().exists()


def test_api_lists_and_reads_only_my_notices(mia, fiona):
    mine = notify(recipient=mia, kind="digest", dedup_key="a", subject="For Mia", body="x")
    theirs = notify(recipient=fiona, kind="digest", dedup_key="b", subject="For Fiona", body="y")
    api = APIClient()
    api.force_authenticate(mia)
    assert [n["subject"] for n in api.get("/api/v1/notifications/").json()["results"]] == ["For Mia"]
    assert api.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    assert api.post(f"/api/v1/notifications/{mine.pk}/read/").json()["read_at"] is not None
    assert api.get("/api/v1/notifications/?unread=true").json()["count"] == 0
