"""The request type of a signed-in page, for annotations (the apps above accounts use it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.http import HtmxRequest

if TYPE_CHECKING:
    from accounts.models import User

    class AuthedRequest(HtmxRequest):
        """A request behind login_required, as the middleware leaves it: the user is signed in."""

        user: User

else:
    AuthedRequest = HtmxRequest
