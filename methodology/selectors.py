"""Reads of the methodology app that other apps' pages show."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery


def consortium_list_annotations() -> dict:
    """consortia.extensions.list_annotations: the number of the first phase not signed off."""
    from methodology.models import Phase

    current = Phase.objects.filter(consortium=OuterRef("pk"), signed_off_at__isnull=True).order_by("number")
    return {"current_phase": Subquery(current.values("number")[:1])}


def add_progress(consortia) -> None:
    """consortia.extensions.list_page: each listed consortium's overall progress (one query)."""
    from methodology.models import Task

    progress = Task.objects.progress_by_consortium(c.pk for c in consortia)
    for consortium in consortia:
        consortium.progress = progress.get(consortium.pk)
