"""A real Celery worker (with its embedded beat) on Redis, against the test database on PostgreSQL.

These need both servers: DATABASE_URL (PostgreSQL, so another process can see the
test database) and REDIS_URL. CI sets both. The worker uses a Redis database of
its own (15) so it never eats a developer's `make run` queue.
"""

from __future__ import annotations

import datetime
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone

from consortia.models import Consortium
from consortia.tests.factories import ConsortiumFactory
from core.models import Heartbeat
from core.testing import celery_broker
from monitoring.models import ProgressReport, ReportingPeriod
from notifications import delivery
from notifications.models import Notification
from notifications.services import notify

REDIS_URL = os.environ.get("REDIS_URL", "")
pytestmark = [
    pytest.mark.skipif(not REDIS_URL, reason="needs a Redis server (set REDIS_URL)"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"),
]
ROOT = Path(__file__).resolve().parents[2]


def broker_url() -> str:
    parts = urlsplit(REDIS_URL)
    return urlunsplit(parts._replace(path="/15"))


def database_url() -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.25)
    raise AssertionError(f"Waited {timeout:.0f} s for {what}")


class Worker:
    """`celery -A config worker` in its own process group, logging to a file."""

    def __init__(self, tmp_path: Path, *, email_url: str, beat_every: int | None = None):
        self.log = tmp_path / "worker.log"
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": broker_url(),
            "CELERY_BROKER_URL": broker_url(),
            "EMAIL_URL": email_url,
            "EMAIL_TIMEOUT": "120",
            "SITE_URL": "http://alianza.test",
            "JOBS_EVERY_SECONDS": str(beat_every or 0),
        }
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency=1", "--loglevel=INFO"]
        if beat_every:
            command += ["--beat", f"--schedule={tmp_path / 'beat-schedule'}"]
        with celery_broker(broker_url()) as app:
            app.control.purge()
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
        )
        wait_for(lambda: "ready." in self.log.read_text(), timeout=60, what="the worker to start")

    def kill(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def output(self) -> str:
        return self.log.read_text()


@pytest.fixture
def cr_report(reference_data, fiona, cora):
    """An active Costa Rican consortium run by fiona whose report falls due in 14 days."""
    today = timezone.localdate()
    due = today + datetime.timedelta(days=14)
    consortium = ConsortiumFactory(
        name="Worker Test", status=Consortium.Status.ACTIVE, activated_on=today - datetime.timedelta(days=170)
    )
    consortium.facilitators.add(fiona)
    period = ReportingPeriod.objects.create(
        consortium=consortium, number=1, start=consortium.activated_on, end=due - datetime.timedelta(days=15), due=due
    )
    return ProgressReport.objects.create(period=period)


def test_beat_runs_the_reminder_job_and_the_worker_emails_it_once(cr_report, fiona, tmp_path):
    outbox = tmp_path / "outbox"
    worker = Worker(tmp_path, email_url=f"filemail:///{outbox}", beat_every=2)
    try:
        subject = "Report due in 14 days: Worker Test"
        wait_for(
            lambda: outbox.exists() and any(subject in f.read_text() for f in outbox.iterdir()),
            timeout=90,
            what="the reminder e-mail in the outbox",
        )
        time.sleep(5)  # beat keeps sending the jobs every 2 s; nothing may go twice
    finally:
        worker.kill()
    output = worker.output()
    assert "monitoring.report_reminders" in output
    assert "notifications.deliver_pending" in output
    emails = [f.read_text() for f in outbox.iterdir()]
    to_fiona = [e for e in emails if "To: fiona@example.org" in e]
    assert len(to_fiona) == 1, output
    assert "http://alianza.test/reports/" in to_fiona[0]
    notice = Notification.objects.get(recipient=fiona)
    assert notice.sent_at is not None
    assert notice.attempts == 1
    # Beat left its heartbeats for /healthz: that it ticked, and each job it sent.
    beats = set(Heartbeat.objects.values_list("name", flat=True))
    assert {"beat", "beat.report-reminders", "beat.deliver-pending"} <= beats, beats


class SilentSMTPServer:
    """Accepts connections and never answers: a worker sending to it hangs mid-delivery."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.accepted = threading.Event()
        self.clients = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                client, _address = self.socket.accept()
            except OSError:
                return
            self.clients.append(client)
            self.accepted.set()

    def close(self):
        for client in self.clients:
            client.close()
        self.socket.close()


def test_a_worker_killed_mid_delivery_leaves_the_notice_to_be_sent_later_once(reference_data, mia, tmp_path):
    smtp = SilentSMTPServer()
    worker = Worker(tmp_path, email_url=f"smtp://127.0.0.1:{smtp.port}")
    try:
        with celery_broker(broker_url()):  # the page's on-commit queueing goes to the worker's Redis
            notice = notify(recipient=mia, kind="task_assigned", dedup_key="killed", subject="A task", body="Plan it.")
        assert smtp.accepted.wait(60), worker.output()
        wait_for(
            lambda: Notification.objects.filter(pk=notice.pk, claimed_at__isnull=False).exists(),
            timeout=30,
            what="the worker to claim the notice",
        )
        worker.kill()  # in the middle of talking to the SMTP server
    finally:
        worker.kill()
        smtp.close()
    notice.refresh_from_db()
    assert notice.sent_at is None
    assert notice.attempts == 1
    assert notice.claimed_at is not None

    # The claim still looks live for ten minutes; after that the sweep takes it over, once.
    assert delivery.deliver_pending() == {"sent": 0, "failed": 0}
    with time_machine.travel(notice.claimed_at + delivery.CLAIM_TIMEOUT + datetime.timedelta(seconds=1), tick=False):
        assert delivery.deliver_pending() == {"sent": 1, "failed": 0}
        assert delivery.deliver_pending() == {"sent": 0, "failed": 0}
    assert [m.to for m in mail.outbox] == [["mia@example.org"]]
    notice.refresh_from_db()
    assert notice.sent_at is not None
    assert notice.attempts == 2
