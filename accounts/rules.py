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
