from __future__ import annotations

from django.conf import settings
from django.utils import translation


class PreferredLanguageMiddleware:
    """A signed-in person sees the language stored on their profile.

    LocaleMiddleware has already picked one from the cookie or the browser;
    the profile wins, because the person chose it in the interface.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language in self.codes:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


# Where a person who owes a second factor may still go: the two-factor pages themselves,
# signing out, the language switcher and the site's assets.
_TWO_FACTOR_OPEN = ("/accounts/two-factor/", "/accounts/logout/", "/accounts/language/", "/static/", "/healthz")


class TwoFactorMiddleware:
    """After the password, a person with an authenticator gives a code before anything else;
    an admin or coordinator without one (when TWO_FACTOR_REQUIRED) sets one up first.

    Whether the person has an authenticator is kept in the session at sign-in, so that
    people without one cost no query per page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.path.startswith(_TWO_FACTOR_OPEN):
            step = two_factor_step(request)
            if step:
                return _send_to(request, step)
        return self.get_response(request)


def two_factor_step(request) -> str:
    """'verify', 'setup' or '' (nothing owed) for this signed-in request."""
    from accounts import two_factor

    user = request.user
    state = request.session.get(two_factor.SESSION_KEY)
    if state is None:
        state = two_factor.remember_state(request)
    if state == two_factor.STATE_APP and not user.is_verified():
        return "verify"
    if state == two_factor.STATE_NONE and two_factor.required_for(user):
        return "setup"
    return ""


def _send_to(request, step: str):
    from django.contrib.auth.views import redirect_to_login
    from django.http import JsonResponse
    from django.urls import reverse
    from django.utils.translation import gettext as _

    if request.path.startswith("/api/"):
        detail = (
            _("Enter your two-factor code in the browser first.")
            if step == "verify"
            else _("Set up two-factor sign-in in the browser first (your profile page).")
        )
        return JsonResponse({"detail": detail}, status=403)
    url = reverse("accounts:two_factor_verify" if step == "verify" else "accounts:two_factor_setup")
    response = redirect_to_login(request.get_full_path(), login_url=url)
    if getattr(request, "htmx", False):
        from django_htmx.http import HttpResponseClientRedirect

        return HttpResponseClientRedirect(response["Location"])
    return response
