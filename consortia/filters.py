from __future__ import annotations

import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from consortia.models import Consortium
from core.filters import CountryFilter, StyledFilterSet
from members.models import Sector


class NullsLastOrdering(django_filters.OrderingFilter):
    """Sorting either way keeps the rows without a value (no phase yet, no report due) at the end."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        ordering = []
        for param in value:
            field = self.get_ordering_value(param)
            name = field.lstrip("-")
            ordering.append(F(name).desc(nulls_last=True) if field.startswith("-") else F(name).asc(nulls_last=True))
        return qs.order_by(*ordering, "pk")


class ConsortiumFilter(StyledFilterSet):
    """Used by the consortium list page, the review queue and the consortia endpoint."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    country = CountryFilter()
    status = django_filters.ChoiceFilter(choices=Consortium.Status.choices, empty_label=_("Any"), label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=Consortium.Kind.choices, empty_label=_("Any"), label=_("Kind"))
    sector = django_filters.ModelChoiceFilter(
        queryset=Sector.objects.all(),
        to_field_name="code",
        field_name="sectors",
        empty_label=_("Any"),
        label=_("Sector"),
    )

    sort = NullsLastOrdering(
        label=_("Sort by"),
        empty_label=_("Name"),
        fields=(
            ("name", "name"),
            ("country", "country"),
            ("current_phase", "phase"),
            ("next_due", "next_due"),
            ("member_count", "members"),
            ("status", "status"),
            ("submitted_at", "submitted"),
        ),
        field_labels={
            "name": _("Name"),
            "country": _("Country"),
            "current_phase": _("Current phase"),
            "next_due": _("Next report due"),
            "member_count": _("Members"),
            "status": _("Status"),
            "submitted_at": _("Submitted"),
        },
    )

    class Meta:
        model = Consortium
        fields = ["q", "country", "status", "kind", "sector"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(products__icontains=value) | Q(region__icontains=value))
