from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from consortia.models import Consortium
from core.filters import StyledFilterSet, yes_no_filter
from monitoring.models import Baseline, Indicator, IndicatorTarget, ProgressReport


class ReportFilter(StyledFilterSet):
    """The report list page and the reports endpoint."""

    consortium = django_filters.ModelChoiceFilter(
        field_name="period__consortium", queryset=Consortium.objects.none(), empty_label=_("Any"), label=_("Consortium")
    )
    status = django_filters.ChoiceFilter(choices=ProgressReport.Status.choices, empty_label=_("Any"), label=_("Status"))
    due_after = django_filters.DateFilter(field_name="due", lookup_expr="gte", label=_("Due from"))
    due_before = django_filters.DateFilter(field_name="due", lookup_expr="lte", label=_("Due until"))
    overdue = yes_no_filter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = ProgressReport
        fields = ["consortium", "status", "due_after", "due_before", "overdue"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.filters["consortium"].queryset = Consortium.objects.visible_to(user).order_by("name")

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue(timezone.localdate())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class TargetFilter(StyledFilterSet):
    """The targets endpoint: ``?consortium=3&indicator=export_sales&period=2`` (``period=plan``: the whole plan)."""

    consortium = django_filters.ModelChoiceFilter(queryset=Consortium.objects.none(), label=_("Consortium"))
    indicator = django_filters.ModelChoiceFilter(
        queryset=Indicator.objects.all(), to_field_name="code", label=_("Indicator")
    )
    period = django_filters.CharFilter(
        method="filter_period", label=_("Period"), help_text=_("A period number, or “plan” for the whole plan.")
    )

    class Meta:
        model = IndicatorTarget
        fields = ["consortium", "indicator", "period"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.filters["consortium"].queryset = Consortium.objects.visible_to(user)

    def filter_period(self, queryset, name, value):
        if value in ("", None):
            return queryset
        if value == "plan":
            return queryset.filter(period__isnull=True)
        if not value.isdigit():
            raise ValidationError({"period": [_("Enter a period number, or “plan” for the whole plan.")]})
        return queryset.filter(period=int(value))


class BaselineFilter(StyledFilterSet):
    """The baselines endpoint: ``?consortium=3&indicator=export_sales``."""

    consortium = django_filters.ModelChoiceFilter(queryset=Consortium.objects.none(), label=_("Consortium"))
    indicator = django_filters.ModelChoiceFilter(
        queryset=Indicator.objects.all(), to_field_name="code", label=_("Indicator")
    )

    class Meta:
        model = Baseline
        fields = ["consortium", "indicator"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.filters["consortium"].queryset = Consortium.objects.visible_to(user)


class ReportPageFilter(ReportFilter):
    """The report list page: a select of consortia while they are few, a name search past that
    (a coordinator for the region would get a select of 2,000 options)."""

    SELECT_LIMIT = 50

    consortium_name = django_filters.CharFilter(
        field_name="period__consortium__name", lookup_expr="icontains", label=_("Consortium")
    )

    class Meta(ReportFilter.Meta):
        fields = ["consortium", "consortium_name", "status", "due_after", "due_before", "overdue"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        few = user is not None and self.filters["consortium"].queryset[: self.SELECT_LIMIT + 1].count() <= (
            self.SELECT_LIMIT
        )
        self.filters.pop("consortium_name" if few else "consortium")
        if "consortium" in self.filters:
            self.filters["consortium"].extra["widget"] = django_filters.widgets.forms.Select(
                attrs={"data-searchable": ""}
            )
