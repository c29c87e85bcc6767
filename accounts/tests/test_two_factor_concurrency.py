"""Two sign-ins giving the same code at the same instant, on separate connections
(PostgreSQL): a code works once, however the requests overlap."""

from __future__ import annotations

import pytest
from django.db import connection
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from core.testing import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks (CI sets DATABASE_URL)"),
]


def test_one_recovery_code_signs_in_once_when_two_give_it_together(cora):
    TOTPDevice.objects.create(user=cora, name="authenticator", confirmed=True)
    two_factor.new_recovery_codes(cora)
    for token in StaticToken.objects.filter(device__user=cora)[:5]:
        outcomes = run_together(
            lambda t=token.token: two_factor.verify(cora, t), lambda t=token.token: two_factor.verify(cora, t)
        )
        assert sorted(o.device is not None for o in outcomes) == [False, True], outcomes
        # The loser counted as a wrong code (django-otp's back-off); lift it for the next round.
        StaticDevice.objects.filter(user=cora).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert two_factor.recovery_codes_left(cora) == 5


def test_one_app_code_signs_in_once_when_two_give_it_together(cora):
    device = TOTPDevice.objects.create(user=cora, name="authenticator", confirmed=True)
    code = f"{totp(device.bin_key):06d}"
    outcomes = run_together(lambda: two_factor.verify(cora, code), lambda: two_factor.verify(cora, code))
    assert sorted(o.device is not None for o in outcomes) == [False, True], outcomes


def test_two_confirmations_of_one_set_up_turn_it_on_once(cora):
    device = two_factor.start_enrolment(cora)
    code = f"{totp(device.bin_key):06d}"
    results = run_together(
        lambda: two_factor.confirm_enrolment(cora, code), lambda: two_factor.confirm_enrolment(cora, code)
    )
    turned_on = [codes for outcome, codes in results if outcome.device is not None]
    assert len(turned_on) == 1, results
    assert TOTPDevice.objects.filter(user=cora, confirmed=True).count() == 1
    assert set(StaticToken.objects.filter(device__user=cora).values_list("token", flat=True)) == set(turned_on[0])
