from __future__ import annotations

import datetime
import threading
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone

from accounts.tests.factories import UserFactory
from consortia.models import Consortium
from consortia.tests.factories import ConsortiumFactory
from core.testing import count_queries
from monitoring import reminders
from monitoring import services as monitoring_services
from monitoring.models import ProgressReport, ReportingPeriod
from monitoring.tests.conftest import COMPLETE
from notifications import delivery
from notifications.models import Notification
from notifications.services import preference_update

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 12, 15)


def report_due(name: str, facilitator, *, due=DUE, country="CR", status=Consortium.Status.ACTIVE) -> ProgressReport:
    consortium = ConsortiumFactory(
        name=name, country=country, status=status, activated_on=due - datetime.timedelta(days=196), members=3
    )
    consortium.facilitators.add(facilitator)
    period = ReportingPeriod.objects.create(
        consortium=consortium, number=1, start=consortium.activated_on, end=due - datetime.timedelta(days=15), due=due
    )
    return ProgressReport.objects.create(period=period)


def submit(report: ProgressReport, by) -> None:
    monitoring_services.report_save(report=report, by=by, version=report.version, values=COMPLETE)
    monitoring_services.report_submit(report=report, by=by)


def morning(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(7, 0), zoneinfo.ZoneInfo(settings.TIME_ZONE))


def run_the_daily_jobs() -> list[tuple[str, str]]:
    reminders.send_report_reminders()
    delivery.deliver_pending()
    sent = [(m.to[0].split("@")[0], m.subject.removeprefix("[Alianza] ")) for m in mail.outbox]
    mail.outbox.clear()
    return sent


def test_reminder_schedule_day_by_day_for_on_time_late_and_never_submitted_reports(cora, pierre):
    on_time, late, never = (UserFactory(email=f"{name}@example.org") for name in ("ontime", "late", "never"))
    reports = {
        "ontime": report_due("On Time", on_time),
        "late": report_due("Late", late),
        "never": report_due("Never", never),
    }
    submitted_on = {"ontime": -2, "late": 10}
    emails = {}
    for offset in range(-15, 31):
        with time_machine.travel(morning(DUE + datetime.timedelta(days=offset)), tick=False):
            for name, day in submitted_on.items():
                if day == offset:
                    submit(reports[name], {"ontime": on_time, "late": late}[name])
            sent = run_the_daily_jobs()
        if sent:
            emails[offset] = sorted(sent)

    assert emails == {
        -14: [
            ("late", "Report due in 14 days: Late"),
            ("never", "Report due in 14 days: Never"),
            ("ontime", "Report due in 14 days: On Time"),
        ],
        -3: [
            ("late", "Report due in 3 days: Late"),
            ("never", "Report due in 3 days: Never"),
            ("ontime", "Report due in 3 days: On Time"),
        ],
        0: [("late", "Report due today: Late"), ("never", "Report due today: Never")],
        7: [
            ("cora", "Report overdue by 7 days: Late"),
            ("cora", "Report overdue by 7 days: Never"),
            ("late", "Report overdue by 7 days: Late"),
            ("never", "Report overdue by 7 days: Never"),
        ],
        14: [("cora", "Report overdue by 14 days: Never"), ("never", "Report overdue by 14 days: Never")],
        21: [("cora", "Report overdue by 21 days: Never"), ("never", "Report overdue by 21 days: Never")],
    }
    # Every e-mail is also in the inbox; Peru's coordinator heard nothing of Costa Rica.
    assert Notification.objects.filter(recipient=cora).count() == 4
    assert not Notification.objects.filter(recipient=pierre).exists()


def test_a_day_the_job_did_not_run_is_caught_up_once_the_next_day(fiona):
    report_due("Delicia", fiona)
    with time_machine.travel(morning(DUE - datetime.timedelta(days=13)), tick=False):
        assert [s for _to, s in run_the_daily_jobs()] == ["Report due in 13 days: Delicia"]
    with time_machine.travel(morning(DUE - datetime.timedelta(days=12)), tick=False):
        assert run_the_daily_jobs() == []


