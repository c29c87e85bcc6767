"""Every figure keeps its history: who changed which field, from what to what, and when."""

from __future__ import annotations

import datetime

import pytest

from core.testing import api, form_fields, signed_in
from monitoring import services
from monitoring.models import Baseline, Indicator, IndicatorTarget
from monitoring.tests.conftest import COMPLETE

pytestmark = pytest.mark.django_db


def test_the_report_history_shows_who_changed_what_from_what_to_what(client, report, fiona, cora):
    services.report_save(report=report, by=fiona, version=report.version, values=COMPLETE, achievements="One fair")
    services.report_save(
        report=report, by=fiona, version=report.version, values={"export_sales": "75000"}, achievements="Two fairs"
    )
    page = signed_in(client, cora).get(f"/reports/{report.pk}/history/").content.decode()
    assert "History of report #1" in page
    assert "One fair" in page
    assert "Two fairs" in page
    assert "60,000" in page
    assert "75,000" in page
    assert "Fiona Facilitator" in page


def test_the_report_history_api_lists_field_changes_newest_first(report, fiona, cora):
    services.report_save(report=report, by=fiona, version=report.version, values={"export_sales": "100"})
    services.report_save(report=report, by=fiona, version=report.version, values={"export_sales": "250.5"})
    response = api(cora).get(f"/api/v1/reports/{report.pk}/history/")
    assert response.status_code == 200
    changes = [c for c in response.json()["results"] if c["field"] == "value"]
    assert [(c["old"], c["new"], c["by"]) for c in changes[:2]] == [
        ("100.00", "250.50", "fiona@example.org"),
        (None, "100.00", "fiona@example.org"),
    ]


@pytest.mark.parametrize(("who", "status"), [("fiona", 200), ("cora", 200), ("ada", 200), ("mia", 403), ("olga", 403)])
def test_the_history_is_for_facilitators_and_coordinators(client, report, request, who, status):
    user = request.getfixturevalue(who)
    assert signed_in(client, user).get(f"/reports/{report.pk}/history/").status_code == status
    assert api(user).get(f"/api/v1/reports/{report.pk}/history/").status_code == status


def test_people_who_cannot_see_the_consortium_get_404(client, report, pierre, charlie):
    for user in (pierre, charlie):
        assert signed_in(client, user).get(f"/reports/{report.pk}/history/").status_code == 404


def _set(consortium, by, *, period=1, target="5000", version=None, date=None):
    indicator = Indicator.objects.get(code="export_sales")
    return services.target_set(
        consortium=consortium,
        indicator=indicator,
        by=by,
        period=period,
        target=target,
        version=version,
        **({"target_date": date} if period is None else {}),
    )


