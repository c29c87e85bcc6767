from __future__ import annotations

from django import template

from monitoring.models import ProgressReport

register = template.Library()


@register.filter
def report_status_label(code: str) -> str:
    """A report status code ("submitted") as the reader's label, for rows that carry the code only."""
    return str(ProgressReport.Status(code).label) if code in ProgressReport.Status.values else code
