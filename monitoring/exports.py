"""CSV and XLSX downloads: the dashboard tables and a consortium's tracking sheet."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from monitoring.models import Indicator, IndicatorTarget, IndicatorValue, ReportingPeriod

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def tracking_rows(consortium) -> tuple[list[str], list[list]]:
    """Indicator × period: target, actual per period and % of target met by the latest actual."""
    periods = list(ReportingPeriod.objects.filter(consortium=consortium).order_by("number"))
    values = {
        (v.indicator_id, v.report.period_id): v.value
        for v in IndicatorValue.objects.filter(report__period__consortium=consortium).select_related("report")
    }
    targets = {t.indicator_id: t for t in IndicatorTarget.objects.filter(consortium=consortium)}
    header = [_("Indicator"), _("Baseline"), _("Target")]
    header += [f"#{p.number} {p.start:%Y-%m-%d}–{p.end:%Y-%m-%d}" for p in periods]
    header += [_("% of target met")]
    rows = []
    for indicator in Indicator.objects.filter(is_active=True):
        target = targets.get(indicator.pk)
        actuals = [values.get((indicator.pk, p.pk)) for p in periods]
        latest = next((a for a in reversed(actuals) if a is not None), None)
        met = (
            round(Decimal(100) * latest / target.target, 1) if target and target.target and latest is not None else None
        )
        rows.append(
            [indicator.name, target.baseline if target else None, target.target if target else None, *actuals, met]
        )
    return header, rows


def respond(filename: str, header: list[str], rows: list[list], fmt: str) -> HttpResponse:
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(header)
        for row in rows:
            sheet.append([float(c) if isinstance(c, Decimal) else c for c in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(["" if c is None else c for c in row] for row in rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
