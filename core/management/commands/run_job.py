"""Run one job of the beat schedule now, in this process (for cron users and debugging)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run a background job once, by its name in CELERY_BEAT_SCHEDULE (e.g. report-reminders)."

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="The job's name; leave it out to list them.")

    def handle(self, *args, name=None, **options):
        from config.celery_app import app

        jobs = settings.CELERY_BEAT_SCHEDULE
        if not name:
            for job, entry in jobs.items():
                self.stdout.write(f"{job:<20} {entry['task']}")
            return
        if name not in jobs:
            raise CommandError(f"No job named {name!r}. Choose one of: {', '.join(jobs)}.")
        app.loader.import_default_modules()  # autodiscovery is lazy outside a worker
        task = app.tasks[jobs[name]["task"]]
        result = task()
        self.stdout.write(self.style.SUCCESS(f"{name}: {result}"))
