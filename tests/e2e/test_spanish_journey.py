"""A Spanish-speaking facilitator in real Chromium: a task note keeps its due date, "34.500" is
thirty-four thousand five hundred, and a refused submit saves nothing (no false conflict after it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from consortia.tests.factories import ConsortiumFactory
from methodology.models import Task
from methodology.services import instantiate_methodology
from monitoring.models import ProgressReport
from monitoring.services import open_due_periods
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REST = {
    "export_markets": "2",
    "active_members": "8",
    "direct_jobs": "1.372",
    "direct_jobs_women": "900",
    "producers_integrated": "40",
    "fairs_missions": "1",
    "buyers_contacted": "12",
    "training_workshops": "3",
    "collective_mark": "0",
    "trust_score": "4",
}


def test_a_spanish_facilitator_keeps_dates_and_figures_and_resubmits_without_a_false_conflict(
    reference_data, live_server, browser
):
    base = live_server.url
    fernanda = UserFactory(email="fernanda@example.org", full_name="Fernanda Facilitadora", preferred_language="es")
    UserFactory(email="carla@example.org", is_coordinator=True, coordinator_countries=["CR"])
    consortium = ConsortiumFactory(
        name="Delicia Artesanal", status="active", activated_on=dt.date(2025, 1, 15), members=3
    )
    consortium.facilitators.add(fernanda)
    instantiate_methodology(consortium=consortium)
    task = Task.objects.filter(phase__consortium=consortium, phase__number=1).order_by("order").first()
    Task.objects.filter(pk=task.pk).update(due_date=dt.date(2027, 3, 15))
    open_due_periods(today=dt.date(2025, 2, 1))
    report = ProgressReport.objects.get(period__consortium=consortium, period__number=1)

    page = browser.new_context(locale="es-ES").new_page()
    sign_in(page, base, "fernanda@example.org")

    # A note saved from the checklist row: the due date stays.
    page.goto(f"{base}/consortia/{consortium.pk}/methodology/")
    page.click(f"#task-{task.pk} .task-edit")
    expect(page.locator(f"#task{task.pk}-due_date")).to_have_value("2027-03-15")
    page.fill(f"#task{task.pk}-notes", "Llamar al MEIC el martes")
    page.locator(f"#task-{task.pk} button[type=submit]").click()
    expect(page.locator(f"#task-{task.pk}")).to_have_attribute("data-version", str(task.version + 1))
    expect(page.locator(f"#task-{task.pk} .saved")).to_have_text("Guardado")
    task.refresh_from_db()
    assert (task.notes, task.due_date) == ("Llamar al MEIC el martes", dt.date(2027, 3, 15))

    # "34.500" typed in Spanish is 34,500 and is shown back as 34.500.
    page.goto(f"{base}/reports/{report.pk}/edit/")
    page.fill("#id_achievements", "Primera feria conjunta en San José")
    page.fill("#id_value_export_sales", "34.500")
    page.click("#save-draft")
    page.goto(f"{base}/reports/{report.pk}/edit/")
    expect(page.locator("#id_value_export_sales")).to_have_value("34.500")
    assert report.values.get(indicator__code="export_sales").value == Decimal("34500")

    # Submit with values missing: refused, and nothing of it saved.
    page.fill("#id_achievements", "Dos ferias conjuntas")
    page.click("#submit-report")
    expect(page.locator(".alert-danger").first).to_be_visible()
    report.refresh_from_db()
    assert (report.status, report.achievements) == ("draft", "Primera feria conjunta en San José")
    # The same page, completed, then submits: no "someone saved this report after you".
    for code, value in REST.items():
        page.fill(f"#id_value_{code}", value)
    page.click("#submit-report")
    page.wait_for_url(f"{base}/reports/{report.pk}/")
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.achievements == "Dos ferias conjuntas"
    assert report.values.get(indicator__code="direct_jobs").value == Decimal("1372")

    # Returned by the coordinator, fixed and submitted again from the page: no false conflict.
    reviewer = browser.new_context().new_page()
    sign_in(reviewer, base, "carla@example.org")
    reviewer.goto(f"{base}/reports/{report.pk}/")
    reviewer.check("input[name=decision][value=revision_requested]")
    reviewer.check("input[name=rating][value=needs_attention]")
    reviewer.fill("#id_comment", "Add the buyers you met at the fair.")
    reviewer.click("#send-review")
    expect(reviewer.locator(".report-status")).to_be_visible()

    page.goto(f"{base}/reports/{report.pk}/edit/")
    page.fill("#id_value_buyers_contacted", "21")
    page.click("#submit-report")
    page.wait_for_url(f"{base}/reports/{report.pk}/")
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.values.get(indicator__code="buyers_contacted").value == 21
