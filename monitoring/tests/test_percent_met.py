"""% of target met, life of plan, by each indicator's rule, against hand-computed values (#11 C, in part)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from monitoring.exports import percent_met
from monitoring.models import Indicator

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("aggregation", "overall", "baseline", "target", "expected"),
    [
        ("sum", Decimal(30), None, Decimal(60), Decimal("50.0")),  # 10 + 20 accepted, of 60
        ("average", Decimal(3), None, Decimal(4), Decimal("75.0")),
        ("latest", Decimal(80), Decimal(100), Decimal(50), Decimal("40.0")),  # a reduction: 20 of the 50 planned
        ("latest", Decimal(130), Decimal(100), Decimal(160), Decimal("50.0")),  # 30 of the 60 planned
        ("latest", Decimal(130), None, Decimal(160), Decimal("81.3")),  # no baseline: of the target
        ("sum", None, None, Decimal(60), None),
        ("sum", Decimal(30), None, None, None),
        ("latest", Decimal(100), Decimal(100), Decimal(100), None),  # nothing was planned
    ],
)
def test_percent_met_follows_the_indicators_rule(aggregation, overall, baseline, target, expected):
    indicator = Indicator(code="x", name="X", unit="count", kind="economic", aggregation=aggregation)
    assert percent_met(indicator, overall, baseline, target) == expected


def test_only_accepted_values_count_towards_the_plan(report, fiona, cora):
    from monitoring import services
    from monitoring.exports import tracking_rows
    from monitoring.tests.conftest import COMPLETE

    consortium = report.period.consortium
    indicator = Indicator.objects.get(code="export_sales")
    services.target_set(consortium=consortium, indicator=indicator, by=fiona, target="120000")
    services.report_save(report=report, by=fiona, version=report.version, values=COMPLETE)  # 60000
    row = next(r for r in tracking_rows(consortium)[1] if r[0] == indicator.name)
    assert (row[3], row[-2], row[-1]) == (None, None, None)  # a draft shows nowhere
    services.report_submit(report=report, by=fiona)
    row = next(r for r in tracking_rows(consortium)[1] if r[0] == indicator.name)
    assert (row[3], row[-2], row[-1]) == (Decimal("60000.00"), None, None)  # submitted: shown, not counted
    services.report_review(report=report, by=cora, decision="accepted", rating="on_track")
    row = next(r for r in tracking_rows(consortium)[1] if r[0] == indicator.name)
    assert (row[-2], row[-1]) == (Decimal("60000.00"), Decimal("50.0"))
