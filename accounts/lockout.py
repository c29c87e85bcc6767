"""Sign-in throttling with django-axes: who an attempt is for, and what a locked-out person sees.

Axes counts failed sign-ins per account and per address (settings: AXES_*). While either is
over the limit, every sign-in (the page, the admin, the API token) is refused, the right
password too, and the person gets the page or JSON below with HTTP 429.
"""

from __future__ import annotations

import math

from axes.helpers import get_cool_off
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def username_of(request, credentials: dict | None) -> str:
    """The e-mail address an attempt is for, as the account stores it: trimmed and lower-cased,
    so "Ana@X.org" and "ana@x.org " count against one account."""
    value = (credentials or {}).get("username")
    if value is None and request is not None and hasattr(request, "POST"):
        value = request.POST.get("username") or request.POST.get("email")
    return str(value or "").strip().lower()


def lockout_message(request) -> str:
    cool_off = get_cool_off(request)
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else 0
    return _(
        "Too many failed sign-in attempts for this account or from this address. Sign-in is paused "
        "for %(minutes)s minutes. Resetting your password, or a coordinator, unlocks it sooner."
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """HTTP 429: JSON for the API, the lockout page for people."""
    cool_off = get_cool_off(request)
    retry_after = str(int(cool_off.total_seconds())) if cool_off else None
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": lockout_message(request)}, status=429)
    else:
        response = render(request, "accounts/locked_out.html", {"message": lockout_message(request)}, status=429)
    if retry_after:
        response["Retry-After"] = retry_after
    return response
