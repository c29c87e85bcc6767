"""A candidate consortium from registration to approval, in real Chromium, in English and Spanish."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from consortia.models import Consortium
from members.models import Enterprise, Sector
from members.tests.factories import EnterpriseFactory, InstitutionFactory
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {"active": "Active", "returned": "Returned with comments", "approved": "Approved"},
    "es": {"active": "Activo", "returned": "Devuelto con comentarios", "approved": "Aprobado"},
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_candidate_is_registered_returned_fixed_and_approved(reference_data, live_server, browser, lang):
    base = live_server.url
    meic = InstitutionFactory(name="MEIC", acronym="MEIC", country="CR")
    UserFactory(email="official@example.org", full_name="Olga Official", institution=meic, preferred_language=lang)
    UserFactory(
        email="coordinator@example.org",
        full_name="Cora Coordinator",
        is_coordinator=True,
        coordinator_countries=["CR"],
        preferred_language=lang,
    )
    sector = Sector.objects.get(code="food-beverages")
    EnterpriseFactory(name="Repostería La Abuela", country="CR", sector=sector)
    EnterpriseFactory(name="Conservas Tierra Tica", country="CR", sector=sector)
    official = browser.new_context().new_page()
    coordinator = browser.new_context().new_page()

    # The official registers an enterprise.
    sign_in(official, base, "official@example.org")
    expect(official.locator("html")).to_have_attribute("lang", lang)
    official.goto(f"{base}/enterprises/new/")
    official.fill("#id_name", "Delicias de Doña Ana")
    official.select_option("#id_sector", str(sector.pk))
    official.fill("#id_employees", "6")
    official.click("main form button[type=submit]")
    expect(official.locator("h1")).to_contain_text("Delicias de Doña Ana")
    assert Enterprise.objects.get(name="Delicias de Doña Ana").country == "CR"

    # … a candidate consortium with three members, and submits it.
    official.goto(f"{base}/consortia/new/")
    official.fill("#id_name", "Delicia Artesanal")
    official.select_option("#id_kind", "export")
    official.select_option("#id_function", "promotional")
    official.select_option("#id_sectors", [str(sector.pk)])
    official.fill("#id_products", "Tamales")
    official.click("main form button[type=submit]")
    expect(official.locator("h1")).to_contain_text("Delicia Artesanal")
    consortium = Consortium.objects.get(name="Delicia Artesanal")
    for name in ["Delicias de Doña Ana", "Repostería La Abuela", "Conservas Tierra Tica"]:
        official.goto(f"{base}/consortia/{consortium.pk}/members/add/")
        official.select_option("#id_enterprise", label=name)
        official.click("main form button[type=submit]:not([name])")
    expect(official.locator("#members tbody tr")).to_have_count(3)
    official.click("[data-action=submit]")
    official.click("#confirm")
    expect(official.locator("h1 .status-badge")).to_have_class("badge status-badge submitted")

    # The coordinator finds it in the review queue and returns it with a comment.
    sign_in(coordinator, base, "coordinator@example.org")
    coordinator.goto(f"{base}/consortia/review/")
    coordinator.click("text=Delicia Artesanal")
    coordinator.click("[data-action=return]")
    coordinator.click("#confirm")  # no comment: the form says it is required
    expect(coordinator.locator(".invalid-feedback")).to_be_visible()
    coordinator.fill("#id_comment", "Describe all the products, not only tamales.")
    coordinator.click("#confirm")
    expect(coordinator.locator("h1 .status-badge")).to_have_class("badge status-badge draft")

    # The official sees the comment, fixes the draft and resubmits.
    official.reload()
    expect(official.locator("#returned-comment")).to_contain_text("Describe all the products, not only tamales.")
    official.goto(f"{base}/consortia/{consortium.pk}/edit/")
    official.fill("#id_products", "Tamales, biscuits, jams, bread, cheese, chocolate and honey")
    official.click("main form button[type=submit]")
    official.click("[data-action=submit]")
    official.click("#confirm")
    expect(official.locator("h1 .status-badge")).to_have_class("badge status-badge submitted")

    # The coordinator approves; everyone sees it active with the whole timeline.
    coordinator.goto(f"{base}/consortia/{consortium.pk}/")
    coordinator.click("[data-action=approve]")
    coordinator.fill("#id_comment", "Welcome to the programme.")
    coordinator.click("#confirm")
    official.reload()
    expect(official.locator("h1 .status-badge")).to_have_text(WORDS[lang]["active"])
    timeline = official.locator("#timeline li")
    expect(timeline).to_have_count(5)
    expect(timeline.nth(2)).to_contain_text(WORDS[lang]["returned"])
    expect(timeline.nth(4)).to_contain_text(WORDS[lang]["approved"])
    expect(timeline.nth(4)).to_contain_text("Welcome to the programme.")
    consortium.refresh_from_db()
    assert consortium.status == Consortium.Status.ACTIVE
    assert list(consortium.transitions.values_list("action", flat=True)) == [
        "create",
        "submit",
        "return",
        "submit",
        "approve",
    ]
