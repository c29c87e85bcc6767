"""Reads the monitoring pages and the API share."""

from __future__ import annotations

from django.utils.translation import gettext as _

from consortia.models import Consortium
from core.history import FieldChange, field_changes
from monitoring.models import IndicatorTarget, IndicatorValue, ProgressReport

REPORT_HISTORY_FIELDS = ["status", "achievements", "difficulties", "next_steps", "support_requested", "rating"]


def report_history(report: ProgressReport) -> list[FieldChange]:
    """Every change of the report's narrative, status and values, oldest first."""
    report_rows = ProgressReport.history.filter(id=report.pk).select_related("history_user")
    value_rows = IndicatorValue.history.filter(report_id=report.pk).select_related("history_user", "indicator")
    changes = field_changes(report_rows, REPORT_HISTORY_FIELDS, subject=lambda r: _("Report"))
    changes += field_changes(value_rows, ["value"], subject=lambda r: r.indicator.name)
    return sorted(changes, key=lambda change: change.at)


def target_history(consortium: Consortium) -> list[FieldChange]:
    """Every change of the consortium's baselines and targets, oldest first."""
    rows = IndicatorTarget.history.filter(consortium_id=consortium.pk).select_related("history_user", "indicator")
    return field_changes(rows, ["baseline", "target"], subject=lambda r: r.indicator.name)
