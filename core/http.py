"""Request types for annotations (types only; nothing here runs differently)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    class HtmxRequest(HttpRequest):
        """A request through django-htmx's middleware: ``request.htmx`` says whether htmx sent it."""

        htmx: HtmxDetails

else:
    HtmxRequest = HttpRequest
