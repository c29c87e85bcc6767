"""seed_scale builds the regional data set on top of the demo, by the project's own rules,
and --delete takes away exactly what it added."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from consortia.models import Consortium
from members.models import Enterprise
from methodology.models import Task
from monitoring.models import IndicatorValue, ProgressReport
from monitoring.selectors import figures_disagreeing, pair_figures_disagreeing, sales_cells_disagreeing
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(monkeypatch):
    """40 consortia to a scale instead of 2,000: the same code, in seconds."""
    from portal.management.commands import seed_scale

    monkeypatch.setattr(seed_scale, "PER_SCALE", 40)
    call_command("load_demo", force=True, stdout=io.StringIO())


def counts() -> dict[str, int]:
    return {
        "consortia": Consortium.objects.count(),
        "enterprises": Enterprise.objects.count(),
        "tasks": Task.objects.count(),
        "reports": ProgressReport.objects.count(),
        "values": IndicatorValue.objects.count(),
        "notifications": Notification.objects.count(),
    }


def test_it_seeds_by_the_rules_and_deletes_only_what_it_seeded(small):
    before = counts()
    call_command("seed_scale", force=True, stdout=io.StringIO())
    seeded = Consortium.objects.filter(created_by__email__endswith="@scale.alianza.test")
    assert seeded.count() == 40
    active = seeded.filter(status=Consortium.Status.ACTIVE)
    assert active.count() == 38
    # The methodology came from its service: ten phases each; ~105 tasks, one consortium with 401.
    tasks = Task.objects.filter(phase__consortium__in=seeded)
    per_consortium = sorted(
        tasks.values_list("phase__consortium").order_by().annotate(n=Count("pk")).values_list("n", flat=True)
    )
    assert per_consortium[-1] == 401
    assert per_consortium[0] == 105
    # Periods from the period rules: about eight six-month periods since activation.
    reports = ProgressReport.objects.filter(period__consortium__in=seeded)
    assert 7 * 38 <= reports.count() <= 10 * 38
    assert reports.filter(status="accepted").exists()
    assert reports.exclude(status="accepted").exists()
    assert IndicatorValue.objects.filter(report__in=reports).count() > 0
    assert not ProgressReport.objects.with_wrong_due().exists()  # each report carries its period's due date
    # The dashboard's kept figures agree with the seeded reports and phases.
    assert figures_disagreeing(Consortium.objects.all()) == []
    assert sales_cells_disagreeing() == []
    assert pair_figures_disagreeing() == []
    # Nothing waits to be e-mailed: the seeded notices count as sent.
    assert not Notification.objects.filter(dedup_key__startswith="scale:", sent_at__isnull=True).exists()
    # The demo facilitator has realistic work in it.
    assert seeded.filter(facilitators__email="facilitator@demo.alianza.org").count() == 3
    with pytest.raises(CommandError, match="already there"):
        call_command("seed_scale", force=True, stdout=io.StringIO())
    call_command("seed_scale", delete=True, force=True, stdout=io.StringIO())
    assert counts() == before
    assert sales_cells_disagreeing() == []
    assert pair_figures_disagreeing() == []


def test_it_refuses_without_the_demo():
    with pytest.raises(CommandError, match="load_demo"):
        call_command("seed_scale", force=True, stdout=io.StringIO())