def test_reminders_are_in_the_facilitators_language(fiona):
    fiona.preferred_language = "es"
    fiona.save()
    report_due("Delicia", fiona)
    with time_machine.travel(morning(DUE), tick=False):
        run_the_daily_jobs()
    notice = Notification.objects.get(recipient=fiona)
    assert notice.subject == "Informe vence hoy: Delicia"
    assert "15 de diciembre de 2026" in notice.body
    assert notice.url == f"/reports/{notice.dedup_key.split(':')[1]}/"


def test_paused_consortia_and_reviewed_reports_get_no_reminders(fiona, cora):
    report_due("Paused", fiona, status=Consortium.Status.PAUSED)
    accepted = report_due("Accepted", fiona)
    ProgressReport.objects.filter(pk=accepted.pk).update(status=ProgressReport.Status.ACCEPTED)
    with time_machine.travel(morning(DUE + datetime.timedelta(days=7)), tick=False):
        assert reminders.send_report_reminders() == 0


def test_running_the_reminder_job_twice_sends_each_reminder_once(fiona, cora):
    report_due("Delicia", fiona)
    with time_machine.travel(morning(DUE + datetime.timedelta(days=7)), tick=False):
        assert reminders.send_report_reminders() == 2
        assert reminders.send_report_reminders() == 0
        assert delivery.deliver_pending()["sent"] == 2
        assert reminders.send_report_reminders() == 0
        assert delivery.deliver_pending()["sent"] == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["cora@example.org", "fiona@example.org"]


def test_the_reminder_job_costs_the_same_queries_for_3_or_30_consortia(cora):
    def run_with(count: int, due: datetime.date) -> int:
        for n in range(count):
            report_due(f"C{count}-{n}", UserFactory(), due=due)
        with time_machine.travel(morning(due + datetime.timedelta(days=7)), tick=False):
            return count_queries(reminders.send_report_reminders)

    small = run_with(3, DUE)
    large = run_with(30, DUE + datetime.timedelta(days=60))
    assert small == large
    assert Notification.objects.count() == 66  # 33 facilitators and cora on each report


def test_batches_cost_a_fixed_number_of_queries_each(cora):
    for n in range(12):
        report_due(f"C{n}", UserFactory())
    with time_machine.travel(morning(DUE), tick=False):
        by_4 = count_queries(lambda: reminders.send_report_reminders(batch=4))
    Notification.objects.all().delete()
    with time_machine.travel(morning(DUE), tick=False):
        by_12 = count_queries(lambda: reminders.send_report_reminders(batch=12))
    # Three batches of four cost three times one batch of twelve, plus the final empty read.
    per_batch = by_12 - 1 - 1  # the coordinators, the last empty batch
    assert by_4 == 1 + 3 * per_batch + 1


# ------------------------------------------------------------------------------
# The weekly digest
# ------------------------------------------------------------------------------
@pytest.fixture
def cora_has_work(cora, fiona, olga, meic):
    overdue = report_due("Overdue One", fiona, due=DUE - datetime.timedelta(days=20))
    awaiting = report_due("Awaiting One", fiona, due=DUE + datetime.timedelta(days=20))
    submit(awaiting, fiona)
    two_days_before = timezone.make_aware(datetime.datetime.combine(DUE - datetime.timedelta(days=2), datetime.time(9)))
    ProgressReport.objects.filter(pk=awaiting.pk).update(submitted_at=two_days_before)
    at_risk = report_due("Risky One", fiona, due=DUE - datetime.timedelta(days=40))
    ProgressReport.objects.filter(pk=at_risk.pk).update(status="accepted", rating="at_risk")
    monitoring_services.refresh_figures_of(at_risk)  # set by hand, as a review would have kept it
    candidate = ConsortiumFactory(name="Candidate One", status=Consortium.Status.SUBMITTED, created_by=olga)
    return {"overdue": overdue, "awaiting": awaiting, "at_risk": at_risk, "candidate": candidate}


