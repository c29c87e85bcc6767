"""Thin Celery shells around notifications.delivery (STYLE: fetch by id, call the service)."""

from __future__ import annotations

from celery import shared_task

from notifications import delivery


@shared_task(bind=True, name="notifications.deliver", max_retries=delivery.MAX_ATTEMPTS - 1)
def deliver_notification(self, pk: int) -> bool:
    """E-mail one notice; on failure retry with exponential backoff (the row records each attempt)."""
    try:
        return delivery.deliver(pk)
    except delivery.DeliveryFailed as exc:
        raise self.retry(exc=exc, countdown=delivery.backoff(exc.attempts).total_seconds()) from exc


@shared_task(name="notifications.deliver_pending")
def deliver_pending() -> dict[str, int]:
    return delivery.deliver_pending()


@shared_task(name="notifications.prune_notices")
def prune_notices() -> int:
    return delivery.prune_read_notices()
