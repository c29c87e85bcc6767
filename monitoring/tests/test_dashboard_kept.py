"""The dashboard's report counts, read from the kept tallies (ConsortiumFigures) plus the reports
that fell due since, never differ from a count of every report, whatever day it is asked."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django.db import connection, transaction
from django.utils import timezone

from consortia import services as consortium_services
from consortia.models import Consortium, Membership
from consortia.tests.factories import ConsortiumFactory
from core.testing import count_queries, form_fields, run_together
from members.tests.factories import EnterpriseFactory
from methodology import services as methodology_services
from methodology.models import Phase, Task
from methodology.services import instantiate_methodology
from monitoring import dashboard, services
from monitoring.models import ConsortiumFigures, PairFigures, ProgressReport, ReportingPeriod
from monitoring.selectors import (
    figures_disagreeing,
    pair_figures_disagreeing,
    reported_sales,
    sales_by_half,
    sales_cells_disagreeing,
)
from monitoring.tests.conftest import COMPLETE

TODAY = timezone.localdate()  # the kept tallies are counted on the real day
LATER = [TODAY, TODAY + datetime.timedelta(days=1), TODAY + datetime.timedelta(days=200), TODAY.replace(year=2099)]


def fresh(report) -> ProgressReport:
    return ProgressReport.objects.select_related("period__consortium").get(pk=report.pk)


def submitted(report, by) -> None:
    services.report_save(report=fresh(report), by=by, version=fresh(report).version, values=dict(COMPLETE))
    services.report_submit(report=fresh(report), by=by)


def agree(user, **filters) -> dict:
    """The kept counts equal the counted ones on each day from today; the kept path was taken."""
    consortia = dashboard.scoped_consortia(user, **filters)
    active = consortia.filter(status=Consortium.Status.ACTIVE)
    sees_everything = not Consortium.objects.visible_to(user).query.where and not filters.get("sector")
    pairs = PairFigures.objects.filter(**{k: v for k, v in filters.items() if k in ("country", "kind")})
    for day in LATER:
        kept, counted = dashboard._kept_counts(consortia, day), dashboard._counted_now(consortia, day)
        assert kept is not None, day
        if sees_everything:  # what is kept per country and kind says the same
            assert dashboard._kept_counts(consortia, day, per_pair=pairs) == kept, day
        members = dashboard._member_enterprises(active, kept.pop("members"))
        assert members == dashboard._member_enterprises(active, counted.pop("members")), day
        assert kept == counted, day
    assert figures_disagreeing(Consortium.objects.all()) == []
    assert pair_figures_disagreeing() == []
    if not Consortium.objects.visible_to(user).query.where:
        sales_agree(user, **filters)
    return dashboard._kept_counts(consortia, TODAY) or {}


def sales_agree(user, **filters) -> None:
    """The sales chart from the kept cells equals the sum of the reports' values."""
    assert sales_cells_disagreeing() == []
    if filters.get("sector"):
        return  # summed from the values: nothing kept to compare
    asked = {"country": "", "kind": "", **filters}
    consortia = dashboard.scoped_consortia(user, **asked)
    kept = dashboard._sales_per_half(user, consortia, sector="", **asked)
    values = reported_sales().filter(report__period__consortium__in=consortia.values("pk"))
    assert kept == {half: total for (half,), total in sales_by_half(values).items()}


def activated(days_ago: int, *, country="CR", kind=Consortium.Kind.EXPORT, fiona=None) -> Consortium:
    consortium = ConsortiumFactory(
        status="active", activated_on=TODAY - datetime.timedelta(days=days_ago), country=country, kind=kind, members=3
    )
    if fiona is not None:
        consortium.facilitators.add(fiona)
    instantiate_methodology(consortium=consortium)
    services.open_due_periods(consortia=Consortium.objects.filter(pk=consortium.pk))
    return consortium


@pytest.fixture
def region(fiona):
    """Three consortia whose reports fell due over two years (overdue ones among them), and one
    activated this week; each opened by the daily job's rule, which counts what is already due."""
    old = activated(800, fiona=fiona)
    pe = activated(400, country="PE", kind=Consortium.Kind.ORIGIN, fiona=fiona)
    recent = activated(190, fiona=fiona)
    new = activated(3, fiona=fiona)
    return old, pe, recent, new


def reports_of(consortium) -> list[ProgressReport]:
    return list(ProgressReport.objects.filter(period__consortium=consortium).order_by("period__number"))