def test_weekly_digest_lists_what_needs_each_coordinator_with_links(cora_has_work, cora, pierre, settings):
    settings.SITE_URL = "https://alianza.example.org"
    with time_machine.travel(morning(DUE), tick=False):
        assert reminders.send_coordinator_digest() == 1
        delivery.deliver_pending()
    [email] = mail.outbox
    assert email.to == ["cora@example.org"]
    assert email.subject == "[Alianza] Your weekly digest: 4 items need you"
    overdue, awaiting = cora_has_work["overdue"], cora_has_work["awaiting"]
    for line in (
        "Overdue reports (1)",
        f"- Overdue One, period 1, due Nov. 25, 2026: https://alianza.example.org/reports/{overdue.pk}/",
        "Reports awaiting your review (1)",
        f"- Awaiting One, period 1: https://alianza.example.org/reports/{awaiting.pk}/review/",
        "Candidate consortia awaiting your review (1)",
        f"- Candidate One: https://alianza.example.org/consortia/{cora_has_work['candidate'].pk}/",
        "Consortia rated at risk (1)",
        f"- Risky One: https://alianza.example.org/consortia/{cora_has_work['at_risk'].period.consortium.pk}/",
    ):
        assert line in email.body
    html = email.alternatives[0][0]
    assert f'<a href="https://alianza.example.org/reports/{overdue.pk}/"' in html


def test_the_digest_says_how_long_a_report_has_waited_once_review_reminders_are_due(cora_has_work, settings):
    awaiting = cora_has_work["awaiting"]
    submitted = timezone.make_aware(datetime.datetime.combine(DUE - datetime.timedelta(days=12), datetime.time(9)))
    ProgressReport.objects.filter(pk=awaiting.pk).update(submitted_at=submitted)
    with time_machine.travel(morning(DUE), tick=False):
        reminders.send_coordinator_digest()
    body = Notification.objects.get(kind="digest").body
    assert "- Awaiting One, period 1, waiting 12 days: " in body
    assert ", waiting" not in body.replace("- Awaiting One, period 1, waiting 12 days: ", "")


def test_no_digest_when_there_is_nothing_or_the_coordinator_turned_it_off(cora, pierre, cora_has_work):
    with time_machine.travel(morning(DUE), tick=False):
        preference_update(user=cora, email_kinds=[], digest=False)
        assert reminders.send_coordinator_digest() == 0  # pierre (Peru) has nothing; cora said no
    assert not Notification.objects.exists()


def test_the_digest_goes_once_a_week_however_often_the_job_runs(cora_has_work, cora):
    monday = DUE - datetime.timedelta(days=DUE.weekday())
    with time_machine.travel(morning(monday), tick=False):
        assert reminders.send_coordinator_digest() == 1
        assert reminders.send_coordinator_digest() == 0
    with time_machine.travel(morning(monday + datetime.timedelta(days=3)), tick=False):
        assert reminders.send_coordinator_digest() == 0
    with time_machine.travel(morning(monday + datetime.timedelta(days=7)), tick=False):
        assert reminders.send_coordinator_digest() == 1


def test_opening_periods_twice_opens_each_once(report, candidate):
    later = candidate.activated_on + datetime.timedelta(days=400)
    assert monitoring_services.open_due_periods(today=later) == 2
    assert monitoring_services.open_due_periods(today=later) == 0
    assert candidate.reporting_periods.count() == 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)")
