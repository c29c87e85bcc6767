from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia.models import Consortium
from core.filters import StyledFilterSet, yes_no_filter
from methodology.models import Task


class TaskFilter(StyledFilterSet):
    """My tasks page and the tasks endpoint."""

    status = django_filters.ChoiceFilter(choices=Task.Status.choices, empty_label=_("Any"), label=_("Status"))
    consortium = django_filters.ModelChoiceFilter(
        field_name="phase__consortium", queryset=Consortium.objects.none(), empty_label=_("Any"), label=_("Consortium")
    )
    phase = django_filters.NumberFilter(field_name="phase__number", label=_("Phase"))
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte", label=_("Due from"))
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte", label=_("Due until"))
    overdue = yes_no_filter(method="filter_overdue", label=_("Overdue"))
    assignee = django_filters.CharFilter(method="filter_assignee", label=_("Assignee"))

    class Meta:
        model = Task
        fields = ["status", "consortium", "phase", "due_after", "due_before", "overdue", "assignee"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.filters["consortium"].queryset = Consortium.objects.visible_to(user).order_by("name")
        self.user = user

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue(timezone.localdate())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    def filter_assignee(self, queryset, name, value):
        if value == "me" and self.user is not None:
            return queryset.filter(assignee=self.user)
        if value.isdigit():
            return queryset.filter(assignee_id=int(value))
        return queryset.none()


def _phase_choices():
    from methodology.models import PhaseTemplate

    return [
        (template.number, f"{template.number}. {template.title}")
        for template in PhaseTemplate.objects.filter(methodology__is_current=True).order_by("number")
    ]


class MyTaskFilter(TaskFilter):
    """My tasks: a personal list, so no assignee filter; the phase by its name."""

    phase = django_filters.ChoiceFilter(
        field_name="phase__number", choices=_phase_choices, empty_label=_("Any"), label=_("Phase")
    )

    class Meta(TaskFilter.Meta):
        fields = ["status", "consortium", "phase", "due_after", "due_before", "overdue"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters.pop("assignee", None)
