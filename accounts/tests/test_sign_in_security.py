"""Sign-in throttling, token lifetimes and "sign out everywhere", tested the way an attacker
and a person who forgot their password would meet them: through the pages and the API."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LIMIT = 5


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)


def sign_in(client, email, password, address="10.0.0.1"):
    return client.post("/accounts/login/", {"username": email, "password": password}, REMOTE_ADDR=address)


def fail(client, email, times, address="10.0.0.1"):
    for _ in range(times):
        response = sign_in(client, email, "wrong-password", address)
        assert response.status_code in (200, 429)


def test_the_right_password_is_refused_after_five_wrong_ones_for_the_account(client, olga, password):
    fail(client, "olga@example.org", LIMIT - 1)
    assert sign_in(client, "olga@example.org", password).status_code == 302  # four: still fine
    client.post("/accounts/logout/")
    fail(client, "OLGA@example.org ", LIMIT)  # one account, whatever the case and spaces
    response = sign_in(client, "olga@example.org", password, address="10.9.9.9")  # another address too
    assert response.status_code == 429
    assert b"Too many failed sign-in attempts" in response.content
    assert b"30 minutes" in response.content
    assert response["Retry-After"] == "1800"
    assert client.get("/consortia/").status_code == 302  # not signed in


def test_one_address_trying_many_accounts_is_locked_out(client, olga, pablo, password):
    for n in range(LIMIT):
        sign_in(client, f"guess{n}@example.org", "wrong-password", address="10.6.6.6")
    assert sign_in(client, "olga@example.org", password, address="10.6.6.6").status_code == 429
    assert sign_in(client, "pablo@example.org", password, address="10.7.7.7").status_code == 302


def test_the_admin_login_is_throttled_too(client, ada, password):
    for _ in range(LIMIT):
        client.post("/admin/login/", {"username": "ada@example.org", "password": "wrong"}, REMOTE_ADDR="10.0.0.2")
    response = client.post("/admin/login/", {"username": "ada@example.org", "password": password})
    assert response.status_code == 429


def test_the_token_endpoint_is_throttled_with_a_json_message(client, olga, password):
    for _ in range(LIMIT):
        response = client.post("/api/v1/auth/token/", {"email": "olga@example.org", "password": "wrong"})
        assert response.status_code in (400, 429)
    response = client.post("/api/v1/auth/token/", {"email": "olga@example.org", "password": password})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.json()["detail"]
    assert not Token.objects.filter(user=olga).exists()


def test_the_pause_ends_by_itself_after_the_cool_off(client, olga, password):
    fail(client, "olga@example.org", LIMIT)
    assert sign_in(client, "olga@example.org", password).status_code == 429
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
        assert sign_in(client, "olga@example.org", password).status_code == 302


@pytest.mark.parametrize("language", ["es", "fr", "pt"])
def test_the_lockout_page_speaks_the_visitors_language(client, olga, language):
    fail(client, "olga@example.org", LIMIT)
    client.cookies["django_language"] = language
    response = sign_in(client, "olga@example.org", "wrong-password")
    assert response.status_code == 429
    assert b"Too many failed sign-in attempts" not in response.content
    assert b"30" in response.content
    assert f'lang="{language}"'.encode() in response.content


def test_a_password_reset_lifts_the_pause(client, olga):
    fail(client, "olga@example.org", LIMIT)
    client.post("/accounts/password/reset/", {"email": "olga@example.org"})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = "a-long-new-pass-42"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    assert not AccessAttempt.objects.filter(username="olga@example.org").exists()
    assert sign_in(client, "olga@example.org", new).status_code == 302


def test_a_coordinator_unlocks_a_person_in_their_country(client, olga, cora, password):
    fail(Client(), "olga@example.org", LIMIT)
    client.force_login(cora)
    page = client.get("/accounts/lockouts/")
    assert b"Olga Official" in page.content
    response = client.post("/accounts/lockouts/", {"username": "olga@example.org"}, follow=True)
    assert b"olga@example.org can sign in again." in response.content
    assert sign_in(Client(), "olga@example.org", password).status_code == 302


def test_a_coordinator_of_another_country_neither_sees_nor_unlocks(client, olga, pierre, password):
    fail(Client(), "olga@example.org", LIMIT)
    client.force_login(pierre)
    assert b"olga@example.org" not in client.get("/accounts/lockouts/").content
    response = client.post("/accounts/lockouts/", {"username": "olga@example.org"}, follow=True)
    assert b"not yours to unlock" in response.content
    assert sign_in(Client(), "olga@example.org", password).status_code == 429


def test_an_admin_unlocks_an_address(client, ada, olga, password):
    for n in range(LIMIT):
        sign_in(Client(), f"guess{n}@example.org", "wrong", address="10.6.6.6")
    client.force_login(ada)
    assert b"10.6.6.6" in client.get("/accounts/lockouts/").content
    client.post("/accounts/lockouts/", {"ip_address": "10.6.6.6"})
    assert sign_in(Client(), "olga@example.org", password, address="10.6.6.6").status_code == 302


@pytest.mark.parametrize("who", ["olga", "fiona", "mia", "charlie"])
def test_people_who_are_not_coordinators_cannot_open_the_lockouts(client, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/accounts/lockouts/").status_code == 403
    assert client.post("/accounts/lockouts/", {"username": "x@example.org"}).status_code == 403


# Tokens and sessions -----------------------------------------------------------------------


def token_for(client, email, password) -> str:
    response = client.post("/api/v1/auth/token/", {"email": email, "password": password})
    assert response.status_code == 200, response.content
    return response.json()["token"]


def api_status(token: str) -> int:
    return Client().get("/api/v1/consortia/", HTTP_AUTHORIZATION=f"Token {token}").status_code


def test_a_password_change_revokes_the_tokens_and_the_other_sessions(olga, password):
    token = token_for(Client(), "olga@example.org", password)
    phone, laptop = Client(), Client()
    phone.post("/accounts/login/", {"username": "olga@example.org", "password": password})
    laptop.post("/accounts/login/", {"username": "olga@example.org", "password": password})
    new = "a-long-new-pass-42"
    response = laptop.post(
        "/accounts/password/change/", {"old_password": password, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert api_status(token) == 401
    assert phone.get("/consortia/").status_code == 302  # sent to sign in
    assert laptop.get("/consortia/").status_code == 200  # the browser that changed it stays


def test_sign_out_everywhere_ends_other_sessions_and_tokens_only(olga, password):
    token = token_for(Client(), "olga@example.org", password)
    phone, laptop = Client(), Client()
    for browser in (phone, laptop):
        browser.post("/accounts/login/", {"username": "olga@example.org", "password": password})
    response = laptop.post("/accounts/sign-out-everywhere/", follow=True)
    assert b"signed out everywhere else" in response.content
    assert api_status(token) == 401
    assert phone.get("/consortia/").status_code == 302
    assert laptop.get("/consortia/").status_code == 200
    olga.refresh_from_db()
    assert olga.check_password(password)  # nothing else changed
    assert token_for(Client(), "olga@example.org", password) != token  # a new token can be had


def test_sign_out_everywhere_needs_a_post(client, olga):
    client.force_login(olga)
    assert client.get("/accounts/sign-out-everywhere/").status_code == 405


def test_deactivating_a_person_revokes_their_tokens(olga, password):
    token = token_for(Client(), "olga@example.org", password)
    olga.is_active = False
    olga.save()
    assert not Token.objects.filter(key=token).exists()
    assert api_status(token) == 401


def test_a_token_expires_after_its_lifetime(settings, olga, password):
    settings.API_TOKEN_TTL_DAYS = 30
    token = token_for(Client(), "olga@example.org", password)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=29)):
        assert api_status(token) == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        response = Client().get("/api/v1/consortia/", HTTP_AUTHORIZATION=f"Token {token}")
        assert response.status_code == 401
        assert "expired" in response.json()["detail"]
        assert not Token.objects.filter(key=token).exists()
        fresh = token_for(Client(), "olga@example.org", password)
        assert fresh != token
        assert api_status(fresh) == 200


def test_with_no_lifetime_tokens_do_not_expire(settings, olga, password):
    settings.API_TOKEN_TTL_DAYS = 0
    token = token_for(Client(), "olga@example.org", password)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3650)):
        assert api_status(token) == 200


def test_delete_revokes_the_callers_token_and_no_one_elses(olga, pablo, password):
    mine = token_for(Client(), "olga@example.org", password)
    theirs = token_for(Client(), "pablo@example.org", password)
    response = Client().delete("/api/v1/auth/token/", HTTP_AUTHORIZATION=f"Token {mine}")
    assert response.status_code == 204
    assert api_status(mine) == 401
    assert api_status(theirs) == 200
    assert Client().delete("/api/v1/auth/token/").status_code == 401


def test_an_old_token_header_does_not_stop_getting_a_new_token(olga, password):
    response = Client().post(
        "/api/v1/auth/token/",
        {"email": "olga@example.org", "password": password},
        HTTP_AUTHORIZATION="Token not-a-real-token",
    )
    assert response.status_code == 200


def test_sessions_signed_before_this_release_stay_valid(olga, password):
    """Generation 0 keeps Django's own hash, so deploying this signs no one out."""
    from django.contrib.auth.base_user import AbstractBaseUser

    assert olga.session_epoch == 0
    assert olga.get_session_auth_hash() == AbstractBaseUser.get_session_auth_hash(olga)


def test_a_hasher_upgrade_at_sign_in_keeps_the_tokens(settings, password):
    person = UserFactory(email="old@example.org")
    token = token_for(Client(), "old@example.org", password)
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    Client().post("/accounts/login/", {"username": "old@example.org", "password": password})
    person.refresh_from_db()
    assert person.password.startswith("pbkdf2_")
    assert api_status(token) == 200


def test_the_paused_sign_ins_page_costs_the_same_queries_for_2_or_12_accounts(client, cora, meic):
    from core.testing import count_queries

    def page_with(count: int, start: int) -> int:
        for n in range(start, start + count):
            UserFactory(email=f"locked{n}@example.org", institution=meic)
            fail(Client(), f"locked{n}@example.org", LIMIT, address=f"10.1.{n}.1")
        client.force_login(cora)
        queries = count_queries(lambda: client.get("/accounts/lockouts/"))
        assert client.get("/accounts/lockouts/").content.decode().count("locked") >= count
        return queries

    assert page_with(2, 0) == page_with(10, 2)
