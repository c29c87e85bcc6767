"""Every figure keeps its history: who changed which field, from what to what, and when."""

from __future__ import annotations

import pytest

from core.testing import api, signed_in
from monitoring import services
from monitoring.models import Indicator, IndicatorTarget
from monitoring.tests.conftest import COMPLETE

pytestmark = pytest.mark.django_db


def test_the_report_history_shows_who_changed_what_from_what_to_what(client, report, fiona, cora):
    services.report_save(report=report, by=fiona, version=report.version, values=COMPLETE, achievements="One fair")
    services.report_save(
        report=report, by=fiona, version=report.version, values={"export_sales": "75000"}, achievements="Two fairs"
    )
    page = signed_in(client, cora).get(f"/reports/{report.pk}/history/").content.decode()
    assert "History of report #1" in page
    assert "One fair" in page and "Two fairs" in page
    assert "60,000" in page and "75,000" in page  # the values, in the reader's format
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


def test_target_history_records_page_admin_and_service_changes(client, report, fiona, cora, ada):
    consortium = report.period.consortium
    indicator = Indicator.objects.get(code="export_sales")
    target = services.target_set(consortium=consortium, indicator=indicator, by=fiona, baseline="1000", target="5000")
    services.target_set(consortium=consortium, indicator=indicator, by=cora, version=target.version, target="6000")
    # An admin edit in Django admin is recorded too, and bumps the version.
    admin = signed_in(client, ada)
    change_url = f"/admin/monitoring/indicatortarget/{target.pk}/change/"
    response = admin.post(
        change_url, {"consortium": consortium.pk, "indicator": indicator.pk, "baseline": "1000", "target": "6500"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    target.refresh_from_db()
    assert (target.target, target.version) == (6500, 4)
    page = signed_in(client, fiona).get(f"/reports/consortium/{consortium.pk}/targets/history/").content.decode()
    assert "5,000" in page and "6,000" in page and "Cora Coordinator" in page
    assert "6,500" in page and "Ada Admin" in page
    assert IndicatorTarget.history.filter(id=target.pk).count() == 4


def test_saving_only_a_target_on_the_page_keeps_the_baseline(client, report, fiona):
    consortium = report.period.consortium
    url = f"/reports/consortium/{consortium.pk}/"
    client = signed_in(client, fiona)
    client.post(url, {"indicator": "export_sales", "baseline": "1,000", "target": "5,000", "version": ""})
    target = IndicatorTarget.objects.get(consortium=consortium, indicator__code="export_sales")
    assert (target.baseline, target.target) == (1000, 5000)
    page = client.get(url).content.decode()
    assert 'value="1,000"' in page and 'value="5,000"' in page  # the form is pre-filled
    client.post(url, {"indicator": "export_sales", "baseline": "1,000", "target": "7,500", "version": target.version})
    target.refresh_from_db()
    assert (target.baseline, target.target) == (1000, 7500)


def test_a_stale_target_form_changes_nothing_and_says_so(client, report, fiona, cora):
    consortium = report.period.consortium
    indicator = Indicator.objects.get(code="export_sales")
    target = services.target_set(consortium=consortium, indicator=indicator, by=fiona, baseline="1000", target="5000")
    services.target_set(consortium=consortium, indicator=indicator, by=cora, version=target.version, baseline="1200")
    response = signed_in(client, fiona).post(
        f"/reports/consortium/{consortium.pk}/",
        {"indicator": "export_sales", "baseline": "1,000", "target": "9,000", "version": target.version},
        follow=True,
    )
    assert "Someone changed this baseline or target" in response.content.decode()
    target.refresh_from_db()
    assert (target.baseline, target.target) == (1200, 5000)


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
    url = f"/reports/consortium/{consortium.pk}/"
    client = signed_in(client, fiona)
    page = client.get(url).content.decode()  # no target yet: the row's form carries no version
    assert 'name="version"' in page
    indicator = Indicator.objects.get(code="export_sales")
    services.target_set(consortium=consortium, indicator=indicator, by=cora, target="8000")
    response = client.post(
        url, {"indicator": "export_sales", "baseline": "", "target": "9,000", "version": ""}, follow=True
    )
    assert "Someone changed this baseline or target" in response.content.decode()
    assert IndicatorTarget.objects.get(consortium=consortium, indicator=indicator).target == 8000
