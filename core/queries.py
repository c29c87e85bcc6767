"""Query pieces the apps share."""

from __future__ import annotations

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def rows_per(rows: QuerySet, path: str) -> Coalesce:
    """An annotation: how many of ``rows`` point by ``path`` at the annotated row (0 for none).
    A subquery per row, so a list counts only the rows of its page (a grouped join counted
    every row of the table before the LIMIT)."""
    counted = rows.filter(**{path: OuterRef("pk")}).order_by().values(path).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)
