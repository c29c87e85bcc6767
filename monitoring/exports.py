"""CSV and XLSX downloads: the dashboard tables and a consortium's tracking sheet."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Percent(Decimal):
    """A % met figure: the CSV shows 81.3, the XLSX stores 0.813 formatted as a percentage."""


def tracking_rows(consortium) -> tuple[list[str], list[list]]:
    """One row per indicator and period (Target, Actual, % met), then the indicator's whole-plan row.

    Long rather than wide, as TolaActivity lays out periodic targets: each column holds one
    kind of figure, so the sheet filters, sorts and pivots. Codes sit beside translated labels.
    """
    from monitoring.selectors import tracking

    header = [
        _("Indicator code"),
        _("Indicator"),
        _("Baseline"),
        _("Baseline date"),
        _("Period"),
        _("Start"),
        _("End"),
        _("Status code"),
        _("Status"),
        _("Target"),
        _("Actual"),
        _("Provisional"),
        _("% met"),
    ]
    rows = []
    for track in tracking(consortium):
        indicator, baseline = track.indicator, track.baseline
        lead: list[object] = [indicator.code, indicator.name, baseline.value if baseline else None]
        lead.append(baseline.measured_on if baseline else None)
        for period in track.periods:
            rows.append(
                [
                    *lead,
                    period.number,
                    period.start,
                    period.end,
                    period.status,
                    period.status_label,
                    period.target,
                    period.actual,
                    _("yes") if period.provisional else "",
                    _percent(period.percent_met),
                ]
            )
        plan = track.life_of_plan
        if plan is None:  # tracking() sets it for every indicator
            continue
        rows.append(
            [
                *lead,
                _("Whole plan"),
                baseline.measured_on if baseline else None,
                plan.target_date,
                "",
                "",
                plan.target,
                plan.actual,
                "",
                _percent(plan.percent_met),
            ]
        )
    return header, rows


def _percent(value: Decimal | None) -> Percent | None:
    return None if value is None else Percent(value)


def _cell(value):
    if isinstance(value, Percent):
        return float(value) / 100
    return float(value) if isinstance(value, Decimal) else value


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
            sheet.append([_cell(c) for c in row])
            for given, cell in zip(row, sheet[sheet.max_row], strict=False):
                if isinstance(given, Percent):
                    cell.number_format = "0.0%"
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"  # stored as the text it is, never a formula
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        text = io.StringIO()
        text.write("\ufeff")  # a UTF-8 BOM: Excel then reads accents right
        writer = csv.writer(text)
        writer.writerow(header)
        writer.writerows(["" if c is None else neutralised(_plain(c)) for c in row] for row in rows)
        response = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
