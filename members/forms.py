from __future__ import annotations

from django import forms
from django.utils.text import capfirst

from members.models import Enterprise
from members.services import ENTERPRISE_FIELDS


class EnterpriseForm(forms.ModelForm):
    website = forms.URLField(
        label=capfirst(Enterprise._meta.get_field("website").verbose_name), required=False, assume_scheme="https"
    )

    class Meta:
        model = Enterprise
        fields = ENTERPRISE_FIELDS
        widgets = {
            "products": forms.Textarea(attrs={"rows": 2}),
            "export_markets": forms.SelectMultiple(attrs={"size": 6}),
        }
