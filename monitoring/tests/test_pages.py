"""What the report form, the dashboard and the inbox show a person first."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from core.testing import signed_in
from monitoring import services
from monitoring.models import ReportingPeriod
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_report_form_puts_each_figure_under_its_label_with_previous_and_target(client, report, fiona):
    body = signed_in(client, fiona).get(f"/reports/{report.pk}/edit/").content.decode()
    field = body[body.index('data-indicator="export_sales"') :]
    label, box, hints = field.index("<label"), field.index('id="id_value_export_sales"'), field.index("Previous period")
    assert label < box < hints  # label above, the box, then the previous value and the target
    assert "form-control-lg" in field[: box + 200]
    assert 'inputmode="decimal"' in field[: field.index("</div>")] or 'inputmode="decimal"' in field[:2000]


def test_a_returned_report_shows_the_coordinators_comment_at_the_top(client, report, fiona, cora, complete_values):
    services.report_save(report=report, by=fiona, values=complete_values, version=report.version)
    report.refresh_from_db()
    services.report_submit(report=report, by=fiona)
    services.report_review(
        report=report,
        by=cora,
        decision="revision_requested",
        rating="needs_attention",
        comment="Split sales by market.",
    )
    body = signed_in(client, fiona).get(f"/reports/{report.pk}/edit/").content.decode()
    comment = body.index('id="returned-comment"')
    assert "Cora Coordinator asked for a revision on" in body[comment:]
    assert "Split sales by market." in body[comment:]
    assert comment < body.index('id="indicator-fields"')


def test_a_report_never_returned_has_no_comment_box(client, report, fiona):
    assert 'id="returned-comment"' not in signed_in(client, fiona).get(f"/reports/{report.pk}/edit/").content.decode()


def test_the_dashboard_says_what_needs_the_coordinator_first(client, report, cora):
    ReportingPeriod.objects.filter(pk=report.period_id).update(due=timezone.localdate() - datetime.timedelta(days=1))
    body = signed_in(client, cora).get("/reports/dashboard/").content.decode()
    summary = body[body.index('id="dashboard-summary"') : body.index("</p>", body.index('id="dashboard-summary"'))]
    assert body.index('id="dashboard-summary"') < body.index('id="figures"')  # the sentence above the figures
    assert "1 report overdue" in summary
    assert "0 awaiting your review" in summary
    assert "0 candidates" in summary


def test_the_dashboard_lists_overdue_reports_with_days_late(client, report, cora):
    today = timezone.localdate()
    ReportingPeriod.objects.filter(pk=report.period_id).update(due=today - datetime.timedelta(days=12))
    body = signed_in(client, cora).get("/reports/dashboard/").content.decode()
    table = body[body.index('id="overdue"') :]
    assert "Delicia Test #1" in table
    assert ">12</td>" in table


def test_a_period_reads_in_the_readers_date_format(report):
    with translation.override("es"):
        assert "(" + report.period.start.strftime("%d/%m/%Y") in str(report.period)
    with translation.override("en"):
        assert report.period.start.isoformat() not in str(report.period)


def test_portuguese_months_are_in_lower_case():
    from django.utils.formats import date_format

    with translation.override("pt"):
        assert date_format(datetime.date(2025, 1, 15), "DATE_FORMAT") == "15 de janeiro de 2025"
    with translation.override("es"):
        assert date_format(datetime.date(2025, 1, 15), "DATE_FORMAT") == "15 de enero de 2025"


def test_the_inbox_groups_notices_by_day_with_an_icon_per_kind(client, fiona):
    old = Notification.objects.create(recipient=fiona, kind="task_assigned", dedup_key="a", subject="Older", body="")
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    Notification.objects.create(recipient=fiona, kind="report_reminder", dedup_key="b", subject="Newer", body="")
    body = signed_in(client, fiona).get("/notifications/").content.decode()
    assert body.count('<h2 class="h6 text-body-secondary mt-3">') == 2
    assert body.index("Newer") < body.index("Older")
    assert 'class="bi bi-calendar-event' in body
    assert 'class="bi bi-list-check' in body
    assert 'aria-label="Report reminders"' in body  # the icon is named, not only drawn


def test_the_report_list_offers_a_consortium_select_while_few_and_a_name_search_past_that(
    client, report, cora, olga, monkeypatch
):
    from monitoring.filters import ReportPageFilter

    client = signed_in(client, cora)
    body = client.get("/reports/").content.decode()
    assert '<select name="consortium"' in body
    assert "data-searchable" in body
    assert 'name="consortium_name"' not in body
    monkeypatch.setattr(ReportPageFilter, "SELECT_LIMIT", 0)
    body = client.get("/reports/").content.decode()
    assert '<select name="consortium"' not in body
    assert 'name="consortium_name"' in body
    assert "Delicia Test" in client.get("/reports/?consortium_name=delicia").content.decode()
    assert "Delicia Test" not in client.get("/reports/?consortium_name=nothing-like-it").content.decode()
