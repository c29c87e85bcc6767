"""The coordinator dashboard's figures, for the page and for dashboard/summary alike.

Every figure is one aggregate query over the consortia in the person's scope, so
the number of queries does not grow with the number of consortia.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum

from consortia.models import Consortium, Membership
from core.roles import sees_everything
from methodology.models import Phase
from monitoring.models import ExportSalesCell, PairFigures, ProgressReport, Review
from monitoring.selectors import PAIR_SUMS, TALLIES, pair_rows, report_tally_counts, reported_sales, sales_by_half

TABLE_ROWS = 20
TABLE_COLUMNS = (
    "status",
    "due",
    "submitted_at",
    "period__number",
    "period__due",
    "period__consortium__name",
    "period__consortium__country",
)


def scoped_consortia(user, *, country: str = "", sector: str = "", kind: str = ""):
    consortia = Consortium.objects.visible_to(user)
    if country:
        consortia = consortia.filter(country=country)
    if sector:
        consortia = consortia.filter(sectors__code=sector)
    if kind:
        consortia = consortia.filter(kind=kind)
    return consortia


def at_risk_consortia(consortia):
    """Consortia whose latest rated report was rated at risk."""
    return consortia.filter(figures__rating=Review.Rating.AT_RISK).order_by("name")


def tables(user, *, today: datetime.date, country: str = "", sector: str = "", kind: str = "") -> dict:
    """The dashboard's three tables, the first TABLE_ROWS rows each; the exports use one of them."""
    consortia = scoped_consortia(user, country=country, sector=sector, kind=kind)
    # Only what the tables and exports show: not each report's narrative and phase snapshot.
    reports = ProgressReport.objects.of_consortia(consortia).select_related("period__consortium").only(*TABLE_COLUMNS)
    return {
        "overdue_reports": reports.overdue(today).order_by("due", "pk")[:TABLE_ROWS],
        "reports_awaiting_review": reports.awaiting_review().order_by("submitted_at", "pk")[:TABLE_ROWS],
        "consortia_at_risk": at_risk_consortia(consortia).only("pk", "name", "country")[:TABLE_ROWS],
    }


def summary(user, *, today: datetime.date, country: str = "", sector: str = "", kind: str = "") -> dict:
    consortia = scoped_consortia(user, country=country, sector=sector, kind=kind)
    active = consortia.filter(status=Consortium.Status.ACTIVE)
    per_pair = None
    if _sees_everything(user, sector):
        per_pair = PairFigures.objects.filter(**{k: v for k, v in (("country", country), ("kind", kind)) if v})
    counts = _kept_counts(consortia, today, per_pair=per_pair) or _counted_now(consortia, today)
    per_country, per_phase = counts["per_country"], counts["per_phase"]
    status_by_country = counts["status_by_country"]
    rates_by_country = [
        {
            "country": code,
            "due": row["reports_due"],
            "reporting_rate": round(row["reports_submitted"] / row["reports_due"], 3),
            "on_time_rate": round(row["reports_on_time"] / row["reports_due"], 3),
        }
        for code, row in sorted(per_country.items())
        if row["reports_due"]
    ]
    totals = {key: sum(row[key] for row in per_country.values()) for key in TALLIES}
    due = totals["reports_due"]

    halves = _sales_per_half(user, consortia, country=country, sector=sector, kind=kind)
    active_count = sum(row["count"] for row in status_by_country if row["status"] == Consortium.Status.ACTIVE)
    return {
        "active_consortia": active_count,
        "member_enterprises": _member_enterprises(active, counts["members"]),
        "producers_integrated": counts["producers"],
        "export_sales_last_period": counts["export_sales"],
        "reporting_rate": round(totals["reports_submitted"] / due, 3) if due else None,
        "on_time_rate": round(totals["reports_on_time"] / due, 3) if due else None,
        "rates_by_country": rates_by_country,
        "consortia_per_phase": _every_phase(per_phase),
        "export_sales_per_period": [
            {"period": f"{half.year}-H{1 if half.month == 1 else 2}", "total": total}
            for half, total in sorted(halves.items())
        ],
        "status_by_country": status_by_country,
        "candidates_awaiting_review": sum(
            row["count"] for row in status_by_country if row["status"] == Consortium.Status.SUBMITTED
        ),
        "overdue_count": totals["reports_overdue"],
        "awaiting_count": totals["reports_awaiting"],
        **{
            key: list(rows)
            for key, rows in tables(user, today=today, country=country, sector=sector, kind=kind).items()
        },
    }


def _sees_everything(user, sector: str) -> bool:
    """Whether what is kept per country and kind answers for this person and filter: they see
    every consortium, and no sector is asked (a consortium has several)."""
    return not sector and sees_everything(user)


