"""Creating notices. Every app calls ``notify``; this app knows none of them (DESIGN §2).

A notice is rendered in the recipient's language when it is created, and created
once per ``dedup_key`` whoever asks how many times. Whether it is also e-mailed is
read from the recipient's preferences then. Delivery is queued once the creating
transaction commits; if the broker is down the row simply waits for the
deliver-pending sweep.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.roles import Person
from core.writes import hold
from notifications.models import Notification, Preference
from notifications.selectors import EMAIL_CHOICE_KINDS

log = logging.getLogger(__name__)

Kind = Notification.Kind


@dataclass
class Notice:
    """One notice to create. ``subject`` and ``body`` may be lazy translations or
    callables; they are evaluated in the recipient's language."""

    recipient: Any  # a User, or None (notifications knows no other app: DESIGN §2)
    kind: str
    dedup_key: str
    subject: Any  # str, a lazy translation, or a callable returning one
    body: Any
    url: str = ""


def _render(notice: Notice) -> tuple[str, str]:
    with translation.override(notice.recipient.preferred_language or "en"):
        subject = notice.subject() if callable(notice.subject) else notice.subject
        body = notice.body() if callable(notice.body) else notice.body
        return str(subject)[:250], str(body)


def _wanted(notice: Notice, preference: Preference) -> bool:
    if notice.recipient is None or not notice.recipient.is_active:
        return False
    return notice.kind != Kind.DIGEST or preference.digest


def notify(*, recipient, kind: str, dedup_key: str, subject, body, url: str = "") -> Notification | None:
    """Create the notice unless one with this key exists, and queue its e-mail on commit."""
    if recipient is None or not recipient.is_active:
        return None
    if Notification.objects.filter(dedup_key=dedup_key).exists():
        return None
    notice = Notice(recipient, kind, dedup_key, subject, body, url)
    preference = Preference.for_users([recipient.pk])[recipient.pk]
    if not _wanted(notice, preference):
        return None
    subject_text, body_text = _render(notice)
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                kind=kind,
                dedup_key=dedup_key,
                subject=subject_text,
                body=body_text,
                url=url,
                email=preference.wants_email(kind),
            )
    except IntegrityError:  # a concurrent writer created it first
        return None
    if notification.email:
        transaction.on_commit(lambda: enqueue_delivery(notification.pk), robust=True)
    return notification


def notify_many(notices: list[Notice]) -> int:
    """Create many notices in a fixed number of queries, however many there are.

    For the jobs: one query for preferences, one for the keys that exist, one insert.
    A rerun, or a second worker running the same job, inserts nothing twice (the
    unique key and ``ignore_conflicts``). One deliver-pending sweep is queued on commit.
    """
    if not notices:
        return 0
    with transaction.atomic():
        # One job writes the outbox at a time, so the keys read below stay true until the
        # insert, and the count returned is the rows really inserted (two workers running
        # the same job: the second finds the first's rows and inserts, and reports, none).
        _lock_outbox()
        preferences = Preference.for_users(n.recipient.pk for n in notices if n.recipient is not None)
        existing = set(
            Notification.objects.filter(dedup_key__in=[n.dedup_key for n in notices]).values_list(
                "dedup_key", flat=True
            )
        )
        rows = {}
        for notice in notices:
            if notice.dedup_key in existing or notice.dedup_key in rows:
                continue
            if notice.recipient is None or not _wanted(notice, preferences[notice.recipient.pk]):
                continue
            subject, body = _render(notice)
            rows[notice.dedup_key] = Notification(
                recipient=notice.recipient,
                kind=notice.kind,
                dedup_key=notice.dedup_key,
                subject=subject,
                body=body,
                url=notice.url,
                email=preferences[notice.recipient.pk].wants_email(notice.kind),
            )
        Notification.objects.bulk_create(rows.values(), ignore_conflicts=True)
        if any(row.email for row in rows.values()):
            transaction.on_commit(enqueue_sweep, robust=True)
    return len(rows)


def _lock_outbox() -> None:
    """The lock the jobs' inserts share."""
    hold("notifications.outbox")


def notify_on_commit(**kwargs) -> None:
    """Notify once the change that caused it is committed (nothing for a rolled-back change).

    Robust: the change is already saved, so a failing notice is logged, never a 500."""
    transaction.on_commit(lambda: notify(**kwargs), robust=True)


# ------------------------------------------------------------------------------
# Queueing. A page must never fail because the broker is down: the row is the
# truth and the deliver-pending sweep sends whatever is left.
# ------------------------------------------------------------------------------
def enqueue_delivery(pk: int) -> bool:
    from notifications.tasks import deliver_notification

    return _enqueue(deliver_notification, pk)


def enqueue_sweep() -> bool:
    from notifications.tasks import deliver_pending

    return _enqueue(deliver_pending)


BROKER_SOCKET_TIMEOUT = 0.5  # seconds, for each connect and each read
BROKER_BACKOFF = 30.0  # seconds without trying again after a failure, in this process
_broker_down_until = 0.0


def _enqueue(task, *args) -> bool:
    """Queue a task, or leave the row to the deliver-pending sweep. Never holds a page for long.

    Fails at the first refused connection (no kombu reconnect loop); each connect and
    each read is bounded, so a broker that accepts connections but never answers
    (frozen, SIGSTOP) costs at most a second; and after one failure this process stops
    trying for BROKER_BACKOFF seconds, so a page that notifies many people pays once.
    """
    global _broker_down_until
    if time.monotonic() < _broker_down_until:
        return False
    app = task.app
    options = {
        **app.conf.broker_transport_options,
        "max_retries": 0,
        "socket_timeout": BROKER_SOCKET_TIMEOUT,
        "socket_connect_timeout": BROKER_SOCKET_TIMEOUT,
    }
    try:
        with app.connection_for_write(transport_options=options) as connection:
            task.apply_async(args=args, retry=False, connection=connection)
    except Exception as exc:  # any broker failure: the sweep delivers later
        _broker_down_until = time.monotonic() + BROKER_BACKOFF
        log.warning("Could not queue %s%r (%s); the deliver-pending sweep will send it.", task.name, args, exc)
        return False
    return True


def broker_backoff_reset() -> None:
    """Try the broker again at the next enqueue (for tests that switch brokers)."""
    global _broker_down_until
    _broker_down_until = 0.0


# ------------------------------------------------------------------------------
# Inbox and preferences
# ------------------------------------------------------------------------------
def mark_read(*, notification: Notification, by: Person) -> Notification:
    if notification.recipient_id != by.pk:
        raise PermissionError("Not your notification.")
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    notification.refresh_from_db()
    return notification


def mark_all_read(*, by: Person) -> int:
    return Notification.objects.for_user(by).unread().update(read_at=timezone.now())


def preference_update(*, user: Person, email_kinds: list[str], digest: bool) -> Preference:
    """Save which kinds also come by e-mail (the rest stay in the inbox only) and the digest switch."""
    unknown = set(email_kinds) - set(EMAIL_CHOICE_KINDS)
    if unknown:
        raise ValidationError(
            {
                "email_kinds": _("Unknown kind: %(kinds)s. Choose from the listed kinds.")
                % {"kinds": ", ".join(sorted(unknown))}
            }
        )
    preference, _created = Preference.objects.update_or_create(
        user=user,
        defaults={"email_off": sorted(set(EMAIL_CHOICE_KINDS) - set(email_kinds)), "digest": bool(digest)},
    )
    return preference
