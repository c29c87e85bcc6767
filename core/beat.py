"""Celery beat's scheduler, leaving a heartbeat in the database for /healthz.

Set as CELERY_BEAT_SCHEDULER, so `celery beat` and a worker's embedded beat (-B) both use
it. A database that is down does not stop beat: the heartbeat is skipped and logged.
"""

from __future__ import annotations

import logging
import time

from celery.beat import PersistentScheduler

logger = logging.getLogger(__name__)
BEAT = "beat"
WRITE_EVERY_SECONDS = 30  # at most one heartbeat write per this many seconds


class RecordingScheduler(PersistentScheduler):
    _last_write = 0.0

    def tick(self, *args, **kwargs):
        wait = super().tick(*args, **kwargs)
        if time.monotonic() - self._last_write >= WRITE_EVERY_SECONDS:
            self._last_write = time.monotonic()
            record(BEAT)
        return wait

    def apply_async(self, entry, *args, **kwargs):
        result = super().apply_async(entry, *args, **kwargs)
        record(f"{BEAT}.{entry.name}")
        return result


def record(name: str) -> None:
    import django

    django.setup()
    from django.db import close_old_connections, connection
    from django.utils import timezone

    from core.models import Heartbeat

    try:
        if not connection.in_atomic_block:  # beat's long-lived connection may have dropped
            close_old_connections()
        Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})
    except Exception:  # the database is down or busy: beat goes on, /healthz will say so
        logger.warning("Could not record the %s heartbeat", name, exc_info=True)
