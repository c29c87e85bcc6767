"""/healthz: can this instance serve, and is the background doing its job?

Answered by a middleware placed first, before host checks, HTTPS redirects, sessions and
sign-in, so that a load balancer probing by address over plain HTTP gets the answer.
It costs two small queries and a broker ping.

- ``database`` and ``broker`` unreachable: 503, this instance cannot serve.
- ``email`` (the oldest notice still waiting to be e-mailed) and ``beat`` (when the
  scheduler was last seen) past their limits: ``"status": "degraded"`` with 200, since
  taking every web instance out of a load balancer would not bring beat back; with
  ``?all`` they give 503 too, for an uptime monitor that pages someone.
"""

from __future__ import annotations

import datetime
import time
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone

PATH = "/healthz"


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.rstrip("/") == PATH and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)


def healthz(request) -> JsonResponse:
    now = timezone.now()
    checks = {"database": _database(), "broker": _broker()}
    if checks["database"]["ok"]:
        checks["email"] = _email(now)
        checks["beat"] = _beat(now)
    else:
        checks["email"] = checks["beat"] = {"ok": False, "error": "database unreachable"}
    serving = checks["database"]["ok"] and checks["broker"]["ok"]
    everything = all(check["ok"] for check in checks.values())
    status = "ok" if everything else ("degraded" if serving else "down")
    strict = "all" in request.GET
    code = 200 if (everything if strict else serving) else 503
    response = JsonResponse({"status": status, "checks": checks, "at": now.isoformat()}, status=code)
    response["Cache-Control"] = "no-store"
    return response


def _timed(check):
    start = time.perf_counter()
    try:
        result = {"ok": True, **(check() or {})}
    except Exception as exc:  # whatever the driver raises, the answer is "not reachable"
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    result["ms"] = round((time.perf_counter() - start) * 1000, 1)
    return result


def _database() -> dict:
    def check():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    result = _timed(check)
    if not result["ok"]:
        connection.close_if_unusable_or_obsolete()
    return result


_redis_clients: dict = {}


def _broker() -> dict:
    url = settings.CELERY_BROKER_URL

    def check():
        if url.startswith(("redis://", "rediss://")):
            import redis

            client = _redis_clients.get(url)
            if client is None:
                client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
                _redis_clients[url] = client
            client.ping()
            return {"transport": "redis"}
        if url.startswith("filesystem"):
            folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
            if not folder.is_dir():
                raise FileNotFoundError(str(folder))
            return {"transport": "filesystem"}
        from kombu import Connection

        with Connection(url, connect_timeout=1) as conn:
            conn.ensure_connection(max_retries=1)
        return {"transport": conn.transport_cls}

    return _timed(check)


def _email(now: datetime.datetime) -> dict:
    from notifications.delivery import MAX_ATTEMPTS
    from notifications.models import Notification

    def check():
        # The partial index on unsent rows hands this over in id order without a scan.
        oldest = (
            Notification.objects.filter(
                email=True, sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS, recipient__is_active=True
            )
            .order_by("id")
            .values_list("created_at", flat=True)
            .first()
        )
        age = int((now - oldest).total_seconds()) if oldest else 0
        limit = settings.HEALTH_EMAIL_LATE_MINUTES * 60
        return {"oldest_unsent_seconds": age, "limit_seconds": limit, "late": age > limit}

    result = _timed(check)
    if result.get("late"):
        result["ok"] = False
    return result


def _beat(now: datetime.datetime) -> dict:
    from core.beat import BEAT
    from core.models import Heartbeat

    def check():
        seen = Heartbeat.objects.filter(name=BEAT).values_list("at", flat=True).first()
        limit = settings.HEALTH_BEAT_LATE_MINUTES * 60
        if seen is None:
            return {"last_seen_seconds": None, "limit_seconds": limit, "late": True}
        age = int((now - seen).total_seconds())
        return {"last_seen_seconds": age, "limit_seconds": limit, "late": age > limit}

    result = _timed(check)
    if result.get("late"):
        result["ok"] = False
    return result
