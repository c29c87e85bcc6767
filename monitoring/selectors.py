"""Reads the monitoring pages and the API share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext as _

from consortia.models import Consortium
from core.history import FieldChange, field_changes
from core.queries import rows_per
from monitoring.models import (
    Baseline,
    ConsortiumFigures,
    ExportSalesCell,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    PairFigures,
    ProgressReport,
    ProgressReportQuerySet,
    ReportingPeriod,
    Review,
    period_bounds,
)

REPORTED = [ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED]
REPORT_HISTORY_FIELDS = ["status", "achievements", "difficulties", "next_steps", "support_requested", "rating"]


REPORT_LIST_COLUMNS = [
    "status",
    "submitted_at",
    "version",
    "period__number",
    "period__start",
    "period__end",
    "due",
    "period__consortium__name",
    "submitted_by__full_name",
    "submitted_by__email",
]


def report_list_rows(user) -> QuerySet:
    """The reports this person sees, soonest due first, with only the columns the list shows:
    PostgreSQL sorts every report for a page, and the narrative and phase snapshot made each
    row it carried through the sort several KB wide."""
    return (
        ProgressReport.objects.visible_to(user)
        .select_related("period__consortium", "submitted_by")
        .only(*REPORT_LIST_COLUMNS)
        .order_by("due", "period__consortium__name")
    )


def revision_request(report: ProgressReport) -> Review | None:
    """The coordinator's latest request for a revision, while the report is returned to its writers."""
    if report.status != ProgressReport.Status.REVISION_REQUESTED:
        return None
    return report.reviews.filter(decision=Review.Decision.REVISE).select_related("by").order_by("-at", "-pk").first()


def report_history(report: ProgressReport) -> list[FieldChange]:
    """Every change of the report's narrative, status and values, oldest first."""
    report_rows = ProgressReport.history.filter(id=report.pk).select_related("history_user")
    value_rows = IndicatorValue.history.filter(report_id=report.pk).select_related("history_user", "indicator")
    changes = field_changes(report_rows, REPORT_HISTORY_FIELDS, subject=lambda r: _("Report"))
    changes += field_changes(value_rows, ["value"], subject=lambda r: r.indicator.name)
    return sorted(changes, key=lambda change: change.at)


def target_history(consortium: Consortium) -> list[FieldChange]:
    """Every change of the consortium's baselines and targets, oldest first."""
    baselines = Baseline.history.filter(consortium_id=consortium.pk).select_related("history_user", "indicator")
    targets = IndicatorTarget.history.filter(consortium_id=consortium.pk).select_related("history_user", "indicator")
    changes = field_changes(baselines, ["value", "measured_on"], subject=lambda r: r.indicator.name)
    changes += field_changes(targets, ["target", "target_date"], subject=target_subject)
    return sorted(changes, key=lambda change: change.at)


def target_subject(target) -> str:
    """“Export sales · period 2” or “Export sales · whole plan”, in the reader's language."""
    if target.period is None:
        return _("%(indicator)s · whole plan") % {"indicator": target.indicator.name}
    return _("%(indicator)s · period %(number)s") % {"indicator": target.indicator.name, "number": target.period}


# ------------------------------------------------------------------------------
# The tracking sheet: Target / Actual / % met per period and for the whole plan
# ------------------------------------------------------------------------------
UPCOMING = "upcoming"  # a period with a target that the daily job has not opened yet


@dataclass
class PeriodFigures:
    number: int
    start: datetime.date
    end: datetime.date
    status: str  # the report's status code, or "upcoming"
    target: Decimal | None
    actual: Decimal | None  # accepted, or submitted and not yet reviewed (provisional)
    percent_met: Decimal | None

    @property
    def provisional(self) -> bool:
        return self.actual is not None and self.status == ProgressReport.Status.SUBMITTED

    @property
    def status_label(self) -> str:
        return _("Not open yet") if self.status == UPCOMING else str(ProgressReport.Status(self.status).label)


@dataclass
class PlanFigures:
    target: Decimal | None
    target_date: datetime.date | None
    actual: Decimal | None  # accepted values of the periods since the baseline, by the indicator's rule
    percent_met: Decimal | None


@dataclass
class IndicatorTrack:
    indicator: Indicator
    baseline: Baseline | None
    periods: list[PeriodFigures] = field(default_factory=list)
    life_of_plan: PlanFigures | None = None


