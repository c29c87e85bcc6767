"""What every browser journey does first."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from accounts.tests.factories import PASSWORD


def sign_in(page: Page, base: str, email: str) -> None:
    """Sign in through the login page, as a person would; lands on their home."""
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(f"{base}/")
