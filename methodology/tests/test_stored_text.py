"""Stored text is in no one's language: the feed and the report snapshot render for the viewer (#11 F)."""

from __future__ import annotations

import pytest

from core.testing import signed_in
from methodology import services
from methodology.models import Activity, Task
from monitoring import services as monitoring_services
from monitoring.models import ProgressReport
from monitoring.tests.conftest import COMPLETE

pytestmark = pytest.mark.django_db


def _spanish(user):
    user.preferred_language = "es"
    user.save(update_fields=["preferred_language"])
    return user


def test_the_feed_stores_codes_and_renders_them_in_the_viewers_language(client, active, fiona, mia, cora):
    task = Task.objects.filter(phase__consortium=active, phase__number=2).order_by("order").first()
    services.task_update(task=task, by=fiona, version=task.version, status="in_progress", due_date=None, notes="x")
    entry = Activity.objects.filter(task=task).latest("created_at")
    assert entry.changes == {"status": "in_progress", "notes": True}
    page = signed_in(client, _spanish(cora)).get(f"/consortia/{active.pk}/methodology/").content.decode()
    assert "estado: En curso" in page
    assert "hace" in page
    english = signed_in(client, mia).get(f"/consortia/{active.pk}/methodology/").content.decode()
    assert "status: In progress" in english
    assert " ago" in english


def test_the_report_snapshot_stores_numbers_and_shows_titles_in_the_readers_language(client, active, fiona, cora):
    monitoring_services.open_due_periods(consortia=type(active).objects.filter(pk=active.pk))
    report = ProgressReport.objects.get(period__consortium=active, period__number=1)
    monitoring_services.report_save(report=report, by=fiona, version=report.version, values=COMPLETE)
    monitoring_services.report_submit(report=report, by=fiona)
    report.refresh_from_db()
    assert set(report.phase_snapshot[0]) == {"number", "progress", "signed_off"}
    page = signed_in(client, _spanish(cora)).get(f"/reports/{report.pk}/").content.decode()
    title_es = active.phases.get(number=1).template.title_es
    assert f"1. {title_es}" in page
