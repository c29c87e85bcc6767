from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from consortia.models import Consortium
from core.filters import named_countries
from core.forms import DateField, LocalizedDecimalField
from core.roles import sees_everything
from members.models import Sector
from monitoring.models import PairFigures, ProgressReport, Review


class ReportForm(forms.Form):
    """Narrative plus one figure per indicator (``value_<code>``), typed in the person's
    language and shown back the same way; the service checks each against its indicator."""

    achievements = forms.CharField(label=_("Achievements"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    difficulties = forms.CharField(label=_("Difficulties"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    next_steps = forms.CharField(label=_("Next steps"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    support_requested = forms.CharField(
        label=_("Support requested"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, indicators, report: ProgressReport, **kwargs):
        initial = {
            name: getattr(report, name) for name in ("achievements", "difficulties", "next_steps", "support_requested")
        }
        initial["version"] = report.version
        initial.update({f"value_{v.indicator.code}": v.value for v in report.values.all()})
        super().__init__(*args, initial=initial, **kwargs)  # type: ignore[misc]  # callers never pass initial
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"value_{indicator.code}"] = LocalizedDecimalField(
                label=indicator.name,
                required=False,
                widget=forms.TextInput(attrs={"class": "form-control form-control-lg text-end"}),
            )

    def clean(self):
        """Each figure against its indicator's range too, so every problem shows at once."""
        from monitoring.services import value_problem

        cleaned = super().clean()
        for indicator in self.indicators:
            value = cleaned.get(f"value_{indicator.code}")
            problem = value_problem(indicator, value) if value is not None else ""
            if problem:
                self.add_error(f"value_{indicator.code}", problem)
        return cleaned

    def values(self) -> dict:
        return {i.code: self.cleaned_data.get(f"value_{i.code}") for i in self.indicators}

    def narrative(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in ("achievements", "difficulties", "next_steps", "support_requested")
        }


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Review.Decision.choices, widget=forms.RadioSelect)
    rating = forms.ChoiceField(label=_("Rating"), choices=Review.Rating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class DashboardFilter(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = forms.ModelChoiceField(
        label=_("Sector"), required=False, queryset=Sector.objects.all(), to_field_name="code", empty_label=_("Any")
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any")), *Consortium.Kind.choices])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Per request: the countries in this person's scope, named and sorted in their language.
        scope = user.coordinator_scope if user.is_coordinator and not user.is_superuser else None
        if sees_everything(user):  # every consortium: the countries kept per pair
            codes = PairFigures.objects.order_by().values_list("country", flat=True).distinct()
        elif scope is None:
            codes = Consortium.objects.visible_to(user).order_by().values_list("country", flat=True).distinct()
        else:
            codes = scope
        self.fields["country"].choices = [("", _("Any")), *named_countries(codes)]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"


class IndicatorTargetsForm(forms.Form):
    """One indicator's baseline, whole-plan target and period targets, pre-filled with what is saved.

    An empty box clears that figure. Each figure carries the version it was read at, and only the
    figures the person changed are written, so a figure someone else changed meanwhile is refused
    only if this person changed it too.
    """

    # show_hidden_initial: "changed" means changed from what this person read, not from what
    # is saved now (someone else may have saved since the page opened).
    baseline = LocalizedDecimalField(label=_("Baseline"), required=False, show_hidden_initial=True)
    baseline_date = DateField(label=_("Measured on"), required=False, show_hidden_initial=True)
    baseline_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    plan_target = LocalizedDecimalField(label=_("Target for the whole plan"), required=False, show_hidden_initial=True)
    plan_date = DateField(label=_("To be met by"), required=False, show_hidden_initial=True)
    plan_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, periods: list[tuple[int, object, object]], baseline, targets: dict, **kwargs):
        plan = targets.get(None)
        initial = {
            "baseline": baseline.value if baseline else None,
            "baseline_date": baseline.measured_on if baseline else None,
            "baseline_version": baseline.version if baseline else None,
            "plan_target": plan.target if plan else None,
            "plan_date": plan.target_date if plan else None,
            "plan_version": plan.version if plan else None,
        }
        super().__init__(*args, initial=initial, **kwargs)  # type: ignore[misc]  # callers never pass initial
        self.period_fields = []
        for number, start, end in periods:
            saved = targets.get(number)
            name = f"period_{number}"
            label = _("Period %(number)s") % {"number": number}
            self.fields[name] = LocalizedDecimalField(label=label, required=False, show_hidden_initial=True)
            self.fields[f"{name}_version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
            self.initial[name] = saved.target if saved else None
            self.initial[f"{name}_version"] = saved.version if saved else None
            self.period_fields.append((number, start, end, self[name], self[f"{name}_version"]))

    def changed(self, *names: str) -> bool:
        return any(name in self.changed_data for name in names)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("PDF, image, office document or CSV; 10 MB at most."))
