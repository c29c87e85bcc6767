"""A Spanish-speaking facilitator on a phone sets a period's target and sees % met on the tracking table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from consortia.tests.factories import ConsortiumFactory
from monitoring.models import Baseline, Indicator, IndicatorTarget, IndicatorValue, ProgressReport
from monitoring.services import open_due_periods
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_facilitator_sets_targets_on_a_phone_and_reads_percent_met(reference_data, live_server, browser):
    base = live_server.url
    fernanda = UserFactory(email="fernanda@example.org", full_name="Fernanda Facilitadora", preferred_language="es")
    consortium = ConsortiumFactory(name="Delicia Artesanal", status="active", activated_on=dt.date(2025, 1, 15))
    consortium.facilitators.add(fernanda)
    open_due_periods(today=dt.date(2025, 2, 1))
    report = ProgressReport.objects.get(period__consortium=consortium, period__number=1)
    ProgressReport.objects.filter(pk=report.pk).update(status="accepted")
    sales = Indicator.objects.get(code="export_sales")
    IndicatorValue.objects.create(report=report, indicator=sales, value=30000)

    page = browser.new_context(locale="es-ES", viewport={"width": 390, "height": 844}).new_page()
    sign_in(page, base, "fernanda@example.org")
    page.goto(f"{base}/reports/consortium/{consortium.pk}/")
    page.locator("#indicator-export_sales").get_by_role("link", name="Fijar metas").click()
    page.get_by_label("Línea de base", exact=True).fill("24.000")
    page.get_by_label("Medida el").fill("2025-01-15")
    page.get_by_label("Meta para todo el plan").fill("200.000")
    page.get_by_label("A cumplir para el").fill("2027-01-14")
    page.get_by_label("Período 1", exact=True).fill("40.000")
    page.get_by_label("Período 3", exact=True).fill("45.000,5")
    page.get_by_role("button", name="Guardar").click()

    row = page.locator('#indicator-export_sales tr[data-period="1"]')
    expect(row.locator(".target")).to_have_text("40.000")
    expect(row.locator(".actual")).to_have_text("30.000")
    expect(row.locator(".percent")).to_have_text("75,0 %")
    expect(page.locator('#indicator-export_sales tr[data-period="3"] .target')).to_have_text("45.000,50")
    expect(page.locator("#indicator-export_sales tr.plan .percent")).to_have_text("15,0 %")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    assert IndicatorTarget.objects.get(period=3).target == Decimal("45000.50")
    assert Baseline.objects.get().measured_on == dt.date(2025, 1, 15)