@pytest.mark.django_db
def test_the_kept_counts_follow_the_report_workflow_on_every_later_day(region, ada, cora, fiona):
    old, pe, recent, _new = region
    counts = agree(ada)
    assert sum(row["reports_overdue"] for row in counts["per_country"].values()) > 0  # the late ones

    first, second, *_ = reports_of(old)
    submitted(first, fiona)  # late: after its due date
    agree(ada)
    services.report_review(report=fresh(first), by=cora, decision="revision_requested", rating="at_risk", comment="?")
    agree(ada)
    submitted(first, fiona)
    services.report_review(report=fresh(first), by=cora, decision="accepted", rating="on_track")
    submitted(second, fiona)
    submitted(reports_of(pe)[0], fiona)
    current = reports_of(recent)[-1]  # not due yet: submitted early, awaiting review
    assert current.due > TODAY
    submitted(current, fiona)

    counts = agree(ada)
    assert counts["per_country"]["CR"]["reports_awaiting"] == 2
    assert counts["per_country"]["PE"]["reports_awaiting"] == 1
    agree(cora)  # a coordinator of Costa Rica only
    agree(ada, country="PE")
    agree(ada, kind=Consortium.Kind.ORIGIN)
    agree(ada, sector=old.sectors.get().code)


@pytest.mark.django_db
def test_the_figures_the_page_shows_are_the_same_either_way(region, ada, fiona, monkeypatch):
    old, *_ = region
    submitted(reports_of(old)[0], fiona)
    kept = dashboard.summary(ada, today=TODAY)
    monkeypatch.setattr(dashboard, "_kept_counts", lambda consortia, today, per_pair=None: None)
    assert dashboard.summary(ada, today=TODAY) == kept


