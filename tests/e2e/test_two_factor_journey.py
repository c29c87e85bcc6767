"""A coordinator turns on two-factor sign-in on a phone, in Chromium: scans (types) the key,
keeps the recovery codes, and later signs in with one of them. The pages pass axe and the CSP."""

from __future__ import annotations

import base64
import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, UserFactory
from tests.e2e.test_accessibility import CSP_WATCH, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_from(key_text: str) -> str:
    key = key_text.replace(" ", "")
    return f"{totp(base64.b32decode(key + '=' * (-len(key) % 8))):06d}"


def test_a_coordinator_sets_up_two_factor_on_a_phone_and_signs_in_with_a_recovery_code(
    reference_data, live_server, browser, settings
):
    settings.TWO_FACTOR_REQUIRED = True
    UserFactory(email="cora@example.org", full_name="Cora Coordinator", is_coordinator=True, preferred_language="es")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    base = live_server.url

    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "cora@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/setup/"))
    expect(page.locator("h1")).to_have_text("Configurar el inicio de sesión en dos pasos")
    expect(page.get_by_role("img", name=re.compile("QR"))).to_be_visible()
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0

    page.fill("#id_code", code_from(page.locator("#two-factor-secret").inner_text()))
    page.click("main form button[type=submit]")
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name=re.compile("continuar", re.IGNORECASE)).click()
    expect(page).to_have_url(f"{base}/")

    assert page.evaluate("window.__csp") == []
    context.close()

    # Later, on another computer, without the phone: a recovery code.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "cora@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/verify/"))
    page.fill("#id_code", codes[0])
    page.click("main form button[type=submit]")
    expect(page).to_have_url(f"{base}/")
    expect(page.locator("main .alert-warning")).to_contain_text("9")
    assert page.evaluate("window.__csp") == []
    context.close()
