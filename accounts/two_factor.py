"""Two-factor sign-in: a TOTP authenticator app, with one-time recovery codes (django-otp).

Admins and coordinators must use it when ``TWO_FACTOR_REQUIRED`` is on; anyone else
may turn it on from their profile. A person who has it is asked for a code after the
password, in the browser and at the token endpoint alike.
"""

from __future__ import annotations

import base64
import math
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import login as otp_login
from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"
_TOTP_SHAPE = re.compile(r"^\d{6}$")

# In the session, from sign-in on: whether this person has an authenticator.
SESSION_KEY = "two_factor"
STATE_APP = "app"
STATE_NONE = "none"


def required_for(user) -> bool:
    """Whether this person may not use the site without a second factor."""
    return bool(settings.TWO_FACTOR_REQUIRED and user.is_authenticated and (user.is_superuser or user.is_coordinator))


def app_device(user, *, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def verified(user) -> bool:
    """Has this session given its second factor? (django-otp's middleware sets is_verified.)"""
    return bool(user.is_verified())


def is_enabled(user) -> bool:
    return user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def remember_state(request, user=None) -> str:
    state = STATE_APP if is_enabled(user or request.user) else STATE_NONE
    request.session[SESSION_KEY] = state
    return state


def signed_in_with(request, device) -> None:
    """This session has given its second factor (and has an authenticator from now on)."""
    if isinstance(device, (TOTPDevice, StaticDevice)):
        otp_login(request, device)
    request.session[SESSION_KEY] = STATE_APP


def start_enrolment(user) -> TOTPDevice:
    """The unconfirmed authenticator this person is setting up (one at a time, kept across reloads)."""
    device = app_device(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def secret_of(device: TOTPDevice) -> str:
    """The key in base32, grouped by four, for typing into an app by hand."""
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@dataclass(frozen=True)
class Outcome:
    device: TOTPDevice | StaticDevice | None
    error: str = ""


def confirm_enrolment(user, code: str) -> tuple[Outcome, list[str]]:
    """Check the first code from the new app; on success turn two-factor on and return fresh recovery codes."""
    code = _normalise(code)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            return Outcome(None, _("Start the set-up again: this page was already used.")), []
        refused = _refusal(device)
        if refused:
            return Outcome(None, refused), []
        if not (_TOTP_SHAPE.match(code) and device.verify_token(code)):
            return Outcome(None, _("That code did not match. Enter the 6 digits your app shows now.")), []
        # One authenticator per person: the new one replaces any earlier one.
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _replace_recovery_codes(user)
    return Outcome(device), codes


def verify(user, code: str) -> Outcome:
    """A code from the app (6 digits) or a recovery code (used up once it works)."""
    code = _normalise(code)
    if not code:
        return Outcome(None, _("Enter the 6-digit code from your authenticator app, or a recovery code."))
    with transaction.atomic():
        if _TOTP_SHAPE.match(code):
            devices = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
        else:
            devices = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True)
        for device in devices:
            refused = _refusal(device)
            if refused:
                return Outcome(None, refused)
            if device.verify_token(code):
                return Outcome(device)
    return Outcome(
        None, _("That code did not match. Enter the 6 digits your app shows now, or an unused recovery code.")
    )


def new_recovery_codes(user) -> list[str]:
    """A fresh set of recovery codes; the old ones stop working."""
    with transaction.atomic():
        return _replace_recovery_codes(user)


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def turn_off(user) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


def _replace_recovery_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def _refusal(device) -> str:
    """Why this device will not check a code right now (django-otp's back-off after wrong codes)."""
    allowed, data = device.verify_is_allowed()
    if allowed:
        return ""
    if data and data.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS and data.get("locked_until"):
        wait = max(1, math.ceil((data["locked_until"] - timezone.now()).total_seconds()))
        return ngettext(
            "Too many wrong codes. Wait %(seconds)s second, then try again.",
            "Too many wrong codes. Wait %(seconds)s seconds, then try again.",
            wait,
        ) % {"seconds": wait}
    return _("Codes cannot be checked right now. Try again in a minute.")


def remember_state_at_sign_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        remember_state(request, user)
