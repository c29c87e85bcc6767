"""Who may do what with a consortium. Pages, API, templates and services ask these."""

from __future__ import annotations

import rules

from accounts.rules import is_admin, is_coordinator, is_official


@rules.predicate
def can_see_consortium(user, consortium) -> bool:
    from consortia.models import Consortium

    return Consortium.objects.visible_to(user).filter(pk=consortium.pk).exists()


@rules.predicate
def is_sponsor_official(user, consortium) -> bool:
    """The official who registered it, or any official of its sponsoring institution."""
    if consortium.created_by_id == user.pk:
        return True
    return bool(user.institution_id) and consortium.sponsor_id == user.institution_id


@rules.predicate
def is_sponsoring_official(user, consortium) -> bool:
    """An official of the consortium's sponsoring institution."""
    return bool(user.institution_id) and consortium.sponsor_id == user.institution_id


@rules.predicate
def is_facilitator(user, consortium) -> bool:
    # .all() uses the list's prefetch when there is one, so rows cost no query each.
    return any(facilitator.pk == user.pk for facilitator in consortium.facilitators.all())


@rules.predicate
def is_coordinator_in_scope(user, consortium) -> bool:
    return user.coordinates(consortium.country)


registrant = is_sponsor_official | is_facilitator
# Who writes and submits the six-month report (DESIGN §1, "Reporters").
reporter = is_facilitator | is_sponsoring_official

rules.add_perm("consortia.see_consortium", is_admin | can_see_consortium)
rules.add_perm("consortia.register_consortium", is_admin | is_official)
rules.add_perm("consortia.edit_consortium", is_admin | registrant | is_coordinator_in_scope)
rules.add_perm("consortia.manage_memberships", is_admin | registrant)
rules.add_perm("consortia.submit_consortium", is_admin | registrant)
rules.add_perm("consortia.decide_consortium", is_admin | is_coordinator_in_scope)
rules.add_perm("consortia.steer_consortium", is_admin | is_coordinator_in_scope)
rules.add_perm("consortia.review_candidates", is_admin | is_coordinator)


# ------------------------------------------------------------------------------
# Fields: who may change which field of a consortium (DESIGN §1, "Fields, not only objects").
# The service enforces this for the page and the API alike; forms show only these fields.
# ------------------------------------------------------------------------------
steers = is_admin | is_coordinator_in_scope
FIELD_RULES = {
    # A consortium moves country only by a coordinator whose scope holds both countries
    # (the service checks the new one), or an admin.
    "country": steers,
    # The sponsoring institution and the facilitators are named by its sponsoring official or a coordinator.
    "sponsor": steers | is_sponsor_official,
    "facilitators": steers | is_sponsor_official,
}
EVERYONE_WHO_EDITS = steers | registrant


def editable_fields(user, consortium, fields) -> set[str]:
    """Of ``fields``, the ones this person may change on this consortium."""
    return {name for name in fields if FIELD_RULES.get(name, EVERYONE_WHO_EDITS).test(user, consortium)}
