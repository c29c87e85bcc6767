"""What the consortium pages show: list columns and sorting, the review queue's ages, the
registration steps and their check-answers page, and confirmations that ask first."""

from __future__ import annotations

import pytest
from django.utils import timezone

from consortia import services
from consortia.tests.factories import ConsortiumFactory
from core.testing import signed_in
from methodology.models import Task

pytestmark = pytest.mark.django_db


def test_the_list_shows_phase_progress_and_next_report_for_an_active_consortium(client, active, cora):
    active.phases.get(number=1).tasks.update(status=Task.Status.DONE)
    body = signed_in(client, cora).get("/consortia/").content.decode()
    row = body[body.index("Delicia Test") :]
    assert 'data-label="Current phase">1<' in row
    tasks = Task.objects.filter(phase__consortium=active, required=True)
    expected = round(100 * tasks.filter(status=Task.Status.DONE).count() / tasks.count())
    assert 0 < expected < 100
    assert f'aria-valuenow="{expected}"' in row
    for header in ("Current phase", "Progress", "Last report", "Next report due"):
        assert header in body


def test_the_list_sorts_by_a_column_and_back(client, olga, cora):
    for name in ("Bravo", "Alpha", "Charlie"):
        ConsortiumFactory(name=name, created_by=olga, country="CR")
    client = signed_in(client, cora)
    ascending = client.get("/consortia/?sort=name").content.decode()
    descending = client.get("/consortia/?sort=-name").content.decode()
    assert ascending.index("Alpha") < ascending.index("Bravo") < ascending.index("Charlie")
    assert descending.index("Charlie") < descending.index("Bravo") < descending.index("Alpha")
    assert 'aria-sort="ascending"' in ascending
    assert 'href="?sort=-name"' in ascending


def test_an_unknown_sort_is_a_field_error_not_a_500(client, cora):
    response = signed_in(client, cora).get("/consortia/?sort=secret")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_review_queue_shows_when_each_candidate_was_submitted(client, candidate, olga, cora):
    services.consortium_submit(consortium=candidate, by=olga)
    body = signed_in(client, cora).get("/consortia/review/").content.decode()
    assert "Submitted" in body
    assert "waiting 0 days" in body
    assert "the longest waiting first" in body


def test_registration_shows_its_three_steps(client, olga, candidate):
    client = signed_in(client, olga)
    new = client.get("/consortia/new/").content.decode()
    steps = new[new.index('class="registration-steps') : new.index("</ol>")]
    assert steps.index('aria-current="step"') < steps.index("Details") < steps.index("Members")
    assert "Review and submit" in steps
    assert "Save and continue to members" in new
    detail = client.get(f"/consortia/{candidate.pk}/").content.decode()
    assert "Continue to review and submit" in detail
    assert 'aria-current="step"' in detail


def test_the_review_step_lists_every_answer_and_what_is_missing_once(client, olga):
    draft = ConsortiumFactory(name="Half Done", created_by=olga, members=1, products="")
    body = signed_in(client, olga).get(f"/consortia/{draft.pk}/submit/").content.decode()
    assert "Submit Half Done for review?" in body
    assert body.count(">Change<") == 9  # one per answer, members included
    missing = body[body.index('id="missing"') :]
    assert missing.count("Describe the products.") == 1
    assert "Add at least 3 member enterprises (it has 1)." in missing
    assert 'id="confirm"' not in body  # nothing to submit until it is complete


def test_the_review_step_of_a_complete_candidate_says_what_will_happen(client, olga, candidate):
    body = signed_in(client, olga).get(f"/consortia/{candidate.pk}/submit/").content.decode()
    assert 'id="missing"' not in body
    assert "The coordinators for its country are told and review it." in body
    assert ">Submit for review</button>" in body


def test_confirmation_pages_ask_what_will_happen_and_not_what_did(client, olga, cora, candidate):
    services.consortium_submit(consortium=candidate, by=olga)
    body = signed_in(client, cora).get(f"/consortia/{candidate.pk}/approve/").content.decode()
    assert '<h1 class="h3 mb-3">Approve Delicia Test?</h1>' in body
    assert "Submitted for review</h1>" not in body


def test_the_registration_form_has_searchable_selects_and_no_dashes(client, olga):
    body = signed_in(client, olga).get("/consortia/new/").content.decode()
    for name in ("country", "target_markets", "sectors", "facilitators", "sponsor"):
        tag = body[body.index(f'name="{name}"') - 200 : body.index(f'name="{name}"') + 200]
        assert "data-searchable" in tag, name
    assert "---------" not in body
    assert "tom-select.popular.min.js" in body


def test_pages_without_a_searchable_select_do_not_load_tom_select(client, active, fiona):
    body = signed_in(client, fiona).get(f"/consortia/{active.pk}/methodology/").content.decode()
    assert "tom-select" not in body


def test_sorting_by_next_report_keeps_consortia_without_one_last_both_ways(client, active, olga, cora):
    import datetime

    from monitoring.services import open_due_periods

    ConsortiumFactory(
        name="Aaa Draft", created_by=olga, country="CR"
    )  # no report at all: PostgreSQL would put it first descending
    active.activated_on = timezone.localdate() - datetime.timedelta(days=200)
    active.save(update_fields=["activated_on"])
    open_due_periods(today=timezone.localdate())
    client = signed_in(client, cora)
    for sort in ("next_due", "-next_due"):
        body = client.get(f"/consortia/?sort={sort}").content.decode()
        assert body.index("Delicia Test") < body.index("Aaa Draft"), sort
