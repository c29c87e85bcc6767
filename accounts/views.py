from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import LanguageForm, ProfileForm


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
