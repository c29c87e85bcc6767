"""Reads of the SME registry that its pages and the API show. Services write."""

from __future__ import annotations

from django.db.models import QuerySet

from core.roles import Person
from members.models import CountryEnterprises, Enterprise


def visible_enterprises(user: Person) -> QuerySet[Enterprise]:
    """The enterprises this person may see, with their size class and sector, for lists and pages."""
    return Enterprise.objects.visible_to(user).with_size_class().select_related("sector")


def kept_total(model) -> int | None:
    """core.extensions.kept_totals: every enterprise, summed from the counts kept per country."""
    if model is not Enterprise:
        return None
    return CountryEnterprises.total()
