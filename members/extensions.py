"""What higher apps add to the registry's pages (core.extensions)."""

from __future__ import annotations

from core.extensions import ExtensionPoint

# fn(user, countries: set[str]) -> set of enterprise ids this person also sees beyond those
# countries (the consortia app: the members of the consortia they see).
also_visible = ExtensionPoint("members.also_visible")

# fn(user, enterprise) -> the memberships the enterprise page lists (the consortia app).
enterprise_memberships = ExtensionPoint("members.enterprise_memberships")
