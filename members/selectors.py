"""Reads of the SME registry that its pages and the API show. Services write."""

from __future__ import annotations

from django.db.models import QuerySet

from core.roles import Person
from members.models import Enterprise


def visible_enterprises(user: Person) -> QuerySet[Enterprise]:
    """The enterprises this person may see, with their size class and sector, for lists and pages."""
    return Enterprise.objects.visible_to(user).with_size_class().select_related("sector")
