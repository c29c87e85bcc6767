"""Two-factor sign-in, from the outside: the pages a coordinator meets after the password,
the token endpoint, recovery codes, and what someone holding only the password can do."""

from __future__ import annotations

import base64
import re
import time

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from accounts import two_factor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def sign_in(client, email, password):
    response = client.post("/accounts/login/", {"username": email, "password": password})
    assert response.status_code == 302, "the password itself is right"
    return response


def code_for_key(key_text: str, offset: int = 0) -> str:
    key = base64.b32decode(key_text.replace(" ", "") + "=" * (-len(key_text.replace(" ", "")) % 8))
    return f"{totp(key, drift=offset):06d}"


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, drift=offset):06d}"


def enrolled(user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    two_factor.new_recovery_codes(user)
    return device


def test_a_coordinator_sets_up_an_app_before_anything_else(client, cora, password):
    sign_in(client, "cora@example.org", password)
    response = client.get("/consortia/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/setup/?next=/consortia/")
    # A session-signed-in API call gets JSON, not a login page.
    api = client.get("/api/v1/consortia/")
    assert api.status_code == 403
    assert "two-factor" in api.json()["detail"]

    page = client.get("/accounts/two-factor/setup/?next=/consortia/")
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html  # the QR code, inside the page (no outside service)
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', html).group(1)

    wrong = client.post("/accounts/two-factor/setup/", {"code": "000000", "next": "/consortia/"})
    assert "That code did not match" in wrong.content.decode()
    assert 'id="error_1_id_code"' in wrong.content.decode() or "is-invalid" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=cora, confirmed=True).exists()

    time.sleep(1.1)  # the back-off after a wrong code: a person retyping takes longer than this
    done = client.post("/accounts/two-factor/setup/", {"code": code_for_key(secret), "next": "/consortia/"})
    codes = re.findall(r'<li class="col">([a-z2-7]{8})</li>', done.content.decode())
    assert len(codes) == 10
    assert 'href="/consortia/"' in done.content.decode()
    assert client.get("/consortia/").status_code == 200


def test_someone_with_only_the_password_cannot_get_past_the_code(client, cora, password):
    device = enrolled(cora)
    sign_in(client, "cora@example.org", password)
    assert client.get("/reports/")["Location"].startswith("/accounts/two-factor/verify/?next=/reports/")
    # Nor can they set up an app of their own instead.
    assert client.get("/accounts/two-factor/setup/")["Location"].startswith("/accounts/two-factor/verify/")
    assert client.get("/admin/")["Location"].startswith("/accounts/two-factor/verify/")
    wrong = client.post("/accounts/two-factor/verify/", {"code": "123456", "next": "/reports/"})
    assert wrong.status_code == 200
    assert "That code did not match" in wrong.content.decode()
    assert client.get("/reports/").status_code == 302
    device.throttle_reset()
    right = client.post("/accounts/two-factor/verify/", {"code": code_for(device), "next": "/reports/"})
    assert right["Location"] == "/reports/"
    assert client.get("/reports/").status_code == 200


def test_a_code_works_once_and_wrong_codes_slow_the_next_try(client, cora, password):
    device = enrolled(cora)
    code = code_for(device)
    sign_in(client, "cora@example.org", password)
    assert client.post("/accounts/two-factor/verify/", {"code": code})["Location"] == "/"
    client.post("/accounts/logout/")
    sign_in(client, "cora@example.org", password)
    replay = client.post("/accounts/two-factor/verify/", {"code": code})
    assert replay.status_code == 200, "a code seen once is not accepted again"
    # Right after a wrong code, even the right one waits (django-otp's back-off: 1, 2, 4 … s).
    throttled = client.post("/accounts/two-factor/verify/", {"code": code_for(device, offset=1)})
    assert "Too many wrong codes. Wait" in throttled.content.decode()


