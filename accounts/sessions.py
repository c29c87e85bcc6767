"""Ending a person's access: API tokens, other sessions, and sign-in lockouts.

Sessions need no sweep: each carries a hash of the password and the session generation
(``User.get_session_auth_hash``), so Django refuses one whose hash no longer matches.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model, update_session_auth_hash
from django.db import transaction
from django.db.models import F
from rest_framework.authtoken.models import Token


def revoke_tokens(user) -> int:
    """Delete the person's API tokens; the count deleted."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return deleted


def end_access_after_save(user, *, password_changed: bool) -> None:
    """Called by ``User.save``: a new password or a deactivation revokes the tokens; a new
    password also lifts the account's sign-in lockout; a deactivation stops their e-mails."""
    revoke_tokens(user)
    if not user.is_active:
        from notifications.delivery import cancel_emails_to

        cancel_emails_to(user)
    if password_changed:
        from axes.utils import reset

        reset(username=user.email.lower())


def sign_out_everywhere(request) -> None:
    """End every token and every session of the signed-in person but this one."""
    user = request.user
    with transaction.atomic():
        get_user_model().objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
        user.refresh_from_db(fields=["session_epoch"])
        revoke_tokens(user)
    update_session_auth_hash(request, user)  # this browser stays signed in


def unlock_sign_in(*, by, username: str = "", address: str = "") -> bool:
    """Lift a sign-in pause before its cool-off: an account in ``by``'s scope, or (admins and
    regional coordinators) an address. False, and nothing changed, for anything else."""
    from axes.utils import reset

    from accounts import selectors

    if username and username in {row["username"] for row in selectors.locked_accounts(by)}:
        reset(username=username)
        return True
    if address and address in {row["ip_address"] for row in selectors.locked_addresses(by)}:
        reset(ip=address)
        return True
    return False
