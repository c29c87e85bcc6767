"""SENTRY_DSN and LOG_FORMAT=json, in a process configured as production configures it:
an error reaches a Sentry-compatible endpoint (a local HTTP server standing in for the
outside service), and log lines are JSON a shipper can parse."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, **extra) -> subprocess.CompletedProcess:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "false",
        "SECRET_KEY": "a-real-secret-key-" + "x9" * 30,
        "ALLOWED_HOSTS": "alianza.example.org",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **extra,
    }
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )


class Ingest(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        elif self.headers.get("Content-Encoding") == "deflate":
            body = zlib.decompress(body)
        Ingest.received.append((self.path, body.decode("utf-8", "replace")))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def test_an_error_log_record_reaches_sentry_with_its_environment():
    server = HTTPServer(("127.0.0.1", 0), Ingest)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Ingest.received.clear()
    dsn = f"http://publickey@127.0.0.1:{server.server_port}/42"
    code = (
        "import django, logging, sentry_sdk; django.setup(); "
        "logging.getLogger('monitoring.jobs').error('The digest could not be built for %s', 'cora'); "
        "sentry_sdk.flush(timeout=10)"
    )
    result = run_python(code, SENTRY_DSN=dsn, SENTRY_ENVIRONMENT="staging")
    server.shutdown()
    assert result.returncode == 0, result.stderr
    assert Ingest.received, "nothing reached the Sentry endpoint"
    path, body = Ingest.received[0]
    assert path == "/api/42/envelope/"
    assert "The digest could not be built" in body
    assert '"environment":"staging"' in body.replace(" ", "")


def test_no_dsn_no_sentry():
    result = run_python("import django, sentry_sdk; django.setup(); print(sentry_sdk.is_initialized())")
    assert result.stdout.strip() == "False", result.stderr


def test_json_logs_are_one_object_per_line():
    code = (
        "import django, logging; django.setup(); logging.getLogger('notifications.delivery').warning('SMTP %s', 'slow')"
    )
    result = run_python(code, LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "SMTP slow"
    assert line["level"] == "WARNING"
    assert line["logger"] == "notifications.delivery"
    assert "time" in line


def test_a_log_format_that_does_not_exist_is_named():
    result = run_python("import django; django.setup()", LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "LOG_FORMAT is 'xml': use 'text' or 'json'." in result.stderr
