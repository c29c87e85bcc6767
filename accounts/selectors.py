"""Reads about people and their sign-ins."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q, Sum
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import User


def _recent_attempts():
    return AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)


def people_in_scope(viewer: User):
    """The people a coordinator looks after: everyone for a regional coordinator or an admin;
    else the officials and representatives of institutions and enterprises in their countries."""
    scope = None if viewer.is_superuser else viewer.coordinator_scope
    people = User.objects.all()
    if scope is not None:
        people = people.filter(Q(institution__country__in=scope) | Q(enterprise__country__in=scope))
    return people


def locked_accounts(viewer: User) -> list[dict]:
    """Accounts now locked out of signing in that this coordinator may unlock, most recent first:
    {"username", "person" (or None for an address with no account), "failures", "last"}."""
    rows = (
        _recent_attempts()
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )
    rows = list(rows)
    names = [r["username"] for r in rows]
    people = {p.address: p for p in people_in_scope(viewer).annotate(address=Lower("email")).filter(address__in=names)}
    regional = viewer.is_superuser or viewer.coordinator_scope is None
    return [
        {**row, "person": people.get(row["username"])}
        for row in rows
        if row["username"] in people or (regional and row["username"])
    ]


def locked_addresses(viewer: User) -> list[dict]:
    """Network addresses now locked out (admins and regional coordinators only): {"ip_address", "failures", "last"}."""
    if not (viewer.is_superuser or viewer.coordinator_scope is None):
        return []
    return list(
        _recent_attempts()
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )
