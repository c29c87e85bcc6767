"""What each person's home at `/` shows: what needs them now, per role they hold.

A person can hold several roles (an official who also facilitates); the home shows
one section per role. Every section is a fixed number of queries, whatever the
number of consortia, tasks or reports behind it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Min, OuterRef, Q, Subquery

from accounts.models import User
from consortia.models import Consortium, Transition
from core.roles import sees_everything
from members.models import Enterprise
from methodology.models import Phase, Task
from methodology.selectors import overall_progress
from monitoring.dashboard import at_risk_consortia
from monitoring.models import ProgressReport
from notifications.models import Notification

ROWS = 8  # per list; each list links to the full page
DUE_SOON_DAYS = 14


@dataclass
class ConsortiumCard:
    consortium: Consortium
    current: Phase | None = None
    progress: int = 0
    next_report: ProgressReport | None = None
    overdue_tasks: int = 0
    ready_to_sign_off: list[Phase] = field(default_factory=list)

    def days_to_report(self, today: datetime.date) -> int | None:
        return (self.next_report.period.due - today).days if self.next_report else None


def consortium_cards(consortia, *, today: datetime.date) -> list[ConsortiumCard]:
    """Current phase, overall progress, next report, overdue tasks and phases ready to sign off (4 queries)."""
    consortia = list(consortia.order_by("name"))
    cards = {c.pk: ConsortiumCard(c) for c in consortia}
    if not cards:
        return []
    progress: dict[int, list[Phase]] = {}
    for phase in Phase.objects.filter(consortium__in=cards).with_progress().select_related("template"):
        card = cards[phase.consortium_id]
        progress.setdefault(phase.consortium_id, []).append(phase)
        if phase.signed_off_at is None:
            if card.current is None:
                card.current = phase
            if phase.is_ready_for_sign_off:
                card.ready_to_sign_off.append(phase)
    for pk, phases in progress.items():
        cards[pk].progress = overall_progress(phases)  # the checklist's own rule, from the same phases
    reports = (
        ProgressReport.objects.filter(period__consortium__in=cards, status__in=ProgressReport.UNSUBMITTED)
        .select_related("period")
        .order_by("-due")
    )
    for report in reports:  # the last one written per consortium is its earliest unsubmitted
        cards[report.period.consortium_id].next_report = report
    for row in (
        Task.objects.filter(phase__consortium__in=cards)
        .overdue(today)
        .values("phase__consortium")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        cards[row["phase__consortium"]].overdue_tasks = row["n"]
    return list(cards.values())


def member_home(user: User, *, today: datetime.date) -> dict:
    mine = Task.objects.visible_to(user).filter(assignee=user).open()
    due = mine.filter(due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
    consortia = Consortium.objects.visible_to(user).active().filter(memberships__enterprise=user.enterprise_id)
    return {
        "tasks": list(due.select_related("phase__consortium", "template").order_by("due_date", "pk")[:ROWS]),
        "tasks_overdue": mine.overdue(today).count(),
        "tasks_open": mine.count(),
        "due_soon_days": DUE_SOON_DAYS,
        "cards": consortium_cards(consortia.distinct(), today=today),
    }


def facilitator_home(user: User, *, today: datetime.date) -> dict:
    consortia = Consortium.objects.filter(facilitators=user).exclude(
        status__in=[Consortium.Status.REJECTED, Consortium.Status.DISSOLVED]
    )
    return {"cards": consortium_cards(consortia, today=today)}


def official_home(user: User, *, today: datetime.date) -> dict:
    mine = Consortium.objects.filter(created_by=user)
    last = Transition.objects.filter(consortium=OuterRef("pk")).order_by("-at", "-pk")
    candidates = list(
        mine.exclude(status=Consortium.Status.ACTIVE)
        .annotate(last_action=Subquery(last.values("action")[:1]), last_comment=Subquery(last.values("comment")[:1]))
        .order_by("status", "name")[: ROWS * 2]
    )
    by_state = {row["status"]: row["n"] for row in mine.values("status").annotate(n=Count("pk")).order_by()}
    # An institution can sponsor hundreds of consortia: the ones whose report is due soonest
    # (or is latest), each with its last report's state, and a count.
    sponsored = Consortium.objects.active().filter(Q(sponsor=user.institution_id) | Q(created_by=user))
    soonest = sponsored.for_list().order_by(F("next_due").asc(nulls_last=True), "name", "pk")
    scope = None if sees_everything(user) else Enterprise.objects.scope_of(user)
    enterprises = Enterprise.objects.visible_to(user, scope)
    return {
        "candidates": candidates,
        "by_state": [(Consortium.Status(code).label, code, n) for code, n in sorted(by_state.items())],
        "enterprise_count": Enterprise.objects.count_visible_to(user, scope),
        "enterprises": list(enterprises.order_by("-created_at", "-pk")[:5]),
        "sponsored": list(soonest[:ROWS]),
        "sponsored_count": sponsored.count(),
    }


def coordinator_home(user: User, *, today: datetime.date) -> dict:
    scope = Consortium.objects.in_scope_of(user)
    submitted_at = Subquery(
        Transition.objects.filter(consortium=OuterRef("pk"), action=Transition.Action.SUBMIT)
        .order_by("-at", "-pk")
        .values("at")[:1]
    )
    candidates = scope.awaiting_review().annotate(submitted_at=submitted_at).order_by("submitted_at", "pk")
    reports = ProgressReport.objects.of_consortia(scope).select_related("period__consortium")
    awaiting = reports.awaiting_review().order_by("submitted_at", "pk")
    overdue = reports.overdue(today).order_by("due", "pk")
    at_risk = at_risk_consortia(scope.active())
    return {
        "candidates": list(candidates[:ROWS]),
        "candidate_count": candidates.count(),
        "awaiting": list(awaiting[:ROWS]),
        "awaiting_count": awaiting.count(),
        "overdue": list(overdue[:ROWS]),
        "overdue_count": overdue.count(),
        "at_risk": list(at_risk[:ROWS]),
        "at_risk_count": at_risk.count(),
    }


def email_health() -> dict:
    """For admins: notices waiting to be e-mailed, and those that gave up."""
    from notifications.delivery import MAX_ATTEMPTS

    unsent = Notification.objects.filter(email=True, sent_at__isnull=True)
    counts = unsent.aggregate(
        pending=Count("pk", filter=Q(attempts__lt=MAX_ATTEMPTS)),
        failed=Count("pk", filter=Q(attempts__gte=MAX_ATTEMPTS)),
        oldest=Min("created_at", filter=Q(attempts__lt=MAX_ATTEMPTS)),
    )
    return counts


def home(user: User, *, today: datetime.date) -> dict:
    """One section per role the person holds, in the order they act."""
    sections: dict = {}
    if user.is_coordinator or user.is_superuser:
        sections["coordinator"] = coordinator_home(user, today=today)
    if user.is_superuser:
        sections["email"] = email_health()
    if user.institution_id:
        sections["official"] = official_home(user, today=today)
    if Consortium.facilitators.through.objects.filter(user_id=user.pk).exists():  # type: ignore[attr-defined]
        sections["facilitator"] = facilitator_home(user, today=today)
    if user.enterprise_id:
        sections["member"] = member_home(user, today=today)
    sections["notices"] = list(Notification.objects.for_user(user).order_by("-created_at", "-pk")[:5])
    return sections
