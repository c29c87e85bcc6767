"""A regional-scale data set on top of the demo, for bench/ (DESIGN §8).

    manage.py seed_scale            # scale 1: 2,000 consortia, 40,000 SMEs, ~200,000 tasks …
    manage.py seed_scale --scale 10 # ten times that, to measure growth
    manage.py seed_scale --delete   # removes what it seeded, and only that

What it builds, per 2,000 consortia: 95 % active, approved 3½ to 4½ years ago (so
about eight six-month periods each), 5 % drafts and candidates; 20 member SMEs each;
the methodology instantiated by its service plus custom tasks to about 100 tasks a
consortium (one consortium per scale with 401, the "big" checklist); phases signed
off up to a current phase; the periods opened by the period rules, the older reports
accepted with a value per indicator, the latest ones open, drafted, submitted or
returned; about 95 notices per consortium. The demo's coordinators see all of it, the
demo facilitator runs three of the consortia and MEIC sponsors the Costa Rican ones.

Seeded rows are marked so that --delete finds them: people at @scale.alianza.test,
enterprises with a tax id starting "SCALE-", consortia registered by those people,
institutions named "… (scale)". Rows go in with bulk inserts; nothing is e-mailed.
"""

from __future__ import annotations

import datetime
import random
import time
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

DOMAIN = "scale.alianza.test"
TAX_PREFIX = "SCALE-"
PER_SCALE = 2000
MEMBERS = 20
TASKS_PER_CONSORTIUM = 105
BIG_CONSORTIUM_TASKS = 401
NOTICES_PER_CONSORTIUM = 95
COUNTRIES = [
    "AR", "BB", "BS", "BZ", "BO", "BR", "CL", "CO", "CR", "CU", "DM", "DO", "EC", "SV", "GD", "GT", "GY", "HT",
    "HN", "JM", "MX", "NI", "PA", "PY", "PE", "KN", "LC", "VC", "SR", "TT", "UY", "VE", "AG",
]  # fmt: skip
PRODUCTS = [
    "cacao", "coffee", "honey", "cheese", "handicraft", "textile", "furniture", "wine", "software", "tourism",
    "seafood", "fruit", "spices", "ceramics", "leather", "jewellery", "cassava bread", "organic vegetables",
]  # fmt: skip
BATCH = 5000


class Command(BaseCommand):
    help = "Build (or --delete) the regional-scale data set on top of the demo, for the benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="multiples of 2,000 consortia (default 1)")
        parser.add_argument("--delete", action="store_true", help="remove what seed_scale added")
        parser.add_argument("--force", action="store_true", help="run with DEBUG off")

    def handle(self, *args, scale: int, delete: bool, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off, so this looks like production. Use --force if you really mean it.")
        started = time.monotonic()
        if delete:
            counts = delete_seeded()
            self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items() if n))
            self.stdout.write(self.style.SUCCESS(f"Seeded rows removed in {time.monotonic() - started:.0f} s."))
            return
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        from accounts.models import User

        if User.objects.filter(email__endswith="@" + DOMAIN).exists():
            raise CommandError("A scale data set is already there: run seed_scale --delete first.")
        if not User.objects.filter(email="coordinator@demo.alianza.org").exists():
            raise CommandError("Load the demo first (manage.py load_demo): the scale data set builds on it.")
        Seeder(scale=scale, log=self.stdout.write).run()
        self.stdout.write(self.style.SUCCESS(f"Scale {scale} seeded in {time.monotonic() - started:.0f} s."))


