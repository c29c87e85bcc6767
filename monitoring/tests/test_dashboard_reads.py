"""The dashboard's charts, filters and exports read right (issue #11 D)."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
import time_machine
from django.utils import timezone, translation
from openpyxl import load_workbook

from core.testing import api, signed_in
from monitoring import dashboard
from monitoring.forms import DashboardFilter

pytestmark = pytest.mark.django_db


def test_the_phase_chart_lists_all_ten_phases_with_their_titles_zeros_included(active, cora):
    with translation.override("es"):
        phases = dashboard.summary(cora, today=timezone.localdate())["consortia_per_phase"]
    assert [row["phase"] for row in phases] == list(range(1, 11))
    assert phases[0]["count"] == 1
    assert sum(row["count"] for row in phases) == 1
    assert phases[0]["title"] == active.phases.get(number=1).template.title_es


def test_the_country_filter_lists_the_scope_in_the_users_language(cora, pierre, ada, active):
    with translation.override("es"):
        assert DashboardFilter(user=cora).fields["country"].choices == [("", "Todos"), ("CR", "Costa Rica")]
        choices = dict(DashboardFilter(user=ada).fields["country"].choices)
    assert "PE" not in choices
    assert choices["CR"] == "Costa Rica"
    assert [code for code, _ in DashboardFilter(user=pierre).fields["country"].choices] == ["", "PE"]


def test_charts_name_countries(client, cora, active):
    page = signed_in(client, cora).get("/reports/dashboard/").content.decode()
    assert '"country_name": "Costa Rica"' in page


def test_exports_have_a_bom_labels_codes_and_real_dates(client, report, cora):
    due = report.period.due
    later = due + datetime.timedelta(days=3)
    with time_machine.travel(datetime.datetime.combine(later, datetime.time(9)), tick=False):
        csv_response = signed_in(client, cora).get("/reports/dashboard/overdue.csv")
        xlsx_response = client.get("/reports/dashboard/overdue.xlsx")
    body = csv_response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert rows[0][-2:] == ["Status", "Status code"]
    assert rows[1][-2:] == ["Open", "open"]
    assert rows[1][3] == due.isoformat()
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert sheet["D2"].is_date
    assert sheet["D2"].value.date() == due


def test_the_summary_api_takes_the_same_scope(cora, active):
    assert api(cora).get("/api/v1/dashboard/summary/?country=PE").status_code == 400
    assert api(cora).get("/api/v1/dashboard/summary/?country=CR").status_code == 200
