"""Month and day names, marked here so the project's catalogs can write them as each
language does: Portuguese writes "15 de janeiro de 2025", in lower case, where Django's
own Portuguese catalog capitalises the month. The project's catalog is read first
(LOCALE_PATHS), so these entries win; es and fr keep Django's lower-case names."""

from django.utils.translation import gettext_noop, pgettext_lazy

MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]
# The names the 'E' date format uses (after "de" in Portuguese and Spanish).
MONTHS_ALT = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]


def short_date(day) -> str:
    """A date as the reader writes it, short ("15/03/2027" in Spanish): the template filter
    ``date:"SHORT_DATE_FORMAT"``, for rows written in Python."""
    from django.utils.formats import date_format

    return date_format(day, "SHORT_DATE_FORMAT")
