"""Realistic checklist progress for the demo consortia (idempotent).

Long-running consortia are far along, the Costa Rica 2012 consortia mid-way,
Caribbean candidates have no checklist (not approved). Delicia Artesanal is left
at phase 4 with one overdue task assigned to the demo member, so the journey
"mark it done, the facilitator signs the phase off" can be walked.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from consortia.models import Consortium
from methodology.models import Activity, Evidence, Phase, Task, TaskComment
from methodology.services import instantiate_methodology

# consortium name -> phases signed off, and how many required tasks are done in the next phase
PROGRESS = {
    "GAPMA – Grupo Asociativo de Productores de Maquinaria Agrícola": (8, 2),
    "Vincy Klus Inc": (8, 1),
    "Queso Cotija Región de Origen": (9, 2),
    "Vinnova / Tecnovid wine consortium": (6, 3),
    "Chulucanas ceramics": (6, 2),
    "Joyas de Catacaos": (5, 2),
    "Brunca agroindustry consortium": (3, 2),
    "Brunca tourism consortium": (3, 1),
    "Brunca fresh products consortium": (4, 1),
    "Caribbean Art": (3, 3),
    "Caribbean Things": (3, 2),
    "Huetar Industrial": (2, 2),
    "Delicia Artesanal": (3, 3),
}


def load(*, password: str, log) -> None:
    coordinator = User.objects.get(email="coordinator@demo.alianza.org")
    facilitator = User.objects.get(email="facilitator@demo.alianza.org")
    member = User.objects.get(email="member@demo.alianza.org")
    today = timezone.localdate()
    touched = 0
    for consortium in Consortium.objects.filter(status=Consortium.Status.ACTIVE):
        instantiate_methodology(consortium=consortium)
        if Task.objects.filter(phase__consortium=consortium).exclude(status=Task.Status.TODO).exists():
            continue  # progress already loaded
        signed, done_next = PROGRESS.get(consortium.name, (1, 1))
        touched += 1
        phases = list(consortium.phases.order_by("number"))
        signer = facilitator if consortium.facilitators.filter(pk=facilitator.pk).exists() else coordinator
        for phase in phases[:signed]:
            phase.tasks.filter(required=True).update(status=Task.Status.DONE, updated_by=signer, version=2)
            phase.tasks.filter(required=False).update(status=Task.Status.NOT_APPLICABLE, version=2)
            Phase.objects.filter(pk=phase.pk).update(signed_off_at=timezone.now(), signed_off_by=signer)
        if signed < len(phases):
            upcoming = list(phases[signed].tasks.filter(required=True).order_by("order"))
            for task in upcoming[:done_next]:
                Task.objects.filter(pk=task.pk).update(status=Task.Status.DONE, version=2, updated_by=signer)
            for offset, task in enumerate(upcoming[done_next:]):
                # The first open task is late; the others are due in the coming weeks.
                due = (
                    today - datetime.timedelta(days=10) if offset == 0 else today + datetime.timedelta(days=21 * offset)
                )
                status = Task.Status.IN_PROGRESS if offset == 0 else Task.Status.TODO
                Task.objects.filter(pk=task.pk).update(due_date=due, status=status, version=2, updated_by=signer)
        if consortium.name == "Delicia Artesanal":
            late = Task.objects.filter(phase=phases[signed], status=Task.Status.IN_PROGRESS).get()
            Task.objects.filter(pk=late.pk).update(assignee=member)
            TaskComment.objects.create(
                task=late, author=facilitator, body="The assembly agreed US$15 a month; please record the minutes."
            )
            Activity.objects.create(
                consortium=consortium,
                actor=facilitator,
                verb=Activity.Verb.COMMENTED,
                task=late,
                detail="The assembly agreed US$15 a month",
            )
        Activity.objects.create(
            consortium=consortium,
            actor=signer,
            verb=Activity.Verb.SIGNED_OFF,
            phase=phases[signed - 1],
        )
        # A done task that needs evidence has some, so the demo keeps the checklist's own rule.
        Evidence.objects.bulk_create(
            Evidence(
                task=task,
                link=f"https://example.org/alianza-demo/evidence/{task.pk}",
                name="Demo evidence (illustrative)",
                uploaded_by=signer,
            )
            for task in Task.objects.filter(
                phase__consortium=consortium, status=Task.Status.DONE, needs_evidence=True, evidence__isnull=True
            )
        )
    log(f"methodology: progress loaded for {touched} active consortia")
