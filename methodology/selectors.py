"""Reads of the methodology app that other apps' pages show."""

from __future__ import annotations

from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from accounts.models import User
from consortia.models import Consortium
from core.errors import StateConflict
from methodology.models import Methodology, Phase, Task


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


def current_methodology() -> Methodology:
    methodology = Methodology.objects.filter(is_current=True).first()
    if methodology is None:
        raise StateConflict(_("No methodology is marked current; an admin must mark one."))
    return methodology


def people_of(consortium: Consortium):
    """Who may be assigned a task: the facilitators and the representatives of current members."""
    return (
        User.objects.filter(
            Q(facilitated_consortia=consortium)
            | Q(enterprise__memberships__consortium=consortium, enterprise__memberships__left__isnull=True),
            is_active=True,
        )
        .distinct()
        .order_by("full_name")
    )


def sign_off_blockers(phase: Phase) -> dict[str, list[Task]]:
    """What stops a sign-off: required tasks still open, and done tasks missing their evidence."""
    tasks = phase.tasks.select_related("template")
    return {
        "open": list(tasks.filter(required=True).exclude(status__in=[Task.Status.DONE, Task.Status.NOT_APPLICABLE])),
        "without_evidence": list(tasks.filter(needs_evidence=True, status=Task.Status.DONE, evidence__isnull=True)),
    }


def current_phase(phases) -> Phase | None:
    """The first phase not yet complete (signed off)."""
    return next((phase for phase in phases if not phase.is_complete), None)


def overall_progress(phases) -> int:
    total = sum(phase.required_count for phase in phases)
    done = sum(phase.required_done for phase in phases)
    return 100 if total == 0 else round(100 * done / total)
