"""Reads that the consortium pages, the API and the services share."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

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


def reporters(consortium: Consortium) -> list[User]:
    """Who writes and submits the consortium's six-month report: its facilitators and the
    active officials of its sponsoring institution. Reads prefetched ``facilitators`` and
    ``sponsor__officials`` when the caller has them (lists, jobs), so rows cost no query each."""
    people = {user.pk: user for user in consortium.facilitators.all() if user.is_active}
    sponsor = consortium.sponsor if consortium.sponsor_id is not None else None
    if sponsor is not None:
        people.update({user.pk: user for user in sponsor.officials.all() if user.is_active})
    return sorted(people.values(), key=lambda user: (user.full_name, user.email))


def prefetch_reporters(prefix: str = "") -> list[str]:
    """The prefetches ``reporters()`` reads, from a queryset of consortia (or through ``prefix``)."""
    return [f"{prefix}facilitators", f"{prefix}sponsor__officials"]


# What the consortia app adds to the SME registry's pages (members.extensions).


def members_in_sight(user, countries: set[str]) -> set[int]:
    """The enterprises that are members of the consortia this person sees, outside ``countries``
    (those the registry shows already): of the consortia in those countries, the members
    registered abroad (Membership.abroad, a small index); of the others, every member. Reading
    every membership in sight grew with the consortia (12,000 for an official at scale 10, 40 ms).
    Each member's country is looked up by its key: joined, PostgreSQL scanned every enterprise."""
    from django.db.models import OuterRef, Subquery

    from members.models import Enterprise

    inside: list[int] = []
    outside: list[int] = []
    for pk, country in Consortium.objects.visible_to(user).order_by().values_list("pk", "country"):
        (inside if country in countries else outside).append(pk)
    country_of_member = Subquery(Enterprise.objects.filter(pk=OuterRef("enterprise_id")).order_by().values("country"))
    parts = [
        Membership.objects.filter(**wanted)
        .order_by()
        .annotate(member_country=country_of_member)
        .exclude(member_country__in=countries)
        .values_list("enterprise_id", flat=True)
        for wanted, consortia in (
            ({"abroad": True, "consortium__in": inside}, inside),
            ({"consortium__in": outside}, outside),
        )
        if consortia
    ]
    if not parts:
        return set()
    return set(parts[0].union(*parts[1:]))


def memberships_in_sight(user, enterprise) -> QuerySet[Membership]:
    """The enterprise's memberships of consortia this person sees, newest first."""
    return (
        enterprise.memberships.filter(consortium__in=Consortium.objects.visible_to(user))
        .select_related("consortium")
        .order_by("-joined")
    )


def allowed_actions(consortium: Consortium, user) -> list[str]:
    """The lifecycle actions this person may take now, for buttons and the API."""
    from consortia.workflow import STEPS

    return STEPS.allowed(consortium, consortium.status, user)


def submission_problems(consortium: Consortium) -> list[str]:
    """Each thing missing before a candidate can be submitted, as a sentence."""
    problems = []
    if not consortium.name.strip():
        problems.append(_("Give the consortium a name."))
    if not consortium.kind:
        problems.append(_("Choose the kind of consortium (export or origin)."))
    if not consortium.country:
        problems.append(_("Choose the country."))
    if not consortium.sectors.exists():
        problems.append(_("Choose at least one sector."))
    if not consortium.products.strip():
        problems.append(_("Describe the products."))
    members = consortium.memberships.current().count()
    if members < Consortium.MIN_MEMBERS:
        problems.append(
            _("Add at least %(min)d member enterprises (it has %(count)d).")
            % {"min": Consortium.MIN_MEMBERS, "count": members}
        )
    return problems
