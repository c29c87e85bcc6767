"""The production shape, end to end: two gunicorn servers behind a (simulated) TLS-terminating
load balancer, two Celery workers and one beat, on PostgreSQL and Redis with DEBUG off,
collected static files and SMTP mail. An official signs in and submits a candidate on one
server, the coordinator approves it on the other, and each notice is e-mailed exactly once
while beat sweeps every two seconds and two workers compete for the same rows.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from email import message_from_bytes
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
import requests
from aiosmtpd.controller import Controller
from django.db import connection

from notifications.models import Notification
from tests.e2e.test_worker import REDIS_URL, ROOT, database_url, wait_for

pytestmark = [
    pytest.mark.skipif(not REDIS_URL, reason="needs a Redis server (set REDIS_URL)"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"),
    pytest.mark.django_db(transaction=True),
]
HOST = "alianza.example.org"
PASSWORD = "correct-horse-battery"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """A local SMTP server: every message the workers send, as received."""

    def __init__(self):
        self.messages: list = []
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())
        self.controller.start()

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((tuple(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 OK"

    def to(self, address: str) -> list:
        return [message for rcpts, message in self.messages if address in rcpts]

    def stop(self):
        self.controller.stop()


class Stack:
    """The processes of docs/deployment: `web` twice, `worker` twice, `beat` once."""

    def __init__(self, tmp_path: Path, smtp_port: int):
        broker = re.sub(r"/\d*$", "", REDIS_URL.rstrip("/")) + "/14"
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DEBUG": "false",
            "SECRET_KEY": "production-shape-secret-" + "k7" * 30,
            "ALLOWED_HOSTS": HOST,
            "SITE_URL": f"https://{HOST}",
            "DATABASE_URL": database_url(),
            "REDIS_URL": broker,
            "CELERY_BROKER_URL": broker,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "STATIC_ROOT": str(tmp_path / "static"),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "JOBS_EVERY_SECONDS": "2",
        }
        self.tmp_path = tmp_path
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self) -> None:
        tmp_path = self.tmp_path
        subprocess.run(
            [sys.executable, "-m", "celery", "-A", "config", "purge", "-f"], cwd=ROOT, env=self.env, check=True
        )
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=self.env, check=True
        )
        self.web_ports = [free_port(), free_port()]
        for n, port in enumerate(self.web_ports, 1):
            self._start(f"web{n}", ["-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"])
        for n in (1, 2):
            self._start(
                f"worker{n}",
                ["-m", "celery", "-A", "config", "worker", "-n", f"w{n}@%h", "--concurrency=2", "--loglevel=INFO"],
            )
        self._start("beat", ["-m", "celery", "-A", "config", "beat", f"--schedule={tmp_path / 'beat-schedule'}"])
        for port in self.web_ports:
            wait_for(lambda port=port: self._answers(port), timeout=60, what=f"gunicorn on {port}")
        for n in (1, 2):
            wait_for(lambda n=n: "ready." in self.log(f"worker{n}"), timeout=60, what=f"worker{n}")

    def _start(self, name: str, args: list[str]) -> None:
        log = (self.tmp_path / f"{name}.log").open("w")
        self.processes[name] = subprocess.Popen(
            [sys.executable, *args],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def _answers(self, port: int) -> bool:
        try:
            return requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code in (200, 503)
        except (requests.ConnectionError, requests.Timeout):  # still booting, with eight other processes
            return False

    def log(self, name: str) -> str:
        return (self.tmp_path / f"{name}.log").read_text()

    def logs(self) -> str:
        return "\n".join(f"--- {name}\n{self.log(name)[-3000:]}" for name in self.processes)

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


class Browser:
    """A person's browser as the servers see it through the load balancer: HTTPS outside
    (X-Forwarded-Proto), the public host name, secure cookies kept and sent back."""

    def __init__(self, stack: Stack):
        self.stack = stack
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, *, server: int, data: dict | None = None) -> requests.Response:
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Origin"] = f"https://{HOST}"
            data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **(data or {})}
        url = f"http://127.0.0.1:{self.stack.web_ports[server]}{path}"
        response = requests.request(method, url, headers=headers, data=data, allow_redirects=False, timeout=30)
        for header in response.raw.headers.getlist("Set-Cookie"):
            cookie = SimpleCookie(header)
            for key, morsel in cookie.items():
                if morsel["max-age"] == "0":  # deleted
                    self.cookies.pop(key, None)
                    continue
                assert morsel["secure"], f"the {key} cookie is not Secure"
                self.cookies[key] = morsel.value
        return response

    def sign_in(self, email: str, *, server: int) -> None:
        assert self.request("GET", "/accounts/login/", server=server).status_code == 200
        response = self.request(
            "POST", "/accounts/login/", server=server, data={"username": email, "password": PASSWORD}
        )
        assert response.status_code == 302, re.findall(r"(?s)alert.{0,300}|invalid-feedback.{0,300}", response.text)


def test_sign_in_submit_approve_and_each_notice_is_emailed_once(
    reference_data, candidate, olga, cora, tmp_path, settings
):
    # The test run hashes with MD5 for speed; production knows only its own hashers.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    for person in (olga, cora):
        person.set_password(PASSWORD)
        person.save(update_fields=["password"])
    mailbox = Mailbox()
    stack = Stack(tmp_path, mailbox.controller.port)
    try:
        stack.start()
        # Both servers are healthy once beat has ticked: database, broker, mail and beat.
        for server in (0, 1):
            wait_for(
                lambda server=server: (
                    requests.get(f"http://127.0.0.1:{stack.web_ports[server]}/healthz?all", timeout=5).status_code
                    == 200
                ),
                timeout=60,
                what="/healthz?all to say ok",
            )
        page = requests.get(
            f"http://127.0.0.1:{stack.web_ports[0]}/accounts/login/",
            headers={"Host": HOST},
            allow_redirects=False,
            timeout=10,
        )
        assert page.status_code == 301, "plain HTTP is redirected"
        assert page.headers["Location"].startswith("https://")

        official = Browser(stack)
        official.sign_in("olga@example.org", server=0)
        home = official.request("GET", "/", server=1)  # the other server knows the session
        assert home.status_code == 200
        assert "Olga Official" in home.text
        assert "/static/" in home.text
        assert ".css" in home.text
        css = re.search(r'href="(/static/[^"]+\.css)"', home.text).group(1)
        static = official.request("GET", css, server=1)  # whitenoise, from the collected files
        assert static.status_code == 200
        assert "immutable" in static.headers["Cache-Control"]
        submitted = official.request(
            "POST", f"/consortia/{candidate.pk}/submit/", server=1, data={"comment": "Ready for review"}
        )
        assert submitted.status_code == 302, submitted.text[:800]

        coordinator = Browser(stack)
        coordinator.sign_in("cora@example.org", server=1)
        approved = coordinator.request(
            "POST", f"/consortia/{candidate.pk}/approve/", server=0, data={"comment": "Welcome"}
        )
        assert approved.status_code == 302, approved.text[:800]
        detail = coordinator.request("GET", f"/consortia/{candidate.pk}/", server=1)
        assert "Active" in detail.text

        wait_for(
            lambda: mailbox.to("cora@example.org") and mailbox.to("olga@example.org"),
            timeout=60,
            what="both notices e-mailed",
        )
        time.sleep(8)  # four more sweeps by beat, with two workers ready to take any row
        # Beat runs every job every 2 s here, so the digest comes too: nothing may come twice.
        to_cora = [m["Subject"] for m in mailbox.to("cora@example.org")]
        to_olga = [m["Subject"] for m in mailbox.to("olga@example.org")]
        assert "[Alianza] Delicia Test was submitted for review" in to_cora
        assert any("Delicia Test" in subject for subject in to_olga), to_olga
        for subjects in (to_cora, to_olga):
            assert len(subjects) == len(set(subjects)), (subjects, stack.logs())
        assert len(mailbox.messages) == Notification.objects.filter(email=True).count()
        for notice in Notification.objects.filter(email=True):
            assert notice.sent_at is not None, notice
            assert notice.attempts == 1, notice
        assert "Traceback" not in stack.log("worker1") + stack.log("worker2") + stack.log("beat")
    finally:
        stack.stop()
        mailbox.stop()
