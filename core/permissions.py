"""The permission backend: the project's rules decide the permissions they define."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from rules.permissions import ObjectPermissionBackend, has_perm, perm_exists


class RulesBackend(ObjectPermissionBackend):
    """A rule's no is final. Django asks each backend in turn, so a permission a rule refused
    went on to ModelBackend, which read the person's group and own model permissions (two
    queries on most pages) only to find none: no rule's name is a model permission. Names no
    rule defines (the admin's add_/change_/view_ permissions) still go to ModelBackend."""

    def has_perm(self, user, perm, *args, **kwargs):
        if not perm_exists(perm):
            return False
        if has_perm(perm, user, *args, **kwargs):
            return True
        raise PermissionDenied
