from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing import api
from methodology.models import Task

pytestmark = pytest.mark.django_db


def test_phases_come_with_progress(active, mia):
    active.phases.get(number=1).tasks.filter(order=1).update(status="done")
    phases = api(mia).get(f"/api/v1/consortia/{active.pk}/phases/").json()
    assert [p["number"] for p in phases] == list(range(1, 11))
    assert phases[0]["progress"] == 25
    assert phases[0]["title"] == "Identification and pre-selection"


def test_patch_with_the_version_read_succeeds(task, mia):
    response = api(mia).patch(f"/api/v1/tasks/{task.pk}/", {"status": "done", "version": task.version}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "done"
    assert response.json()["version"] == task.version + 1


def test_stale_patch_is_409_with_the_current_task_and_changes_nothing(task, mia, fiona):
    api(fiona).patch(f"/api/v1/tasks/{task.pk}/", {"notes": "Fiona", "version": task.version}, format="json")
    response = api(mia).patch(f"/api/v1/tasks/{task.pk}/", {"notes": "Mia", "version": task.version}, format="json")
    assert response.status_code == 409
    assert response.json()["current"]["notes"] == "Fiona"
    assert Task.objects.get(pk=task.pk).notes == "Fiona"


def test_patch_without_version_is_400(task, mia):
    response = api(mia).patch(f"/api/v1/tasks/{task.pk}/", {"status": "done"}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()


@pytest.mark.parametrize(("field", "value"), [("status", "finished"), ("due_date", "soon"), ("assignee", 999999)])
def test_bad_values_are_400_naming_the_field(task, mia, field, value):
    response = api(mia).patch(f"/api/v1/tasks/{task.pk}/", {field: value, "version": task.version}, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_coordinator_may_read_but_not_patch(task, cora):
    assert api(cora).get(f"/api/v1/tasks/{task.pk}/").status_code == 200
    response = api(cora).patch(f"/api/v1/tasks/{task.pk}/", {"status": "done", "version": task.version}, format="json")
    assert response.status_code == 403


def test_filters_assignee_me_status_and_overdue(active, mia):
    task = active.phases.get(number=1).tasks.first()
    Task.objects.filter(pk=task.pk).update(assignee=mia, due_date="2020-01-01")
    client = api(mia)
    assert [t["id"] for t in client.get("/api/v1/tasks/?assignee=me").json()["results"]] == [task.pk]
    assert [t["id"] for t in client.get("/api/v1/tasks/?overdue=true").json()["results"]] == [task.pk]
    assert client.get(f"/api/v1/tasks/?consortium={active.pk}&status=done").json()["count"] == 0
    assert client.get("/api/v1/tasks/?status=nope").status_code == 400


def test_comments_and_evidence_endpoints(task, mia):
    client = api(mia)
    assert client.post(f"/api/v1/tasks/{task.pk}/comments/", {"body": "Hello"}, format="json").status_code == 201
    assert client.get(f"/api/v1/tasks/{task.pk}/comments/").json()[0]["body"] == "Hello"
    pdf = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    assert client.post(f"/api/v1/tasks/{task.pk}/evidence/", {"file": pdf}, format="multipart").status_code == 201
    bad = SimpleUploadedFile("minutes.pdf", b"not a pdf")
    response = client.post(f"/api/v1/tasks/{task.pk}/evidence/", {"file": bad}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()


def test_sign_off_and_reopen_through_the_api(phase1, fiona, cora, active):
    url = f"/api/v1/consortia/{active.pk}/phases/{phase1.pk}/"
    response = api(fiona).post(url + "sign-off/")
    assert response.status_code == 400
    assert "These required tasks are still open" in str(response.json())
    phase1.tasks.update(status="done")
    response = api(fiona).post(url + "sign-off/")
    assert response.status_code == 400
    assert "need their evidence attached" in str(response.json())
    for task in phase1.tasks.filter(needs_evidence=True):
        task.evidence.create(link="https://example.org/minutes", name="Minutes", uploaded_by=fiona)
    assert api(fiona).post(url + "sign-off/").json()["signed_off_by"] == "fiona@example.org"
    assert api(fiona).post(url + "reopen/", {"comment": "x"}).status_code == 403
    assert api(cora).post(url + "reopen/", {"comment": ""}).status_code == 400
    assert api(cora).post(url + "reopen/", {"comment": "Missing study"}).json()["signed_off_at"] is None
