"""The coordinator dashboard's figures, for the page and for dashboard/summary alike.

Every figure is one aggregate query over the consortia in the person's scope, so
the number of queries does not grow with the number of consortia.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from consortia.models import Consortium, Membership
from methodology.models import Phase
from monitoring.models import ConsortiumFigures, IndicatorValue, ProgressReport, ProgressReportQuerySet, Review
from monitoring.selectors import REPORTED

TABLE_ROWS = 20


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
    reports = ProgressReport.objects.of_consortia(consortia).select_related("period__consortium")
    return {
        "overdue_reports": reports.overdue(today).order_by("due", "pk")[:TABLE_ROWS],
        "reports_awaiting_review": reports.awaiting_review().order_by("submitted_at", "pk")[:TABLE_ROWS],
        "consortia_at_risk": at_risk_consortia(consortia)[:TABLE_ROWS],
    }


def summary(user, *, today: datetime.date, country: str = "", sector: str = "", kind: str = "") -> dict:
    consortia = scoped_consortia(user, country=country, sector=sector, kind=kind)
    active = consortia.filter(status=Consortium.Status.ACTIVE)

    # The latest reported figures of each consortium, as the report services keep them.
    latest = ConsortiumFigures.objects.filter(consortium__in=active.values("pk")).aggregate(
        export_sales=Sum("export_sales"), producers=Sum("producers")
    )

    # Every report figure in one pass over the reports: the rates per country (of the reports
    # due by today), and the overdue and awaiting counts; the totals are the countries' sums.
    reports = ProgressReport.objects.of_consortia(consortia)
    is_due = Q(due__lte=today)
    per_country = list(
        reports.values(country=F("period__consortium__country"))
        .annotate(
            due_count=Count("pk", filter=is_due),
            submitted=Count("pk", filter=is_due & Q(first_submitted_at__isnull=False)),
            on_time=Count("pk", filter=is_due & Q(first_submitted_at__date__lte=F("due"))),
            overdue=Count("pk", filter=ProgressReportQuerySet.overdue_q(today)),
            awaiting=Count("pk", filter=ProgressReportQuerySet.awaiting_review_q()),
        )
        .order_by("country")
    )
    for row in per_country:
        row["due"] = row.pop("due_count")
    rates_by_country = [
        {
            "country": row["country"],
            "due": row["due"],
            "reporting_rate": round(row["submitted"] / row["due"], 3),
            "on_time_rate": round(row["on_time"] / row["due"], 3),
        }
        for row in per_country
        if row["due"]
    ]
    totals = {
        key: sum(row[key] for row in per_country) for key in ("due", "submitted", "on_time", "overdue", "awaiting")
    }

    first_open_phase = Subquery(
        Phase.objects.filter(consortium=OuterRef("pk"), signed_off_at__isnull=True)
        .order_by("number")
        .values("number")[:1]
    )
    per_phase = active.annotate(current_phase=first_open_phase).values("current_phase").annotate(count=Count("pk"))
    values = IndicatorValue.objects.filter(report__status__in=REPORTED, indicator__code="export_sales")
    if consortia.query.where:
        values = values.filter(report__period__consortium__in=consortia.values("pk"))
    sales_per_half = (
        values.annotate(year=ExtractYear("report__period__end"), month=ExtractMonth("report__period__end"))
        .values("year", "month")
        .annotate(total=Sum("value"))
        .order_by("year", "month")
    )
    halves: dict[str, Decimal] = {}
    for row in sales_per_half:
        label = f"{row['year']}-H{1 if row['month'] <= 6 else 2}"
        halves[label] = halves.get(label, Decimal(0)) + row["total"]
    status_by_country = list(consortia.order_by().values("country", "status").annotate(count=Count("pk")))
    status_by_country.sort(key=lambda row: (row["country"], row["status"]))

    active_count = sum(row["count"] for row in status_by_country if row["status"] == Consortium.Status.ACTIVE)
    return {
        "active_consortia": active_count,
        # COUNT(DISTINCT) sorts the ids once; counting a DISTINCT subquery took twice as long.
        "member_enterprises": Membership.objects.current()
        .filter(consortium__in=active.values("pk"))
        .aggregate(count=Count("enterprise", distinct=True))["count"],
        "producers_integrated": latest["producers"] or 0,
        "export_sales_last_period": latest["export_sales"] or 0,
        "reporting_rate": round(totals["submitted"] / totals["due"], 3) if totals["due"] else None,
        "on_time_rate": round(totals["on_time"] / totals["due"], 3) if totals["due"] else None,
        "rates_by_country": rates_by_country,
        "consortia_per_phase": _every_phase(per_phase),
        "export_sales_per_period": [{"period": label, "total": total} for label, total in halves.items()],
        "status_by_country": status_by_country,
        "candidates_awaiting_review": sum(
            row["count"] for row in status_by_country if row["status"] == Consortium.Status.SUBMITTED
        ),
        "overdue_count": totals["overdue"],
        "awaiting_count": totals["awaiting"],
        **{
            key: list(rows)
            for key, rows in tables(user, today=today, country=country, sector=sector, kind=kind).items()
        },
    }


def _every_phase(per_phase) -> list[dict]:
    """Consortia per current phase, for every phase of the methodology in force (zeros included),
    with the phase's title in the reader's language."""
    from methodology.models import PhaseTemplate

    counts = {row["current_phase"]: row["count"] for row in per_phase if row["current_phase"]}
    templates = PhaseTemplate.objects.filter(methodology__is_current=True).order_by("number")
    return [{"phase": t.number, "title": t.title, "count": counts.get(t.number, 0)} for t in templates]
