"""Country names for messages, from the stored codes (django-countries, in the active language)."""

from __future__ import annotations

from django_countries import countries


def country_name(code: object) -> str:
    """The country's name in the active language ("Costa Rica"), from a code or a Country."""
    return str(countries.name(str(code))) if code else ""
