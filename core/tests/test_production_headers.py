"""What every response tells the browser (CSP, Permissions-Policy), and who the API's
browsable pages and docs are for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def test_pages_carry_a_strict_content_security_policy(client, olga):
    client.force_login(olga)
    policy = directives(client.get("/consortia/"))
    assert policy["script-src"] == "script-src 'self'"  # no inline script, no eval
    assert policy["style-src"] == "style-src 'self'"  # no <style> element
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["object-src"] == "object-src 'none'"
    assert "unsafe-inline" not in policy["default-src"]


def test_the_sign_in_page_and_the_api_carry_it_too(client):
    assert "script-src 'self'" in client.get("/accounts/login/")["Content-Security-Policy"]
    assert "Content-Security-Policy" in client.get("/api/v1/consortia/")


def test_no_template_has_an_inline_script_or_handler():
    """The policy would block them in the browser: keep behaviour in static/js."""
    offenders = []
    for path in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in path.parts:
            continue
        text = path.read_text()
        for needle in ("onclick=", "onchange=", "onsubmit=", "onload=", "<style"):
            if needle in text:
                offenders.append(f"{path.relative_to(ROOT)}: {needle}")
        for chunk in text.split("<script")[1:]:
            head = chunk.split(">", 1)[0]
            if "src=" not in head and "application/json" not in head:
                offenders.append(f"{path.relative_to(ROOT)}: inline <script>")
    assert offenders == []


def test_browser_features_no_page_uses_are_turned_off(client):
    policy = client.get("/accounts/login/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_the_api_docs_are_for_signed_in_people(client, olga):
    assert client.get("/api/docs/").status_code == 302  # sent to sign in
    assert client.get("/api/schema/").status_code == 401
    client.force_login(olga)
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"<script>" not in docs.content  # the split view: start-up script from a file
    assert client.get("/api/schema/").status_code == 200


@pytest.fixture
def browsable(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_RENDERER_CLASSES": [
            "rest_framework.renderers.JSONRenderer",
            "rest_framework.renderers.BrowsableAPIRenderer",
        ],
    }


def test_with_the_browsable_api_on_only_a_signed_in_person_gets_its_pages(client, olga, browsable):
    anonymous = client.get("/api/v1/consortia/", HTTP_ACCEPT="text/html")
    assert anonymous["Content-Type"] == "application/json"
    client.force_login(olga)
    signed_in = client.get("/api/v1/consortia/", HTTP_ACCEPT="text/html")
    assert signed_in.status_code == 200
    assert signed_in["Content-Type"].startswith("text/html")


def test_a_sign_in_lasts_as_long_as_the_setting_says(client, olga, password, settings):
    settings.SESSION_COOKIE_AGE = 3600
    client.post("/accounts/login/", {"username": "olga@example.org", "password": password})
    assert client.cookies["sessionid"]["max-age"] == 3600


def production(**extra) -> str:
    """A setting as production computes it from the environment."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "false",
        "SECRET_KEY": "a-real-secret-key-" + "x9" * 30,
        "ALLOWED_HOSTS": "alianza.example.org",
        **extra,
    }
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.REST_FRAMEWORK['DEFAULT_RENDERER_CLASSES'], s.SESSION_COOKIE_AGE, "
        "s.API_TOKEN_TTL_DAYS, s.AXES_FAILURE_LIMIT, hasattr(s, 'CONTENT_SECURITY_POLICY_REPORT_ONLY')]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_production_defaults_and_their_environment_variables():
    import json

    renderers, age, ttl, limit, report_only = json.loads(production())
    assert renderers == ["rest_framework.renderers.JSONRenderer"]  # no browsable API
    assert (age, ttl, limit, report_only) == (1_209_600, 30, 5, False)
    renderers, age, ttl, limit, report_only = json.loads(
        production(
            API_BROWSABLE="true",
            SESSION_COOKIE_AGE="28800",
            API_TOKEN_TTL_DAYS="7",
            LOGIN_FAILURE_LIMIT="8",
            CSP_REPORT_ONLY="true",
        )
    )
    assert "rest_framework.renderers.BrowsableAPIRenderer" in renderers
    assert (age, ttl, limit, report_only) == (28800, 7, 8, True)