def tracking(consortium: Consortium) -> list[IndicatorTrack]:
    """Every active indicator with its baseline, each period's figures and the life-of-plan figures.

    Periods are those opened, plus later ones that already carry a target. Only accepted values
    count towards the plan; a submitted value shows in its period as provisional. Five queries,
    whatever the number of periods and indicators.
    """
    indicators = list(Indicator.objects.filter(is_active=True))
    periods = {p.number: p for p in ReportingPeriod.objects.filter(consortium=consortium).select_related("report")}
    shown = (ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED)
    values = {
        (indicator_id, number): value
        for indicator_id, number, value in IndicatorValue.objects.filter(
            report__period__consortium=consortium, report__status__in=shown
        ).values_list("indicator_id", "report__period__number", "value")
    }
    targets = {(t.indicator_id, t.period): t for t in IndicatorTarget.objects.filter(consortium=consortium)}
    baselines = {b.indicator_id: b for b in Baseline.objects.filter(consortium=consortium)}
    planned = {number for (_indicator, number) in targets if number is not None and number not in periods}
    numbers = sorted({*periods, *(planned if consortium.activated_on else ())})
    tracks = []
    for indicator in indicators:
        track = IndicatorTrack(indicator=indicator, baseline=baselines.get(indicator.pk))
        for number in numbers:
            period = periods.get(number)
            if period is not None:
                start, end = period.start, period.end
                status = period.report.status if hasattr(period, "report") else ProgressReport.Status.OPEN
            elif consortium.activated_on is not None:
                start, end = period_bounds(consortium.activated_on, number)
                status = UPCOMING
            else:  # never activated: no periods to come
                continue
            target = targets.get((indicator.pk, number))
            actual = values.get((indicator.pk, number)) if status in shown else None
            track.periods.append(
                PeriodFigures(
                    number=number,
                    start=start,
                    end=end,
                    status=status,
                    target=target.target if target else None,
                    actual=actual,
                    percent_met=ratio(actual, target.target if target else None),
                )
            )
        track.life_of_plan = _life_of_plan(track, targets.get((indicator.pk, None)))
        tracks.append(track)
    return tracks


def _life_of_plan(track: IndicatorTrack, target: IndicatorTarget | None) -> PlanFigures:
    baseline = track.baseline
    counted = [
        p.actual
        for p in track.periods
        if p.status == ProgressReport.Status.ACCEPTED
        and p.actual is not None
        and (baseline is None or p.end > baseline.measured_on)
    ]
    aggregation = track.indicator.aggregation
    goal = target.target if target else None
    if not counted:
        actual = None
    elif aggregation == Indicator.Aggregation.SUM:
        actual = sum(counted, Decimal(0))
    elif aggregation == Indicator.Aggregation.AVERAGE:
        actual = sum(counted, Decimal(0)) / len(counted)
    else:
        actual = counted[-1]
    if aggregation == Indicator.Aggregation.LATEST and baseline is not None and actual is not None:
        # The distance travelled from the baseline over the distance planned: a reduction reads as one.
        percent = ratio(actual - baseline.value, goal - baseline.value if goal is not None else None)
    else:
        percent = ratio(actual, goal)
    shown = actual.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if actual is not None else None
    return PlanFigures(
        target=goal, target_date=target.target_date if target else None, actual=shown, percent_met=percent
    )


def ratio(actual: Decimal | None, target: Decimal | None) -> Decimal | None:
    """actual ÷ target in per cent, one decimal rounded half up (81.25 reads 81.3); None without a target."""
    if actual is None or target is None or target == 0:
        return None
    return (Decimal(100) * actual / target).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# ------------------------------------------------------------------------------
# A consortium's figures from its latest reports (ConsortiumFigures keeps them)
# ------------------------------------------------------------------------------
FIGURES = (
    "export_sales",
    "producers",
    "rating",
    "tallied_on",
    "reports_due",
    "reports_submitted",
    "reports_on_time",
    "reports_overdue",
    "reports_awaiting",
    "current_phase",
    "members",
    "reports",
    "tasks",
)
TALLIES = ("reports_due", "reports_submitted", "reports_on_time", "reports_overdue", "reports_awaiting")


