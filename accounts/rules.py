"""Permissions about people themselves (the role predicates are core.roles)."""

from __future__ import annotations

import rules

from core.roles import is_admin, is_coordinator, is_official, registers_in_country

__all__ = ["is_admin", "is_coordinator", "is_official", "registers_in_country"]

# Unlocking a sign-in lockout: admins, and coordinators for the people in their scope
# (accounts.selectors.locked_accounts decides which rows each sees).
rules.add_perm("accounts.unlock_sign_in", is_admin | is_coordinator)
