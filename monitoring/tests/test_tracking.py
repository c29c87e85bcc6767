"""Target / Actual / % met per period and for the whole plan, against hand-computed values (#11 C).

The consortium was activated on 15 January 2025; three periods are open: #1 and #2 accepted,
#3 submitted and not yet reviewed (provisional: shown, never counted towards the plan).
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from consortia.models import Consortium
from core.testing import api, signed_in
from monitoring.models import Baseline, Indicator, IndicatorTarget, IndicatorValue, ProgressReport
from monitoring.selectors import tracking
from monitoring.services import open_due_periods

pytestmark = pytest.mark.django_db
D = datetime.date
ACTIVATED = D(2025, 1, 15)
STATUSES = {1: "accepted", 2: "accepted", 3: "submitted"}


@pytest.fixture
def planned(candidate):
    """Figures by period, targets and baselines chosen so each rule's result is easy to check by hand."""
    Consortium.objects.filter(pk=candidate.pk).update(status="active", activated_on=ACTIVATED)
    consortium = Consortium.objects.get(pk=candidate.pk)
    open_due_periods(today=D(2026, 7, 10), consortia=Consortium.objects.filter(pk=consortium.pk))
    values = {
        "export_sales": {1: 10000, 2: 20000, 3: 30000},  # sum
        "export_markets": {1: 3, 2: 4, 3: 6},  # latest
        "direct_jobs": {1: 90, 2: 80, 3: 70},  # latest, planned to fall (a reduction)
        "trust_score": {1: 3, 2: 4, 3: 5},  # average
        "fairs_missions": {1: 13, 2: 0, 3: 9},  # sum
    }
    for number, status in STATUSES.items():
        report = ProgressReport.objects.get(period__consortium=consortium, period__number=number)
        ProgressReport.objects.filter(pk=report.pk).update(status=status)
        for code, by_period in values.items():
            IndicatorValue.objects.create(
                report=report, indicator=Indicator.objects.get(code=code), value=by_period[number]
            )

    def target(code, period, value, date=None):
        IndicatorTarget.objects.create(
            consortium=consortium,
            indicator=Indicator.objects.get(code=code),
            period=period,
            target=value,
            target_date=date,
        )

    def baseline(code, value, day=ACTIVATED):
        Baseline.objects.create(
            consortium=consortium, indicator=Indicator.objects.get(code=code), value=value, measured_on=day
        )

    for period, value in {1: 8000, 2: 25000, 3: 30000, 5: 40000}.items():
        target("export_sales", period, value)
    target("export_sales", None, 100000, D(2027, 7, 14))
    baseline("export_sales", 5000)
    target("export_markets", 1, 3)
    target("export_markets", 2, 5)
    target("export_markets", None, 6, D(2027, 7, 14))
    baseline("export_markets", 2)
    target("direct_jobs", None, 50, D(2027, 7, 14))
    baseline("direct_jobs", 100)
    target("trust_score", None, 4, D(2027, 7, 14))
    target("fairs_missions", None, 16, D(2027, 7, 14))
    target("fairs_missions", 2, 0)
    return consortium


def track_of(consortium, code):
    return next(t for t in tracking(consortium) if t.indicator.code == code)


def test_each_period_is_its_actual_over_its_own_target(planned):
    sales = track_of(planned, "export_sales")
    figures = [(p.number, p.status, p.target, p.actual, p.percent_met) for p in sales.periods]
    assert figures == [
        (1, "accepted", Decimal(8000), Decimal(10000), Decimal("125.0")),
        (2, "accepted", Decimal(25000), Decimal(20000), Decimal("80.0")),
        (3, "submitted", Decimal(30000), Decimal(30000), Decimal("100.0")),
        (5, "upcoming", Decimal(40000), None, None),  # planned ahead, not open yet
    ]
    assert [p.provisional for p in sales.periods] == [False, False, True, False]
    assert (sales.periods[-1].start, sales.periods[-1].end) == (D(2027, 1, 15), D(2027, 7, 14))