def report_tally_counts(before: datetime.date | None, today: datetime.date | None = None) -> dict[str, Count]:
    """The report counts the dashboard shows, as aggregates over reports: those due before
    ``before`` (all, if None) and, for the overdue count, before ``today`` as well; the awaiting
    count takes every report. One definition for the kept tallies and for the dashboard's count of
    the reports that fell due since they were kept."""
    due = Q(due__lt=before) if before else Q()
    overdue = ProgressReportQuerySet.overdue_q(today) if today else Q(status__in=ProgressReport.UNSUBMITTED)
    return {
        "reports_due": Count("pk", filter=due),
        "reports_submitted": Count("pk", filter=due & Q(first_submitted_at__isnull=False)),
        "reports_on_time": Count("pk", filter=due & Q(first_submitted_at__date__lte=F("due"))),
        "reports_overdue": Count("pk", filter=due & overdue),
        "reports_awaiting": Count("pk", filter=ProgressReportQuerySet.awaiting_review_q()),
    }


def _latest_reported_value(code: str):
    """Per consortium: the value of ``code`` in its latest submitted or accepted report."""
    return Subquery(
        IndicatorValue.objects.filter(
            report__period__consortium=OuterRef("pk"), report__status__in=REPORTED, indicator__code=code
        )
        .order_by("-report__period__number")
        .values("value")[:1]
    )


def members_now():
    """Per consortium: its current memberships."""
    from consortia.models import Membership

    return rows_per(Membership.objects.current(), "consortium")


def tasks_now():
    """Per consortium: its tasks."""
    from methodology.models import Task

    return rows_per(Task.objects.all(), "phase__consortium")


def figures_from_reports(consortia, *, tallied_on: datetime.date) -> list[dict]:
    """Per consortium, read from its reports and phases: ``pk`` and the FIGURES that
    ConsortiumFigures keeps, the report tallies counted on ``tallied_on`` (three queries)."""
    from methodology.models import Phase

    latest_rating = Subquery(
        ProgressReport.objects.filter(period__consortium=OuterRef("pk"))
        .exclude(rating="")
        .order_by("-period__number")
        .values("rating")[:1]
    )
    first_open_phase = Subquery(
        Phase.objects.filter(consortium=OuterRef("pk"), signed_off_at__isnull=True)
        .order_by("number")
        .values("number")[:1]
    )
    rows = list(
        consortia.order_by()
        .annotate(
            export_sales=_latest_reported_value("export_sales"),
            producers=_latest_reported_value("producers_integrated"),
            rating=Coalesce(latest_rating, Value("")),
            current_phase=first_open_phase,
            members=members_now(),
            tasks=tasks_now(),
        )
        .values("pk", "export_sales", "producers", "rating", "current_phase", "members", "tasks")
    )
    tallies = {
        row.pop("consortium"): row
        for row in ProgressReport.objects.of_consortia(consortia)
        .values(consortium=F("period__consortium"))
        .annotate(reports=Count("pk"), **report_tally_counts(tallied_on))
        .order_by()
    }
    nothing = dict.fromkeys(("reports", *TALLIES), 0)
    for row in rows:
        row.update(tallies.get(row["pk"], nothing), tallied_on=tallied_on)
    return rows


def figures_disagreeing(consortia) -> list[int]:
    """The consortia whose kept figures differ from what their reports and phases say (none, if
    all is well). Each row's tallies are counted again on the day it says they were counted; a
    consortium with no row (or never counted) must have no reports and no phases."""
    kept = {
        row.pop("consortium"): row
        for row in ConsortiumFigures.objects.filter(consortium__in=consortia.values("pk")).values(
            "consortium", *FIGURES
        )
    }
    never = datetime.date.max  # counting "due before the end of time" counts every report
    groups: dict[datetime.date, list[int]] = {}
    for pk in consortia.values_list("pk", flat=True):
        groups.setdefault((kept.get(pk) or {}).get("tallied_on") or never, []).append(pk)
    nothing = {
        "export_sales": None,
        "producers": None,
        "rating": "",
        "current_phase": None,
        "members": 0,
        "reports": 0,
        "tasks": 0,
        "tallied_on": None,
    }
    drifted = []
    for day, ids in groups.items():
        group = consortia if len(groups) == 1 else Consortium.objects.filter(pk__in=ids)
        for row in figures_from_reports(group, tallied_on=day):
            pk = row.pop("pk")
            mine = kept.get(pk) or {**nothing, **dict.fromkeys(TALLIES, 0)}
            if day == never:
                row["tallied_on"] = mine["tallied_on"]
            if mine != row:
                drifted.append(pk)
    return sorted(drifted)


PAIR_SUMS = ("export_sales", "producers", "members", "reports", "tasks", *TALLIES)


