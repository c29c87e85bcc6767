"""The daily report reminders and the weekly coordinator digest (DESIGN §6).

Both only create notices through ``notifications.services.notify_many``; the
notifications app e-mails them. Each notice has a key naming the report (or the
week), the stage and the person, so running a job twice, or in two workers at
once, creates each notice once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from operator import attrgetter

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from consortia.models import Consortium
from consortia.selectors import prefetch_reporters, reporters
from monitoring.dashboard import at_risk_consortia
from monitoring.models import ProgressReport
from notifications.models import Notification
from notifications.services import Notice, notify_many

BATCH = 500
DIGEST_ROWS = 10


@dataclass(frozen=True)
class Stage:
    """A reminder, sent once on the first day of its window (days relative to the due date).

    The window lets a day the job did not run be caught up the next day, never twice.
    """

    key: str
    first: int
    last: int
    overdue: bool = False


STAGES = (
    Stage("due_in_14", -14, -4),
    Stage("due_in_3", -3, -1),
    Stage("due_today", 0, 6),
    Stage("overdue_1", 7, 13, overdue=True),
    Stage("overdue_2", 14, 20, overdue=True),
    Stage("overdue_3", 21, 27, overdue=True),
)
EARLIEST, LATEST = STAGES[0].first, STAGES[-1].last


def stage_on(days_after_due: int) -> Stage | None:
    for stage in STAGES:
        if stage.first <= days_after_due <= stage.last:
            return stage
    return None


def reports_to_remind(today: datetime.date):
    """Unsubmitted reports of active consortia whose due date is inside some stage's window."""
    return ProgressReport.objects.filter(
        status__in=ProgressReport.UNSUBMITTED,
        period__consortium__status=Consortium.Status.ACTIVE,
        due__gte=today - datetime.timedelta(days=LATEST),
        due__lte=today - datetime.timedelta(days=EARLIEST),
    )


def _reminder_texts(report: ProgressReport, days: int, stage: Stage, *, for_coordinator: bool):
    consortium, period = report.period.consortium, report.period

    late = days > 0  # also a due-date reminder caught up after a day the job missed

    def subject():
        if late:
            return ngettext(
                "Report overdue by %(days)d day: %(name)s", "Report overdue by %(days)d days: %(name)s", days
            ) % {"days": days, "name": consortium.name}
        if days == 0:
            return _("Report due today: %(name)s") % {"name": consortium.name}
        return ngettext("Report due in %(days)d day: %(name)s", "Report due in %(days)d days: %(name)s", -days) % {
            "days": -days,
            "name": consortium.name,
        }

    def body():
        facts = {
            "name": consortium.name,
            "number": period.number,
            "start": date_format(period.start),
            "end": date_format(period.end),
            "due": date_format(period.due),
        }
        if not late:
            return (
                _(
                    "The six-month report of %(name)s for period %(number)d (%(start)s to %(end)s) "
                    "is due on %(due)s. Open it to fill in the indicators and submit it."
                )
                % facts
            )
        text = (
            _("The six-month report of %(name)s for period %(number)d (%(start)s to %(end)s) was due on %(due)s.")
            % facts
        )
        if for_coordinator:
            return (
                text
                + " "
                + _(
                    "Its reporters (facilitators and sponsoring officials) have been reminded; "
                    "you may want to follow up with them."
                )
            )
        if stage.overdue:
            return text + " " + _("Please submit it as soon as you can; the coordinators have been told.")
        return text + " " + _("Please submit it as soon as you can.")

    return subject, body


