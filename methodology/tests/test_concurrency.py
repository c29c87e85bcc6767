"""A phase sign-off and a task edit at the same moment, on separate connections (PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection

from core.testing import run_together
from methodology import services
from methodology.models import Phase, Task

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks (CI sets DATABASE_URL)"),
]


def test_a_phase_is_never_signed_off_with_an_open_required_task(reference_data, active, fiona, mia):
    phases = list(active.phases.order_by("number"))
    for phase in phases[:6]:
        Task.objects.filter(phase=phase).update(status=Task.Status.DONE)
        task = phase.tasks.filter(required=True).order_by("order").first()
        run_together(
            lambda p=phase: services.phase_sign_off(phase=Phase.objects.get(pk=p.pk), by=fiona),
            lambda t=task: services.task_update(
                task=Task.objects.select_related("phase__consortium").get(pk=t.pk),
                by=mia,
                version=t.version,
                status=Task.Status.IN_PROGRESS,
            ),
        )
        phase.refresh_from_db()
        open_required = phase.tasks.filter(required=True).exclude(status__in=["done", "not_applicable"]).count()
        assert not (phase.signed_off_at and open_required), "signed off with an open required task"


def test_two_edits_of_one_task_at_once_one_wins_and_the_other_is_told(reference_data, active, fiona, mia):
    task = active.phases.get(number=2).tasks.order_by("order").first()
    for number in range(6):
        task.refresh_from_db()
        results = run_together(
            lambda v=task.version, n=number: services.task_update(
                task=Task.objects.select_related("phase__consortium").get(pk=task.pk),
                by=fiona,
                version=v,
                notes=f"fiona {n}",
            ),
            lambda v=task.version, current=task.status: services.task_update(
                task=Task.objects.select_related("phase__consortium").get(pk=task.pk),
                by=mia,
                version=v,
                status=Task.Status.BLOCKED if current == Task.Status.IN_PROGRESS else Task.Status.IN_PROGRESS,
            ),
        )
        assert sorted(type(r).__name__ for r in results) == ["Task", "TaskConflict"], results


def test_a_custom_task_added_while_the_phase_is_signed_off_lands_before_or_is_refused(reference_data, active, fiona):
    from methodology.tests.helpers import complete

    for phase in list(active.phases.order_by("number"))[:5]:
        complete(phase)
        results = run_together(
            lambda p=phase: services.phase_sign_off(phase=Phase.objects.get(pk=p.pk), by=fiona),
            lambda p=phase: services.task_add(phase=Phase.objects.get(pk=p.pk), by=fiona, title="Book the fair"),
        )
        assert all(
            not isinstance(r, BaseException) or type(r).__name__ in ("StateConflict", "ValidationError")
            for r in results
        ), results
        phase.refresh_from_db()
        open_required = phase.tasks.filter(required=True).exclude(status__in=["done", "not_applicable"]).count()
        assert not (phase.signed_off_at and open_required), "signed off with an open required task"
