"""Demo reporting: periods since onboarding, with values built from the documented figures.

Delicia Artesanal ~US$5,000 monthly sales (x6 a period); Caribbean Art ~US$200 per firm
monthly; GAPMA exports growing (+120% since 2003); Cotija price premium ~50%. Most past
reports are accepted; Delicia's latest awaits review, Caribbean Art's was returned, and
the Brunca consortia have not reported their latest period (overdue). Idempotent.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from consortia.models import Consortium
from monitoring.content import seed_indicators
from monitoring.models import (
    Baseline,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    ProgressReport,
    Review,
    Submission,
    period_bounds,
)
from monitoring.selectors import phase_snapshot
from monitoring.services import figures_refresh, open_due_periods

# name -> (export sales per period in USD, members, jobs, women, producers, markets, price premium %)
FIGURES = {
    "Delicia Artesanal": (30000, 8, 47, 29, 40, 1, 10),
    "Caribbean Art": (3600, 3, 6, 4, 3, 1, 0),
    "GAPMA – Grupo Asociativo de Productores de Maquinaria Agrícola": (2200000, 4, 130, 18, 0, 6, 0),
    "Queso Cotija Región de Origen": (1750000, 3, 420, 160, 200, 3, 50),
    "Vincy Klus Inc": (180000, 3, 55, 30, 40, 4, 15),
    "Chulucanas ceramics": (240000, 3, 38, 20, 17, 5, 20),
    "Joyas de Catacaos": (90000, 3, 25, 9, 13, 2, 15),
    "Vinnova / Tecnovid wine consortium": (5400000, 4, 610, 190, 73, 12, 10),
}
RETURNED = {"Caribbean Art"}
AWAITING = {"Delicia Artesanal"}


def values_for(figures, growth: Decimal) -> dict[str, Decimal]:
    sales, members, jobs, women, producers, markets, premium = figures
    return {
        "export_sales": (Decimal(sales) * growth).quantize(Decimal("1")),
        "export_markets": Decimal(markets),
        "active_members": Decimal(members),
        "direct_jobs": Decimal(jobs),
        "direct_jobs_women": Decimal(women),
        "producers_integrated": Decimal(producers),
        "fairs_missions": Decimal(2),
        "buyers_contacted": Decimal(12),
        "training_workshops": Decimal(3),
        "collective_mark": Decimal(1 if premium else 0),
        "trust_score": Decimal(4),
        "price_premium": Decimal(premium),
    }


PLANNED_AHEAD = 2  # the plan runs two periods past the last one opened


def plan(consortium: Consortium, figures, indicators: dict[str, Indicator], *, by: User) -> int:
    """Baselines at onboarding, a target per period and a whole-plan target for four indicators.

    Sales targets grow 6 % a period where the demo's actuals grow 5 %, so % met reads just under
    100 % per period; markets and jobs aim one step past where they stand. Idempotent.
    """
    if Baseline.objects.filter(consortium=consortium).exists() or consortium.activated_on is None:
        return 0
    sales, _members, jobs, _women, _producers, markets, _premium = figures
    start = consortium.activated_on
    last = (consortium.reporting_periods.aggregate(last=Max("number"))["last"] or 0) + PLANNED_AHEAD
    plan_end = period_bounds(start, last)[1]
    per_period = {
        "export_sales": [
            (Decimal(sales) * (1 + Decimal("0.06") * (n - 1))).quantize(Decimal(1)) for n in range(1, last + 1)
        ],
        "export_markets": [Decimal(markets)] * last,
        "direct_jobs": [Decimal(jobs)] * last,
    }
    baselines = {
        "export_sales": (Decimal(sales) * Decimal("0.8")).quantize(Decimal(1)),
        "export_markets": Decimal(max(markets - 1, 0)),
        "direct_jobs": (Decimal(jobs) * Decimal("0.9")).quantize(Decimal(1)),
        "trust_score": Decimal(3),
    }
    whole_plan = {
        "export_sales": sum(per_period["export_sales"], Decimal(0)),
        "export_markets": Decimal(markets + 1),
        "direct_jobs": (Decimal(jobs) * Decimal("1.1")).quantize(Decimal(1)),
        "trust_score": Decimal("4.5"),
    }
    created = 0
    for code, value in baselines.items():
        Baseline.objects.create(
            consortium=consortium, indicator=indicators[code], value=value, measured_on=start, updated_by=by
        )
        created += 1
    for code, targets in per_period.items():
        IndicatorTarget.objects.bulk_create(
            IndicatorTarget(consortium=consortium, indicator=indicators[code], period=n, target=t, updated_by=by)
            for n, t in enumerate(targets, start=1)
        )
        created += len(targets)
    for code, target in whole_plan.items():
        IndicatorTarget.objects.create(
            consortium=consortium, indicator=indicators[code], target=target, target_date=plan_end, updated_by=by
        )
        created += 1
    return created


def load(*, password: str, log) -> None:
    seed_indicators(Indicator)
    opened = open_due_periods()
    indicators = {i.code: i for i in Indicator.objects.all()}
    facilitator = User.objects.get(email="facilitator@demo.alianza.org")
    planned = sum(
        plan(consortium, FIGURES[consortium.name], indicators, by=facilitator)
        for consortium in Consortium.objects.active().filter(name__in=FIGURES)
    )
    log(f"monitoring: {planned} baselines and targets set")
    if IndicatorValue.objects.exists():
        log(f"monitoring: {opened} reporting periods opened; reports already loaded")
        return
    coordinator = User.objects.get(email="coordinator@demo.alianza.org")
    today = timezone.localdate()
    filled = 0
    for consortium in Consortium.objects.active():
        figures = FIGURES.get(consortium.name)
        reports = list(
            ProgressReport.objects.filter(period__consortium=consortium, due__lte=today).order_by("period__number")
        )
        if figures is None:
            continue  # no documented figures: these consortia show as overdue
        for index, report in enumerate(reports):
            growth = Decimal("1") + Decimal("0.05") * index
            for code, value in values_for(figures, growth).items():
                IndicatorValue.objects.create(report=report, indicator=indicators[code], value=value)
            submitted = timezone.make_aware(
                datetime.datetime.combine(report.period.due, datetime.time.min)
            ) - datetime.timedelta(days=3)
            last = index == len(reports) - 1
            report.achievements = "Joint participation in a regional fair; new buyers contacted."
            report.difficulties = "Logistics costs and certification requirements."
            report.next_steps = "Prepare the next fair and the collective catalogue."
            report.phase_snapshot = phase_snapshot(consortium)
            report.first_submitted_at = report.submitted_at = submitted
            report.submitted_by = facilitator
            if last and consortium.name in AWAITING:
                report.status = ProgressReport.Status.SUBMITTED
            elif last and consortium.name in RETURNED:
                report.status = ProgressReport.Status.REVISION_REQUESTED
                report.rating = Review.Rating.AT_RISK
                Review.objects.create(
                    report=report,
                    by=coordinator,
                    decision=Review.Decision.REVISE,
                    rating=Review.Rating.AT_RISK,
                    comment=(
                        "Sales per firm are still about US$200 a month; explain the plan to reach the airport shops."
                    ),
                )
            else:
                report.status = ProgressReport.Status.ACCEPTED
                report.rating = Review.Rating.ON_TRACK
                Review.objects.create(
                    report=report, by=coordinator, decision=Review.Decision.ACCEPT, rating=Review.Rating.ON_TRACK
                )
            report.save()
            Submission.objects.create(report=report, by=facilitator, at=submitted)
            filled += 1
    figures_refresh(Consortium.objects.all())
    log(f"monitoring: {opened} reporting periods opened, {filled} reports filled")