def delete_seeded() -> dict[str, int]:
    """Children first, in SQL (no per-row signals): Django's FKs are not ON DELETE CASCADE in the database."""
    from accounts.models import User
    from consortia.models import Consortium, Membership, Transition
    from members.models import Enterprise, Institution
    from members.services import enterprises_recount
    from methodology.models import Activity, Evidence, Phase, Task, TaskComment
    from monitoring.models import (
        Baseline,
        ConsortiumFigures,
        IndicatorTarget,
        IndicatorValue,
        ProgressReport,
        ReportAttachment,
        ReportingPeriod,
        Review,
        Submission,
    )
    from monitoring.services import pairs_recount
    from notifications.models import Notification, Preference

    people = User.objects.filter(email__endswith="@" + DOMAIN).values("pk")
    consortia = Consortium.objects.filter(created_by__in=people).values("pk")
    reports = ProgressReport.objects.filter(period__consortium__in=consortia).values("pk")
    tasks = Task.objects.filter(phase__consortium__in=consortia).values("pk")
    steps = [
        ("notifications", Notification.objects.filter(recipient__in=people)),
        ("notifications", Notification.objects.filter(dedup_key__startswith="scale:")),
        ("preferences", Preference.objects.filter(user__in=people)),
        ("values", IndicatorValue.objects.filter(report__in=reports)),
        ("reviews", Review.objects.filter(report__in=reports)),
        ("submissions", Submission.objects.filter(report__in=reports)),
        ("attachments", ReportAttachment.objects.filter(report__in=reports)),
        ("reports", ProgressReport.objects.filter(pk__in=reports)),
        ("periods", ReportingPeriod.objects.filter(consortium__in=consortia)),
        ("figures", ConsortiumFigures.objects.filter(consortium__in=consortia)),
        ("baselines", Baseline.objects.filter(consortium__in=consortia)),
        ("targets", IndicatorTarget.objects.filter(consortium__in=consortia)),
        ("activity", Activity.objects.filter(consortium__in=consortia)),
        ("comments", TaskComment.objects.filter(task__in=tasks)),
        ("evidence", Evidence.objects.filter(task__in=tasks)),
        ("tasks", Task.objects.filter(pk__in=tasks)),
        ("phases", Phase.objects.filter(consortium__in=consortia)),
        ("memberships", Membership.objects.filter(consortium__in=consortia)),
        ("transitions", Transition.objects.filter(consortium__in=consortia)),
        ("sector links", Consortium.sectors.through.objects.filter(consortium__in=consortia)),
        ("facilitator links", Consortium.facilitators.through.objects.filter(consortium__in=consortia)),  # type: ignore[attr-defined]
        ("consortia", Consortium.objects.filter(pk__in=consortia)),
        ("enterprises", Enterprise.objects.filter(tax_id__startswith=TAX_PREFIX)),
        ("institutions", Institution.objects.filter(name__endswith=" (scale)")),
    ]
    counts: dict[str, int] = {}
    with transaction.atomic():
        for name, queryset in steps:
            counts[name] = counts.get(name, 0) + queryset._raw_delete(connection.alias)
        # People through the ORM: their tokens, sessions' owners and history links follow.
        counts["people"] = User.objects.filter(email__endswith="@" + DOMAIN).delete()[1].get("accounts.User", 0)
        # What the dashboard keeps per country and kind summed the seeded consortia too, and
        # the registry's count per country the seeded enterprises.
        pairs_recount(None)
        enterprises_recount(None)
    return counts