def send_report_reminders(*, today: datetime.date | None = None, batch: int = BATCH) -> int:
    """Remind the reporters (facilitators and sponsor officials) of reports coming due and overdue;
    copy coordinators once overdue.

    A batch costs the same few queries whatever its size: the reports, their
    reporters, the recipients' preferences, the existing keys, one insert.
    """
    today = today or timezone.localdate()
    coordinators = list(User.objects.coordinators())  # once, then matched to each country here
    by_country: dict[str, list[User]] = {}
    created = 0
    after = 0
    candidates = reports_to_remind(today).select_related("period__consortium").order_by("pk")
    while True:
        reports = list(
            candidates.filter(pk__gt=after)
            .select_related("period__consortium__sponsor")
            .prefetch_related(*prefetch_reporters("period__consortium__"))[:batch]
        )
        if not reports:
            return created
        after = reports[-1].pk
        notices = []
        for report in reports:
            days = (today - report.period.due).days
            stage = stage_on(days)
            if stage is None:  # outside every window: reports_to_remind leaves these out
                continue
            consortium = report.period.consortium
            url = reverse("monitoring:report", args=[report.pk])
            kind = Notification.Kind.REPORT_OVERDUE if stage.overdue else Notification.Kind.REPORT_REMINDER
            subject, body = _reminder_texts(report, days, stage, for_coordinator=False)
            for person in reporters(consortium):
                notices.append(Notice(person, kind, f"report:{report.pk}:{stage.key}:{person.pk}", subject, body, url))
            if stage.overdue:
                country = str(consortium.country)
                if country not in by_country:
                    by_country[country] = [c for c in coordinators if c.coordinates(country)]
                subject, body = _reminder_texts(report, days, stage, for_coordinator=True)
                for coordinator in by_country[country]:
                    notices.append(
                        Notice(
                            coordinator, kind, f"report:{report.pk}:{stage.key}:{coordinator.pk}", subject, body, url
                        )
                    )
        created += notify_many(notices)


# ------------------------------------------------------------------------------
# Task reminders: the assignee, 3 days before, on the day, weekly while overdue
# ------------------------------------------------------------------------------
TASK_STAGES = tuple(stage for stage in STAGES if stage.key != "due_in_14")


def send_task_reminders(*, today: datetime.date | None = None, batch: int = BATCH) -> int:
    """Remind each assignee of their open tasks coming due and overdue. Idempotent.

    The key carries the due date, so a task moved to a new date is reminded afresh.
    A batch costs the same few queries whatever its size.
    """
    from methodology.models import Task

    today = today or timezone.localdate()
    first, last = TASK_STAGES[0].first, TASK_STAGES[-1].last
    candidates = (
        Task.objects.filter(
            assignee__isnull=False,
            assignee__is_active=True,
            phase__signed_off_at__isnull=True,
            phase__consortium__status=Consortium.Status.ACTIVE,
            due_date__gte=today - datetime.timedelta(days=last),
            due_date__lte=today - datetime.timedelta(days=first),
        )
        .exclude(status__in=[Task.Status.DONE, Task.Status.NOT_APPLICABLE])
        .select_related("assignee", "template", "phase__consortium")
        .order_by("pk")
    )
    created, after = 0, 0
    while True:
        tasks = list(candidates.filter(pk__gt=after)[:batch])
        if not tasks:
            return created
        after = tasks[-1].pk
        notices = []
        for task in tasks:
            if task.due_date is None:  # the query asks for a due date in a window
                continue
            days = (today - task.due_date).days
            stage = next(s for s in TASK_STAGES if s.first <= days <= s.last)
            subject, body = _task_texts(task, days)
            key = f"task:{task.pk}:{task.due_date:%Y%m%d}:{stage.key}:{task.assignee_id}"
            notices.append(
                Notice(task.assignee, Notification.Kind.TASK_DUE, key, subject, body, task.get_absolute_url())
            )
        created += notify_many(notices)


def _task_texts(task, days: int):
    consortium = task.phase.consortium.name

    def subject():
        title = task.title  # the methodology's title, in the recipient's language
        if days < 0:
            return ngettext("“%(title)s” is due tomorrow", "“%(title)s” is due in %(days)d days", -days) % {
                "title": title,
                "days": -days,
            }
        if days == 0:
            return _("“%(title)s” is due today") % {"title": title}
        return ngettext("“%(title)s” is %(days)d day overdue", "“%(title)s” is %(days)d days overdue", days) % {
            "title": title,
            "days": days,
        }

    def body():
        return _("A task assigned to you in %(consortium)s is due on %(date)s.") % {
            "consortium": consortium,
            "date": date_format(task.due_date),
        }

    return subject, body