def test_sum_over_the_plan_counts_accepted_periods_since_the_baseline(planned):
    plan = track_of(planned, "export_sales").life_of_plan
    assert (plan.target, plan.actual, plan.percent_met) == (Decimal(100000), Decimal(30000), Decimal("30.0"))
    # Measured after period 1 ended: period 1 was before the baseline and no longer counts.
    Baseline.objects.filter(indicator__code="export_sales").update(measured_on=D(2025, 8, 1))
    plan = track_of(planned, "export_sales").life_of_plan
    assert (plan.actual, plan.percent_met) == (Decimal(20000), Decimal("20.0"))


def test_latest_over_the_plan_is_the_distance_travelled_from_the_baseline(planned):
    markets = track_of(planned, "export_markets")
    # Latest accepted is 4 (period 3's 6 is provisional): (4 − 2) ÷ (6 − 2) = 50 %.
    assert (markets.life_of_plan.actual, markets.life_of_plan.percent_met) == (Decimal(4), Decimal("50.0"))
    assert [p.percent_met for p in markets.periods] == [Decimal("100.0"), Decimal("80.0"), None, None]


def test_a_target_below_the_baseline_is_a_reduction_and_reads_as_one(planned):
    jobs = track_of(planned, "direct_jobs").life_of_plan
    # From 100 towards 50, now 80: (80 − 100) ÷ (50 − 100) = 40 %.
    assert (jobs.actual, jobs.percent_met) == (Decimal(80), Decimal("40.0"))


def test_average_over_the_plan_is_the_average_of_accepted_periods_over_the_target(planned):
    trust = track_of(planned, "trust_score").life_of_plan
    assert (trust.actual, trust.percent_met) == (Decimal("3.50"), Decimal("87.5"))  # (3 + 4) ÷ 2 ÷ 4


def test_percent_met_rounds_half_up_to_one_decimal_and_is_empty_without_a_target(planned):
    fairs = track_of(planned, "fairs_missions")
    assert fairs.life_of_plan.percent_met == Decimal("81.3")  # 13 ÷ 16 = 81.25 %
    assert [p.percent_met for p in fairs.periods] == [None, None, None, None]  # no target, a zero target …
    untouched = track_of(planned, "buyers_contacted")
    assert untouched.life_of_plan.percent_met is None
    assert untouched.baseline is None


def test_a_draft_shows_no_actual_and_a_review_makes_a_provisional_value_count(planned):
    ProgressReport.objects.filter(period__consortium=planned, period__number=3).update(status="draft")
    assert track_of(planned, "export_sales").periods[2].actual is None
    ProgressReport.objects.filter(period__consortium=planned, period__number=3).update(status="accepted")
    sales = track_of(planned, "export_sales")
    assert sales.periods[2].provisional is False
    assert (sales.life_of_plan.actual, sales.life_of_plan.percent_met) == (Decimal(60000), Decimal("60.0"))


def test_the_tracking_endpoint_gives_the_documented_shape(planned, cora):
    response = api(cora).get(f"/api/v1/consortia/{planned.pk}/tracking/")
    assert response.status_code == 200
    sales = next(i for i in response.json()["indicators"] if i["code"] == "export_sales")
    assert sales["aggregation"] == "sum"
    assert sales["baseline"] == 5000
    assert sales["baseline_date"] == "2025-01-15"
    assert sales["periods"][0] == {
        "period": 1,
        "start": "2025-01-15",
        "end": "2025-07-14",
        "target": 8000.0,
        "actual": 10000.0,
        "status": "accepted",
        "provisional": False,
        "percent_met": 125.0,
    }
    assert sales["periods"][2]["provisional"] is True
    assert sales["life_of_plan"] == {
        "target": 100000.0,
        "target_date": "2027-07-14",
        "actual": 30000.0,
        "percent_met": 30.0,
    }
    untouched = next(i for i in response.json()["indicators"] if i["code"] == "buyers_contacted")
    assert untouched["life_of_plan"]["percent_met"] is None


def test_the_tracking_endpoint_is_404_for_someone_who_cannot_see_the_consortium(planned, charlie, pierre):
    assert api(charlie).get(f"/api/v1/consortia/{planned.pk}/tracking/").status_code == 404
    assert api(pierre).get(f"/api/v1/consortia/{planned.pk}/tracking/").status_code == 404