@pytest.mark.django_db
def test_a_moved_due_date_and_a_deleted_period_are_counted_again(region, ada, client):
    old, *_ = region
    period = ReportingPeriod.objects.filter(consortium=old, due__gt=TODAY).get()
    period.due = TODAY - datetime.timedelta(days=2)  # the admin moves a deadline into the past
    period.save()
    agree(ada)
    ReportingPeriod.objects.filter(consortium=old, number=1).update(due=TODAY + datetime.timedelta(days=5))
    agree(ada)
    client.force_login(ada)
    doomed = ReportingPeriod.objects.get(consortium=old, number=2)
    response = client.post(f"/admin/monitoring/reportingperiod/{doomed.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    agree(ada)


@pytest.mark.django_db
def test_signing_off_and_reopening_a_phase_moves_the_current_phase(region, ada, cora, fiona):
    old, *_ = region
    phase = Phase.objects.get(consortium=old, number=1)
    Task.objects.filter(phase=phase).update(status=Task.Status.DONE, needs_evidence=False)
    methodology_services.phase_sign_off(phase=phase, by=fiona)
    counts = agree(ada)
    assert counts["per_phase"][2] == 1
    methodology_services.phase_reopen(phase=Phase.objects.get(pk=phase.pk), by=cora, comment="Minutes missing")
    assert agree(ada)["per_phase"].get(2) is None


@pytest.mark.django_db
def test_a_consortium_whose_figures_were_never_counted_is_counted_from_its_reports(region, ada):
    old, *_ = region
    expected = dashboard.summary(ada, today=TODAY)
    ConsortiumFigures.objects.filter(consortium=old).delete()
    consortia = dashboard.scoped_consortia(ada)
    assert dashboard._kept_counts(consortia, TODAY) is None
    assert dashboard.summary(ada, today=TODAY)["overdue_count"] == expected["overdue_count"]
    services.figures_refresh_all()
    agree(ada)


@pytest.mark.django_db
def test_many_consortia_written_in_one_block_are_counted_once_on_leaving_it(region, ada):
    """seed_scale's way: each instantiation asks for its figures; they are counted once, at the end."""
    ConsortiumFigures.objects.update(current_phase=None, tasks=0)
    later = [ConsortiumFactory(status="active", activated_on=TODAY, country="CR", members=3) for _ in range(3)]
    with transaction.atomic(), services.figures_counted_once():
        for consortium in later:
            instantiate_methodology(consortium=consortium)
        assert set(ConsortiumFigures.objects.filter(consortium__in=later).values_list("current_phase", "tasks")) == {
            (None, 0)
        }
        # Not yet counted, and nothing else was either: the region's rows still say nothing.
        assert figures_disagreeing(Consortium.objects.all()) != []
        services.figures_refresh(Consortium.objects.filter(pk__in=[c.pk for c in region]))
    rows = ConsortiumFigures.objects.filter(consortium__in=later)
    assert {row.current_phase for row in rows} == {1}
    assert all(row.tasks > 0 for row in rows)
    assert figures_disagreeing(Consortium.objects.all()) == []
    agree(ada)


@pytest.mark.django_db
def test_a_new_consortium_starts_counted(reference_data):
    candidate = ConsortiumFactory()
    row = ConsortiumFigures.objects.get(consortium=candidate)
    assert (row.tallied_on, row.reports_due, row.current_phase) == (TODAY, 0, None)


@pytest.mark.django_db
def test_the_dashboard_reads_a_fixed_number_of_queries_as_consortia_grow(region, ada, client):
    client.force_login(ada)
    client.get("/reports/dashboard/")  # warm: content types, translations

    def page():
        assert client.get("/reports/dashboard/").status_code == 200

    few = count_queries(page)
    for days in (30, 300, 600):
        activated(days)
    assert dashboard._kept_counts(dashboard.scoped_consortia(ada), TODAY) is not None
    assert count_queries(page) == few <= 15


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks (CI sets DATABASE_URL)")
def test_the_daily_recount_and_submissions_at_once_leave_the_counts_right(reference_data, region, fiona, ada):
    """Submissions of three consortia's reports while the daily job recounts every row: each
    waits for the other's row lock and reads what it committed."""
    old, pe, recent, _new = region
    reports = [reports_of(old)[0], reports_of(pe)[0], reports_of(recent)[0]]
    for report in reports:
        services.report_save(report=fresh(report), by=fiona, version=fresh(report).version, values=dict(COMPLETE))

    def recount():
        with transaction.atomic():
            services.figures_refresh_all()

    actions = [recount, *(lambda r=r: services.report_submit(report=fresh(r), by=fiona) for r in reports)]
    results = run_together(*actions)
    assert not [r for r in results if isinstance(r, BaseException)], results
    counts = agree(ada)
    assert counts["per_country"]["CR"]["reports_awaiting"] == 2


@pytest.mark.django_db
def test_the_sales_cells_follow_a_consortium_that_moves_or_goes_and_a_period_that_moves(region, ada, fiona):
    old, pe, recent, _new = region
    for report in (*reports_of(old)[:2], reports_of(pe)[0], reports_of(recent)[0]):
        submitted(report, fiona)
    before = dashboard.summary(ada, today=TODAY)["export_sales_per_period"]
    assert sum(row["total"] for row in before) == 4 * 60000
    agree(ada)

    old.country = "PE"  # the admin corrects a country
    old.save()
    agree(ada, country="PE")
    agree(ada, country="CR")
    recent.kind = Consortium.Kind.ORIGIN
    recent.save(update_fields=["kind"])
    agree(ada, kind=Consortium.Kind.ORIGIN)
    period = ReportingPeriod.objects.get(consortium=pe, number=1)
    period.end = period.end.replace(year=period.end.year - 1)
    period.save()
    agree(ada)
    pe.delete()
    agree(ada)
    assert sum(row["total"] for row in dashboard.summary(ada, today=TODAY)["export_sales_per_period"]) == 3 * 60000


@pytest.mark.django_db
def test_an_enterprise_in_two_consortia_is_counted_once(region, ada, olga, client):
    old, pe, recent, _new = region
    firm = old.memberships.first().enterprise
    consortium_services.membership_add(consortium=recent, enterprise=firm, by=ada)
    consortium_services.membership_add(consortium=pe, enterprise=firm, by=ada)
    assert Membership.objects.get(consortium=old, enterprise=firm).shared
    agree(ada)
    assert dashboard.summary(ada, today=TODAY)["member_enterprises"] == 4 * 3
    agree(ada, country="PE")
    consortium_services.membership_end(membership=Membership.objects.get(consortium=recent, enterprise=firm), by=ada)
    agree(ada)
    client.force_login(ada)  # the admin deletes a membership in the consortium's page
    url = f"/admin/consortia/consortium/{pe.pk}/change/"
    data = form_fields(client.get(url).content.decode(), containing="name")
    row = next(
        k[: -len("-id")]
        for k, v in data.items()
        if k.startswith("memberships-")
        and k.endswith("-id")
        and str(v) == str(Membership.objects.get(consortium=pe, enterprise=firm).pk)
    )
    data[f"{row}-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    assert not Membership.objects.get(consortium=old, enterprise=firm).shared
    assert agree(ada)
    assert dashboard.summary(ada, today=TODAY)["member_enterprises"] == 4 * 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks (CI sets DATABASE_URL)")
def test_one_enterprise_joining_two_consortia_at_once_is_counted_once(reference_data, region, ada):
    """Each addition claims the enterprise's row, so the second sees the first and both
    memberships say the enterprise is in another consortium."""
    _old, pe, recent, _new = region
    firm = EnterpriseFactory(country="PE")  # in no consortium yet: each addition alone would see one
    written = threading.Event()

    def slowly():  # adds, then holds its transaction open a moment, as a slow request would
        with transaction.atomic():
            consortium_services.membership_add(consortium=pe, enterprise=firm, by=ada)
            written.set()
            time.sleep(0.5)

    def meanwhile():
        assert written.wait(timeout=10)
        consortium_services.membership_add(consortium=recent, enterprise=firm, by=ada)

    results = run_together(slowly, meanwhile)
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert set(Membership.objects.filter(enterprise=firm).values_list("shared", flat=True)) == {True}
    agree(ada)
    assert dashboard.summary(ada, today=TODAY)["member_enterprises"] == 4 * 3 + 1


@pytest.mark.django_db
def test_a_candidate_approved_and_a_consortium_paused_move_between_the_statuses(
    region, ada, cora, olga, candidate, django_capture_on_commit_callbacks
):
    old, *_ = region
    consortium_services.consortium_pause(consortium=old, by=cora, comment="Members reorganising")
    counts = agree(ada)
    assert {"country": "CR", "status": "paused", "count": 1} in counts["status_by_country"]
    consortium_services.consortium_submit(consortium=candidate, by=olga)
    agree(ada)
    with django_capture_on_commit_callbacks(execute=True):
        consortium_services.consortium_approve(consortium=candidate, by=cora)
    agree(ada)
    consortium_services.consortium_resume(consortium=old, by=cora)
    assert agree(ada)["per_phase"][1] == 5


def api_total(client, url: str) -> tuple[int, list[str]]:
    """The list's count, and the COUNT queries it ran."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response.json()["count"], [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"]]


@pytest.mark.django_db
def test_the_lists_of_everything_take_their_totals_from_what_is_kept(region, ada, fiona, client):
    """An admin's or all-country coordinator's list of every task, report or consortium reads its
    total from PairFigures (no count of the table); any filter counts; both always equal the rows."""
    old, *_ = region
    client.force_login(ada)
    for url, model in (
        ("/api/v1/tasks/", Task),
        ("/api/v1/reports/", ProgressReport),
        ("/api/v1/consortia/", Consortium),
    ):
        total, counts = api_total(client, url)
        assert total == model.objects.count()
        assert not [sql for sql in counts if model._meta.db_table in sql], counts

    phase = Phase.objects.get(consortium=old, number=1)
    added = methodology_services.task_add(phase=phase, by=fiona, title="Visit the buyers in Miami")
    assert api_total(client, "/api/v1/tasks/")[0] == Task.objects.count()
    response = client.post(f"/admin/methodology/task/{added.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert api_total(client, "/api/v1/tasks/")[0] == Task.objects.count()
    ConsortiumFactory(status="draft")  # a candidate registered
    assert api_total(client, "/api/v1/consortia/")[0] == Consortium.objects.count()

    total, counts = api_total(client, "/api/v1/tasks/?status=done")  # filtered: counted
    assert total == Task.objects.filter(status="done").count()
    assert counts
    assert pair_figures_disagreeing() == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's advisory locks (CI sets DATABASE_URL)"
)
def test_two_consortia_of_one_country_and_kind_changing_at_once_leave_their_sums_right(
    reference_data, region, cora, fiona
):
    """One pauses a consortium and holds its transaction open; meanwhile a custom task is added
    to another of the same country and kind. The second waits for the pair's lock and sums what
    the first committed."""
    old, _pe, recent, _new = region
    written = threading.Event()

    def slowly():
        with transaction.atomic():
            consortium_services.consortium_pause(consortium=old, by=cora, comment="Members reorganising")
            written.set()
            time.sleep(0.5)

    def meanwhile():
        assert written.wait(timeout=10)
        phase = Phase.objects.get(consortium=recent, number=1)
        methodology_services.task_add(phase=phase, by=fiona, title="Price list for the fair")

    results = run_together(slowly, meanwhile)
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert pair_figures_disagreeing() == []
    cr_export = PairFigures.objects.filter(country="CR", kind=Consortium.Kind.EXPORT)
    assert cr_export.get(status="paused").consortia == 1
    assert (
        sum(cr_export.values_list("tasks", flat=True))
        == Task.objects.filter(phase__consortium__country="CR", phase__consortium__kind=Consortium.Kind.EXPORT).count()
    )


@pytest.mark.django_db
def test_the_daily_backstop_puts_back_the_enterprise_counts_and_the_abroad_marks(region, ada, caplog):
    from members.models import CountryEnterprises
    from members.services import enterprise_counts_disagreeing

    old, *_ = region
    Membership.objects.filter(consortium=old).update(abroad=True)  # as a bulk load might leave them
    CountryEnterprises.objects.filter(country="CR").update(enterprises=999)
    assert enterprise_counts_disagreeing() == ["CR"]
    services.figures_refresh_all()
    assert enterprise_counts_disagreeing() == []
    assert not Membership.objects.filter(consortium=old, abroad=True).exists()  # its members are Costa Rican
    assert "registered abroad" in caplog.text
    assert "numbers of enterprises differed" in caplog.text