# ------------------------------------------------------------------------------
# Review reminders: coordinators in scope, for reports waiting too long
# ------------------------------------------------------------------------------
def send_review_reminders(*, today: datetime.date | None = None) -> int:
    """Remind the coordinators in scope of reports submitted more than REVIEW_REMINDER_DAYS ago.

    Once per span of REVIEW_REMINDER_DAYS waited (three at most), per submission, so a
    resubmitted report starts again. Idempotent: a rerun creates nothing.
    """
    today = today or timezone.localdate()
    span = settings.REVIEW_REMINDER_DAYS
    waiting = (
        ProgressReport.objects.awaiting_review()
        .filter(period__consortium__status=Consortium.Status.ACTIVE, submitted_at__isnull=False)
        .select_related("period__consortium")
    )
    coordinators = list(User.objects.coordinators())
    notices = []
    for report in waiting:
        days = (today - timezone.localdate(report.submitted_at)).days
        stage = days // span if span > 0 else 0
        if days <= 0 or stage < 1 or stage > 3:
            continue
        consortium = report.period.consortium
        url = reverse("monitoring:report", args=[report.pk])
        number = report.period.number

        def subject(name=consortium.name, number=number, days=days):
            return ngettext(
                "Report #%(number)s of %(name)s has waited %(days)d day for your review",
                "Report #%(number)s of %(name)s has waited %(days)d days for your review",
                days,
            ) % {"number": number, "name": name, "days": days}

        def body(name=consortium.name):
            return _("Its reporters are waiting for your decision on %(name)s's report.") % {"name": name}

        stamp = f"{report.submitted_at:%Y%m%d%H%M%S}"
        for coordinator in coordinators:
            if coordinator.coordinates(consortium.country):
                key = f"review:{report.pk}:{stamp}:{stage}:{coordinator.pk}"
                notices.append(Notice(coordinator, Notification.Kind.REVIEW_REMINDER, key, subject, body, url))
    return notify_many(notices)


# ------------------------------------------------------------------------------
# The weekly digest
# ------------------------------------------------------------------------------
@dataclass(frozen=True)
class DigestList:
    """One list of the digest: its rows, the path from a row to its country, and its order."""

    rows: QuerySet
    country: str
    order: tuple[str, ...]

    def sort_key(self, row) -> tuple:
        return tuple(_follow(row, field) for field in self.order)


def _follow(row, path: str):
    """The value at a query path on a row read with its relations: "period__due" -> row.period.due."""
    return attrgetter(path.replace("__", "."))(row)


def digest_lists(*, today: datetime.date) -> dict[str, DigestList]:
    """What the digest lists, over every country; each coordinator gets the countries in their scope."""
    reports = ProgressReport.objects.select_related("period__consortium")
    consortia = Consortium.objects.all()
    return {
        "overdue": DigestList(
            reports.overdue(today).filter(period__consortium__status=Consortium.Status.ACTIVE),
            "period__consortium__country",
            ("due", "pk"),
        ),
        "awaiting": DigestList(reports.awaiting_review(), "period__consortium__country", ("submitted_at", "pk")),
        "candidates": DigestList(consortia.awaiting_review(), "country", ("updated_at", "pk")),
        "at_risk": DigestList(
            at_risk_consortia(consortia.filter(~Q(status=Consortium.Status.DISSOLVED))), "country", ("name", "pk")
        ),
    }


def _by_country(digest_list: DigestList) -> tuple[dict[str, int], dict[str, list]]:
    """How many rows each country has, and its first DIGEST_ROWS: two queries, whatever the
    number of countries or coordinators."""
    counts = dict(
        digest_list.rows.order_by()
        .values_list(digest_list.country)
        .annotate(count=Count("pk"))
        .values_list(digest_list.country, "count")
    )
    ranked = digest_list.rows.annotate(
        digest_rank=Window(RowNumber(), partition_by=F(digest_list.country), order_by=list(digest_list.order))
    ).filter(digest_rank__lte=DIGEST_ROWS)
    rows: dict[str, list] = defaultdict(list)
    for row in ranked:
        rows[str(_follow(row, digest_list.country))].append(row)
    return counts, rows


