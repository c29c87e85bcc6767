"""The page bench: each page and list endpoint against a floor page, in one interleaved run.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/alianza_bench .venv/bin/python bench/pages.py

The database must hold the demo and the scale data set (`manage.py load_demo`, then
`manage.py seed_scale [--scale 10]`). The bench serves it in production shape: gunicorn,
2 workers × 4 threads, DEBUG off, `bench.settings` (the project's settings plus a floor
page: `login_required`, `base.html`, the same middleware). For each page and role it
prints the queries (counted in-process with Django's test client), the median and p95
milliseconds over interleaved requests (floor, page, floor, page …), the median's ratio
to the floor's, and the size compressed (as sent when the server compresses, or gzip -6
of the body when it does not, marked *). Then `wrk` (Debian's package) measures
throughput at a fixed concurrency for the floor, the consortium list and the dashboard.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/alianza_bench")
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DEBUG": "false",
    "SECRET_KEY": "bench-" + "x" * 50,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_HSTS_SECONDS": "0",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "LOG_LEVEL": "WARNING",
}
os.environ.update(ENV)
PORT = 8765


def setup_django():
    import django

    django.setup()
    # Production shape: whitenoise serves the hashed files collectstatic writes.
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=ENV, check=True)


def sessions() -> dict[str, str]:
    """A signed-in session cookie per role, made the way Django's login makes one."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.models import User

    people = {
        "coordinator": User.objects.get(email="coordinator@demo.alianza.org"),
        "facilitator": User.objects.get(email="facilitator0@scale.alianza.test"),
        "member": User.objects.get(email="member0@scale.alianza.test"),
        "official": User.objects.get(email="official.cr@demo.alianza.org"),
    }
    cookies = {}
    for role, user in people.items():
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.save()
        cookies[role] = f"{settings.SESSION_COOKIE_NAME}={store.session_key}"
    return cookies


def pages() -> list[tuple[str, str, str]]:
    """(name, role, path): the issue's table, the homes, and the checklist of the 401-task consortium."""
    from consortia.models import Consortium

    big = Consortium.objects.get(name__endswith=" consortium 00000")
    return [
        ("home", "coordinator", "/"),
        ("home", "facilitator", "/"),
        ("home", "member", "/"),
        ("home", "official", "/"),
        ("coordinator dashboard", "coordinator", "/reports/dashboard/"),
        ("checklist, 401 tasks", "facilitator", f"/consortia/{big.pk}/methodology/"),
        ("checklist, 401 tasks", "member", f"/consortia/{big.pk}/methodology/"),
        ("report list", "coordinator", "/reports/"),
        ("enterprise list", "coordinator", "/enterprises/"),
        ("enterprise list ?q=", "coordinator", "/enterprises/?q=cacao"),
        ("consortium list", "coordinator", "/consortia/"),
        ("GET /api/v1/tasks/", "coordinator", "/api/v1/tasks/"),
        ("GET /api/v1/tasks/", "facilitator", "/api/v1/tasks/"),
        ("dashboard overdue.csv", "coordinator", "/reports/dashboard/overdue.csv"),
        ("dashboard overdue.xlsx", "coordinator", "/reports/dashboard/overdue.xlsx"),
        ("GET /api/v1/dashboard/summary/", "coordinator", "/api/v1/dashboard/summary/"),
    ]


def count_queries(cookies: dict[str, str], rows) -> dict[tuple[str, str], int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, role, path in rows:
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies.load(cookies[role])
        client.get(path)  # warm: content types, translations
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[(name, role)] = len(queries)
    return counts


def start_server() -> subprocess.Popen:
    gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn), "config.wsgi", "--workers", "2", "--threads", "4", "--bind", f"127.0.0.1:{PORT}"],
        cwd=ROOT,
        env={**ENV, "DJANGO_SETTINGS_MODULE": "bench.settings"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/accounts/login/")
            return server
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def fetch(connection: http.client.HTTPConnection, path: str, cookie: str) -> tuple[float, int, bool]:
    started = time.perf_counter()
    connection.request("GET", path, headers={"Cookie": cookie, "Accept-Encoding": "gzip", "Host": "127.0.0.1"})
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status == 200, (path, response.status)
    compressed = response.getheader("Content-Encoding") == "gzip"
    return elapsed, len(body) if compressed else len(gzip.compress(body, 6)), compressed


def measure(cookies, rows, rounds: int):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    floor: list[float] = []
    times: dict[tuple[str, str], list[float]] = {(n, r): [] for n, r, _ in rows}
    sizes = {}
    for _name, role, path in rows:  # warm every worker's caches
        for _ in range(2):
            fetch(connection, path, cookies[role])
    for _ in range(rounds):
        for name, role, path in rows:
            floor.append(fetch(connection, "/bench/floor/", cookies[role])[0])
            elapsed, size, compressed = fetch(connection, path, cookies[role])
            times[(name, role)].append(elapsed)
            sizes[(name, role)] = (size, compressed)
    floor_size = fetch(connection, "/bench/floor/", cookies["coordinator"])
    return floor, times, sizes, floor_size


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def throughput(cookie: str, path: str, seconds: int, connections: int) -> float | None:
    if not shutil.which("wrk"):
        return None
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "-H",
            f"Cookie: {cookie}",
            f"http://127.0.0.1:{PORT}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    for line in result.stdout.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--seconds", type=int, default=10, help="each wrk run")
    parser.add_argument("--connections", type=int, default=8, help="wrk's fixed concurrency")
    args = parser.parse_args()
    setup_django()
    from consortia.models import Consortium
    from methodology.models import Task
    from notifications.models import Notification

    cookies = sessions()
    rows = pages()
    print(
        f"Data: {Consortium.objects.count():,} consortia, {Task.objects.count():,} tasks, "
        f"{Notification.objects.count():,} notifications"
    )
    queries = count_queries(cookies, rows)
    server = start_server()
    try:
        floor, times, sizes, (_floor_ms, floor_size, _floor_gz) = measure(cookies, rows, args.rounds)
        base = statistics.median(floor)
        print(f"\nFloor: median {base:.1f} ms, p95 {p95(floor):.1f} ms, {floor_size / 1024:.1f} KB")
        print("\n| page | role | queries | median ms | p95 ms | ÷ floor | KB compressed |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for name, role, _path in rows:
            values = times[(name, role)]
            size, compressed = sizes[(name, role)]
            print(
                f"| {name} | {role} | {queries[(name, role)]} | {statistics.median(values):.1f} | {p95(values):.1f} "
                f"| {statistics.median(values) / base:.1f}× | {size / 1024:.1f}{'' if compressed else '*'} |"
            )
        print("\n\\* not compressed by the server: gzip -6 of the body, what it would send compressed.")
        floor_rate = throughput(cookies["coordinator"], "/bench/floor/", args.seconds, args.connections)
        if floor_rate:
            print(f"\nThroughput, wrk -t2 -c{args.connections} -d{args.seconds}s:")
            print("\n| page | requests/s | share of the floor's |\n|---|---:|---:|")
            print(f"| floor | {floor_rate:.0f} | 100% |")
            for name, path in (("consortium list", "/consortia/"), ("coordinator dashboard", "/reports/dashboard/")):
                rate = throughput(cookies["coordinator"], path, args.seconds, args.connections)
                print(f"| {name} | {rate:.0f} | {100 * rate / floor_rate:.0f}% |")
        else:
            print("\n(wrk is not installed: apt-get install wrk for the throughput table)")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
