"""Each form, rendered and posted back unchanged in en, es, fr and pt, changes nothing;
figures typed with the language's grouping are stored as the person meant them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from consortia.models import Consortium, Membership
from core.testing import form_fields, signed_in
from members.models import Enterprise
from methodology.models import Task
from monitoring.models import IndicatorTarget, ProgressReport

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "es", "fr", "pt"]
# 34,500.5 as each language writes it.
GROUPED = {"en": "34,500.5", "es": "34.500,5", "fr": "34 500,5", "pt": "34.500,5"}


def _speaking(user, language):
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


def _snapshot(instance, fields):
    instance.refresh_from_db()
    return {name: getattr(instance, name) for name in fields}


@pytest.fixture
def dated(active, fiona, mia):
    """An active consortium whose first task, membership and founding have dates and figures."""
    Consortium.objects.filter(pk=active.pk).update(established=datetime.date(2012, 3, 15))
    Membership.objects.filter(consortium=active).update(joined=datetime.date(2012, 4, 1))
    task = Task.objects.filter(phase__consortium=active, phase__number=1).order_by("order").first()
    Task.objects.filter(pk=task.pk).update(due_date=datetime.date(2027, 3, 15), notes="Call MEIC", assignee=mia)
    Enterprise.objects.filter(pk=mia.enterprise_id).update(employees=1372, annual_sales_usd=Decimal("60000.50"))
    return active


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_consortium_form_posted_unchanged_changes_nothing(client, dated, olga, language):
    fields = ["name", "region", "established", "country", "sponsor_id", "products", "kind", "function"]
    before = _snapshot(dated, fields)
    page = signed_in(client, _speaking(olga, language)).get(f"/consortia/{dated.pk}/edit/").content.decode()
    assert 'value="2012-03-15"' in page
    response = client.post(f"/consortia/{dated.pk}/edit/", form_fields(page, containing="name"))
    assert response.status_code == 302
    assert _snapshot(dated, fields) == before
    assert set(dated.facilitators.values_list("email", flat=True)) == {"fiona@example.org"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_task_form_posted_unchanged_keeps_the_due_date(client, dated, fiona, language):
    task = Task.objects.filter(phase__consortium=dated, phase__number=1).order_by("order").first()
    before = _snapshot(task, ["status", "assignee_id", "due_date", "notes", "version"])
    page = signed_in(client, _speaking(fiona, language)).get(f"/tasks/{task.pk}/").content.decode()
    posted = form_fields(page, containing="due_date")
    assert posted["due_date"] == "2027-03-15"
    client.post(f"/tasks/{task.pk}/update/", posted)
    assert _snapshot(task, ["status", "assignee_id", "due_date", "notes", "version"]) == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_note_saved_from_the_checklist_row_keeps_the_due_date(client, dated, fiona, language):
    task = Task.objects.filter(phase__consortium=dated, phase__number=1).order_by("order").first()
    signed_in(client, _speaking(fiona, language))
    row = client.get(f"/tasks/{task.pk}/row/?edit=1", HTTP_HX_REQUEST="true").content.decode()
    posted = form_fields(row, containing="notes")
    posted["notes"] = "Called MEIC, meeting on Tuesday"
    client.post(f"/tasks/{task.pk}/update/", posted, HTTP_HX_REQUEST="true")
    task.refresh_from_db()
    assert (task.notes, task.due_date) == ("Called MEIC, meeting on Tuesday", datetime.date(2027, 3, 15))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_enterprise_form_round_trips_and_reads_grouped_figures(client, dated, mia, language):
    firm = Enterprise.objects.get(pk=mia.enterprise_id)
    fields = ["name", "employees", "annual_sales_usd", "country", "export_markets", "website", "phone"]
    before = _snapshot(firm, fields)
    url = f"/enterprises/{firm.pk}/edit/"
    page = signed_in(client, _speaking(mia, language)).get(url).content.decode()
    posted = form_fields(page, containing="employees")
    assert client.post(url, posted).status_code == 302
    assert _snapshot(firm, fields) == before
    posted["annual_sales_usd"] = GROUPED[language]
    posted["employees"] = {"en": "1,400", "es": "1.400", "fr": "1 400", "pt": "1.400"}[language]
    assert client.post(url, posted).status_code == 302
    firm.refresh_from_db()
    assert (firm.annual_sales_usd, firm.employees) == (Decimal("34500.50"), 1400)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_membership_form_renders_its_date_iso(client, dated, olga, language):
    page = signed_in(client, _speaking(olga, language)).get(f"/consortia/{dated.pk}/members/add/").content.decode()
    assert 'type="date"' in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_report_form_round_trips_and_reads_grouped_figures(client, dated, fiona, language):
    from monitoring.services import open_due_periods, report_save

    open_due_periods(consortia=Consortium.objects.filter(pk=dated.pk))
    report = ProgressReport.objects.get(period__consortium=dated, period__number=1)
    report_save(report=report, by=fiona, version=report.version, values={"export_sales": "60000.5"}, achievements="A")
    url = f"/reports/{report.pk}/edit/"
    page = signed_in(client, _speaking(fiona, language)).get(url).content.decode()
    posted = form_fields(page, containing="value_export_sales")
    assert (
        posted["value_export_sales"]
        == {"en": "60,000.5", "es": "60.000,5", "fr": "60\xa0000,5", "pt": "60.000,5"}[language]
    )
    posted["save"] = "1"
    assert client.post(url, posted).status_code == 302
    report.refresh_from_db()
    assert (report.version, report.values.get().value) == (2, Decimal("60000.50"))  # nothing changed: no new version
    page = client.get(url).content.decode()
    posted = {
        **form_fields(page, containing="value_export_sales"),
        "value_export_sales": GROUPED[language],
        "save": "1",
    }
    assert client.post(url, posted).status_code == 302
    assert report.values.get().value == Decimal("34500.50")


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_ambiguous_figure_is_refused_with_the_accepted_form(client, dated, fiona, language):
    from monitoring.services import open_due_periods

    open_due_periods(consortia=Consortium.objects.filter(pk=dated.pk))
    report = ProgressReport.objects.get(period__consortium=dated, period__number=1)
    url = f"/reports/{report.pk}/edit/"
    page = signed_in(client, _speaking(fiona, language)).get(url).content.decode()
    typed = {"en": "34,5", "es": "34.5", "fr": "34.5", "pt": "34.5"}[language]
    posted = {**form_fields(page, containing="value_export_sales"), "value_export_sales": typed, "save": "1"}
    response = client.post(url, posted)
    assert response.status_code == 200
    assert (
        GROUPED[language].replace(" ", "\xa0") in response.content.decode()
        or GROUPED[language] in response.content.decode()
    )
    assert not report.values.exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_target_form_round_trips_in_each_language(client, dated, fiona, language):
    from monitoring.models import Indicator
    from monitoring.services import baseline_set, target_set

    indicator = Indicator.objects.get(code="export_sales")
    common = {"consortium": dated, "indicator": indicator, "by": fiona}
    baseline = baseline_set(**common, value="12000", measured_on=datetime.date(2025, 3, 1))
    target = target_set(**common, period=None, target="34500.5", target_date=datetime.date(2027, 6, 30))
    url = f"/reports/consortium/{dated.pk}/targets/export_sales/"
    page = signed_in(client, _speaking(fiona, language)).get(url).content.decode()
    posted = form_fields(page, containing="baseline")
    assert posted["plan_target"] == GROUPED[language].replace(" ", "\xa0")
    assert (posted["plan_date"], posted["baseline_date"]) == ("2027-06-30", "2025-03-01")
    assert client.post(url, posted).status_code == 302  # unchanged: nothing written
    typed = {"en": "40,000.25", "es": "40.000,25", "fr": "40 000,25", "pt": "40.000,25"}[language]
    assert client.post(url, {**posted, "period_2": typed}).status_code == 302
    saved = IndicatorTarget.objects.get(consortium=dated, indicator=indicator, period=None)
    assert (saved.target, saved.version) == (Decimal("34500.50"), target.version)
    assert IndicatorTarget.objects.get(consortium=dated, period=2).target == Decimal("40000.25")
    baseline.refresh_from_db()
    assert (baseline.value, baseline.version) == (Decimal("12000"), 1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_custom_task_form_reads_its_date_in_each_language(client, dated, fiona, language):
    phase = dated.phases.get(number=2)
    url = f"/phases/{phase.pk}/tasks/new/"
    page = signed_in(client, _speaking(fiona, language)).get(url).content.decode()
    assert 'type="date"' in page
    posted = {**form_fields(page, containing="title"), "title": "Book the fair", "due_date": "2027-03-15"}
    assert client.post(url, posted).status_code == 302
    assert phase.tasks.get(custom_title="Book the fair").due_date == datetime.date(2027, 3, 15)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_profile_form_posted_unchanged_changes_nothing(client, fiona, language):
    user = _speaking(fiona, language)
    before = _snapshot(user, ["full_name", "preferred_language", "institution_id", "is_coordinator"])
    page = signed_in(client, user).get("/accounts/profile/").content.decode()
    assert client.post("/accounts/profile/", form_fields(page, containing="full_name")).status_code == 302
    assert _snapshot(user, ["full_name", "preferred_language", "institution_id", "is_coordinator"]) == before
