"""Form pieces every app uses, so dates and numbers read and show the same way everywhere."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html

from core.numbers import NumberFormatError, format_number, parse_number
from core.validators import sensible_date


class DateInput(forms.DateInput):
    """A browser date picker. Its value is ISO (2027-03-15) in every language: a ``type=date``
    input shows a localized value such as 15/03/2027 as empty, and the next save would erase it."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateField(forms.DateField):
    """A date from 1900 to 2100, with the ISO date picker."""

    widget = DateInput
    default_validators = [sensible_date]


class LocalizedDecimalField(forms.CharField):
    """A figure typed in the person's language ("34.500,5" in Spanish), shown back the same way."""

    widget = forms.TextInput

    def __init__(self, *, max_value: Decimal | None = None, min_value: Decimal | None = None, **kwargs):
        self.max_value, self.min_value = max_value, min_value
        kwargs.setdefault("strip", True)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off"}

    def prepare_value(self, value):
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return format_number(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        try:
            number = parse_number(value)
        except NumberFormatError as error:
            raise ValidationError(str(error), code="invalid") from None
        return self._bounded(number)

    def _bounded(self, number):
        if number is None:
            return None
        if self.min_value is not None and number < self.min_value:
            raise ValidationError(_at_least(self.min_value), code="min_value")
        if self.max_value is not None and number > self.max_value:
            raise ValidationError(_at_most(self.max_value), code="max_value")
        return number


class LocalizedIntegerField(LocalizedDecimalField):
    """A whole number typed in the person's language ("1.372" employees in Spanish)."""

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "numeric"}

    def to_python(self, value):
        number = super().to_python(value)
        if number is None:
            return None
        if number != number.to_integral_value():
            from django.utils.translation import gettext as _

            raise ValidationError(_("Enter a whole number."), code="invalid")
        return int(number)


def _at_least(limit) -> str:
    from django.utils.translation import gettext as _

    return _("Enter %(limit)s or more.") % {"limit": format_number(limit)}


def _at_most(limit) -> str:
    from django.utils.translation import gettext as _

    return _("Enter %(limit)s or less.") % {"limit": format_number(limit)}


def searchable(form: forms.BaseForm, *names: str) -> None:
    """Mark selects for Tom Select (a search box over the options); without JavaScript they stay
    plain selects. Django's "---------" blank choice reads as a word instead."""
    from django.utils.translation import gettext_lazy as _

    for name in names:
        field = form.fields.get(name)
        if field is None:
            continue
        field.widget.attrs["data-searchable"] = ""
        if not getattr(field.widget, "allow_multiple_selected", False):
            blank = _("Choose…") if field.required else _("None")
            if hasattr(field, "empty_label") and field.empty_label is not None:
                field.empty_label = blank
            choices = list(getattr(field, "choices", ()))
            if choices and choices[0][0] in ("", None):
                field.choices = [("", blank), *choices[1:]]  # type: ignore[attr-defined]  # a ChoiceField


class QuickSelectRenderer(DjangoTemplates):
    """Django's form renderer, with ``<select>`` written in Python instead of one template per option.

    The country select's 250 options took 12 ms a page through the templates (the consortium and
    enterprise lists render one); this writes the same markup, byte for byte, in well under one.
    Any other widget, and a select whose options use their own template, goes through the templates.
    """

    SELECT = "django/forms/widgets/select.html"
    OPTION = "django/forms/widgets/select_option.html"

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name != self.SELECT or widget is None or not self._plain_options(widget):
            return super().render(template_name, context, request=request)
        parts = [format_html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        option["value"],
                        _attrs(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return "".join(parts)

    def _plain_options(self, widget) -> bool:
        return all(
            option["template_name"] == self.OPTION for _g, options, _i in widget["optgroups"] for option in options
        )


def _attrs(attrs: dict) -> str:
    """What Django's attrs.html writes: ` name="value"`, a bare ` name` for True, nothing for False."""
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    )
