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
def is_facilitator(user, consortium) -> bool:
    # .all() uses the list's prefetch when there is one, so rows cost no query each.
    return any(facilitator.pk == user.pk for facilitator in consortium.facilitators.all())


@rules.predicate
def is_coordinator_in_scope(user, consortium) -> bool:
    return user.coordinates(consortium.country)


registrant = is_sponsor_official | is_facilitator

rules.add_perm("consortia.view_consortium", is_admin | can_see_consortium)
rules.add_perm("consortia.add_consortium", is_admin | is_official)
rules.add_perm("consortia.change_consortium", is_admin | registrant)
rules.add_perm("consortia.manage_memberships", is_admin | registrant)
rules.add_perm("consortia.submit_consortium", is_admin | registrant)
rules.add_perm("consortia.decide_consortium", is_admin | is_coordinator_in_scope)
rules.add_perm("consortia.steer_consortium", is_admin | is_coordinator_in_scope)
rules.add_perm("consortia.review_candidates", is_admin | is_coordinator)
