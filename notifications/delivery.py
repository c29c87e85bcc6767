"""E-mailing notices: each row is sent once, however many workers and sweeps try.

A sender first claims the row with a conditional update; only the one whose update
changed the row sends. A failure records the attempt and the error and sets when
to try again (exponential backoff). A claim older than ``CLAIM_TIMEOUT`` belonged
to a worker that died, and the sweep takes the row over.

There is one window no database can close: a worker killed after the SMTP server
accepted a message but before ``sent_at`` was written sends it again later. SMTP has no
way to ask a server whether it already took a message, so the narrowest it can be is
one message: each row's ``sent_at`` is written the moment the server accepts it (one
UPDATE by primary key, well under a millisecond against the SMTP exchange itself), and
the resend carries the same Message-ID, which mail systems that dedupe show once.
"""

from __future__ import annotations

import contextlib
import datetime
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from notifications.models import Notification

# Longer than CELERY_TASK_TIME_LIMIT, so a live worker's claim never expires.
CLAIM_TIMEOUT = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 8
FIRST_RETRY = datetime.timedelta(minutes=1)
LONGEST_RETRY = datetime.timedelta(hours=6)
SWEEP_BATCH = 200
GIVE_UP_AFTER_FAILURES = 3
SWEEP_BUDGET_SECONDS = 200  # below CELERY_TASK_SOFT_TIME_LIMIT; the next sweep continues


class DeliveryFailed(Exception):
    def __init__(self, pk: int, attempts: int, error: Exception):
        super().__init__(f"notification {pk}, attempt {attempts}: {error}")
        self.attempts = attempts


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4, 8 … minutes after the n-th failed attempt, at most six hours."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def _claimable(now: datetime.datetime) -> Q:
    # A person deactivated after the notice was written is not e-mailed (the deactivation
    # also turns their waiting e-mails off: accounts.sessions.end_access_after_save).
    return Q(email=True, sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS, recipient__is_active=True) & (
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT)
    )


def absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url if url.startswith("/") else url


