from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_it_signs_in_with_email_and_password(client, olga, password):
    response = client.post("/accounts/login/", {"username": "OLGA@example.org", "password": password})
    assert response.status_code == 302
    assert response["Location"] == "/"  # their home: what needs them now


def test_a_wrong_password_is_refused_with_a_message(client, olga):
    response = client.post("/accounts/login/", {"username": "olga@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert b"Please enter a correct e-mail address and password" in response.content


def test_it_signs_out_with_a_post(client, olga):
    client.force_login(olga)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/consortia/").status_code == 302


def test_profile_changes_the_language_of_the_interface(client, olga):
    client.force_login(olga)
    response = client.post("/accounts/profile/", {"full_name": "Olga O.", "preferred_language": "es"}, follow=True)
    olga.refresh_from_db()
    assert olga.preferred_language == "es"
    assert '<html lang="es">' in response.content.decode()
    assert "Consorcios" in response.content.decode()


def test_header_switcher_stores_the_language_on_the_profile(client, olga):
    client.force_login(olga)
    response = client.post("/accounts/language/", {"language": "pt", "next": "/enterprises/"})
    assert response["Location"] == "/enterprises/"
    olga.refresh_from_db()
    assert olga.preferred_language == "pt"
    assert "Empresas" in client.get("/enterprises/").content.decode()


def test_switcher_works_for_visitors_with_a_cookie(client):
    client.post("/accounts/language/", {"language": "fr", "next": "/accounts/login/"})
    assert "Se connecter" in client.get("/accounts/login/").content.decode()


def test_switcher_ignores_an_outside_next_url(client):
    response = client.post("/accounts/language/", {"language": "es", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_stored_language_wins_over_the_browser(client, olga):
    olga.preferred_language = "fr"
    olga.save()
    client.force_login(olga)
    response = client.get("/consortia/", HTTP_ACCEPT_LANGUAGE="es")
    assert '<html lang="fr">' in response.content.decode()


def test_password_reset_sends_an_email_with_a_working_link(client, olga):
    client.post("/accounts/password/reset/", {"email": "olga@example.org"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/password/reset/" in line)
    response = client.get(link.replace("http://testserver", ""), follow=True)
    assert response.status_code == 200
    assert b"new_password1" in response.content


def test_password_change_needs_the_old_password(client, olga, password):
    client.force_login(olga)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": "wrong", "new_password1": "a-long-new-pass-42", "new_password2": "a-long-new-pass-42"},
    )
    assert response.status_code == 200
    olga.refresh_from_db()
    assert olga.check_password(password)


def test_profile_lists_the_roles(client, candidate, fiona):
    client.force_login(fiona)
    assert b"Delicia Test" in client.get("/accounts/profile/").content


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "false",
        "SECRET_KEY": "a-real-secret-key-" + "x9" * 30,
        "ALLOWED_HOSTS": "alianza.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_load_demo_refuses_without_debug_unless_forced(settings):
    from django.core.management import CommandError, call_command

    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo")
