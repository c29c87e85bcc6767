"""Who may do what with enterprises."""

from __future__ import annotations

import rules

from core.roles import is_admin, is_official


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


rules.add_perm("members.see_enterprise", is_admin | can_see_enterprise)
rules.add_perm("members.register_enterprise", is_admin | is_official)
rules.add_perm("members.edit_enterprise", is_admin | represents_enterprise | is_official_of_enterprise_country)

# Fields: who may change which field of an enterprise. A member representative keeps
# the profile current but not its country (that moves it out of its consortia's sight);
# an official changes it only within the countries they register in (services.check_country).
FIELD_RULES = {"country": is_admin | is_official_of_enterprise_country}
EVERYONE_WHO_EDITS = is_admin | represents_enterprise | is_official_of_enterprise_country


def editable_fields(user, enterprise, fields) -> set[str]:
    """Of ``fields``, the ones this person may change on this enterprise."""
    return {name for name in fields if FIELD_RULES.get(name, EVERYONE_WHO_EDITS).test(user, enterprise)}
