from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django import forms
from django.utils.text import capfirst

from core.forms import LocalizedDecimalField, LocalizedIntegerField, searchable
from core.validators import http_url
from members.models import Enterprise
from members.rules import editable_fields
from members.services import ENTERPRISE_FIELDS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # types only: django-stubs is a dev dependency


# Lazy, like the model's own texts: these run at import, the language is the reader's.
def _label(name: str) -> StrOrPromise:
    return capfirst(getattr(Enterprise._meta.get_field(name), "verbose_name", name))


def _help(name: str) -> StrOrPromise:
    return getattr(Enterprise._meta.get_field(name), "help_text", "")


class EnterpriseForm(forms.ModelForm):
    """An SME's profile. Figures are typed in the person's language ("1.372" employees in Spanish);
    with ``user`` and a saved enterprise, only the fields that person may change are on the form."""

    website = forms.URLField(label=_label("website"), required=False, assume_scheme="https", validators=[http_url])
    employees = LocalizedIntegerField(label=_label("employees"), required=False, min_value=Decimal(0))
    annual_sales_usd = LocalizedDecimalField(label=_label("annual_sales_usd"), required=False, min_value=Decimal(0))
    producers_represented = LocalizedIntegerField(
        label=_label("producers_represented"),
        required=False,
        min_value=Decimal(0),
        help_text=_help("producers_represented"),
    )

    class Meta:
        model = Enterprise
        fields = ENTERPRISE_FIELDS
        widgets = {
            "products": forms.Textarea(attrs={"rows": 2}),
            "export_markets": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and self.instance.pk:
            for name in set(self.fields) - editable_fields(user, self.instance, self.fields):
                del self.fields[name]
        searchable(self, "country", "sector", "export_markets")
