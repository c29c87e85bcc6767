"""Days left or late, as whole numbers for a plural: `{{ report.period.due|days_since:today }}`."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def days_until(day, today) -> int | None:
    """Whole days from today to day (negative once it has passed); dates and datetimes alike."""
    if not day:  # None, or "" for a missing attribute in a template
        return None
    if hasattr(day, "date"):
        from django.utils import timezone

        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return (day - today).days


@register.filter
def days_since(day, today) -> int | None:
    until = days_until(day, today)
    return None if until is None else -until
