"""Country names for messages and lists, from the stored codes (django-countries, in the active language)."""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import get_language
from django_countries import countries


@lru_cache(maxsize=16)
def _names(language: str | None) -> dict[str, str]:
    """Every country's name in this language (the active one when first asked): django-countries
    looks a name up through its aliases and the translation on every call, 20 µs each, and the
    dashboard names a country per row of three tables."""
    return {str(code): str(name) for code, name in countries}


def country_name(code: object) -> str:
    """The country's name in the active language ("Costa Rica"), from a code or a Country."""
    if not code:
        return ""
    return _names(get_language()).get(str(code)) or str(countries.name(str(code)))
