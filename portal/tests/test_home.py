"""The home at `/`: what needs each person now, per role they hold, and nothing of anyone else's."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from consortia import services as consortia_services
from consortia.tests.factories import ConsortiumFactory
from core.testing import count_queries, signed_in
from methodology.models import Task
from monitoring.models import ProgressReport
from monitoring.services import open_due_periods
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def home(client, user) -> str:
    response = signed_in(client, user).get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_sends_anonymous_people_to_sign_in(client):
    assert client.get("/")["Location"] == "/accounts/login/?next=/"


def test_signing_in_lands_on_the_home(client, olga, password):
    response = client.post("/accounts/login/", {"username": olga.email, "password": password}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "My candidates" in response.content.decode()


def test_member_sees_tasks_due_their_consortium_and_notices(client, active, mia):
    today = timezone.localdate()
    late, soon, later = active.phases.get(number=1).tasks.order_by("order")[:3]
    Task.objects.filter(pk=late.pk).update(assignee=mia, due_date=today - datetime.timedelta(days=3))
    Task.objects.filter(pk=soon.pk).update(assignee=mia, due_date=today + datetime.timedelta(days=5))
    Task.objects.filter(pk=later.pk).update(assignee=mia, due_date=today + datetime.timedelta(days=60))
    Notification.objects.create(recipient=mia, kind="task_assigned", dedup_key="x", subject="A task for Mia", body="")
    page = home(client, mia)
    section = page[page.index('id="home-member"') :]
    assert late.title in section
    assert soon.title in section
    assert later.title not in section  # due in two months: not "now"
    assert "3 open tasks" in section
    assert "1 overdue" in section
    assert "Phase 1: Identification and pre-selection" in section
    assert "A task for Mia" in page
    assert 'id="home-coordinator"' not in page
    assert 'id="home-official"' not in page


def test_facilitator_sees_each_consortium_with_report_overdue_tasks_and_sign_off(client, active, fiona):
    today = timezone.localdate()
    phase1 = active.phases.get(number=1)
    phase1.tasks.update(status=Task.Status.DONE)
    Task.objects.filter(pk=active.phases.get(number=2).tasks.first().pk).update(due_date=today - datetime.timedelta(1))
    active.activated_on = today - datetime.timedelta(days=200)
    active.save(update_fields=["activated_on"])
    open_due_periods(today=today)
    report = ProgressReport.objects.get(period__consortium=active, period__number=1)
    days_late = (today - report.period.due).days
    page = home(client, fiona)
    card = page[page.index(f'data-consortium="{active.pk}"') :]
    assert "Phase 1: Identification and pre-selection" in card
    assert "Phase 1 is ready to sign off" in card
    assert "1 task overdue" in card
    expected = f"{days_late} days late" if days_late > 0 else "due"
    assert "Report #1</a>:" in card
    assert expected in card


def test_official_sees_candidates_by_state_with_the_returned_comment(client, candidate, olga, cora, active):
    returned = ConsortiumFactory(name="Casabe Test", created_by=olga, members=3)
    consortia_services.consortium_submit(consortium=returned, by=olga)
    consortia_services.consortium_return(consortium=returned, by=cora, comment="Add the producers' tax ids.")
    page = home(client, olga)
    section = page[page.index('id="home-official"') :]
    assert "Casabe Test" in section
    assert "Add the producers&#x27; tax ids." in section
    assert "Draft: 1" in section
    assert "Consortia my institution sponsors" in section
    assert "Delicia Test" in section


def test_coordinator_sees_queues_in_scope_with_ages_and_not_outside(client, candidate, olga, cora, pierre):
    consortia_services.consortium_submit(consortium=candidate, by=olga)
    page = home(client, cora)
    queue = page[page.index('id="home-candidates"') :]
    assert "Delicia Test" in queue
    assert "waiting 0 days" in queue
    assert "1 candidate to review" in page
    assert "Open the dashboard" in page
    # Pierre coordinates Peru only: the Costa Rican candidate is not his.
    assert "Delicia Test" not in home(client, pierre)


def test_admin_also_sees_email_delivery(client, ada, fiona):
    Notification.objects.create(recipient=fiona, kind="digest", dedup_key="a", subject="s", body="b")
    Notification.objects.create(recipient=fiona, kind="digest", dedup_key="b", subject="s", body="b", attempts=8)
    page = home(client, ada)
    assert 'id="home-coordinator"' in page
    email = page[page.index('id="home-email"') :]
    assert "1 e-mail waiting to be sent" in email
    assert "1 e-mail failed" in email


def test_someone_with_no_role_is_told_what_to_do(client, charlie):
    assert "Your account has no role yet" in home(client, charlie)


PAGE_QUERY_BUDGET = 15  # every page's, at any scale (#13)


def _same_cost_as_rows_grow(client, person, add, few: int, many: int, assert_max) -> None:
    client = signed_in(client, person)
    add(few)
    with_few = count_queries(lambda: client.get("/"))
    assert with_few <= PAGE_QUERY_BUDGET
    add(many - few)
    with assert_max(with_few):
        assert client.get("/").status_code == 200


def test_a_coordinator_home_costs_the_same_with_3_and_30_candidates(client, cora, olga, django_assert_max_num_queries):
    def candidates(n):
        for index in range(n):
            consortium = ConsortiumFactory(name=f"Candidate {index}", created_by=olga, members=3)
            consortia_services.consortium_submit(consortium=consortium, by=olga)

    _same_cost_as_rows_grow(client, cora, candidates, 3, 30, django_assert_max_num_queries)


def test_a_facilitator_home_costs_the_same_with_1_and_6_consortia(
    client, fiona, olga, cora, django_assert_max_num_queries
):
    def consortia(n):
        for _ in range(n):
            consortium = ConsortiumFactory(created_by=olga, members=3)
            consortium.facilitators.add(fiona)
            consortia_services.consortium_submit(consortium=consortium, by=olga)
            consortia_services.consortium_approve(consortium=consortium, by=cora)

    _same_cost_as_rows_grow(client, fiona, consortia, 1, 6, django_assert_max_num_queries)


def test_an_official_home_costs_the_same_with_2_and_12_sponsored_consortia(
    client, olga, meic, cora, django_assert_max_num_queries
):
    def sponsored(n):
        for _ in range(n):
            consortium = ConsortiumFactory(created_by=olga, sponsor=meic, members=3)
            consortia_services.consortium_submit(consortium=consortium, by=olga)
            consortia_services.consortium_approve(consortium=consortium, by=cora)

    _same_cost_as_rows_grow(client, olga, sponsored, 2, 12, django_assert_max_num_queries)
    assert home(client, olga).count('id="home-sponsored"') == 1


def test_a_member_home_costs_the_same_with_2_and_20_tasks_due(client, active, mia, django_assert_max_num_queries):
    today = timezone.localdate()
    tasks = iter(Task.objects.filter(phase__consortium=active).order_by("pk").values_list("pk", flat=True))

    def assigned(n):
        Task.objects.filter(pk__in=[next(tasks) for _ in range(n)]).update(assignee=mia, due_date=today)

    _same_cost_as_rows_grow(client, mia, assigned, 2, 20, django_assert_max_num_queries)
    assert "20 open tasks" in home(client, mia)
