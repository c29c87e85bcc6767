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