def _kept_counts(consortia, today: datetime.date, *, per_pair=None) -> dict | None:
    """The report counts per country, the consortia per country and status, the active ones per
    current phase, and their latest figures and member count, from what is kept: the
    PairFigures rows asked (``per_pair``, a queryset of them), or else these consortia's
    ConsortiumFigures summed the same way; plus the few reports that fell due since the tallies
    were counted. None when a consortium in scope has no counted row, or one counted after
    ``today`` (a past day asked for): then only counting every report is right."""
    fields = ("country", "status", "consortia", "counted_from", "counted_to", "uncounted", "phases", *PAIR_SUMS)
    rows = list(per_pair.values(*fields)) if per_pair is not None else pair_rows(consortia)
    if any(row["uncounted"] or row["counted_to"] > today for row in rows):
        return None
    per_country: dict[str, dict] = {}
    for row in rows:
        tally = per_country.setdefault(row["country"], dict.fromkeys(TALLIES, 0))
        for key in TALLIES:
            tally[key] += row[key]
    if rows:
        _add_fell_due(per_country, consortia, since=min(row["counted_from"] for row in rows), today=today)
    active = [row for row in rows if row["status"] == Consortium.Status.ACTIVE]
    per_phase: dict[int, int] = {}
    for row in active:
        for number, count in row["phases"].items():
            per_phase[int(number)] = per_phase.get(int(number), 0) + count
    by_status: dict[tuple[str, str], int] = {}
    for row in rows:
        where = (row["country"], row["status"])
        by_status[where] = by_status.get(where, 0) + row["consortia"]
    return {
        "per_country": per_country,
        "per_phase": per_phase,
        "status_by_country": _status_rows(by_status),
        "export_sales": sum((row["export_sales"] for row in active), Decimal(0)),
        "producers": sum((row["producers"] for row in active), Decimal(0)),
        "members": sum(row["members"] for row in active),
    }


def _add_fell_due(per_country: dict, consortia, *, since: datetime.date, today: datetime.date) -> None:
    """Add the reports that fell due after their consortium's tallies were counted (an index
    range on the due date: the days since the earliest count)."""
    fell_due = (
        ProgressReport.objects.of_consortia(consortia)
        .filter(due__gte=since, due__lte=today)
        .filter(due__gte=F("period__consortium__figures__tallied_on"))
        .values(country=F("period__consortium__country"))
        .annotate(**report_tally_counts(None, today))
        .order_by()
    )
    for row in fell_due:
        tally = per_country[row["country"]]
        for key in TALLIES:
            if key != "reports_awaiting":  # counted whatever the due date
                tally[key] += row[key]


def _status_rows(by_status: dict[tuple[str, str], int]) -> list[dict]:
    return [
        {"country": country, "status": status, "count": count} for (country, status), count in sorted(by_status.items())
    ]


def _counted_now(consortia, today: datetime.date) -> dict:
    """What _kept_counts reads, counted from every report and phase (the reference it must match)."""
    per_country = {
        row.pop("country"): row
        for row in ProgressReport.objects.of_consortia(consortia)
        .values(country=F("period__consortium__country"))
        .annotate(**report_tally_counts(today + datetime.timedelta(days=1), today))
        .order_by()
    }
    first_open_phase = Subquery(
        Phase.objects.filter(consortium=OuterRef("pk"), signed_off_at__isnull=True)
        .order_by("number")
        .values("number")[:1]
    )
    per_phase = {
        row["current_phase"]: row["count"]
        for row in consortia.filter(status=Consortium.Status.ACTIVE)
        .annotate(current_phase=first_open_phase)
        .values("current_phase")
        .annotate(count=Count("pk"))
    }
    active = Q(status=Consortium.Status.ACTIVE)
    rows = consortia.order_by().values("country", "status")
    rows = rows.annotate(
        count=Count("pk"),
        export_sales=Sum("figures__export_sales", filter=active),
        producers=Sum("figures__producers", filter=active),
    )
    return {
        "per_country": per_country,
        "per_phase": per_phase,
        "status_by_country": _status_rows({(row["country"], row["status"]): row["count"] for row in rows}),
        # The latest reported figures are always the kept ones (the report services keep them).
        "export_sales": sum((row["export_sales"] or 0 for row in rows), Decimal(0)),
        "producers": sum((row["producers"] or 0 for row in rows), Decimal(0)),
        "members": None,  # counted from the memberships
    }


def _member_enterprises(active, kept: int | None) -> int:
    """The enterprises that are current members of the active consortia in scope, each once. From
    the kept member counts: their sum, less the extra memberships of the few enterprises that are
    members of more than one consortium (Membership.shared); counted from every membership when
    nothing is kept (``kept`` None)."""
    memberships = Membership.objects.current().filter(consortium__in=active.values("pk"))
    if kept is None:
        return memberships.aggregate(count=Count("enterprise", distinct=True))["count"]
    extra = memberships.filter(shared=True).aggregate(n=Count("pk"), once=Count("enterprise", distinct=True))
    return kept - (extra["n"] - extra["once"])


def _sales_per_half(user, consortia, *, country: str, sector: str, kind: str) -> dict[datetime.date, Decimal]:
    """Export sales reported per half-year. For a person who sees every consortium, with no
    sector asked, the sum of the kept cells of the countries and kinds asked (ExportSalesCell);
    otherwise summed from the values of the reports in scope."""
    if _sees_everything(user, sector):
        cells = ExportSalesCell.objects.all()
        if country:
            cells = cells.filter(country=country)
        if kind:
            cells = cells.filter(kind=kind)
        return {row["half"]: row["total"] for row in cells.values("half").annotate(total=Sum("total")).order_by()}
    values = reported_sales()
    if consortia.query.where:
        values = values.filter(report__period__consortium__in=consortia.values("pk"))
    return {half: total for (half,), total in sales_by_half(values).items()}


def _every_phase(per_phase: dict) -> list[dict]:
    """Consortia per current phase, for every phase of the methodology in force (zeros included),
    with the phase's title in the reader's language."""
    from methodology.models import PhaseTemplate

    counts = {number: count for number, count in per_phase.items() if number}
    templates = PhaseTemplate.objects.filter(methodology__is_current=True).order_by("number")
    return [{"phase": t.number, "title": t.title, "count": counts.get(t.number, 0)} for t in templates]
