"""A six-month report from draft to acceptance, in real Chromium, and the dashboard that shows it."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from consortia.tests.factories import ConsortiumFactory
from monitoring.models import ProgressReport
from monitoring.services import open_due_periods
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VALUES = {
    "export_sales": "30000",
    "export_markets": "2",
    "active_members": "8",
    "direct_jobs": "47",
    "direct_jobs_women": "29",
    "producers_integrated": "40",
    "fairs_missions": "1",
    "buyers_contacted": "12",
    "training_workshops": "3",
    "collective_mark": "0",
    "trust_score": "4",
}


def test_report_is_written_returned_resubmitted_accepted_and_counted(reference_data, live_server, browser):
    base = live_server.url
    facilitator = UserFactory(email="facilitator@example.org", full_name="Fernanda Facilitadora")
    UserFactory(email="coordinator@example.org", is_coordinator=True, coordinator_countries=["CR"])
    consortium = ConsortiumFactory(
        name="Delicia Artesanal", status="active", activated_on=dt.date(2025, 1, 15), members=3
    )
    consortium.facilitators.add(facilitator)
    open_due_periods(today=dt.date(2025, 2, 1))
    report = ProgressReport.objects.get(period__consortium=consortium, period__number=1)

    writer = browser.new_context().new_page()
    sign_in(writer, base, "facilitator@example.org")
    writer.goto(f"{base}/reports/{report.pk}/")
    writer.click("#edit-report")
    writer.fill("#id_achievements", "First joint fair in San José")
    for code, value in VALUES.items():
        writer.fill(f"#id_value_{code}", value)
    writer.fill("#id_value_trust_score", "9")  # a mistake: named, and nothing typed is lost
    writer.click("#submit-report")
    expect(writer.locator(".invalid-feedback")).to_contain_text("Member trust score (1–5)")
    expect(writer.locator("#id_achievements")).to_have_value("First joint fair in San José")
    writer.fill("#id_value_trust_score", "4")
    writer.click("#submit-report")
    expect(writer.locator(".report-status")).to_have_text("Submitted")

    reviewer = browser.new_context(accept_downloads=True).new_page()
    sign_in(reviewer, base, "coordinator@example.org")
    reviewer.goto(f"{base}/reports/{report.pk}/")
    reviewer.check("input[name=decision][value=revision_requested]")
    reviewer.check("input[name=rating][value=needs_attention]")
    reviewer.fill("#id_comment", "Add the buyers you met at the fair.")
    reviewer.click("#send-review")
    expect(reviewer.locator(".report-status")).to_have_text("Revision requested")

    writer.goto(f"{base}/reports/{report.pk}/")
    expect(writer.locator("#report-timeline")).to_contain_text("Add the buyers you met at the fair.")
    writer.click("#edit-report")
    writer.fill("#id_value_buyers_contacted", "21")
    writer.fill("#id_value_export_sales", "36000")
    writer.click("#submit-report")
    expect(writer.locator(".report-status")).to_have_text("Submitted")

    reviewer.goto(f"{base}/reports/{report.pk}/")
    reviewer.check("input[name=decision][value=accepted]")
    reviewer.check("input[name=rating][value=on_track]")
    reviewer.click("#send-review")
    expect(reviewer.locator(".report-status")).to_have_text("Accepted")
    timeline = reviewer.locator("#report-timeline li")
    expect(timeline).to_have_count(4)
    expect(timeline.nth(1)).to_contain_text("Revision requested")
    expect(timeline.nth(2)).to_contain_text("Resubmitted")
    expect(timeline.nth(3)).to_contain_text("Accepted")

    reviewer.goto(f"{base}/reports/dashboard/")
    expect(reviewer.locator("#fig-active")).to_have_text("1")
    expect(reviewer.locator("#fig-sales")).to_contain_text("36")
    expect(reviewer.locator("#fig-producers")).to_have_text("40")
    assert reviewer.evaluate("Chart.getChart('chart-sales').data.datasets[0].data") == [36000]

    reviewer.goto(f"{base}/reports/consortium/{consortium.pk}/")
    with reviewer.expect_download() as download_info:
        reviewer.click("#tracking-xlsx")
    path = download_info.value.path()
    rows = list(load_workbook(io.BytesIO(Path(path).read_bytes())).active.iter_rows(values_only=True))
    # One row per indicator and period: code, name, …, period number, …, actual in column 11.
    sales = next(row for row in rows if row[0] == "export_sales" and row[4] == 1)
    buyers = next(row for row in rows if row[0] == "buyers_contacted" and row[4] == 1)
    assert (sales[1], sales[10], buyers[10]) == ("Export sales (USD)", 36000, 21)
