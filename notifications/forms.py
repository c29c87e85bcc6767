from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.selectors import EMAIL_CHOICE_KINDS


class PreferenceForm(forms.Form):
    email_kinds = forms.MultipleChoiceField(
        label=_("Also send me an e-mail for"),
        help_text=_("Every notice is always in your inbox; untick a kind to stop its e-mails."),
        choices=[(kind.value, kind.label) for kind in EMAIL_CHOICE_KINDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    digest = forms.BooleanField(
        label=_("Send me the weekly digest"),
        help_text=_("For coordinators: overdue reports, reports and candidates awaiting review, consortia at risk."),
        required=False,
    )
