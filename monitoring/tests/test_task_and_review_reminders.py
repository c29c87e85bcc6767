"""Task reminders (the assignee) and review reminders (the coordinators), day by day with time-machine."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail

from methodology.models import Task
from monitoring import reminders
from monitoring import services as monitoring_services
from monitoring.tests.conftest import COMPLETE
from monitoring.tests.test_reminders import morning
from notifications import delivery
from notifications.models import Notification

pytestmark = pytest.mark.django_db

DUE = datetime.date(2027, 3, 15)


def _assigned(active, mia, *, due=DUE):
    task = Task.objects.filter(phase__consortium=active, phase__number=2).order_by("order").first()
    Task.objects.filter(pk=task.pk).update(assignee=mia, due_date=due)
    return task


def _daily(job) -> list[str]:
    job()
    delivery.deliver_pending()
    sent = [m.subject.removeprefix("[Alianza] ") for m in mail.outbox]
    mail.outbox.clear()
    return sent


def test_task_reminders_day_by_day(active, mia):
    task = _assigned(active, mia)
    sent = {}
    for offset in range(-10, 35):
        with time_machine.travel(morning(DUE + datetime.timedelta(days=offset)), tick=False):
            subjects = _daily(reminders.send_task_reminders)
        if subjects:
            sent[offset] = subjects
    title = task.title
    assert sent == {
        -3: [f"“{title}” is due in 3 days"],
        0: [f"“{title}” is due today"],
        7: [f"“{title}” is 7 days overdue"],
        14: [f"“{title}” is 14 days overdue"],
        21: [f"“{title}” is 21 days overdue"],
    }
    assert {n.recipient for n in Notification.objects.filter(kind="task_due")} == {mia}


def test_a_done_task_or_a_signed_off_phase_gets_no_reminder_and_a_new_date_rearms(active, mia):
    task = _assigned(active, mia)
    with time_machine.travel(morning(DUE), tick=False):
        assert reminders.send_task_reminders() == 1
        assert reminders.send_task_reminders() == 0  # a rerun creates nothing
    Task.objects.filter(pk=task.pk).update(due_date=DUE + datetime.timedelta(days=30))
    with time_machine.travel(morning(DUE + datetime.timedelta(days=30)), tick=False):
        assert reminders.send_task_reminders() == 1
        Task.objects.filter(pk=task.pk).update(status=Task.Status.DONE)
    with time_machine.travel(morning(DUE + datetime.timedelta(days=37)), tick=False):
        assert reminders.send_task_reminders() == 0


def test_task_reminders_are_in_the_assignees_language(active, mia):
    mia.preferred_language = "es"
    mia.save()
    _assigned(active, mia)
    with time_machine.travel(morning(DUE), tick=False):
        assert "vence hoy" in _daily(reminders.send_task_reminders)[0]


def test_review_reminders_after_the_waiting_days_three_times_at_most(report, fiona, cora, pierre, settings):
    settings.REVIEW_REMINDER_DAYS = 10
    submitted_on = datetime.date(2027, 6, 1)
    with time_machine.travel(morning(submitted_on), tick=False):
        monitoring_services.report_save(report=report, by=fiona, version=report.version, values=COMPLETE)
        monitoring_services.report_submit(report=report, by=fiona)
    reminded = []
    for offset in range(0, 45):
        with time_machine.travel(morning(submitted_on + datetime.timedelta(days=offset)), tick=False):
            if reminders.send_review_reminders():
                reminded.append(offset)
    assert reminded == [10, 20, 30]
    assert {n.recipient for n in Notification.objects.filter(kind="review_reminder")} == {cora}


def test_a_reviewed_report_is_not_reminded(report, fiona, cora, settings):
    settings.REVIEW_REMINDER_DAYS = 10
    submitted_on = datetime.date(2027, 6, 1)
    with time_machine.travel(morning(submitted_on), tick=False):
        monitoring_services.report_save(report=report, by=fiona, version=report.version, values=COMPLETE)
        monitoring_services.report_submit(report=report, by=fiona)
        monitoring_services.report_review(report=report, by=cora, decision="accepted", rating="on_track")
    with time_machine.travel(morning(submitted_on + datetime.timedelta(days=12)), tick=False):
        assert reminders.send_review_reminders() == 0