def test_target_history_records_page_admin_and_service_changes(client, report, fiona, cora, ada):
    consortium = report.period.consortium
    indicator = Indicator.objects.get(code="export_sales")
    target = _set(consortium, fiona)
    _set(consortium, cora, target="6000", version=target.version)
    services.baseline_set(
        consortium=consortium, indicator=indicator, by=fiona, value="1000", measured_on=datetime.date(2026, 1, 1)
    )
    # An admin edit in Django admin is recorded too, and bumps the version.
    admin = signed_in(client, ada)
    change_url = f"/admin/monitoring/indicatortarget/{target.pk}/change/"
    response = admin.post(
        change_url, {"consortium": consortium.pk, "indicator": indicator.pk, "period": "1", "target": "6500"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    target.refresh_from_db()
    assert (target.target, target.version) == (6500, 3)
    page = signed_in(client, fiona).get(f"/reports/consortium/{consortium.pk}/targets/history/").content.decode()
    assert "5,000" in page
    assert "6,000" in page
    assert "Cora Coordinator" in page
    assert "6,500" in page
    assert "Ada Admin" in page
    assert "Export sales (USD) · period 1" in page
    assert "1,000" in page
    assert IndicatorTarget.history.filter(id=target.pk).count() == 3


def _targets_page(consortium) -> str:
    return f"/reports/consortium/{consortium.pk}/targets/export_sales/"


def test_saving_only_a_period_target_on_the_page_keeps_the_baseline(client, report, fiona):
    consortium = report.period.consortium
    client = signed_in(client, fiona)
    page = client.get(_targets_page(consortium)).content.decode()
    posted = {
        **form_fields(page, containing="baseline"),
        "baseline": "1,000",
        "baseline_date": "2026-01-01",
        "period_1": "5,000",
    }
    assert client.post(_targets_page(consortium), posted).status_code == 302
    baseline = Baseline.objects.get(consortium=consortium, indicator__code="export_sales")
    page = client.get(_targets_page(consortium)).content.decode()
    assert 'value="1,000"' in page
    assert 'value="5,000"' in page
    posted = {**form_fields(page, containing="baseline"), "period_1": "7,500"}
    assert client.post(_targets_page(consortium), posted).status_code == 302
    target = IndicatorTarget.objects.get(consortium=consortium, indicator__code="export_sales", period=1)
    assert target.target == 7500
    assert target.version == 2
    baseline.refresh_from_db()
    assert (baseline.value, baseline.version) == (1000, 1)  # not written again


def test_a_stale_target_form_changes_nothing_and_says_so(client, report, fiona, cora):
    consortium = report.period.consortium
    target = _set(consortium, fiona)
    client = signed_in(client, fiona)
    opened = form_fields(client.get(_targets_page(consortium)).content.decode(), containing="baseline")
    _set(consortium, cora, target="5200", version=target.version)
    response = client.post(_targets_page(consortium), {**opened, "period_1": "9,000", "period_2": "6,000"}, follow=True)
    assert "Someone changed this baseline or target" in response.content.decode()
    assert 'value="5,200"' in response.content.decode()  # what is saved now
    target.refresh_from_db()
    assert target.target == 5200
    assert not IndicatorTarget.objects.filter(period=2).exists()  # all or nothing


def test_a_figure_someone_else_changed_is_no_conflict_when_this_person_left_it_alone(client, report, fiona, cora):
    consortium = report.period.consortium
    target = _set(consortium, fiona)
    client = signed_in(client, fiona)
    opened = form_fields(client.get(_targets_page(consortium)).content.decode(), containing="baseline")
    _set(consortium, cora, target="5200", version=target.version)
    assert client.post(_targets_page(consortium), {**opened, "period_2": "6,000"}).status_code == 302
    assert IndicatorTarget.objects.get(period=1).target == 5200
    assert IndicatorTarget.objects.get(period=2).target == 6000


def test_people_who_may_not_set_targets_get_403_and_strangers_404(client, report, mia, charlie):
    consortium = report.period.consortium
    assert signed_in(client, mia).get(_targets_page(consortium)).status_code == 403
    assert signed_in(client, mia).post(_targets_page(consortium), {"period_1": "1"}).status_code == 403
    assert signed_in(client, charlie).get(_targets_page(consortium)).status_code == 404
    assert not IndicatorTarget.objects.exists()


def test_reading_a_reports_history_costs_two_queries_however_many_changes(report, fiona):
    from core.testing import count_queries
    from monitoring.selectors import report_history

    for number in range(5):
        services.report_save(
            report=report, by=fiona, version=report.version, values={"export_sales": str(100 + number)}
        )
    assert count_queries(lambda: report_history(report)) == 2
    for number in range(20):
        services.report_save(
            report=report, by=fiona, version=report.version, values={"export_sales": str(200 + number)}
        )
    assert count_queries(lambda: report_history(report)) == 2


def test_a_target_set_by_someone_else_after_the_page_opened_is_a_conflict_not_a_silent_error(
    client, report, fiona, cora
):
    consortium = report.period.consortium
    client = signed_in(client, fiona)
    opened = form_fields(client.get(_targets_page(consortium)).content.decode(), containing="baseline")
    assert opened["period_1_version"] == ""  # no target yet: nothing to have read
    _set(consortium, cora, target="8000")
    response = client.post(_targets_page(consortium), {**opened, "period_1": "9,000"}, follow=True)
    assert "Someone changed this baseline or target" in response.content.decode()
    assert IndicatorTarget.objects.get(consortium=consortium, period=1).target == 8000
