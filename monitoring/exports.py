"""CSV and XLSX downloads: the dashboard tables and a consortium's tracking sheet."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import ROUND_HALF_UP, Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from monitoring.models import Indicator, IndicatorTarget, IndicatorValue, ProgressReport, ReportingPeriod

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def tracking_rows(consortium) -> tuple[list[str], list[list]]:
    """Indicator × period: baseline, target, actual per period, all periods by the indicator's rule, % met.

    A period's actual is its report's value once submitted (accepted or awaiting review);
    "All periods" and % met count accepted values only (DESIGN §5).
    """
    periods = list(ReportingPeriod.objects.filter(consortium=consortium).order_by("number"))
    shown = (ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED)
    values, accepted = {}, {}
    for v in IndicatorValue.objects.filter(
        report__period__consortium=consortium, report__status__in=shown
    ).select_related("report"):
        values[(v.indicator_id, v.report.period_id)] = v.value
        if v.report.status == ProgressReport.Status.ACCEPTED:
            accepted[(v.indicator_id, v.report.period_id)] = v.value
    targets = {t.indicator_id: t for t in IndicatorTarget.objects.filter(consortium=consortium)}
    header = [_("Indicator"), _("Baseline"), _("Target")]
    header += [f"#{p.number} {p.start:%Y-%m-%d}–{p.end:%Y-%m-%d}" for p in periods]
    header += [_("All periods"), _("% of target met")]
    rows = []
    for indicator in Indicator.objects.filter(is_active=True):
        target = targets.get(indicator.pk)
        actuals = [values.get((indicator.pk, p.pk)) for p in periods]
        overall = aggregate(indicator, [accepted.get((indicator.pk, p.pk)) for p in periods])
        baseline, goal = (target.baseline, target.target) if target else (None, None)
        rows.append(
            [indicator.name, baseline, goal, *actuals, overall, percent_met(indicator, overall, baseline, goal)]
        )
    return header, rows


def percent_met(indicator: Indicator, overall, baseline, target) -> Decimal | None:
    """Life of plan, by the indicator's rule (one decimal; None without a target).

    ``sum`` and ``average``: the aggregate ÷ the target. ``latest``: the distance travelled from
    the baseline ÷ the distance planned, so a target below the baseline (a reduction) reads as one.
    """
    if overall is None or target is None:
        return None
    if indicator.aggregation == Indicator.Aggregation.LATEST and baseline is not None:
        planned = target - baseline
        if planned == 0:
            return None
        return _one_decimal(Decimal(100) * (overall - baseline) / planned)
    if target == 0:
        return None
    return _one_decimal(Decimal(100) * overall / target)


def _one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)  # 81.25 % reads 81.3 %, as people round


def aggregate(indicator: Indicator, actuals: list[Decimal | None]) -> Decimal | None:
    """The indicator's value over all periods, by its rule: sum, average or latest."""
    given = [a for a in actuals if a is not None]
    if not given:
        return None
    if indicator.aggregation == Indicator.Aggregation.SUM:
        return sum(given, Decimal(0))
    if indicator.aggregation == Indicator.Aggregation.AVERAGE:
        return (sum(given, Decimal(0)) / len(given)).quantize(Decimal("0.01"))
    return given[-1]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell):
    """A text cell a spreadsheet would run as a formula ("=1+1", "@SUM(…)") is kept as text (OWASP CSV injection)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _plain(cell):
    """Dates as ISO text in CSV (XLSX keeps them as dates)."""
    return cell.isoformat() if isinstance(cell, datetime.date) else cell


def respond(filename: str, header: list[str], rows: list[list], fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(header)
        for row in rows:
            sheet.append([float(c) if isinstance(c, Decimal) else c for c in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"  # stored as the text it is, never a formula
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        buffer = io.StringIO()
        buffer.write("\ufeff")  # a UTF-8 BOM: Excel then reads accents right
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(["" if c is None else neutralised(_plain(c)) for c in row] for row in rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