def test_a_recovery_code_signs_in_once_and_says_how_many_are_left(client, cora, password):
    enrolled(cora)
    code = StaticToken.objects.filter(device__user=cora).first().token
    sign_in(client, "cora@example.org", password)
    response = client.post("/accounts/two-factor/verify/", {"code": code.upper()[:4] + "-" + code[4:]}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "9 are left" in response.content.decode()
    client.post("/accounts/logout/")
    sign_in(client, "cora@example.org", password)
    again = client.post("/accounts/two-factor/verify/", {"code": code})
    assert again.status_code == 200
    assert "That code did not match" in again.content.decode()


def test_new_recovery_codes_replace_the_old_ones(client, cora, password):
    device = enrolled(cora)
    old = StaticToken.objects.filter(device__user=cora).first().token
    sign_in(client, "cora@example.org", password)
    client.post("/accounts/two-factor/verify/", {"code": code_for(device)})
    page = client.post("/accounts/two-factor/recovery-codes/")
    new = re.findall(r'<li class="col">([a-z2-7]{8})</li>', page.content.decode())
    assert len(new) == 10
    assert old not in new
    assert set(StaticToken.objects.filter(device__user=cora).values_list("token", flat=True)) == set(new)


def test_the_token_endpoint_asks_for_the_code_too(client, cora, password):
    payload = {"email": "cora@example.org", "password": password}
    refused = client.post("/api/v1/auth/token/", payload)
    assert refused.status_code == 403
    assert "Set up two-factor sign-in in the browser first" in refused.json()["detail"]

    device = enrolled(cora)
    missing = client.post("/api/v1/auth/token/", payload)
    assert missing.status_code == 400
    assert "otp" in missing.json()
    device.throttle_reset()
    given = client.post("/api/v1/auth/token/", {**payload, "otp": code_for(device)})
    assert given.status_code == 200
    assert given.json()["token"] == Token.objects.get(user=cora).key


def test_people_who_need_not_use_it_sign_in_with_the_password(client, olga, cora, password, settings):
    sign_in(client, "olga@example.org", password)  # a chamber official: not required
    assert client.get("/consortia/").status_code == 200
    assert client.post("/api/v1/auth/token/", {"email": "olga@example.org", "password": password}).status_code == 200
    settings.TWO_FACTOR_REQUIRED = False
    other = Client()
    sign_in(other, "cora@example.org", password)
    assert other.get("/consortia/").status_code == 200


def test_an_official_may_turn_it_on_and_off_a_coordinator_may_not_turn_it_off(client, olga, cora, password):
    sign_in(client, "olga@example.org", password)
    profile = client.get("/accounts/profile/").content.decode()
    assert "Set up two-factor sign-in" in profile
    secret = re.search(
        r'id="two-factor-secret">([A-Z2-7 ]+)<', client.get("/accounts/two-factor/setup/").content.decode()
    )
    client.post("/accounts/two-factor/setup/", {"code": code_for_key(secret.group(1))})
    assert two_factor.is_enabled(olga)
    assert "Turn off" in client.get("/accounts/profile/").content.decode()
    device = TOTPDevice.objects.get(user=olga)
    off = client.post("/accounts/two-factor/turn-off/", {"code": code_for(device, offset=1)})
    assert off["Location"] == "/accounts/profile/"
    assert not two_factor.is_enabled(olga)

    enrolled(cora)
    coordinator = Client()
    sign_in(coordinator, "cora@example.org", password)
    coordinator.post("/accounts/two-factor/verify/", {"code": code_for(TOTPDevice.objects.get(user=cora))})
    refused = coordinator.post("/accounts/two-factor/turn-off/", {"code": "whatever"}, follow=True)
    assert "must keep two-factor sign-in on" in refused.content.decode()
    assert two_factor.is_enabled(cora)


def test_when_an_admin_removes_a_lost_authenticator_the_person_sets_up_a_new_one(client, cora, password):
    enrolled(cora)
    sign_in(client, "cora@example.org", password)
    TOTPDevice.objects.filter(user=cora).delete()  # the admin, in /admin/
    response = client.get("/accounts/two-factor/verify/?next=/reports/")
    assert response["Location"] == "/reports/"
    assert client.get("/reports/")["Location"].startswith("/accounts/two-factor/setup/")


@pytest.mark.parametrize(
    ("lang", "label", "error"),
    [
        ("en", "Code", "That code did not match"),
        ("es", "Código", "Ese código no coincide"),
        ("fr", "Code", "Ce code ne correspond pas"),
        ("pt", "Código", "Esse código não corresponde"),
    ],
)
def test_the_code_page_speaks_the_persons_language(client, cora, password, lang, label, error):
    cora.preferred_language = lang
    cora.save(update_fields=["preferred_language"])
    enrolled(cora)
    sign_in(client, "cora@example.org", password)
    page = client.get("/accounts/two-factor/verify/").content.decode()
    assert re.search(rf">\s*{label}<span", page)
    wrong = client.post("/accounts/two-factor/verify/", {"code": "111111"}).content.decode()
    assert error in wrong


@pytest.mark.parametrize(
    ("lang", "wrong", "done"),
    [
        ("es", "Ese código no coincide", "El inicio de sesión en dos pasos está activado."),
        ("fr", "Ce code ne correspond pas", "La connexion en deux étapes est activée."),
        ("pt", "Esse código não corresponde", "O login em duas etapas está ativado."),
    ],
)
def test_the_set_up_form_is_filled_in_in_the_persons_language(client, cora, password, lang, wrong, done):
    cora.preferred_language = lang
    cora.save(update_fields=["preferred_language"])
    sign_in(client, "cora@example.org", password)
    page = client.get("/accounts/two-factor/setup/").content.decode()
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', page).group(1)
    assert wrong in client.post("/accounts/two-factor/setup/", {"code": "000000"}).content.decode()
    time.sleep(1.1)  # django-otp's back-off after the wrong code
    assert done in client.post("/accounts/two-factor/setup/", {"code": code_for_key(secret)}).content.decode()
