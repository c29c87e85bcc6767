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
