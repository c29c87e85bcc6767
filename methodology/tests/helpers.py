from __future__ import annotations


def complete(phase, status: str = "done") -> None:
    """Every task of the phase in ``status``, with a link attached where the task needs evidence."""
    from methodology.models import Evidence

    phase.tasks.update(status=status)
    Evidence.objects.bulk_create(
        Evidence(task=task, link="https://example.org/minutes", name="Minutes")
        for task in phase.tasks.filter(needs_evidence=True, evidence__isnull=True)
    )
