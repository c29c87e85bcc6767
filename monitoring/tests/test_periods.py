from __future__ import annotations

import datetime as dt

import pytest

from consortia.tests.factories import ConsortiumFactory
from monitoring.models import ProgressReport, ReportingPeriod, due_date, period_bounds
from monitoring.services import open_due_periods

D = dt.date


@pytest.mark.parametrize(
    ("activated", "number", "start", "end"),
    [
        (D(2025, 1, 15), 1, D(2025, 1, 15), D(2025, 7, 14)),
        (D(2025, 1, 15), 2, D(2025, 7, 15), D(2026, 1, 14)),
        (D(2025, 8, 31), 1, D(2025, 8, 31), D(2026, 2, 27)),  # 31 Aug + 6 months = 28 Feb (not leap)
        (D(2025, 8, 31), 2, D(2026, 2, 28), D(2026, 8, 30)),
        (D(2025, 8, 31), 3, D(2026, 8, 31), D(2027, 2, 27)),  # back on the 31st: no drift
        (D(2023, 8, 31), 1, D(2023, 8, 31), D(2024, 2, 28)),  # leap year: 29 Feb starts period 2
        (D(2023, 8, 31), 2, D(2024, 2, 29), D(2024, 8, 30)),
        (D(2024, 2, 29), 2, D(2024, 8, 29), D(2025, 2, 27)),
        (D(2024, 2, 29), 3, D(2025, 2, 28), D(2025, 8, 28)),
        (D(2025, 12, 31), 1, D(2025, 12, 31), D(2026, 6, 29)),
    ],
)
def test_period_bounds(activated, number, start, end):
    assert period_bounds(activated, number) == (start, end)


def test_report_is_due_15_days_after_the_period_ends(settings):
    assert due_date(D(2026, 2, 27)) == D(2026, 3, 14)
    settings.REPORT_GRACE_DAYS = 30
    assert due_date(D(2026, 2, 27)) == D(2026, 3, 29)


@pytest.mark.django_db
def test_daily_job_opens_each_started_period_once():
    consortium = ConsortiumFactory(status="active", activated_on=D(2025, 8, 31))
    assert open_due_periods(today=D(2025, 8, 30)) == 0
    assert open_due_periods(today=D(2026, 3, 1)) == 2
    assert open_due_periods(today=D(2026, 3, 1)) == 0  # a rerun creates nothing
    periods = list(ReportingPeriod.objects.filter(consortium=consortium).values_list("number", "start", "due"))
    assert periods == [(1, D(2025, 8, 31), D(2026, 3, 14)), (2, D(2026, 2, 28), D(2026, 9, 14))]
    assert ProgressReport.objects.filter(period__consortium=consortium, status="open").count() == 2


@pytest.mark.django_db
def test_no_periods_for_consortia_that_are_not_active():
    ConsortiumFactory(status="paused", activated_on=D(2025, 1, 1))
    ConsortiumFactory(status="submitted")
    assert open_due_periods(today=D(2026, 1, 1)) == 0