def render_email(notification: Notification, connection=None) -> EmailMultiAlternatives:
    """The e-mail of a notice, in the recipient's language, with a text and an HTML part."""
    recipient = notification.recipient
    name = "digest" if notification.kind == Notification.Kind.DIGEST else "notice"
    with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "notification": notification,
            "recipient": recipient,
            "link": absolute(notification.url) if notification.url else "",
            "preferences_link": absolute(reverse("notifications:preferences")),
        }
        subject = "[Alianza] " + " ".join(notification.subject.split())
        text = render_to_string(f"notifications/email/{name}-body-text.html", context)
        html = render_to_string(f"notifications/email/{name}-body-html.html", context)
    headers = {
        "Auto-Submitted": "auto-generated",  # no vacation auto-replies
        "List-Unsubscribe": f"<{context['preferences_link']}>",
        # The same id on every attempt: if a worker dies after the server took the
        # message, mail systems that dedupe by Message-ID show the resend once.
        "Message-ID": f"<notification.{notification.pk}@{urlsplit(settings.SITE_URL).hostname or 'alianza'}>",
    }
    message = EmailMultiAlternatives(subject, text, to=[recipient.email], connection=connection, headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def deliver(pk: int, *, now: datetime.datetime | None = None, connection=None) -> bool:
    """Send one notice if nobody else has or is sending it. True when this call sent it."""
    now = now or timezone.now()
    claimed = (
        Notification.objects.filter(_claimable(now), pk=pk).update(claimed_at=now, attempts=F("attempts") + 1) == 1
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=pk)
    try:
        render_email(notification, connection).send()
    except Exception as exc:  # SMTP refusals, timeouts, a bad template: record and retry later
        _record_failure(notification, now, exc)
        raise DeliveryFailed(pk, notification.attempts, exc) from exc
    _record_sent([pk], now)
    return True


def pending(now: datetime.datetime):
    """Rows to e-mail now: never sent, not being sent, and past any backoff."""
    return Notification.objects.filter(_claimable(now)).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def _claim_batch(at: datetime.datetime, after: int, batch: int) -> list[Notification]:
    """Claim up to ``batch`` pending rows after ``after`` in one update, and return the ones
    this sweep now owns, with their recipients.

    On PostgreSQL the rows are read ``FOR UPDATE SKIP LOCKED``, so a second sweep passes
    over them instead of waiting; the update keeps the claimable condition, so on a
    database without row locks a row another sweep claimed first is not claimed twice.
    """
    with transaction.atomic():
        rows = list(
            pending(at)
            .filter(pk__gt=after)
            .select_related("recipient")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("pk")[:batch]
        )
        if not rows:
            return []
        ids = [row.pk for row in rows]
        claimed = Notification.objects.filter(_claimable(at), pk__in=ids).update(
            claimed_at=at, attempts=F("attempts") + 1
        )
        if claimed < len(rows):  # only without row locks: keep the rows this update claimed
            mine = set(Notification.objects.filter(pk__in=ids, claimed_at=at).values_list("pk", flat=True))
            rows = [row for row in rows if row.pk in mine]
    for row in rows:
        row.claimed_at, row.attempts = at, row.attempts + 1
    return rows


def _record_sent(ids: list[int], at: datetime.datetime) -> None:
    if ids:
        Notification.objects.filter(pk__in=ids, claimed_at=at).update(
            sent_at=timezone.now(), claimed_at=None, next_attempt_at=None, last_error=""
        )
        ids.clear()


def _record_failure(row: Notification, at: datetime.datetime, exc: Exception) -> None:
    Notification.objects.filter(pk=row.pk, claimed_at=at).update(
        claimed_at=None, last_error=f"{type(exc).__name__}: {exc}"[:2000], next_attempt_at=at + backoff(row.attempts)
    )


def _release(rows: list[Notification], at: datetime.datetime) -> None:
    """Give back rows claimed but not tried (the server went down), as if never claimed."""
    if rows:
        Notification.objects.filter(pk__in=[row.pk for row in rows], claimed_at=at).update(
            claimed_at=None, attempts=F("attempts") - 1
        )


def deliver_pending(*, now: datetime.datetime | None = None, batch: int = SWEEP_BATCH) -> dict[str, int]:
    """Send every pending row, a batch at a time over one SMTP connection per batch.

    Safe to run in many workers at once: each batch is claimed before it is sent. A batch
    costs one claim, then one update per e-mail as the server accepts it, so a worker
    killed mid-batch leaves at most the one message in flight unrecorded (a sweep sends it
    again after ``CLAIM_TIMEOUT``, with the same Message-ID); the rows it never reached
    are taken over then too.
    """
    started = time.monotonic()
    sent = failed = 0
    after = 0
    while time.monotonic() - started < SWEEP_BUDGET_SECONDS:
        at = now or timezone.now()
        rows = _claim_batch(at, after, batch)
        if not rows:
            break
        after = rows[-1].pk
        connection = get_connection()
        with contextlib.suppress(Exception):  # each row's own attempt records the error
            connection.open()  # one SMTP session for the batch
        in_a_row = 0
        try:
            for index, row in enumerate(rows):
                try:
                    render_email(row, connection).send()
                except Exception as exc:  # SMTP refusals, timeouts, a bad template: record and retry later
                    _record_failure(row, at, exc)
                    failed += 1
                    in_a_row += 1
                    if in_a_row == GIVE_UP_AFTER_FAILURES:  # the server is down: leave the rest for the next sweep
                        _release(rows[index + 1 :], at)
                        return {"sent": sent, "failed": failed}
                    continue
                in_a_row = 0
                sent += 1
                _record_sent([row.pk], at)  # at once: the window for a second copy is this message alone
        finally:
            connection.close()
    return {"sent": sent, "failed": failed}


def cancel_emails_to(user) -> int:
    """A deactivated person's notices stay in their inbox, but are not e-mailed."""
    return Notification.objects.filter(recipient=user, email=True, sent_at__isnull=True).update(
        email=False, claimed_at=None, next_attempt_at=None, last_error="recipient deactivated"
    )


def prune_read_notices(*, now: datetime.datetime | None = None, batch: int = 5000) -> int:
    """Delete read notices older than NOTICE_RETENTION_DAYS, a batch at a time; the count.

    Unread notices stay whatever their age: nobody has seen them yet.
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.NOTICE_RETENTION_DAYS)
    old = Notification.objects.filter(read_at__isnull=False, created_at__lt=cutoff)
    deleted = 0
    while ids := list(old.values_list("pk", flat=True)[:batch]):
        deleted += Notification.objects.filter(pk__in=ids).delete()[0]
    return deleted


def resend(queryset) -> int:
    """Queue these notices for e-mail again (the admin's action), even ones sent before."""
    return queryset.update(email=True, sent_at=None, claimed_at=None, next_attempt_at=None, attempts=0, last_error="")
