"""Benchmark: the daily report-reminder job over thousands of active consortia.

    .venv/bin/python bench/reminder_sweep.py                 # 1,000 then 5,000 consortia, SQLite
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/alianza_bench .venv/bin/python bench/reminder_sweep.py

It builds a scratch database (never the one in DATABASE_URL), gives every
consortium a report on the first day of a reminder stage (the worst case: every
report gets a notice), runs the job, runs it again (nothing new), then e-mails the
notices through Django's in-memory backend. It prints wall time and query counts;
the queries per batch must stay the same whatever the number of consortia.
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def ensure_postgres_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone():
            conn.execute(f'create database "{name}"')


def build(count: int, today: datetime.date) -> None:
    from accounts.models import User
    from consortia.models import Consortium
    from monitoring.models import ProgressReport, ReportingPeriod
    from monitoring.reminders import STAGES
    from notifications.models import Notification

    Notification.objects.all().delete()
    ProgressReport.objects.all().delete()
    ReportingPeriod.objects.all().delete()
    Consortium.objects.all().delete()
    User.objects.all().delete()
    countries = ["CR", "PE", "DO", "JM", "GT"]
    User.objects.bulk_create(
        [User(email=f"coordinator-{c}@bench.test", is_coordinator=True, coordinator_countries=[c]) for c in countries]
        + [User(email="everywhere@bench.test", is_coordinator=True)]
    )
    facilitators = User.objects.bulk_create(
        [
            User(email=f"facilitator-{n}@bench.test", preferred_language=["en", "es", "fr", "pt"][n % 4])
            for n in range(count)
        ]
    )
    consortia = Consortium.objects.bulk_create(
        [
            Consortium(
                name=f"Bench consortium {n}",
                country=countries[n % len(countries)],
                status=Consortium.Status.ACTIVE,
                activated_on=today - datetime.timedelta(days=200),
            )
            for n in range(count)
        ]
    )
    Consortium.facilitators.through.objects.bulk_create(
        [Consortium.facilitators.through(consortium=c, user=f) for c, f in zip(consortia, facilitators, strict=True)]
    )
    periods = []
    for n, consortium in enumerate(consortia):
        due = today - datetime.timedelta(days=STAGES[n % len(STAGES)].first)
        periods.append(
            ReportingPeriod(consortium=consortium, number=1, start=due - datetime.timedelta(days=196), end=due, due=due)
        )
    ReportingPeriod.objects.bulk_create(periods)
    ProgressReport.objects.bulk_create([ProgressReport(period=p, due=p.due) for p in ReportingPeriod.objects.all()])


def measure(action):
    from django.db import connection

    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        result = action()
        elapsed = time.perf_counter() - started
    return result, elapsed, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000])
    args = parser.parse_args()
    ensure_postgres_database(os.environ["DATABASE_URL"])

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_BROKER_URL = "memory://"
    from config.celery_app import app

    app.conf.broker_url = "memory://"
    app.conf.broker_transport_options = {}
    call_command("migrate", verbosity=0)

    from monitoring.reminders import BATCH, send_report_reminders
    from notifications.delivery import deliver_pending

    today = datetime.date(2026, 11, 23)
    print(f"database: {connection.vendor}; batch size {BATCH}")
    print(
        f"{'consortia':>9} {'notices':>8} {'seconds':>8} {'queries':>8} {'batches':>8} {'q/batch':>8}"
        "  second run        e-mail sweep"
    )
    for size in args.sizes:
        build(size, today)
        created, seconds, queries = measure(lambda: send_report_reminders(today=today))
        batches = math.ceil(size / BATCH)
        again, seconds_again, _queries_again = measure(lambda: send_report_reminders(today=today))
        sent, seconds_sent, queries_sent = measure(deliver_pending)
        per_batch = (queries - 2) / batches  # minus the coordinators and the final empty read
        print(
            f"{size:>9} {created:>8} {seconds:>8.2f} {queries:>8} {batches:>8} {per_batch:>8.1f}"
            f"  {again} new, {seconds_again:.2f} s   {sent['sent']} sent, {seconds_sent:.2f} s, {queries_sent} queries"
        )


if __name__ == "__main__":
    main()
