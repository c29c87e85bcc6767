from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from consortia.models import Consortium, Membership
from consortia.services import CONSORTIUM_FIELDS, M2M_FIELDS
from members.models import Enterprise


class ConsortiumForm(forms.ModelForm):
    class Meta:
        model = Consortium
        fields = CONSORTIUM_FIELDS + M2M_FIELDS
        widgets = {
            "products": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "established": forms.DateInput(attrs={"type": "date"}),
            "target_markets": forms.SelectMultiple(attrs={"size": 6}),
            "sectors": forms.SelectMultiple(attrs={"size": 6}),
            "facilitators": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset = User.objects.filter(is_active=True, is_superuser=False).order_by(
            "full_name"
        )
        self.fields["sectors"].required = False  # required to submit, not to save a draft


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["enterprise", "role", "joined"]
        widgets = {"joined": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, consortium: Consortium, user, **kwargs):
        super().__init__(*args, **kwargs)
        current = consortium.memberships.current().values("enterprise_id")
        self.fields["enterprise"].queryset = (
            Enterprise.objects.visible_to(user).exclude(pk__in=current).order_by("name")
        )
        self.fields["joined"].required = False
        self.fields["joined"].help_text = _("Leave empty for today.")


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
