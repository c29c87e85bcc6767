"""Role predicates about the person alone (no object)."""

from __future__ import annotations

import rules


@rules.predicate
def is_official(user) -> bool:
    return bool(user.is_authenticated and user.institution_id)


@rules.predicate
def is_coordinator(user) -> bool:
    return bool(user.is_authenticated and user.is_coordinator)


is_admin = rules.is_superuser


@rules.predicate
def registers_in_country(user, country) -> bool:
    """Officials register enterprises and candidates of their institution's country.

    Admins, and officials of a regional or international body (no country), may
    register in any country.
    """
    if user.is_superuser or not user.institution_id or not user.institution.country:
        return True
    return str(country) == user.institution.country.code


# Unlocking a sign-in lockout: admins, and coordinators for the people in their scope
# (accounts.selectors.locked_accounts decides which rows each sees).
rules.add_perm("accounts.unlock_sign_in", is_admin | is_coordinator)
