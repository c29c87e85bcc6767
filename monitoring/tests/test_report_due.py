"""The report's copy of its period's due date (ProgressReport.due) follows the period everywhere."""

from __future__ import annotations

import datetime
import logging
import threading
import time

import pytest
from django.db import connection, transaction

from consortia.models import Consortium
from core.testing import form_fields, run_together
from monitoring import services
from monitoring.models import ProgressReport, ReportingPeriod
from portal import selectors as home

FAR = datetime.date(2099, 1, 1)
pytestmark = pytest.mark.django_db


def fresh(report) -> ProgressReport:
    return ProgressReport.objects.select_related("period__consortium").get(pk=report.pk)


def wrong_dues() -> list[int]:
    return list(ProgressReport.objects.with_wrong_due().values_list("pk", flat=True))


def test_every_report_opened_by_the_period_rules_carries_its_periods_due_date(report):
    services.open_due_periods(today=FAR, consortia=Consortium.objects.filter(pk=report.period.consortium_id))
    reports = ProgressReport.objects.filter(period__consortium=report.period.consortium).select_related("period")
    assert len(reports) > 10
    assert all(r.due == r.period.due for r in reports)
    assert wrong_dues() == []


def test_a_report_created_on_its_own_takes_the_due_date_of_its_period(report):
    consortium = report.period.consortium
    period = ReportingPeriod.objects.create(
        consortium=consortium, number=9, start=FAR, end=FAR, due=FAR + datetime.timedelta(days=15)
    )
    assert ProgressReport.objects.create(period=period).due == FAR + datetime.timedelta(days=15)


def test_a_deadline_moved_on_the_period_moves_the_report_and_its_place_in_the_overdue_lists(report, cora):
    today = report.period.due + datetime.timedelta(days=3)
    assert [r.pk for r in home.coordinator_home(cora, today=today)["overdue"]] == [report.pk]

    period = report.period
    period.due = today + datetime.timedelta(days=30)  # the coordinator grants a month
    period.save()
    report.refresh_from_db()
    assert report.due == period.due
    assert home.coordinator_home(cora, today=today)["overdue"] == []

    ReportingPeriod.objects.filter(pk=period.pk).update(due=today - datetime.timedelta(days=1))
    report.refresh_from_db()
    assert report.due == today - datetime.timedelta(days=1)
    assert ProgressReport.objects.overdue(today).get() == report
    assert wrong_dues() == []


def test_an_admin_extending_a_deadline_moves_the_report_too(client, report, ada):
    client.force_login(ada)
    url = f"/admin/monitoring/reportingperiod/{report.period_id}/change/"
    data = form_fields(client.get(url).content.decode(), containing="due")
    data["due"] = "2099-12-31"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.due == datetime.date(2099, 12, 31)


def test_the_daily_job_puts_back_a_copy_that_drifted_and_says_so(report, caplog):
    ProgressReport.objects.filter(pk=report.pk).update(due=datetime.date(2000, 1, 1))
    assert wrong_dues() == [report.pk]
    with caplog.at_level(logging.WARNING, logger="monitoring.services"):
        services.figures_refresh_all()
    assert wrong_dues() == []
    assert f"[{report.pk}]" in caplog.text


def test_the_index_of_unsubmitted_reports_is_of_exactly_the_unsubmitted_statuses():
    index = next(i for i in ProgressReport._meta.indexes if i.name == "report_unsubmitted_due")
    assert set(dict(index.condition.children)["status__in"]) == set(ProgressReport.UNSUBMITTED)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's (set DATABASE_URL)")
def test_the_overdue_list_can_read_the_index_of_unsubmitted_reports(report):
    """Sequential scans are switched off: the test tables are too small to prefer an index."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = ProgressReport.objects.overdue(datetime.date(2099, 1, 1)).order_by("due", "pk")[:10].explain()
    assert "report_unsubmitted_due" in plan


def test_a_report_saved_whole_after_its_deadline_moved_keeps_the_new_deadline(report):
    stale = ProgressReport.objects.get(pk=report.pk)  # as the admin reads it before it saves
    period = report.period
    period.due = FAR
    period.save()
    stale.achievements = "Two fairs"
    stale.save()
    report.refresh_from_db()
    assert (report.due, report.achievements) == (FAR, "Two fairs")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks (CI sets DATABASE_URL)")
def test_a_deadline_moved_while_the_report_is_submitted_leaves_both(reference_data, report, fiona, complete_values):
    """The period's save holds its transaction open a moment, as a slow admin request would;
    the submission runs meanwhile. Neither may undo the other."""
    written = threading.Event()
    services.report_save(report=fresh(report), by=fiona, version=fresh(report).version, values=complete_values)

    def extend():
        with transaction.atomic():
            period = ReportingPeriod.objects.get(pk=report.period_id)
            period.due = FAR
            period.save()
            written.set()
            time.sleep(0.5)

    def submit():
        assert written.wait(timeout=10)
        return services.report_submit(report=fresh(report), by=fiona)

    results = run_together(extend, submit)
    assert not [r for r in results if isinstance(r, BaseException)], results
    report.refresh_from_db()
    assert (report.due, report.status) == (FAR, ProgressReport.Status.SUBMITTED)
    assert wrong_dues() == []