def test_the_csv_sheet_has_a_row_per_period_and_a_whole_plan_row(planned, cora, client):
    signed_in(client, cora)
    body = client.get(f"/reports/tracking/{planned.pk}.csv").content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][:2] == ["Indicator code", "Indicator"]
    assert rows[0][-4:] == [
        "Target",
        "Actual",
        "Provisional",
        "% met",
    ]
    sales = [r for r in rows if r[0] == "export_sales"]
    assert [r[4] for r in sales] == ["1", "2", "3", "5", "Whole plan"]
    assert sales[2][7:] == ["submitted", "Submitted", "30000.00", "30000.00", "yes", "100.0"]
    assert sales[-1][5:7] == ["2025-01-15", "2027-07-14"]
    assert sales[-1][-3:] == ["30000.00", "", "30.0"]


def test_the_xlsx_sheet_stores_dates_as_dates_and_percentages_as_numbers(planned, cora, client):
    signed_in(client, cora)
    content = client.get(f"/reports/tracking/{planned.pk}.xlsx").content
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(min_row=2))
    plan = next(r for r in rows if r[0].value == "export_sales" and r[4].value == "Whole plan")
    assert plan[6].value.date() == D(2027, 7, 14)
    assert plan[12].value == pytest.approx(0.30)
    assert plan[12].number_format == "0.0%"
    assert plan[9].value == 100000


def test_the_monitoring_page_shows_target_actual_and_percent_met_in_spanish(planned, cora, client):
    cora.preferred_language = "es"
    cora.save()
    signed_in(client, cora)
    page = client.get(f"/reports/consortium/{planned.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Ventas de exportación (USD)" in page
    assert "125,0 %" in page
    assert "30.000" in page
    assert "provisional" in page


def test_reading_the_tracking_sheet_costs_the_same_for_two_or_twelve_periods(planned, django_assert_num_queries):
    with django_assert_num_queries(5):
        tracking(planned)
    open_due_periods(today=D(2030, 1, 20), consortia=Consortium.objects.filter(pk=planned.pk))
    with django_assert_num_queries(5):
        assert len(tracking(planned)[0].periods) == 11


def test_the_report_form_shows_this_periods_target_and_the_whole_plans(planned, fiona, client):
    ProgressReport.objects.filter(period__consortium=planned, period__number=3).update(status="draft")
    report = ProgressReport.objects.get(period__consortium=planned, period__number=3)
    signed_in(client, fiona)
    page = client.get(f"/reports/{report.pk}/edit/").content.decode()
    assert "Target this period" in page
    row = page[page.index('for="id_value_export_sales"') :].split("</tr>")[0]
    assert "30,000" in row
    assert "Whole plan: 100,000" in row


def test_a_huge_ratio_is_a_number_not_a_500(planned, cora):
    # The largest figure a value holds, against the smallest target: 10¹⁸ per cent.
    IndicatorTarget.objects.filter(indicator__code="export_sales", period=1).update(target=Decimal("0.01"))
    IndicatorValue.objects.filter(indicator__code="export_sales", report__period__number=1).update(
        value=Decimal("99999999999999.99")
    )
    response = api(cora).get(f"/api/v1/consortia/{planned.pk}/tracking/")
    assert response.status_code == 200
    sales = next(i for i in response.json()["indicators"] if i["code"] == "export_sales")
    assert sales["periods"][0]["percent_met"] == pytest.approx(1e18)


def test_listing_targets_costs_the_same_for_three_or_thirty(planned, cora, django_assert_max_num_queries):
    client = api(cora)
    client.get("/api/v1/targets/")  # the token's and session's first reads
    with django_assert_max_num_queries(6) as few:
        assert client.get("/api/v1/targets/?indicator=export_markets").json()["count"] == 3
    for number in range(6, 33):
        IndicatorTarget.objects.create(
            consortium=planned, indicator=Indicator.objects.get(code="export_markets"), period=number, target=3
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/api/v1/targets/?indicator=export_markets").json()["count"] == 30
