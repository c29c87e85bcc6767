from __future__ import annotations

import django_filters
from django import forms


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
