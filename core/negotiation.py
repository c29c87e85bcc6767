"""The API's content negotiation: the browsable API only for people signed in to the site.

Kept apart from core.api: DRF imports this class while it loads its views."""

from __future__ import annotations

from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BrowsableAPIRenderer


class SignedInBrowsableNegotiation(DefaultContentNegotiation):
    """A visitor who is not signed in (by session) gets JSON even from a browser, so the
    browsable API shows nothing of the API's shape to the open internet."""

    def select_renderer(self, request, renderers, format_suffix=None):
        session_user = getattr(request._request, "user", None)
        if not (session_user and session_user.is_authenticated):
            renderers = [r for r in renderers if not isinstance(r, BrowsableAPIRenderer)] or renderers
        return super().select_renderer(request, renderers, format_suffix)
