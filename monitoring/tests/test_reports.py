from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.errors import StateConflict
from monitoring import selectors as monitoring_selectors
from monitoring import services
from monitoring.models import Indicator, IndicatorTarget, ProgressReport, Review
from monitoring.tests.conftest import COMPLETE

pytestmark = pytest.mark.django_db


def test_approval_opens_the_first_period_with_an_open_report(report):
    assert report.status == "open"
    assert report.period.start == report.period.consortium.activated_on
    assert report.period.due == report.period.end + dt.timedelta(days=15)


def test_facilitator_saves_a_draft_and_submits(report, fiona):
    services.report_save(
        report=report, by=fiona, version=report.version, values=COMPLETE, achievements="First fair in San José"
    )
    assert report.status == "draft"
    services.report_submit(report=report, by=fiona)
    assert report.status == "submitted"
    assert report.submitted_by == fiona
    assert len(report.phase_snapshot) == 10
    assert report.phase_snapshot[0]["number"] == 1
    assert report.submitted_on_time is True


@pytest.mark.parametrize(
    ("code", "typed", "message"),
    [
        ("export_sales", "-5", "Export sales (USD): enter 0 or more."),
        ("price_premium", "120", "Price premium (%): enter a value from 0 to 100."),
        ("trust_score", "7", "Member trust score (1–5): enter a value from 1 to 5."),
        ("direct_jobs", "many", "Direct jobs: Send a plain number such as 34500.5 (no thousands separators)."),
        ("direct_jobs", "1,000", "Direct jobs: Send a plain number such as 34500.5 (no thousands separators)."),
        ("imaginary", "3", "“imaginary” is not an indicator in the catalogue."),
    ],
)
def test_bad_values_name_the_indicator_and_save_nothing(report, fiona, code, typed, message):
    with pytest.raises(ValidationError) as error:
        services.report_save(
            report=report, by=fiona, version=report.version, values={**COMPLETE, code: typed}, achievements="kept?"
        )
    assert error.value.message_dict[code] == [message]
    report.refresh_from_db()
    assert report.status == "open"
    assert report.achievements == ""
    assert not report.values.exists()


def test_submitting_names_each_missing_required_indicator(report, fiona):
    services.report_save(report=report, by=fiona, version=report.version, values={"export_sales": "100"})
    with pytest.raises(ValidationError) as error:
        services.report_submit(report=report, by=fiona)
    assert "Export markets" in error.value.messages[0]
    assert "Member trust score (1–5)" in error.value.messages[0]
    assert ProgressReport.objects.get(pk=report.pk).status == "draft"


def test_submitting_twice_is_a_conflict(report, fiona):
    services.report_save(report=report, by=fiona, version=report.version, values=COMPLETE)
    services.report_submit(report=report, by=fiona)
    with pytest.raises(StateConflict):
        services.report_submit(report=report, by=fiona)


def test_submitted_values_cannot_change_without_a_revision(report, fiona):
    services.report_save(report=report, by=fiona, version=report.version, values=COMPLETE)
    services.report_submit(report=report, by=fiona)
    with pytest.raises(StateConflict):
        services.report_save(report=report, by=fiona, version=report.version, values={"export_sales": "1"})
    assert report.values.get(indicator__code="export_sales").value == 60000


@pytest.mark.parametrize("who", ["mia", "cora", "pablo", "charlie"])
def test_only_reporters_write_reports(report, request, who):
    with pytest.raises(PermissionDenied):
        services.report_save(report=report, by=request.getfixturevalue(who), version=report.version, values={})


@pytest.mark.parametrize("who", ["fiona", "olga"])
def test_facilitators_and_sponsor_officials_write_reports(report, request, who):
    services.report_save(report=report, by=request.getfixturevalue(who), version=report.version, achievements="ok")
    assert ProgressReport.objects.get(pk=report.pk).achievements == "ok"


def test_coordinator_requests_a_revision_then_accepts_the_resubmission(report, fiona, cora):
    services.report_save(report=report, by=fiona, version=report.version, values=COMPLETE)
    services.report_submit(report=report, by=fiona)
    with pytest.raises(ValidationError) as error:
        services.report_review(report=report, by=cora, decision="revision_requested", rating="needs_attention")
    assert "comment" in error.value.message_dict
    services.report_review(
        report=report, by=cora, decision="revision_requested", rating="needs_attention", comment="Add buyers"
    )
    assert ProgressReport.objects.get(pk=report.pk).status == "revision_requested"
    services.report_save(report=report, by=fiona, version=report.version, values={"buyers_contacted": "21"})
    services.report_submit(report=report, by=fiona)
    services.report_review(report=report, by=cora, decision="accepted", rating="on_track")
    report.refresh_from_db()
    assert report.status == "accepted"
    assert report.rating == "on_track"
    assert list(report.reviews.values_list("decision", flat=True)) == ["revision_requested", "accepted"]
    with pytest.raises(StateConflict):
        services.report_save(report=report, by=fiona, version=report.version, values={"buyers_contacted": "1"})


