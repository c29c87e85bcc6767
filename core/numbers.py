"""Numbers as people type and read them, in their own language.

In Spanish and Portuguese "34.500" is thirty-four thousand five hundred and "34,5" is
thirty-four and a half; in English it is the other way round; French groups with a
space. ``parse_number`` reads what a person typed in the active language and refuses,
with an example of the accepted form, what could mean two things ("34.5" in Spanish).
``format_number`` writes a value the same way, so a form shows back what it reads.
The API takes and returns plain machine numbers ("34500.5"), read by ``parse_plain``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

SPACES = " \u00a0\u202f\u2009"


class NumberFormatError(ValueError):
    """What was typed is not a number in this language; ``str()`` says the accepted form."""


def separators(language: str | None = None) -> tuple[str, str]:
    """(decimal separator, group separator) of the language (the active one by default)."""
    language = language or get_language() or "en"
    decimal = get_format("DECIMAL_SEPARATOR", language)
    group = get_format("THOUSAND_SEPARATOR", language)
    return decimal, group


def format_number(value, language: str | None = None, *, grouping: bool = True) -> str:
    """``value`` as this language writes it: 34500.5 is "34.500,5" in Spanish, "34,500.5" in English."""
    if value is None or value == "":
        return ""
    decimal, group = separators(language)
    text = format(Decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    sign = "-" if text.startswith("-") else ""
    whole, _dot, fraction = text.lstrip("-").partition(".")
    if grouping and len(whole) > 3:
        whole = re.sub(r"(?<=\d)(?=(\d{3})+$)", group, whole)
    return sign + whole + (decimal + fraction if fraction else "")


def _example(language: str | None) -> str:
    return format_number(Decimal("34500.5"), language)


def parse_number(text, language: str | None = None) -> Decimal | None:
    """What a person typed, read in their language; None for an empty box.

    Group separators are optional but must group by threes; a lone separator that could
    be either (a Spanish "34.5") is refused rather than guessed.
    """
    if text is None:
        return None
    if isinstance(text, (int, Decimal)):
        return Decimal(text)
    raw = str(text).strip()
    if not raw:
        return None
    refused = NumberFormatError(_("Enter a number such as %(example)s.") % {"example": _example(language)})
    digits = _digits(raw, language)
    if digits is None:
        raise refused
    try:
        return Decimal(digits)
    except InvalidOperation:
        raise refused from None


def _digits(raw: str, language: str | None) -> str | None:
    """``raw`` as plain machine digits ("-34500.5"), or None when it is not a number in ``language``."""
    decimal, group = separators(language)
    other = "," if decimal == "." else "."
    compact = raw
    for space in SPACES:
        compact = compact.replace(space, " ")
    sign = ""
    if compact[:1] in "+-":
        sign, compact = compact[0].replace("+", ""), compact[1:].strip()
    whole, has_decimal, fraction = compact.partition(decimal)
    if decimal in fraction or other in fraction or " " in fraction or (has_decimal and not fraction.isdigit()):
        return None
    if other in whole or " " in whole or (group not in SPACES and group in whole):
        if not re.fullmatch(rf"\d{{1,3}}([{re.escape(other)} ]\d{{3}})+", whole):
            return None
        whole = re.sub(r"\D", "", whole)
    if not whole.isdigit():
        return None
    return sign + whole + ("." + fraction if has_decimal else "")


def parse_plain(value) -> Decimal | None:
    """A machine number from the API: digits with an optional "." and sign; no grouping."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise NumberFormatError(_("Send a number such as 34500.5, not true or false."))
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    text = str(value).strip()
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
        raise NumberFormatError(_("Send a plain number such as 34500.5 (no thousands separators)."))
    return Decimal(text)
