"""The kept figures (ConsortiumFigures) never disagree with the reports they are read from."""

from __future__ import annotations

import datetime
import logging
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, transaction

from consortia.models import Consortium
from core.testing import form_fields, run_together
from monitoring import dashboard, services
from monitoring.models import ConsortiumFigures, ExportSalesCell, ProgressReport
from monitoring.selectors import figures_disagreeing, sales_cells_disagreeing
from monitoring.tests.conftest import COMPLETE

FAR = datetime.date(2099, 1, 1)


def kept(consortium) -> tuple:
    row = ConsortiumFigures.objects.filter(consortium=consortium).first()
    return (row.export_sales, row.producers, row.rating) if row else (None, None, "")


def fresh(report) -> ProgressReport:
    return ProgressReport.objects.select_related("period__consortium").get(pk=report.pk)


def fill(report, by, **values) -> None:
    services.report_save(report=fresh(report), by=by, version=fresh(report).version, values={**COMPLETE, **values})


@pytest.mark.django_db
def test_they_follow_every_step_of_the_report_workflow(report, fiona, cora):
    consortium = report.period.consortium
    services.open_due_periods(today=FAR, consortia=Consortium.objects.filter(pk=consortium.pk))
    second = ProgressReport.objects.get(period__consortium=consortium, period__number=2)

    def check(expected):
        assert kept(consortium) == expected
        assert figures_disagreeing(Consortium.objects.all()) == []

    check((None, None, ""))
    fill(report, fiona, export_sales="60000", producers_integrated="40")
    check((None, None, ""))  # a draft is not reported
    services.report_submit(report=fresh(report), by=fiona)
    check((Decimal(60000), Decimal(40), ""))
    services.report_review(
        report=fresh(report), by=cora, decision="revision_requested", rating="needs_attention", comment="Buyers?"
    )
    check((None, None, "needs_attention"))  # returned: its figures no longer count
    fill(report, fiona, export_sales="65000")
    services.report_submit(report=fresh(report), by=fiona)
    services.report_review(report=fresh(report), by=cora, decision="accepted", rating="on_track")
    check((Decimal(65000), Decimal(40), "on_track"))

    fill(second, fiona, export_sales="70000", producers_integrated="44")
    services.report_submit(report=fresh(second), by=fiona)
    check((Decimal(70000), Decimal(44), "on_track"))  # the latest report counts; the older rating stands
    services.report_review(report=fresh(second), by=cora, decision="accepted", rating="at_risk")
    check((Decimal(70000), Decimal(44), "at_risk"))

    summary = dashboard.summary(cora, today=FAR)
    assert summary["export_sales_last_period"] == Decimal(70000)
    assert summary["producers_integrated"] == Decimal(44)
    assert [c.pk for c in summary["consortia_at_risk"]] == [consortium.pk]


@pytest.mark.django_db
def test_the_daily_job_puts_back_a_row_that_drifted_and_says_so(report, fiona, caplog):
    fill(report, fiona, export_sales="60000")
    services.report_submit(report=fresh(report), by=fiona)
    consortium = report.period.consortium
    ConsortiumFigures.objects.filter(consortium=consortium).update(export_sales=1, rating="at_risk")
    assert figures_disagreeing(Consortium.objects.all()) == [consortium.pk]
    with caplog.at_level(logging.WARNING, logger="monitoring.services"):
        services.figures_refresh_all()
    assert kept(consortium) == (Decimal(60000), Decimal(40), "")
    assert str(consortium.pk) in caplog.text
    assert figures_disagreeing(Consortium.objects.all()) == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks (CI sets DATABASE_URL)")
@pytest.mark.parametrize("first", ["review", "submission"])
def test_a_review_and_a_submission_of_one_consortium_at_once_leave_them_right(
    reference_data, report, fiona, cora, first
):
    """``first`` writes, then holds its transaction open a moment, as a slow request would; the
    other starts meanwhile. It must wait and read what the first committed, not what stood before."""
    consortium = report.period.consortium
    services.open_due_periods(today=FAR, consortia=Consortium.objects.filter(pk=consortium.pk))
    second = ProgressReport.objects.get(period__consortium=consortium, period__number=2)
    fill(report, fiona, export_sales="1000")
    services.report_submit(report=fresh(report), by=fiona)
    fill(second, fiona, export_sales="2000")
    written = threading.Event()

    def review():
        return services.report_review(report=fresh(report), by=cora, decision="accepted", rating="at_risk")

    def submission():
        return services.report_submit(report=fresh(second), by=fiona)

    def slowly(write):
        with transaction.atomic():
            write()
            written.set()
            time.sleep(0.5)

    def meanwhile(write):
        assert written.wait(timeout=10)
        write()

    writes = {"review": review, "submission": submission}
    other = "submission" if first == "review" else "review"
    results = run_together(lambda: slowly(writes[first]), lambda: meanwhile(writes[other]))
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert kept(consortium) == (Decimal(2000), Decimal(40), "at_risk")
    assert figures_disagreeing(Consortium.objects.all()) == []


@pytest.mark.django_db
def test_an_admin_edit_of_a_rating_or_a_value_keeps_them_too(client, report, fiona, ada):
    fill(report, fiona, export_sales="60000")
    services.report_submit(report=fresh(report), by=fiona)
    client.force_login(ada)
    url = f"/admin/monitoring/progressreport/{report.pk}/change/"
    data = form_fields(client.get(url).content.decode(), containing="rating")
    data["rating"] = "at_risk"
    sales = next(k for k, v in data.items() if k.endswith("-value") and str(v).startswith("60000"))
    data[sales] = "61000"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert kept(report.period.consortium) == (Decimal(61000), Decimal(40), "at_risk")
    assert figures_disagreeing(Consortium.objects.all()) == []
    assert sales_cells_disagreeing() == []
    assert ExportSalesCell.objects.get().total == Decimal(61000)
