"""CSV and XLSX downloads: the dashboard tables and a consortium's tracking sheet."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from monitoring.models import Indicator, IndicatorTarget, IndicatorValue, ReportingPeriod

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def tracking_rows(consortium) -> tuple[list[str], list[list]]:
    """Indicator × period: baseline, target, actual per period, all periods by the indicator's rule, % met."""
    periods = list(ReportingPeriod.objects.filter(consortium=consortium).order_by("number"))
    values = {
        (v.indicator_id, v.report.period_id): v.value
        for v in IndicatorValue.objects.filter(report__period__consortium=consortium).select_related("report")
    }
    targets = {t.indicator_id: t for t in IndicatorTarget.objects.filter(consortium=consortium)}
    header = [_("Indicator"), _("Baseline"), _("Target")]
    header += [f"#{p.number} {p.start:%Y-%m-%d}–{p.end:%Y-%m-%d}" for p in periods]
    header += [_("All periods"), _("% of target met")]
    rows = []
    for indicator in Indicator.objects.filter(is_active=True):
        target = targets.get(indicator.pk)
        actuals = [values.get((indicator.pk, p.pk)) for p in periods]
        overall = aggregate(indicator, actuals)
        met = None
        if target and target.target and overall is not None:
            met = round(Decimal(100) * overall / target.target, 1)
        baseline_and_target = [target.baseline, target.target] if target else [None, None]
        rows.append([indicator.name, *baseline_and_target, *actuals, overall, met])
    return header, rows


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
