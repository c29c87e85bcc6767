from __future__ import annotations

from django import forms

from members.models import Enterprise
from members.services import ENTERPRISE_FIELDS


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = ENTERPRISE_FIELDS
        widgets = {
            "products": forms.Textarea(attrs={"rows": 2}),
            "export_markets": forms.SelectMultiple(attrs={"size": 6}),
        }
