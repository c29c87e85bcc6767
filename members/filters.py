from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import CountryFilter, StyledFilterSet
from members.models import Enterprise, Institution, Sector, SizeClass


def institution_countries(filterset):
    """Enterprises are registered by the officials of institutions, in their institution's country; the
    distinct countries of 40,000 enterprises would cost a scan of them all."""
    return Institution.objects.order_by().values_list("country", flat=True)


class EnterpriseFilter(StyledFilterSet):
    """Used by the enterprise list page and the enterprises endpoint alike."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    country = CountryFilter(offered=institution_countries)
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
    country = CountryFilter()
    kind = django_filters.ChoiceFilter(choices=Institution.Kind.choices, empty_label=_("Any"), label=_("Kind"))

    class Meta:
        model = Institution
        fields = ["q", "country", "kind"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value))
