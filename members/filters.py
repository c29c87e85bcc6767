from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.filters import StyledFilterSet
from members.models import Enterprise, Institution, Sector, SizeClass


class EnterpriseFilter(StyledFilterSet):
    """Used by the enterprise list page and the enterprises endpoint alike."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    country = django_filters.ChoiceFilter(choices=countries, label=_("Country"), empty_label=_("Any"))
    sector = django_filters.ModelChoiceFilter(
        queryset=Sector.objects.all(), to_field_name="code", empty_label=_("Any"), label=_("Sector")
    )
    size_class = django_filters.ChoiceFilter(choices=SizeClass.choices, empty_label=_("Any"), label=_("Size"))
    export_status = django_filters.ChoiceFilter(
        choices=Enterprise.ExportStatus.choices, empty_label=_("Any"), label=_("Export status")
    )

    class Meta:
        model = Enterprise
        fields = ["q", "country", "sector", "size_class", "export_status"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(legal_name__icontains=value) | Q(products__icontains=value))


class InstitutionFilter(StyledFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    country = django_filters.ChoiceFilter(choices=countries, label=_("Country"), empty_label=_("Any"))
    kind = django_filters.ChoiceFilter(choices=Institution.Kind.choices, empty_label=_("Any"), label=_("Kind"))

    class Meta:
        model = Institution
        fields = ["q", "country", "kind"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value))
