from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consortia.models import Consortium, Membership
from consortia.rules import editable_fields
from consortia.selectors import facilitator_candidates
from consortia.services import CONSORTIUM_FIELDS, M2M_FIELDS
from core.forms import DateInput, searchable
from members.models import Enterprise, Institution


class ConsortiumForm(forms.ModelForm):
    """The candidate's fields; only those this person may change are on the form (consortia.rules)."""

    class Meta:
        model = Consortium
        fields = CONSORTIUM_FIELDS + M2M_FIELDS
        widgets = {
            "products": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "established": DateInput(),
            "target_markets": forms.SelectMultiple(attrs={"size": 6}),
            "sectors": forms.SelectMultiple(attrs={"size": 6}),
            "facilitators": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        consortium = self.instance if self.instance.pk else None
        if consortium is not None:
            allowed = editable_fields(user, consortium, self.fields)
            for name in set(self.fields) - allowed:
                del self.fields[name]
        country = consortium.country if consortium else self.initial.get("country", "")
        if "facilitators" in self.fields:
            self.fields["facilitators"].queryset = facilitator_candidates(consortium, country=country)
            self.fields["facilitators"].help_text = _("People of the consortium's country or of its member firms.")
        if "sponsor" in self.fields and country:
            self.fields["sponsor"].queryset = Institution.objects.filter(
                Q(country=country) | Q(kind=Institution.Kind.INTERNATIONAL)
            )
        if "sectors" in self.fields:
            self.fields["sectors"].required = False  # required to submit, not to save a draft
        searchable(self, "country", "target_markets", "sectors", "facilitators", "sponsor")


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["enterprise", "role", "joined"]
        widgets = {"joined": DateInput()}

    def __init__(self, *args, consortium: Consortium, user, **kwargs):
        super().__init__(*args, **kwargs)
        current = consortium.memberships.current().values("enterprise_id")
        self.fields["enterprise"].queryset = (  # type: ignore[attr-defined]  # a ModelChoiceField
            Enterprise.objects.visible_to(user).exclude(pk__in=current).order_by("name")
        )
        self.fields["joined"].required = False
        self.fields["joined"].help_text = _("Leave empty for today.")
        searchable(self, "enterprise")


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