def test_reviewing_a_draft_is_a_conflict(report, fiona, cora):
    services.report_save(report=report, by=fiona, version=report.version, values=COMPLETE)
    with pytest.raises(StateConflict):
        services.report_review(report=report, by=cora, decision="accepted", rating="on_track")
    assert not Review.objects.exists()


def test_coordinator_out_of_scope_cannot_review(report, fiona, pierre):
    services.report_save(report=report, by=fiona, version=report.version, values=COMPLETE)
    services.report_submit(report=report, by=fiona)
    with pytest.raises(PermissionDenied):
        services.report_review(report=report, by=pierre, decision="accepted", rating="on_track")


def test_baseline_and_targets_per_period_and_for_the_plan(report, fiona, mia):
    consortium = report.period.consortium
    indicator = Indicator.objects.get(code="export_sales")
    common = {"consortium": consortium, "indicator": indicator, "by": fiona}
    baseline = services.baseline_set(**common, value="60000", measured_on=dt.date(2026, 1, 1))
    first = services.target_set(**common, period=1, target="45000")
    plan = services.target_set(**common, period=None, target="90000", target_date=dt.date(2028, 1, 1))
    assert (baseline.value, first.target, plan.target, plan.target_date) == (60000, 45000, 90000, dt.date(2028, 1, 1))
    with pytest.raises(ValidationError):
        services.target_set(**common, period=2, target="-1")
    with pytest.raises(PermissionDenied):
        services.target_set(consortium=consortium, indicator=indicator, by=mia, period=2, target="1")
    assert IndicatorTarget.objects.count() == 2
    # An empty figure clears it, from the version read.
    assert services.target_set(**common, period=1, target="", version=first.version) is None
    assert services.baseline_set(**common, value=None, version=baseline.version) is None
    assert list(IndicatorTarget.objects.values_list("period", flat=True)) == [None]


@pytest.mark.parametrize(
    ("period", "target", "target_date", "field", "message"),
    [
        (None, "90000", None, "target_date", "Enter the date the whole plan's target is to be met by."),
        (2, "90000", dt.date(2028, 1, 1), "target_date", "A period's target is due at the end of its period"),
        (0, "5", None, "period", "Enter a period number from 1 to 40"),
        (41, "5", None, "period", "Enter a period number from 1 to 40"),
        ("two", "5", None, "period", "Enter a period number from 1 to 40"),
        (1, "lots", None, "target", "Export sales (USD)"),
    ],
)
def test_a_bad_target_names_its_field(report, fiona, period, target, target_date, field, message):
    indicator = Indicator.objects.get(code="export_sales")
    with pytest.raises(ValidationError) as error:
        services.target_set(
            consortium=report.period.consortium,
            indicator=indicator,
            by=fiona,
            period=period,
            target=target,
            target_date=target_date,
        )
    assert list(error.value.message_dict) == [field]
    assert message in error.value.message_dict[field][0]
    assert not IndicatorTarget.objects.exists()


def test_a_baseline_needs_its_date(report, fiona):
    with pytest.raises(ValidationError) as error:
        services.baseline_set(
            consortium=report.period.consortium,
            indicator=Indicator.objects.get(code="export_sales"),
            by=fiona,
            value="5",
        )
    assert error.value.message_dict == {"measured_on": ["Enter the date the baseline was measured."]}


def test_indicator_names_are_translated():
    from django.utils import translation

    indicator = Indicator.objects.get(code="export_sales")
    with translation.override("es"):
        assert indicator.name == "Ventas de exportación (USD)"


def test_snapshot_changes_compare_with_the_previous_report(report, fiona):
    from monitoring.models import ReportingPeriod

    consortium = report.period.consortium
    services.report_save(report=report, by=fiona, version=report.version, values=COMPLETE)
    services.report_submit(report=report, by=fiona)
    consortium.phases.get(number=1).tasks.update(status="done")
    start, end = report.period.end + dt.timedelta(days=1), report.period.end + dt.timedelta(days=180)
    second = ProgressReport.objects.create(
        period=ReportingPeriod.objects.create(consortium=consortium, number=2, start=start, end=end, due=end)
    )
    services.report_save(report=second, by=fiona, version=second.version, values=COMPLETE)
    services.report_submit(report=second, by=fiona)
    changes = {phase["number"]: phase["change"] for phase in monitoring_selectors.snapshot_changes(second)}
    assert changes[1] == 100
    assert changes[2] == 0


def test_a_bad_target_is_named_on_the_target_field_only(report, fiona):
    indicator = Indicator.objects.get(code="export_sales")
    with pytest.raises(ValidationError) as error:
        services.target_set(consortium=report.period.consortium, indicator=indicator, by=fiona, period=1, target="-1")
    assert error.value.message_dict == {"target": ["Export sales (USD): enter 0 or more."]}


@pytest.mark.parametrize("typed", ["100000000000000000000", "99999999999999999"])
def test_a_value_too_large_to_store_is_named_not_a_500(report, fiona, typed):
    with pytest.raises(ValidationError) as error:
        services.report_save(report=report, by=fiona, version=report.version, values={"export_sales": typed})
    assert error.value.message_dict["export_sales"] == ["Export sales (USD): enter a smaller number."]
    assert not report.values.exists()
