"""Role predicates about the person alone (no object), read from the user's own fields.

In core, below every app (DESIGN §2), so that the registry (members) can ask "is this an
official?" without importing accounts."""

from __future__ import annotations

from typing import Any

import rules


@rules.predicate
def is_official(user) -> bool:
    return bool(user.is_authenticated and user.institution_id)


@rules.predicate
def is_coordinator(user) -> bool:
    return bool(user.is_authenticated and user.is_coordinator)


is_admin = rules.is_superuser


@rules.predicate
def sees_everything(user) -> bool:
    """Admins and coordinators of every country (an empty scope) see every consortium and
    enterprise: the lists need no filter, and the dashboard reads what is kept for the region."""
    return bool(user.is_authenticated and (user.is_superuser or (user.is_coordinator and not user.coordinator_scope)))


@rules.predicate
def registers_in_country(user, country) -> bool:
    """Officials register enterprises and candidates of their institution's country.

    Admins, and officials of a regional or international body (no country), may
    register in any country.
    """
    if user.is_superuser or not user.institution_id or not user.institution.country:
        return True
    return str(country) == user.institution.country.code


# How apps below accounts (members, notifications) name the acting person in their
# signatures: they know users only through settings.AUTH_USER_MODEL (DESIGN §2), so the
# type is the user model's interface as they use it, not accounts.models.User.
Person = Any