def _summed(key: str) -> Coalesce:
    """The sum of a ConsortiumFigures column over a group, 0 for none."""
    from django.db.models import DecimalField, IntegerField

    field = DecimalField(max_digits=18, decimal_places=2) if key in FIGURE_AMOUNTS else IntegerField()
    return Coalesce(Sum(f"figures__{key}"), 0, output_field=field)


FIGURE_AMOUNTS = ("export_sales", "producers")


def pair_rows(consortia) -> list[dict]:
    """These consortia's kept figures summed per country, kind and status: the PairFigures rows
    they make (two queries)."""
    from django.db.models import Max, Min

    rows = {
        (row["country"], row["kind"], row["status"]): {**row, "phases": {}}
        for row in consortia.order_by()
        .values("country", "kind", "status")
        .annotate(
            consortia=Count("pk"),
            counted_from=Min("figures__tallied_on"),
            counted_to=Max("figures__tallied_on"),
            uncounted=Count("pk", filter=Q(figures__tallied_on__isnull=True)),
            **{key: _summed(key) for key in PAIR_SUMS},
        )
    }
    for country, kind, status, phase, count in (
        consortia.order_by()
        .filter(figures__current_phase__isnull=False)
        .values_list("country", "kind", "status", "figures__current_phase")
        .annotate(n=Count("pk"))
    ):
        rows[(country, kind, status)]["phases"][str(phase)] = count
    return list(rows.values())


def kept_total(model) -> int | None:
    """core.extensions.kept_totals: every consortium, report or task, summed from PairFigures."""
    from methodology.models import Task

    field = {Consortium: "consortia", ProgressReport: "reports", Task: "tasks"}.get(model)
    if field is None:
        return None
    return PairFigures.objects.aggregate(n=Coalesce(Sum(field), 0))["n"]


def pair_figures_disagreeing() -> list[tuple]:
    """The PairFigures rows that differ from the sum of their consortia's figures (none, if all is well)."""
    fields = ("consortia", *PAIR_SUMS, "counted_from", "counted_to", "uncounted", "phases")
    kept = {
        (row.pop("country"), row.pop("kind"), row.pop("status")): row
        for row in PairFigures.objects.values("country", "kind", "status", *fields)
    }
    counted = {
        (row.pop("country"), row.pop("kind"), row.pop("status")): row for row in pair_rows(Consortium.objects.all())
    }
    return sorted(key for key in kept.keys() | counted.keys() if kept.get(key) != counted.get(key))


# ------------------------------------------------------------------------------
# Export sales per half-year (ExportSalesCell keeps them per country and kind)
# ------------------------------------------------------------------------------
def reported_sales():
    """Every export sales value of a submitted or accepted report."""
    return IndicatorValue.objects.filter(report__status__in=REPORTED, indicator__code="export_sales")


def half_of(day: datetime.date) -> datetime.date:
    """The half-year a day falls in, by its first day (1 January or 1 July)."""
    return datetime.date(day.year, 1 if day.month <= 6 else 7, 1)


def sales_by_half(values, *keys: str) -> dict[tuple, Decimal]:
    """The values summed per ``keys`` (paths from a value) and half-year of the period's end."""
    totals: dict[tuple, Decimal] = {}
    for row in (
        values.values(*keys, month=TruncMonth("report__period__end"))
        .annotate(total=Sum("value"))
        .order_by()
        .values_list(*keys, "month", "total")
    ):
        key = (*row[:-2], half_of(row[-2]))
        totals[key] = totals.get(key, Decimal(0)) + row[-1]
    return totals


CELL_KEYS = ("report__period__consortium__country", "report__period__consortium__kind")


def sales_cells(pairs: set[tuple[str, str]] | None = None) -> dict[tuple[str, str, datetime.date], Decimal]:
    """What the ExportSalesCell rows of these (country, kind) pairs must hold (every pair if None),
    summed from the reports."""
    values = reported_sales()
    if pairs is not None:
        if not pairs:
            return {}
        wanted = Q()
        for country, kind in pairs:
            wanted |= Q(report__period__consortium__country=country, report__period__consortium__kind=kind)
        values = values.filter(wanted)
    return sales_by_half(values, *CELL_KEYS)


def sales_cells_disagreeing() -> list[tuple]:
    """The cells whose kept total differs from the reports' (none, if all is well)."""
    kept = {(c.country, c.kind, c.half): c.total for c in ExportSalesCell.objects.all()}
    counted = sales_cells()
    return sorted(key for key in kept.keys() | counted.keys() if kept.get(key) != counted.get(key))


