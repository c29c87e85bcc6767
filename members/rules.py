"""Who may do what with enterprises."""

from __future__ import annotations

import rules

from accounts.rules import is_admin, is_official


@rules.predicate
def can_see_enterprise(user, enterprise) -> bool:
    from members.models import Enterprise

    return Enterprise.objects.visible_to(user).filter(pk=enterprise.pk).exists()


@rules.predicate
def represents_enterprise(user, enterprise) -> bool:
    return bool(user.enterprise_id) and user.enterprise_id == enterprise.pk


@rules.predicate
def is_official_of_enterprise_country(user, enterprise) -> bool:
    institution = user.institution
    return bool(institution and institution.country and institution.country == enterprise.country)


rules.add_perm("members.view_enterprise", is_admin | can_see_enterprise)
rules.add_perm("members.add_enterprise", is_admin | is_official)
rules.add_perm("members.change_enterprise", is_admin | represents_enterprise | is_official_of_enterprise_country)
