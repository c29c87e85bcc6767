from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField
from core.validators import no_line_breaks
from methodology.models import Task


class TaskUpdateForm(forms.Form):
    """The inline task editor; ``version`` is what the person read."""

    status = forms.ChoiceField(label=_("Status"), choices=Task.Status.choices)
    assignee = forms.ModelChoiceField(label=_("Assignee"), queryset=None, required=False, empty_label=_("Nobody"))
    due_date = DateField(label=_("Due date"), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 1}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, people, fields=None, **kwargs):
        """``fields``: the task fields this person may change; the others are not on the form."""
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people
        self.fields["assignee"].error_messages["invalid_choice"] = _(
            "Choose a member or facilitator of this consortium."
        )
        if fields is not None:
            for name in {"status", "assignee", "due_date", "notes"} - set(fields):
                del self.fields[name]

    def changes(self) -> dict:
        """The task fields on this form, as typed (the service keeps only those that differ)."""
        return {
            name: self.cleaned_data[name] for name in ("status", "assignee", "due_date", "notes") if name in self.fields
        }


class TaskAddForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[no_line_breaks])
    guidance = forms.CharField(label=_("Guidance"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    required = forms.BooleanField(label=_("Required to complete the phase"), required=False, initial=True)
    needs_evidence = forms.BooleanField(label=_("Needs evidence"), required=False)
    due_date = DateField(label=_("Due date"), required=False)
    assignee = forms.ModelChoiceField(label=_("Assignee"), queryset=None, required=False, empty_label=_("Nobody"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("File"), required=False, help_text=_("PDF, image, office document or CSV; 10 MB at most.")
    )
    link = forms.URLField(label=_("Or a link"), required=False, assume_scheme="https")
    name = forms.CharField(label=_("Name"), required=False, max_length=200, validators=[no_line_breaks])


class ReopenForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
