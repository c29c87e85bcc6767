"""Open the reporting periods that have started (the daily job calls the same service)."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from monitoring.services import open_due_periods


class Command(BaseCommand):
    help = "Open every six-month reporting period that has started for active consortia (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError(f"--today must be a date like 2026-11-23, not {today!r}.")
        created = open_due_periods(today=day)
        self.stdout.write(f"{created} reporting period(s) opened.")
