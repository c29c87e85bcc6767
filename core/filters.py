from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.countries import country_name


class StyledFilterSet(django_filters.FilterSet):
    """A FilterSet whose form renders with Bootstrap classes."""

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs.setdefault("class", css)
        return form


class AnyYesNo(django_filters.widgets.BooleanWidget):
    """A yes/no filter that reads "Any / Yes / No", not Django's "Unknown"."""

    def __init__(self, attrs=None):
        from django.utils.translation import gettext_lazy as _

        super().__init__(attrs)
        self.choices = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]


def yes_no_filter(**kwargs) -> django_filters.BooleanFilter:
    return django_filters.BooleanFilter(widget=AnyYesNo, **kwargs)


def named_countries(codes: Iterable[str]) -> list[tuple[str, str]]:
    """These country codes with their names in the reader's language, sorted by name."""
    return sorted(((str(code), country_name(code)) for code in set(codes) if code), key=lambda pair: pair[1])


class CountryFilter(django_filters.ChoiceFilter):
    """Accepts any country code, and offers in its select only the countries ``offered(filterset)``
    names (by default those of the rows being filtered), plus the one asked for.

    The programme works in some thirty countries: a select of all 250 was a long scroll, and
    took 6 ms a page to write.
    """

    def __init__(self, *args, offered: Callable | None = None, **kwargs):
        kwargs.setdefault("label", _("Country"))
        kwargs.setdefault("empty_label", _("Any"))
        super().__init__(*args, choices=countries, **kwargs)
        self.offered = offered or (lambda filterset: filterset.queryset.order_by().values_list("country", flat=True))

    @property
    def field(self):
        field = super().field
        asked = self.parent.data.get(self.field_name) if self.parent is not None and self.parent.data else None

        @functools.cache  # read when the select is written (an API request never asks), and once
        def offered_choices():
            codes = {*self.offered(self.parent).distinct(), *([asked] if asked in countries else [])}
            return [("", self.extra["empty_label"]), *named_countries(codes)]

        field.widget.choices = offered_choices
        return field
