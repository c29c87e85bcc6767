from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts import selectors, two_factor
from accounts.forms import LanguageForm, ProfileForm, TwoFactorCodeForm, TwoFactorSetupForm
from accounts.http import AuthedRequest
from accounts.sessions import sign_out_everywhere, unlock_sign_in


def remember_language(response, language: str) -> None:
    """The language cookie, with Django's LANGUAGE_COOKIE_* settings (Secure in production)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
    )


@login_required
def profile(request: AuthedRequest) -> HttpResponse:
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        # Only the profile's own columns: an admin's change of this person's roles meanwhile stays.
        form.instance.save(update_fields=list(ProfileForm.Meta.fields))
        translation.activate(request.user.preferred_language)
        messages.success(request, _("Your profile was saved."))
        response = redirect("accounts:profile")
        remember_language(response, request.user.preferred_language)
        return response
    context = {
        "form": form,
        "two_factor_on": two_factor.is_enabled(request.user),
        "two_factor_required": two_factor.required_for(request.user),
        "recovery_codes_left": two_factor.recovery_codes_left(request.user),
    }
    return render(request, "accounts/profile.html", context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The header's language switcher: stored on the profile, and in a cookie for everyone."""
    form = LanguageForm(request.POST)
    response = HttpResponseRedirect(_safe_next(request, default="/"))
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            request.user.preferred_language = language
            request.user.save(update_fields=["preferred_language"])
        remember_language(response, language)
    return response


@login_required
@require_POST
def sign_out_elsewhere(request: AuthedRequest) -> HttpResponse:
    """End every other session and every API token of this person; this browser stays signed in."""
    sign_out_everywhere(request)
    messages.success(request, _("You were signed out everywhere else, and your API tokens were revoked."))
    return redirect("accounts:profile")


@login_required
def lockouts(request: AuthedRequest) -> HttpResponse:
    """Sign-ins paused after too many wrong passwords, and a button to lift each pause."""
    if not request.user.has_perm("accounts.unlock_sign_in"):
        raise PermissionDenied
    if request.method == "POST":
        return _unlock(request)
    context = {
        "accounts": selectors.locked_accounts(request.user),
        "addresses": selectors.locked_addresses(request.user),
        "limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "accounts/lockouts.html", context)


def _unlock(request: AuthedRequest) -> HttpResponse:
    username = request.POST.get("username", "").strip().lower()
    address = request.POST.get("ip_address", "").strip()
    if username and unlock_sign_in(by=request.user, username=username):
        messages.success(request, _("%(account)s can sign in again.") % {"account": username})
    elif address and unlock_sign_in(by=request.user, address=address):
        messages.success(request, _("Sign-in from %(address)s is possible again.") % {"address": address})
    else:
        messages.error(request, _("That sign-in is not locked out, or it is not yours to unlock. Nothing changed."))
    return redirect("accounts:lockouts")


def _safe_next(request: HttpRequest, default: str = "") -> str:
    """The ``next`` the request carries, if it is a path on this site ("/consortia/?page=2");
    anything else ("-1", "hello", another host) gives ``default`` (the home page). A plain
    path, never a URL name lookup."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    safe = next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, request.is_secure()
    )
    return next_url if safe else (default or resolve_url(settings.LOGIN_REDIRECT_URL))


@login_required
def two_factor_verify(request: AuthedRequest) -> HttpResponse:
    """After the password: a code from the authenticator app, or a recovery code."""
    if not two_factor.is_enabled(request.user):  # an admin removed the authenticator (a lost phone)
        two_factor.remember_state(request)
        return redirect(_safe_next(request))
    if two_factor.verified(request.user):
        return redirect(_safe_next(request))
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = two_factor.verify(request.user, form.cleaned_data["code"])
        if outcome.device is not None:
            two_factor.signed_in_with(request, outcome.device)
            if outcome.device.name == two_factor.RECOVERY_DEVICE_NAME:
                left = two_factor.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code; %(count)s is left. Make new ones from your profile.",
                        "You used a recovery code; %(count)s are left. Make new ones from your profile.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(_safe_next(request))
        form.add_error("code", outcome.error)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _safe_next(request)})


@login_required
def two_factor_setup(request: AuthedRequest) -> HttpResponse:
    """Add an authenticator app: scan the code (or type the key), confirm with its first code."""
    if two_factor.is_enabled(request.user) and not two_factor.verified(request.user):
        return redirect_to_login(request.get_full_path(), login_url=reverse("accounts:two_factor_verify"))
    device = two_factor.start_enrolment(request.user)
    form = TwoFactorSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome, codes = two_factor.confirm_enrolment(request.user, form.cleaned_data["code"])
        if outcome.device is not None:
            two_factor.signed_in_with(request, outcome.device)
            return render(
                request,
                "accounts/two_factor_codes.html",
                {"codes": codes, "next": _safe_next(request), "first_time": True},
            )
        form.add_error("code", outcome.error)
        device = two_factor.start_enrolment(request.user)
    context = {
        "form": form,
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2),
        "secret": two_factor.secret_of(device),
        "required": two_factor.required_for(request.user),
        "next": _safe_next(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
@require_POST
def two_factor_recovery_codes(request: AuthedRequest) -> HttpResponse:
    """A new set of recovery codes, shown once; the old set stops working."""
    if not (two_factor.is_enabled(request.user) and two_factor.verified(request.user)):
        messages.error(request, _("Turn on two-factor sign-in first."))
        return redirect("accounts:profile")
    codes = two_factor.new_recovery_codes(request.user)
    return render(
        request,
        "accounts/two_factor_codes.html",
        {"codes": codes, "next": reverse("accounts:profile"), "first_time": False},
    )


@login_required
def two_factor_turn_off(request: AuthedRequest) -> HttpResponse:
    """Turn two-factor sign-in off, with a current code; not for those who must use it."""
    if two_factor.required_for(request.user):
        messages.error(request, _("Administrators and coordinators must keep two-factor sign-in on."))
        return redirect("accounts:profile")
    if not two_factor.is_enabled(request.user):
        return redirect("accounts:profile")
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = two_factor.verify(request.user, form.cleaned_data["code"])
        if outcome.device is not None:
            two_factor.turn_off(request.user)
            two_factor.remember_state(request)
            messages.success(request, _("Two-factor sign-in is off."))
            return redirect("accounts:profile")
        form.add_error("code", outcome.error)
    return render(request, "accounts/two_factor_turn_off.html", {"form": form})
