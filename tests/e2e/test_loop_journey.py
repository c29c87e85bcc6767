"""The monitoring loop end to end in real Chromium: a facilitator submits, the coordinator's bell
shows it, the coordinator reviews, and the facilitator's bell shows the decision with its comment."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from consortia.tests.factories import ConsortiumFactory
from monitoring.models import ProgressReport
from monitoring.services import open_due_periods
from monitoring.tests.conftest import COMPLETE
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_submit_notice_review_notice(reference_data, live_server, browser):
    base = live_server.url
    fernanda = UserFactory(email="fernanda@example.org", full_name="Fernanda Facilitadora")
    UserFactory(
        email="carla@example.org", full_name="Carla Coordinadora", is_coordinator=True, coordinator_countries=["CR"]
    )
    consortium = ConsortiumFactory(
        name="Delicia Artesanal", status="active", activated_on=dt.date(2025, 1, 15), members=3
    )
    consortium.facilitators.add(fernanda)
    open_due_periods(today=dt.date(2025, 2, 1))
    report = ProgressReport.objects.get(period__consortium=consortium, period__number=1)

    writer = browser.new_context().new_page()
    sign_in(writer, base, "fernanda@example.org")
    writer.goto(f"{base}/reports/{report.pk}/edit/")
    for code, value in COMPLETE.items():
        writer.fill(f"#id_value_{code}", value)
    writer.click("#submit-report")
    writer.wait_for_url(f"{base}/reports/{report.pk}/")

    reviewer = browser.new_context().new_page()
    sign_in(reviewer, base, "carla@example.org")
    expect(reviewer.locator("#unread-count")).to_have_text("1")
    reviewer.click("#bell")
    reviewer.click("text=Delicia Artesanal submitted report #1")
    expect(reviewer).to_have_url(f"{base}/reports/{report.pk}/")
    reviewer.check("input[name=decision][value=revision_requested]")
    reviewer.check("input[name=rating][value=needs_attention]")
    reviewer.fill("#id_comment", "Add the buyers you met at the fair.")
    reviewer.click("#send-review")
    expect(reviewer.locator(".report-status")).to_have_text("Revision requested")

    writer.goto(f"{base}/consortia/")
    expect(writer.locator("#unread-count")).to_have_text("1")
    writer.click("#bell")
    expect(writer.locator("main")).to_contain_text("Report #1 of Delicia Artesanal: Revision requested")
    expect(writer.locator("main")).to_contain_text("Add the buyers you met at the fair.")