def test_two_workers_running_the_reminder_job_at_once_create_and_send_each_reminder_once(reference_data):
    coordinator = UserFactory(email="coordinator@example.org", is_coordinator=True, coordinator_countries=["CR"])
    facilitators = [UserFactory() for _ in range(20)]
    for n, facilitator in enumerate(facilitators):
        report_due(f"Race {n}", facilitator)
    start = threading.Barrier(2)

    def job():
        try:
            start.wait()
            reminders.send_report_reminders(batch=3)
            delivery.deliver_pending(batch=3)
        finally:
            connection.close()

    with time_machine.travel(morning(DUE + datetime.timedelta(days=7)), tick=False):
        workers = [threading.Thread(target=job) for _ in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    assert Notification.objects.count() == 40
    assert Notification.objects.filter(recipient=coordinator).count() == 20
    assert len(mail.outbox) == 40
    assert len({(m.to[0], m.subject) for m in mail.outbox}) == 40


def test_a_due_date_reminder_caught_up_late_says_the_report_is_overdue(fiona):
    report_due("Delicia", fiona)
    with time_machine.travel(morning(DUE + datetime.timedelta(days=2)), tick=False):
        assert run_the_daily_jobs() == [("fiona", "Report overdue by 2 days: Delicia")]
    body = Notification.objects.get(recipient=fiona).body
    assert body.endswith("was due on Dec. 15, 2026. Please submit it as soon as you can.")


def test_the_digest_costs_the_same_queries_for_11_or_30_overdue_reports(cora, pierre):
    # Both lists are longer than the digest shows, so both count the rest.
    def run_with(count: int, monday: datetime.date) -> int:
        for n in range(count):
            report_due(f"Late {count}-{n}", UserFactory(), due=monday - datetime.timedelta(days=30))
        with time_machine.travel(morning(monday), tick=False):
            return count_queries(reminders.send_coordinator_digest)

    small = run_with(reminders.DIGEST_ROWS + 1, datetime.date(2026, 11, 23))
    large = run_with(30, datetime.date(2026, 11, 30))
    assert small == large
    assert Notification.objects.filter(recipient=cora, kind="digest").count() == 2


def test_the_digest_costs_the_same_queries_for_2_or_12_coordinators(cora, pierre):
    monday = datetime.date(2026, 11, 30)
    for n, country in enumerate(["CR", "PE", "DO", "MX"]):
        report_due(f"Late {country}", UserFactory(), due=monday - datetime.timedelta(days=30 + n), country=country)

    def run() -> int:
        Notification.objects.filter(kind="digest").delete()
        with time_machine.travel(morning(monday), tick=False):
            return count_queries(reminders.send_coordinator_digest)

    few = run()
    assert Notification.objects.filter(kind="digest").count() == 2
    for n, scope in enumerate([["DO"], ["MX"], ["DO", "MX"], [], ["CR", "PE"]] * 2):
        UserFactory(email=f"coordinator{n}@example.org", is_coordinator=True, coordinator_countries=scope)
    many = run()
    assert Notification.objects.filter(kind="digest").count() == 12
    assert few == many


def test_each_coordinator_sees_the_earliest_rows_and_the_count_of_their_own_countries(cora, pierre):
    monday = datetime.date(2026, 11, 30)
    everywhere = UserFactory(email="everywhere@example.org", is_coordinator=True, coordinator_countries=[])
    for n in range(reminders.DIGEST_ROWS + 2):  # interleave the two countries' due dates
        country = "CR" if n % 2 else "PE"
        report_due(f"Late {n:02d}", UserFactory(), due=monday - datetime.timedelta(days=60 - n), country=country)
    with time_machine.travel(morning(monday), tick=False):
        lists = reminders.digest_lists_by_country(today=monday)
        sections = {
            person.email: reminders.digest_for(person, today=monday, lists=lists)["overdue"]
            for person in (cora, pierre, everywhere)
        }
    count, rows = sections["everywhere@example.org"]
    assert count == reminders.DIGEST_ROWS + 2
    assert [r.period.consortium.name for r in rows] == [f"Late {n:02d}" for n in range(reminders.DIGEST_ROWS)]
    count, rows = sections[cora.email]
    assert (count, {r.period.consortium.country.code for r in rows}) == (6, {"CR"})
    assert [r.period.consortium.name for r in rows] == [f"Late {n:02d}" for n in range(1, 12, 2)]
    count, rows = sections[pierre.email]
    assert (count, {r.period.consortium.country.code for r in rows}) == (6, {"PE"})