def digest_for(coordinator, *, today: datetime.date, lists=None) -> dict[str, tuple[int, list]]:
    """What needs this coordinator: how many rows each list has in their scope, and the first few.

    ``lists`` is what ``digest_lists_by_country`` read once for every coordinator."""
    lists = lists if lists is not None else digest_lists_by_country(today=today)
    scope = None if coordinator.is_superuser else coordinator.coordinator_scope
    sections = {}
    for key, (digest_list, counts, rows) in lists.items():
        countries = counts.keys() if scope is None else [code for code in scope if code in counts]
        in_scope = [row for code in countries for row in rows.get(code, [])]
        in_scope.sort(key=digest_list.sort_key)
        sections[key] = (sum(counts[code] for code in countries), in_scope[:DIGEST_ROWS])
    return sections


def digest_lists_by_country(*, today: datetime.date) -> dict[str, tuple[DigestList, dict, dict]]:
    return {key: (digest_list, *_by_country(digest_list)) for key, digest_list in digest_lists(today=today).items()}


def _waiting(report: ProgressReport, today: datetime.date) -> str:
    """“, waiting 12 days” once a report has waited long enough for review reminders to go out."""
    if report.submitted_at is None:
        return ""
    days = (today - timezone.localdate(report.submitted_at)).days
    if days < settings.REVIEW_REMINDER_DAYS:
        return ""
    return ngettext(", waiting %(days)d day", ", waiting %(days)d days", days) % {"days": days}


def _digest_body(sections: dict[str, tuple[int, list]], today: datetime.date) -> str:
    def link(url: str) -> str:
        return settings.SITE_URL.rstrip("/") + url

    titles = {
        "overdue": _("Overdue reports"),
        "awaiting": _("Reports awaiting your review"),
        "candidates": _("Candidate consortia awaiting your review"),
        "at_risk": _("Consortia rated at risk"),
    }
    lines = []
    for key, (count, rows) in sections.items():
        if not count:
            continue
        lines.append(f"{titles[key]} ({count})")
        for row in rows:
            if key == "overdue":
                lines.append(
                    "- "
                    + _("%(name)s, period %(number)d, due %(due)s")
                    % {
                        "name": row.period.consortium.name,
                        "number": row.period.number,
                        "due": date_format(row.period.due),
                    }
                    + f": {link(reverse('monitoring:report', args=[row.pk]))}"
                )
            elif key == "awaiting":
                lines.append(
                    "- "
                    + _("%(name)s, period %(number)d")
                    % {"name": row.period.consortium.name, "number": row.period.number}
                    + _waiting(row, today)
                    + f": {link(reverse('monitoring:report_review', args=[row.pk]))}"
                )
            else:
                lines.append(f"- {row.name}: {link(row.get_absolute_url())}")
        if count > len(rows):
            lines.append("- " + _("and %(more)d more") % {"more": count - len(rows)})
        lines.append("")
    return "\n".join(lines).strip()


def send_coordinator_digest(*, today: datetime.date | None = None) -> int:
    """One digest a week per coordinator with something to act on; none when there is nothing."""
    today = today or timezone.localdate()
    year, week, _weekday = today.isocalendar()
    notices = []
    lists = digest_lists_by_country(today=today)
    for coordinator in User.objects.coordinators().order_by("pk"):
        sections = digest_for(coordinator, today=today, lists=lists)
        if not any(count for count, _rows in sections.values()):
            continue
        total = sum(count for count, _rows in sections.values())
        notices.append(
            Notice(
                coordinator,
                Notification.Kind.DIGEST,
                f"digest:{year}-W{week:02d}:{coordinator.pk}",
                lambda total=total: (
                    ngettext(
                        "Your weekly digest: %(count)d item needs you",
                        "Your weekly digest: %(count)d items need you",
                        total,
                    )
                    % {"count": total}
                ),
                lambda sections=sections: _digest_body(sections, today),
                reverse("monitoring:dashboard"),
            )
        )
    return notify_many(notices)
