from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import selectors
from accounts.forms import LanguageForm, ProfileForm
from accounts.sessions import sign_out_everywhere


@login_required
def profile(request):
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        # Only the profile's own columns: an admin's change of this person's roles meanwhile stays.
        form.instance.save(update_fields=list(ProfileForm.Meta.fields))
        translation.activate(request.user.preferred_language)
        messages.success(request, _("Your profile was saved."))
        response = redirect("accounts:profile")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, request.user.preferred_language)
        return response
    return render(request, "accounts/profile.html", {"form": form})


@require_POST
def set_language(request):
    """The header's language switcher: stored on the profile, and in a cookie for everyone."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next") or "/"
    # Only a path on this site ("/consortia/?page=2"); anything else ("-1", "hello",
    # another host) falls back to the home page. A plain redirect: never a URL name lookup.
    safe = next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, request.is_secure()
    )
    response = HttpResponseRedirect(next_url if safe else "/")
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            request.user.preferred_language = language
            request.user.save(update_fields=["preferred_language"])
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
    return response


@login_required
@require_POST
def sign_out_elsewhere(request):
    """End every other session and every API token of this person; this browser stays signed in."""
    sign_out_everywhere(request)
    messages.success(request, _("You were signed out everywhere else, and your API tokens were revoked."))
    return redirect("accounts:profile")


@login_required
def lockouts(request):
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


def _unlock(request):
    from axes.utils import reset

    username = request.POST.get("username", "").strip().lower()
    address = request.POST.get("ip_address", "").strip()
    if username and username in {row["username"] for row in selectors.locked_accounts(request.user)}:
        reset(username=username)
        messages.success(request, _("%(account)s can sign in again.") % {"account": username})
    elif address and address in {row["ip_address"] for row in selectors.locked_addresses(request.user)}:
        reset(ip=address)
        messages.success(request, _("Sign-in from %(address)s is possible again.") % {"address": address})
    else:
        messages.error(request, _("That sign-in is not locked out, or it is not yours to unlock. Nothing changed."))
    return redirect("accounts:lockouts")
