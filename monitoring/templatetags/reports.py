from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from monitoring.models import ProgressReport

register = template.Library()


@register.filter
def report_status_label(code: str) -> str:
    """A report status code ("submitted") as the reader's label, for rows that carry the code only."""
    return str(ProgressReport.Status(code).label) if code in ProgressReport.Status.values else code


REPORT_STATUS_CLASS = {
    "accepted": "text-bg-success",
    "submitted": "text-bg-info",
    "revision_requested": "text-bg-warning",
}


def report_status_html(code: str) -> str:
    """A report status code as its badge (what report_status_code.html writes)."""
    css = REPORT_STATUS_CLASS.get(code, "text-bg-secondary")
    return f'<span class="badge report-status {css}">{escape(report_status_label(code))}</span>\n'


@register.simple_tag
def report_status_badge(code) -> SafeString:
    return mark_safe(report_status_html(code))  # noqa: S308  # escaped in report_status_html
