"""Creating notices. Every app calls ``notify``; this app knows none of them (DESIGN §2).

A notice is rendered in the recipient's language when it is created, and created
once per ``dedup_key`` whoever asks how many times.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from notifications.models import Notification


def notify(*, recipient, kind: str, dedup_key: str, subject, body, url: str = "") -> Notification | None:
    """Create the notice unless one with this key exists. ``subject`` and ``body`` may be lazy
    translations or callables; they are evaluated in the recipient's language."""
    if recipient is None or not recipient.is_active:
        return None
    if Notification.objects.filter(dedup_key=dedup_key).exists():
        return None
    with translation.override(recipient.preferred_language or "en"):
        subject_text = str(subject() if callable(subject) else subject)[:250]
        body_text = str(body() if callable(body) else body)
    try:
        with transaction.atomic():
            return Notification.objects.create(
                recipient=recipient, kind=kind, dedup_key=dedup_key, subject=subject_text, body=body_text, url=url
            )
    except IntegrityError:  # a concurrent writer created it first
        return None


def notify_on_commit(**kwargs) -> None:
    """Notify once the change that caused it is committed (nothing for a rolled-back change)."""
    transaction.on_commit(lambda: notify(**kwargs))


def mark_read(*, notification: Notification, by) -> Notification:
    if notification.recipient_id != by.pk:
        raise PermissionError("Not your notification.")
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    notification.refresh_from_db()
    return notification


def mark_all_read(*, by) -> int:
    return Notification.objects.for_user(by).unread().update(read_at=timezone.now())