class Seeder:
    def __init__(self, *, scale: int, log):
        self.scale, self.log = scale, log
        self.random = random.Random(20261201 + scale)  # noqa: S311 (repeatable made-up data, not secrets)
        self.today = timezone.localdate()
        self.count = PER_SCALE * scale

    def step(self, label: str, function):
        started = time.monotonic()
        result = function()
        self.log(f"  {label}: {result} in {time.monotonic() - started:.1f} s")

    def run(self) -> None:
        from monitoring.services import figures_counted_once

        with transaction.atomic():
            self.step("people and institutions", self.people)
            self.step("enterprises", self.enterprises)
            self.step("consortia", self.consortia)
        # The work in one transaction, whose kept figures are counted once, after the reports'
        # ANALYZE: each methodology instantiated by its service sums its whole country and kind
        # again (1,900 times), and a count before ANALYZE read the new reports once per
        # consortium (90 s).
        with transaction.atomic():
            with figures_counted_once():
                self.step("methodology", self.methodology)
                self.step("tasks", self.tasks)
                self.step("periods and reports", self.reports)
                started = time.monotonic()
            self.log(f"  kept dashboard figures in {time.monotonic() - started:.1f} s")
            self.step("notifications", self.notifications)
        self.analyze()

    @staticmethod
    def analyze(*tables: str) -> None:
        """Fresh planner statistics (PostgreSQL), for these tables or all."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in tables))

    # -- people ------------------------------------------------------------------------------
    def people(self) -> int:
        from django.contrib.auth.hashers import make_password

        from accounts.models import User
        from members.models import Institution

        password = make_password("alianza-demo")
        self.meic = Institution.objects.filter(acronym="MEIC").first()
        institutions = Institution.objects.bulk_create(
            Institution(
                name=f"Chamber of exporters of {country} (scale)",
                acronym=f"SC-{country}",
                kind=Institution.Kind.CHAMBER,
                country=country,
            )
            for country in COUNTRIES
        )
        self.institution = {str(i.country): i for i in institutions}
        officials = User.objects.bulk_create(
            User(
                email=f"official.{country.lower()}@{DOMAIN}",
                full_name=f"Official {country}",
                institution=self.institution[country],
                password=password,
            )
            for country in COUNTRIES
        )
        self.official = {u.email.split(".")[1].split("@")[0].upper(): u for u in officials}
        coordinators = User.objects.bulk_create(
            User(  # type: ignore[misc]
                email=f"coordinator{index}@{DOMAIN}",
                full_name=f"Coordinator {index}",
                is_coordinator=True,
                coordinator_countries=COUNTRIES[index * 3 : index * 3 + 3],
                password=password,
            )
            for index in range(11)
        )
        self.facilitators = User.objects.bulk_create(
            User(email=f"facilitator{index}@{DOMAIN}", full_name=f"Facilitator {index:04d}", password=password)
            for index in range(self.count // 2)
        )
        return len(officials) + len(coordinators) + len(self.facilitators)

    def enterprises(self) -> int:
        from members.models import Enterprise, Sector
        from members.services import enterprises_recount

        sectors = list(Sector.objects.all())
        self.sectors = sectors
        self.country_of = [COUNTRIES[index % len(COUNTRIES)] for index in range(self.count)]
        rows = []
        for index in range(self.count):
            country = self.country_of[index]
            for member in range(MEMBERS):
                rows.append(
                    Enterprise(
                        name=f"{self.random.choice(PRODUCTS).title()} producer {index:05d}-{member:02d}",
                        tax_id=f"{TAX_PREFIX}{index:05d}-{member:02d}",
                        country=country,
                        sector=self.random.choice(sectors),
                        employees=self.random.randint(2, 240),
                        annual_sales_usd=Decimal(self.random.randint(20_000, 2_000_000)),
                        export_status=self.random.choice(["none", "occasional", "regular"]),
                    )
                )
        Enterprise.objects.bulk_create(rows, batch_size=BATCH)
        enterprises_recount(set(COUNTRIES))  # bulk_create sends no signals
        self.enterprise_ids = list(
            Enterprise.objects.filter(tax_id__startswith=TAX_PREFIX).order_by("tax_id").values_list("pk", flat=True)
        )
        return len(rows)

    def consortia(self) -> int:
        from accounts.models import User
        from consortia.models import Consortium, Membership, Transition

        active_from = self.today - datetime.timedelta(days=int(4.5 * 365))
        rows = []
        self.statuses = []
        for index in range(self.count):
            country = self.country_of[index]
            status = Consortium.Status.ACTIVE
            if index % 20 == 19:
                status = self.random.choice([Consortium.Status.DRAFT, Consortium.Status.SUBMITTED])
            self.statuses.append(status)
            sponsor = self.meic if country == "CR" and self.meic else self.institution[country]
            rows.append(
                Consortium(
                    name=f"{self.random.choice(PRODUCTS).title()} consortium {index:05d}",
                    kind=self.random.choice(["export", "origin"]),
                    country=country,
                    region=f"Region {index % 7 + 1}",
                    products=self.random.choice(PRODUCTS),
                    sponsor=sponsor,
                    created_by=self.official[country],
                    status=status,
                    activated_on=(
                        active_from + datetime.timedelta(days=self.random.randint(0, 365))
                        if status == Consortium.Status.ACTIVE
                        else None
                    ),
                )
            )
        consortia = Consortium.objects.bulk_create(rows, batch_size=BATCH)
        self.consortium_ids = [c.pk for c in consortia]
        through = Consortium.facilitators.through
        links = [through(consortium_id=c.pk, user_id=self.facilitators[i // 2].pk) for i, c in enumerate(consortia)]  # type: ignore[misc]
        demo_facilitator = User.objects.get(email="facilitator@demo.alianza.org")
        links += [through(consortium_id=c.pk, user_id=demo_facilitator.pk) for c in consortia[:3]]  # type: ignore[misc]
        through.objects.bulk_create(links, batch_size=BATCH)  # type: ignore[attr-defined]
        Consortium.sectors.through.objects.bulk_create(
            [
                Consortium.sectors.through(consortium_id=c.pk, sector_id=self.random.choice(self.sectors).pk)
                for c in consortia
            ],
            batch_size=BATCH,
        )
        joined = self.today - datetime.timedelta(days=5 * 365)
        Membership.objects.bulk_create(
            (
                Membership(
                    consortium_id=c.pk,
                    enterprise_id=self.enterprise_ids[i * MEMBERS + m],
                    role="leader" if m == 0 else "member",
                    joined=joined,
                )
                for i, c in enumerate(consortia)
                for m in range(MEMBERS)
            ),
            batch_size=BATCH,
        )
        # A representative per consortium: the leader firm's.
        self.representatives = User.objects.bulk_create(
            (
                User(
                    email=f"member{i}@{DOMAIN}",
                    full_name=f"Representative {i:05d}",
                    enterprise_id=self.enterprise_ids[i * MEMBERS],
                )
                for i in range(self.count)
            ),
            batch_size=BATCH,
        )
        now = timezone.now()
        Transition.objects.bulk_create(
            (
                Transition(
                    consortium_id=c.pk,
                    action="submit" if s == Consortium.Status.SUBMITTED else "approve",
                    from_status="draft" if s == Consortium.Status.SUBMITTED else "submitted",
                    to_status=s,
                    by=self.official[self.country_of[i]],
                )
                for i, (c, s) in enumerate(zip(consortia, self.statuses, strict=True))
                if s != Consortium.Status.DRAFT
            ),
            batch_size=BATCH,
        )
        Transition.objects.filter(consortium__in=consortia).update(at=now - datetime.timedelta(days=10))
        return len(consortia)

    def methodology(self) -> int:
        from consortia.models import Consortium
        from methodology.services import current_methodology, instantiate_methodology

        methodology = current_methodology()
        active = Consortium.objects.filter(pk__in=self.consortium_ids, status=Consortium.Status.ACTIVE)
        count = 0
        for consortium in active.only("pk"):
            instantiate_methodology(consortium=consortium, methodology=methodology)
            count += 1
        return count

    # -- the work ----------------------------------------------------------------------------
    def tasks(self) -> int:
        from methodology.models import Phase, Task

        phases: dict[int, list[Phase]] = {}
        for phase in Phase.objects.filter(consortium_id__in=self.consortium_ids).order_by("consortium", "number"):
            phases.setdefault(phase.consortium_id, []).append(phase)
        extra = []
        self.current = {}
        for consortium_id, own in phases.items():
            current = self.random.randint(2, 9)
            self.current[consortium_id] = current
            wanted = BIG_CONSORTIUM_TASKS if consortium_id == self.consortium_ids[0] else TASKS_PER_CONSORTIUM
            for n in range(wanted - 41):
                phase = own[n % 10]
                extra.append(
                    Task(
                        phase=phase,
                        custom_title=f"Producer visit {n + 1}",
                        order=100 + n,
                        required=n % 3 != 0,
                    )
                )
        Task.objects.bulk_create(extra, batch_size=BATCH)
        # Statuses: done before the current phase, mixed in it, to do after; dates around today.
        signed = []
        for consortium_id, own in phases.items():
            current = self.current[consortium_id]
            signed += [p.pk for p in own if p.number < current]
        Phase.objects.filter(pk__in=signed).update(
            signed_off_at=timezone.now() - datetime.timedelta(days=30),
            signed_off_by=None,
        )
        Task.objects.filter(phase_id__in=signed).update(status=Task.Status.DONE)
        # The rest, in three set-based updates (a bulk_update of 170,000 rows took three minutes):
        # statuses mixed, due dates from 40 days ago to 4 months ahead, a facilitator or the
        # representative assigned, each chosen from the task's id so a rerun is the same.
        from django.db.models import BigIntegerField, Case, OuterRef, Subquery, Value, When
        from django.db.models.functions import Mod
        from django.db.models.lookups import Exact, LessThan

        from accounts.models import User
        from consortia.models import Consortium

        rest = Task.objects.filter(phase__consortium_id__in=self.consortium_ids).exclude(phase_id__in=signed)
        bucket = Mod(F("pk") * 7919, 100)
        rest.update(
            status=Case(
                When(LessThan(bucket, 25), then=Value(Task.Status.DONE)),
                When(LessThan(bucket, 45), then=Value(Task.Status.IN_PROGRESS)),
                default=Value(Task.Status.TODO),
            )
        )
        rest.update(
            due_date=Case(
                *(
                    When(Exact(Mod(F("pk"), 16), k), then=Value(self.today + datetime.timedelta(days=10 * k - 40)))
                    for k in range(16)
                )
            )
        )
        facilitator = Consortium.facilitators.through.objects.filter(  # type: ignore[attr-defined]
            consortium__phases=OuterRef("phase_id"), user__email__endswith="@" + DOMAIN
        ).values("user_id")[:1]
        representative = User.objects.filter(
            enterprise__memberships__consortium__phases=OuterRef("phase_id"), email__endswith="@" + DOMAIN
        ).values("pk")[:1]
        Task.objects.filter(pk__in=rest.values("pk")).update(
            assignee=Case(
                When(Exact(Mod(F("pk"), 2), 1), then=Subquery(facilitator)),
                default=Subquery(representative),
                output_field=BigIntegerField(),
            )
        )
        return Task.objects.filter(phase__consortium_id__in=self.consortium_ids).count()

    def reports(self) -> int:
        from consortia.models import Consortium, Membership
        from monitoring.models import Indicator, IndicatorValue, ProgressReport
        from monitoring.services import figures_refresh, open_due_periods

        open_due_periods(today=self.today, consortia=Consortium.objects.filter(pk__in=self.consortium_ids))
        reports = list(
            ProgressReport.objects.filter(period__consortium_id__in=self.consortium_ids)
            .select_related("period")
            .order_by("period__consortium", "period__number")
        )
        latest: dict[int, int] = {}
        for report in reports:
            latest[report.period.consortium_id] = max(latest.get(report.period.consortium_id, 0), report.period.number)
        indicators = list(Indicator.objects.filter(is_active=True))
        now = timezone.now()
        values, updates = [], []
        for report in reports:
            last = latest[report.period.consortium_id]
            if report.period.number < last - 1 or (report.period.number == last - 1 and self.random.random() < 0.7):
                report.status = ProgressReport.Status.ACCEPTED
                report.rating = self.random.choice(["on_track", "on_track", "needs_attention", "at_risk"])
            elif report.period.due < self.today:
                report.status = self.random.choice(
                    [ProgressReport.Status.SUBMITTED, ProgressReport.Status.DRAFT, ProgressReport.Status.OPEN]
                )
            else:
                report.status = self.random.choice([ProgressReport.Status.OPEN, ProgressReport.Status.DRAFT])
            if report.status in (ProgressReport.Status.ACCEPTED, ProgressReport.Status.SUBMITTED):
                submitted = datetime.datetime.combine(report.period.due, datetime.time(12), tzinfo=datetime.UTC)
                submitted -= datetime.timedelta(days=self.random.randint(-20, 10))
                report.first_submitted_at = report.submitted_at = min(submitted, now)
                for indicator in indicators:
                    values.append(
                        IndicatorValue(
                            report=report, indicator=indicator, value=Decimal(self.random.randint(0, 90_000))
                        )
                    )
            updates.append(report)
        ProgressReport.objects.bulk_update(
            updates, ["status", "rating", "first_submitted_at", "submitted_at"], batch_size=BATCH
        )
        IndicatorValue.objects.bulk_create(values, batch_size=BATCH)
        # The planner still holds the statistics of the tables before this transaction filled
        # them: without fresh ones it read 1.9 million values once per consortium at scale 10
        # (over 18 minutes before it was stopped). ANALYZE counts the transaction's own rows.
        self.analyze(
            "monitoring_progressreport",
            "monitoring_indicatorvalue",
            "monitoring_reportingperiod",
            "methodology_phase",
            "methodology_task",
        )
        Membership.mark_all_shared()  # bulk-inserted memberships: which enterprises are in two,
        Membership.mark_abroad(Membership.objects.all())  # and which are registered abroad
        figures_refresh(Consortium.objects.filter(pk__in=self.consortium_ids))  # counted by run, once
        self.log(f"    {len(values)} indicator values")
        return len(reports)

    def notifications(self) -> int:
        from notifications.models import Notification

        now = timezone.now()
        kinds = ["task_assigned", "report_reminder", "phase_signed_off", "report_reviewed", "task_due"]
        rows = []
        for i, consortium_id in enumerate(self.consortium_ids):
            people = [self.facilitators[i // 2].pk, self.representatives[i].pk]
            for n in range(NOTICES_PER_CONSORTIUM):
                created = now - datetime.timedelta(hours=n * 19 + i % 17)
                rows.append(
                    Notification(
                        recipient_id=people[n % 2],
                        kind=kinds[n % len(kinds)],
                        dedup_key=f"scale:{consortium_id}:{n}",
                        subject=f"Consortium {i:05d}: notice {n}",
                        body="A seeded notice.",
                        email=True,
                        sent_at=created,  # already e-mailed: the sweep must not send them
                        read_at=created if n > 3 else None,
                    )
                )
        Notification.objects.bulk_create(rows, batch_size=BATCH)
        # created_at is set on insert; spread it back over the weeks the notices span.
        Notification.objects.filter(dedup_key__startswith="scale:").update(created_at=F("sent_at"))
        return len(rows)
