"""The monitoring jobs of DESIGN §6, as thin Celery shells around their services."""

from __future__ import annotations

from celery import shared_task

from monitoring import reminders, services


@shared_task(name="monitoring.open_periods")
def open_periods() -> int:
    return services.open_due_periods()


@shared_task(name="monitoring.refresh_figures")
def refresh_figures() -> int:
    return services.figures_refresh_all()


@shared_task(name="monitoring.report_reminders")
def report_reminders() -> int:
    return reminders.send_report_reminders()


@shared_task(name="monitoring.coordinator_digest")
def coordinator_digest() -> int:
    return reminders.send_coordinator_digest()


@shared_task(name="monitoring.task_reminders")
def task_reminders() -> int:
    return reminders.send_task_reminders()


@shared_task(name="monitoring.review_reminders")
def review_reminders() -> int:
    return reminders.send_review_reminders()
