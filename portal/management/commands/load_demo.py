"""Load the demo data of DESIGN §9. Idempotent: a second run changes nothing."""

from __future__ import annotations

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_PASSWORD = "alianza-demo"  # noqa: S105 (the demo's published password; load_demo refuses DEBUG off)


class Command(BaseCommand):
    help = "Load the programme's real consortia, institutions and firms with a user per role (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG=false (never on real data).")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like production: demo users with a known password would be created. "
                "Use --force if you really mean it."
            )
        with transaction.atomic():
            # Each local app may ship a demo module; they run in dependency order.
            for app in settings.LOCAL_APPS:
                try:
                    module = importlib.import_module(f"{app}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{app}.demo":
                        raise
                    continue
                module.load(password=DEMO_PASSWORD, log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Sign in with any of these (password: alianza-demo):"))
        from accounts.models import User

        for user in User.objects.filter(email__endswith="@demo.alianza.org").order_by("email"):
            self.stdout.write(f"  {user.email:<34} {user.full_name}")
