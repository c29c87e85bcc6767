"""A country's name is read in the language of the person reading, whichever language asked first."""

from __future__ import annotations

import pytest
from django.utils import translation
from django_countries.fields import Country

from core.countries import country_name


@pytest.mark.parametrize(
    ("language", "brazil", "dominican"),
    [
        ("en", "Brazil", "Dominican Republic"),
        ("es", "Brasil", "República Dominicana"),
        ("fr", "Brésil", "République dominicaine"),
        ("pt", "Brasil", "República Dominicana"),
    ],
)
def test_country_names_follow_the_active_language(language, brazil, dominican):
    for first in ("fr", language, "en"):  # names kept for other languages do not leak
        with translation.override(first):
            country_name("BR")
    with translation.override(language):
        assert country_name("BR") == brazil
        assert country_name(Country("DO")) == dominican
        assert country_name("") == ""
        assert country_name("XX") == ""  # not a country: nothing, as django-countries says
