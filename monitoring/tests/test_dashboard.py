from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from consortia.tests.factories import ConsortiumFactory
from core.testing import count_queries
from monitoring import dashboard
from monitoring.models import Indicator, IndicatorValue, ProgressReport
from monitoring.services import open_due_periods, refresh_figures_of

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 1)


def active(country="CR", members=3, activated=dt.date(2025, 1, 15)):
    return ConsortiumFactory(status="active", activated_on=activated, country=country, members=members)


def report(consortium, number, *, status="accepted", submitted=None, rating="", **values):
    r = ProgressReport.objects.get(period__consortium=consortium, period__number=number)
    r.status = status
    r.first_submitted_at = r.submitted_at = (
        dt.datetime.combine(submitted, dt.time(12), tzinfo=dt.UTC) if submitted else None
    )
    r.rating = rating
    r.save()
    for code, value in values.items():
        IndicatorValue.objects.create(report=r, indicator=Indicator.objects.get(code=code), value=Decimal(value))
    refresh_figures_of(r)  # written here by hand, as the report services would have kept them
    return r


@pytest.fixture
def world():
    """Two CR consortia and one PE, activated 15 Jan 2025: periods 1 (due 29 Jul 2025) and 2 (due 29 Jan 2026)
    are due on 1 Mar 2026; period 3 is open, not due."""
    cr1, cr2, pe = active(), active(members=4), active(country="PE")
    open_due_periods(today=TODAY)
    report(cr1, 1, submitted=dt.date(2025, 7, 20), export_sales=1000, producers_integrated=10)
    report(cr1, 2, submitted=dt.date(2026, 2, 10), rating="at_risk", export_sales=1500, producers_integrated=12)  # late
    report(cr2, 1, submitted=dt.date(2025, 7, 29), export_sales=500)  # on the due date
    report(cr2, 2, status="submitted", submitted=dt.date(2026, 1, 20), export_sales=700)  # awaiting review
    report(pe, 1, submitted=dt.date(2025, 7, 1), export_sales=9000)
    # pe period 2 never submitted: overdue
    return cr1, cr2, pe


def test_figures_match_hand_computed_values(world, cora):
    data = dashboard.summary(cora, today=TODAY)  # cora sees Costa Rica only
    assert data["active_consortia"] == 2
    assert data["member_enterprises"] == 7
    # latest reported export sales: cr1 period 2 (1500, accepted) + cr2 period 2 (700, submitted)
    assert data["export_sales_last_period"] == Decimal(2200)
    assert data["producers_integrated"] == Decimal(12)
    # 4 CR reports due; 4 submitted; on time: cr1#1, cr2#1, cr2#2 = 3
    assert (data["reporting_rate"], data["on_time_rate"]) == (1.0, 0.75)
    assert [r.period.consortium for r in data["reports_awaiting_review"]] == [world[1]]
    assert data["overdue_reports"] == []
    assert [c.pk for c in data["consortia_at_risk"]] == [world[0].pk]


def test_all_countries_coordinator_sees_rates_per_country(world, ada):
    data = dashboard.summary(ada, today=TODAY)
    rates = {
        row["country"]: (row["due"], row["reporting_rate"], row["on_time_rate"]) for row in data["rates_by_country"]
    }
    assert rates == {"CR": (4, 1.0, 0.75), "PE": (2, 0.5, 0.5)}
    assert [r.period.consortium for r in data["overdue_reports"]] == [world[2]]
    assert (data["reporting_rate"], data["on_time_rate"]) == (round(5 / 6, 3), round(4 / 6, 3))
    assert {row["period"]: row["total"] for row in data["export_sales_per_period"]} == {
        "2025-H2": Decimal(10500),  # period 1 ends 14 Jul 2025
        "2026-H1": Decimal(2200),
    }


def test_filters_narrow_the_figures(world, ada):
    assert dashboard.summary(ada, today=TODAY, country="PE")["active_consortia"] == 1
    assert dashboard.summary(ada, today=TODAY, kind="origin")["active_consortia"] == 0


@pytest.mark.parametrize(("who", "status"), [("cora", 200), ("ada", 200), ("charlie", 200)])
def test_dashboard_page_is_scoped_to_the_viewer(client, world, request, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.get("/reports/dashboard/")
    assert response.status_code == status
    if who == "charlie":
        assert b'id="fig-active">0<' in response.content


def test_summary_endpoint_and_bad_filter(world, cora):
    api = APIClient()
    api.force_authenticate(cora)
    body = api.get("/api/v1/dashboard/summary/").json()
    assert body["active_consortia"] == 2
    assert api.get("/api/v1/dashboard/summary/?country=ZZ").status_code == 400


def test_dashboard_tables_download_as_csv_and_xlsx(client, world, ada):
    client.force_login(ada)
    response = client.get("/reports/dashboard/awaiting.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert world[1].name in response.content.decode()
    response = client.get("/reports/dashboard/overdue.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=1).value == world[2].name
    assert client.get("/reports/dashboard/secrets.csv").status_code == 404


def test_the_tracking_sheet_is_404_for_someone_who_cannot_see_the_consortium(client, world, cora, charlie):
    # Its figures are checked against hand-computed values in test_tracking.py.
    client.force_login(cora)
    assert client.get(f"/reports/tracking/{world[0].pk}.xlsx").status_code == 200
    client.force_login(charlie)
    assert client.get(f"/reports/tracking/{world[0].pk}.csv").status_code == 404


@pytest.mark.parametrize("path", ["/reports/dashboard/", "/api/v1/dashboard/summary/"])
def test_dashboard_queries_are_the_same_with_5_and_200_consortia(client, ada, path, django_assert_max_num_queries):
    client.force_login(ada)

    def make(n):
        for index in range(n):
            active(country=["CR", "PE", "MX"][index % 3], members=1)
        open_due_periods(today=TODAY)
        for r in ProgressReport.objects.filter(period__number=1, first_submitted_at__isnull=True)[:n]:
            r.status, r.rating = "accepted", "on_track"
            r.first_submitted_at = dt.datetime(2025, 7, 1, tzinfo=dt.UTC)
            r.save()

    make(5)
    with_five = count_queries(lambda: client.get(path))
    make(195)
    with django_assert_max_num_queries(with_five):
        assert client.get(path).status_code == 200


def test_a_report_submitted_late_in_the_evening_of_its_due_date_is_on_time_everywhere(report, fiona, cora):
    """One rule: the programme's local date. 23:30 in Caracas is already the next day in UTC."""
    import datetime
    import zoneinfo

    import time_machine
    from django.conf import settings
    from django.utils import timezone

    from monitoring import dashboard
    from monitoring import services as monitoring_services
    from monitoring.tests.conftest import COMPLETE

    due = report.period.due
    evening = datetime.datetime.combine(due, datetime.time(23, 30), zoneinfo.ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(evening, tick=False):
        monitoring_services.report_save(report=report, by=fiona, version=report.version, values=COMPLETE)
        monitoring_services.report_submit(report=report, by=fiona)
    report.refresh_from_db()
    assert report.first_submitted_at.astimezone(datetime.UTC).date() > due
    assert report.submitted_on_time is True
    data = dashboard.summary(cora, today=due + datetime.timedelta(days=1))
    assert data["on_time_rate"] == 1.0
    assert timezone.localdate(report.first_submitted_at) == due


def test_the_country_filter_offers_each_country_of_the_scope_once(world, ada):
    from monitoring.forms import DashboardFilter

    codes = [code for code, _label in DashboardFilter(user=ada).fields["country"].choices if code]
    assert sorted(codes) == ["CR", "PE"]  # two consortia in Costa Rica, one entry
