"""/healthz as a load balancer and an uptime monitor meet it: a production-configured gunicorn
over plain HTTP, by address, with the database or the broker really unreachable."""

from __future__ import annotations

import datetime
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from core.beat import BEAT, RecordingScheduler, record
from core.models import Heartbeat
from notifications.models import Notification

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def closed_port_url(scheme: str, path: str = "") -> str:
    return f"{scheme}://127.0.0.1:{free_port()}{path}"


def test_everything_up_answers_200_with_each_check(client, django_assert_max_num_queries):
    record(BEAT)
    with django_assert_max_num_queries(3):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "broker", "email", "beat"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["beat"]["last_seen_seconds"] < 5
    assert "sessionid" not in response.cookies
    assert client.get("/healthz?all").status_code == 200


def test_late_mail_and_a_silent_beat_are_degraded_not_down(client, mia):
    Heartbeat.objects.update_or_create(name=BEAT, defaults={"at": timezone.now() - datetime.timedelta(hours=1)})
    notice = Notification.objects.create(recipient=mia, kind="digest", dedup_key="x", subject="s", body="b")
    Notification.objects.filter(pk=notice.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    response = client.get("/healthz")
    assert response.status_code == 200  # the web instance can serve: the balancer keeps it
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["beat"] == {**body["checks"]["beat"], "ok": False, "late": True}
    assert 7190 < body["checks"]["email"]["oldest_unsent_seconds"] < 7300
    assert body["checks"]["email"]["ok"] is False
    assert client.get("/healthz?all").status_code == 503  # the uptime monitor pages someone
    Notification.objects.filter(pk=notice.pk).update(sent_at=timezone.now())
    record(BEAT)
    assert client.get("/healthz?all").json()["status"] == "ok"


def test_beat_records_a_heartbeat_as_it_ticks_and_sends(tmp_path, monkeypatch):
    from config.celery_app import app

    scheduler = RecordingScheduler(app, schedule_filename=str(tmp_path / "schedule"), lazy=True)
    scheduler.setup_schedule()
    scheduler.tick()
    assert Heartbeat.objects.filter(name=BEAT).exists()


class Server:
    """gunicorn with production settings, on a port of its own."""

    def __init__(self, **env):
        self.port = free_port()
        db = settings.DATABASES["default"]
        environment = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DEBUG": "false",
            "SECRET_KEY": "a-real-secret-key-" + "x9" * 30,
            "ALLOWED_HOSTS": "alianza.example.org",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            **env,
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{self.port}", "-w", "1"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def get(self, path: str):
        """(status, JSON body), by address, over plain HTTP: as a load balancer probes."""
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as response:
                    return response.status, json.loads(response.read())
            except urllib.error.HTTPError as error:
                return error.code, json.loads(error.read())
            except (ConnectionError, urllib.error.URLError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)


needs_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="the server process needs PostgreSQL")


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_production_server_answers_by_address_over_http_without_a_redirect():
    redis = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    with Server(CELERY_BROKER_URL=redis) as server:
        status, body = server.get("/healthz")
    assert status == 200, body
    assert body["checks"]["database"]["ok"]
    assert body["checks"]["broker"]["ok"]


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_with_the_database_down_it_answers_503():
    with Server(DATABASE_URL=closed_port_url("postgres", "/alianza"), CELERY_BROKER_URL="memory://") as server:
        status, body = server.get("/healthz")
    assert status == 503
    assert body["status"] == "down"
    assert body["checks"]["database"]["ok"] is False
    assert "OperationalError" in body["checks"]["database"]["error"]


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_it_answers_503_quickly():
    with Server(CELERY_BROKER_URL=closed_port_url("redis", "/0")) as server:
        server.get("/healthz")  # the server is up
        started = time.monotonic()
        status, body = server.get("/healthz")
        took = time.monotonic() - started
    assert status == 503
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    assert took < 5, "a probe must not hang on a dead broker"
