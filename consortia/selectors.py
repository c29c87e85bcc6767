"""Reads that the consortium pages, the API and the services share."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import User
from consortia.models import Consortium, Membership


def facilitator_candidates(consortium: Consortium | None, *, country=None) -> QuerySet[User]:
    """Who may be named a facilitator: active people of the consortium's country or of its member firms.

    People of the country are its institutions' officials and its firms' representatives.
    The consortium's current facilitators stay listed, so a form never drops one silently.
    """
    country = country if country is not None else getattr(consortium, "country", "")
    q = Q(institution__country=country) | Q(enterprise__country=country) if country else Q(pk__in=[])
    if consortium is not None and consortium.pk:
        q |= Q(enterprise__in=Membership.objects.current().filter(consortium=consortium).values("enterprise_id"))
        q |= Q(facilitated_consortia=consortium)
    return User.objects.filter(q, is_active=True, is_superuser=False).distinct().order_by("full_name", "email")
