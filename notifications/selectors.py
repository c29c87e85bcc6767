"""Reads of the notifications app: what pages, the API and jobs show. Services write."""

from __future__ import annotations

from notifications.models import Notification, Preference

# The digest is its own switch, not one of the e-mail checkboxes.
EMAIL_CHOICE_KINDS = [kind for kind in Notification.Kind if kind != Notification.Kind.DIGEST]


def preference_for(user) -> Preference:
    return Preference.for_users([user.pk])[user.pk]


def preference_settings(preference: Preference) -> dict:
    """What the settings page and the API show: the kinds e-mailed, and the digest switch."""
    return {
        "email_kinds": [kind.value for kind in EMAIL_CHOICE_KINDS if preference.wants_email(kind)],
        "digest": preference.digest,
    }