def consortium_list_annotations() -> dict:
    """consortia.extensions.list_annotations: the next unsubmitted report's due date, and the
    status of the latest report ever submitted."""
    from django.db.models import OuterRef, Subquery

    from monitoring.models import ProgressReport

    next_report = ProgressReport.objects.filter(
        period__consortium=OuterRef("pk"), status__in=ProgressReport.UNSUBMITTED
    ).order_by("due")
    last_report = ProgressReport.objects.filter(
        period__consortium=OuterRef("pk"), first_submitted_at__isnull=False
    ).order_by("-period__number")
    return {
        "next_due": Subquery(next_report.values("due")[:1]),
        "last_report_status": Subquery(last_report.values("status")[:1]),
    }


def phase_snapshot(consortium: Consortium) -> list[dict]:
    """Phase progress as codes and numbers (the title is rendered for the viewer from the template)."""
    from methodology.models import Phase

    return [
        {"number": p.number, "progress": p.progress, "signed_off": p.is_complete}
        for p in Phase.objects.filter(consortium=consortium).with_progress()
    ]


def indicator_rows(report: ProgressReport) -> list[dict]:
    """Per indicator: this period's value, the previous period's, the change, the baseline,
    this period's target and the whole plan's."""
    period = report.period
    indicators = list(Indicator.objects.filter(is_active=True))
    current = {v.indicator_id: v.value for v in report.values.all()}
    previous = {
        v.indicator_id: v.value
        for v in IndicatorValue.objects.filter(
            report__period__consortium_id=period.consortium_id, report__period__number=period.number - 1
        )
    }
    targets = {
        (t.indicator_id, t.period): t.target
        for t in IndicatorTarget.objects.filter(
            Q(period=period.number) | Q(period__isnull=True), consortium_id=period.consortium_id
        )
    }
    baselines = {b.indicator_id: b.value for b in Baseline.objects.filter(consortium_id=period.consortium_id)}
    rows = []
    for indicator in indicators:
        value, before = current.get(indicator.pk), previous.get(indicator.pk)
        rows.append(
            {
                "indicator": indicator,
                "value": value,
                "previous": before,
                "change": value - before if value is not None and before is not None else None,
                "baseline": baselines.get(indicator.pk),
                "target": targets.get((indicator.pk, period.number)),
                "plan_target": targets.get((indicator.pk, None)),
            }
        )
    return rows


def report_timeline(report: ProgressReport) -> list[dict]:
    """Submissions and reviews in the order they happened."""
    events: list[dict[str, Any]] = [
        {"kind": "submitted", "at": s.at, "by": s.by} for s in report.submissions.select_related("by")
    ]
    events += [{"kind": "review", "at": r.at, "by": r.by, "review": r} for r in report.reviews.select_related("by")]
    return sorted(events, key=lambda event: event["at"])


def snapshot_changes(report: ProgressReport) -> list[dict]:
    """This report's phase snapshot beside the previous report's: progress since the last period."""
    previous = (
        ProgressReport.objects.filter(
            period__consortium_id=report.period.consortium_id, period__number=report.period.number - 1
        )
        .values_list("phase_snapshot", flat=True)
        .first()
        or []
    )
    before = {phase["number"]: phase["progress"] for phase in previous}
    from methodology.models import Phase

    # Titles are the methodology's, in the reader's language (the snapshot stores numbers only).
    titles = {
        phase.number: phase.template.title
        for phase in Phase.objects.filter(consortium_id=report.period.consortium_id).select_related("template")
    }
    return [
        {
            **phase,
            "title": titles.get(phase["number"], ""),
            "change": phase["progress"] - before[phase["number"]] if phase["number"] in before else None,
        }
        for phase in report.phase_snapshot
    ]


def submission_problems(report: ProgressReport) -> list[str]:
    """Each thing missing before the report can be submitted, as a sentence."""
    given = set(report.values.values_list("indicator_id", flat=True))
    missing = [i.name for i in Indicator.objects.filter(is_active=True, required=True) if i.pk not in given]
    return [_("Give a value for: %(names)s.") % {"names": "; ".join(missing)}] if missing else []


def add_report_badges(consortia) -> None:
    """consortia.extensions.list_page: each listed consortium's last report as its badge (no query)."""
    from monitoring.templatetags.reports import report_status_html

    for consortium in consortia:
        status = getattr(consortium, "last_report_status", None)
        consortium.last_report_badge = report_status_html(status) if status else ""
