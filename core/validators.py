"""Validators the models share, so pages, the API and the admin refuse the same input."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


def no_line_breaks(value: str) -> None:
    """Single-line fields (names, region, phone, tax id, titles) hold one line."""
    if value and ("\n" in value or "\r" in value):
        raise ValidationError(_("Write this on one line, without line breaks."), code="line_break")


@deconstructible
class SensibleDate:
    """A date a programme can mean: from 1900 to 2100 (not 0001-01-01 or 9999-12-31)."""

    def __call__(self, value) -> None:
        if value is not None and not (EARLIEST_DATE <= value <= LATEST_DATE):
            raise ValidationError(
                _("Enter a date from %(earliest)s to %(latest)s.")
                % {"earliest": date_format(EARLIEST_DATE), "latest": date_format(LATEST_DATE)},
                code="date_range",
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, SensibleDate)


sensible_date = SensibleDate()

http_url = URLValidator(
    schemes=["http", "https"], message=_("Enter a web address that starts with http:// or https://.")
)
