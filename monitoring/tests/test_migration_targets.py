"""Migration 0007 splits each old baseline-and-target row in two, keeping every figure and its history."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("monitoring", "0006_indicatortarget_updated_at_and_more")]
AFTER = [("monitoring", "0007_baselines_and_period_targets")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _latest_schema_after():
    """Leave the database at the newest migrations, as the tests after this one expect."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_old_rows_become_a_dated_baseline_and_a_dated_whole_plan_target(reference_data):
    old = _migrate(BEFORE)
    try:
        Consortium = old.get_model("consortia", "Consortium")
        Indicator = old.get_model("monitoring", "Indicator")
        Target = old.get_model("monitoring", "IndicatorTarget")
        History = old.get_model("monitoring", "HistoricalIndicatorTarget")
        consortium = Consortium.objects.create(
            name="Old Plan",
            kind="export",
            function="promotional",
            country="CR",
            activated_on=datetime.date(2025, 1, 15),
        )
        sales, markets = Indicator.objects.get(code="export_sales"), Indicator.objects.get(code="export_markets")
        both = Target.objects.create(consortium=consortium, indicator=sales, baseline=800, target=2000, version=2)
        only_baseline = Target.objects.create(consortium=consortium, indicator=markets, baseline=3)
        at = datetime.datetime(2025, 2, 1, tzinfo=datetime.UTC)
        for number, (baseline, target) in enumerate([(700, None), (800, 2000)]):
            History.objects.create(
                id=both.pk,
                consortium=consortium,
                indicator=sales,
                baseline=baseline,
                target=target,
                version=number + 1,
                history_date=at + datetime.timedelta(days=number),
                history_type="+" if number == 0 else "~",
            )
        History.objects.create(
            id=only_baseline.pk,
            consortium=consortium,
            indicator=markets,
            baseline=3,
            version=1,
            history_date=at,
            history_type="+",
        )
    finally:
        new = _migrate(AFTER)
    Baseline = new.get_model("monitoring", "Baseline")
    Target = new.get_model("monitoring", "IndicatorTarget")
    HistoricalBaseline = new.get_model("monitoring", "HistoricalBaseline")
    HistoricalTarget = new.get_model("monitoring", "HistoricalIndicatorTarget")
    baselines = {b.indicator.code: (b.value, b.measured_on) for b in Baseline.objects.select_related("indicator")}
    assert baselines == {
        "export_sales": (Decimal(800), datetime.date(2025, 1, 15)),
        "export_markets": (Decimal(3), datetime.date(2025, 1, 15)),
    }
    plan = Target.objects.get()
    assert (plan.indicator.code, plan.period, plan.target, plan.target_date, plan.version) == (
        "export_sales",
        None,
        Decimal(2000),
        datetime.date(2027, 1, 15),
        2,
    )
    sales_history = HistoricalBaseline.objects.filter(indicator__code="export_sales").order_by("history_date")
    assert [h.value for h in sales_history] == [Decimal(700), Decimal(800)]
    assert list(HistoricalTarget.objects.values_list("target", "target_date")) == [
        (Decimal(2000), datetime.date(2027, 1, 15))
    ]
