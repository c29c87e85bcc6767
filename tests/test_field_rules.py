"""Who may change which field, for the person who may and the person who may not (DESIGN §1).

The page and the API ask the same service, so each rule is tried through both.
"""

from __future__ import annotations

import pytest

from accounts.tests.factories import UserFactory
from consortia.models import Consortium
from core.testing import api, signed_in
from members.models import Enterprise
from members.tests.factories import InstitutionFactory
from methodology.models import Task

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------------------
# Consortium: country, sponsor, facilitators
# ------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["fiona", "olga"])
def test_registrants_may_not_move_a_consortium_to_another_country(active, request, who):
    response = api(request.getfixturevalue(who)).patch(
        f"/api/v1/consortia/{active.pk}/", {"country": "PE"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["fields"] == ["country"]
    assert Consortium.objects.get(pk=active.pk).country == "CR"


def test_the_edit_page_offers_the_country_only_to_those_who_may_change_it(client, active, fiona, cora):
    assert b'name="country"' not in signed_in(client, fiona).get(f"/consortia/{active.pk}/edit/").content
    assert b'name="country"' in signed_in(client, cora).get(f"/consortia/{active.pk}/edit/").content


def test_a_coordinator_moves_a_consortium_only_between_countries_they_coordinate(active, cora, meic):
    both = UserFactory(is_coordinator=True, coordinator_countries=["CR", "PA"])
    assert api(cora).patch(f"/api/v1/consortia/{active.pk}/", {"country": "PA"}, format="json").status_code == 400
    panama = InstitutionFactory(name="AMPYME", country="PA")
    response = api(both).patch(
        f"/api/v1/consortia/{active.pk}/", {"country": "PA", "sponsor": panama.pk}, format="json"
    )
    assert response.status_code == 200
    assert Consortium.objects.get(pk=active.pk).country == "PA"


def test_moving_country_keeps_the_sponsor_of_the_consortiums_country(active, meic):
    both = UserFactory(is_coordinator=True, coordinator_countries=["CR", "PA"])
    response = api(both).patch(f"/api/v1/consortia/{active.pk}/", {"country": "PA"}, format="json")
    assert response.status_code == 400
    assert "sponsor" in response.json()
    assert Consortium.objects.get(pk=active.pk).country == "CR"


def test_a_facilitator_may_not_re_sponsor_a_consortium(active, fiona, copei):
    response = api(fiona).patch(f"/api/v1/consortia/{active.pk}/", {"sponsor": copei.pk}, format="json")
    assert response.status_code == 403
    assert response.json()["fields"] == ["sponsor"]


def test_an_official_may_not_give_a_candidate_to_another_countrys_institution(candidate, olga, copei):
    response = api(olga).patch(f"/api/v1/consortia/{candidate.pk}/", {"sponsor": copei.pk}, format="json")
    assert response.status_code == 400
    assert "sponsor" in response.json()
    assert Consortium.objects.get(pk=candidate.pk).sponsor.name == "MEIC"


def test_a_facilitator_may_not_name_facilitators(active, fiona, mia):
    response = api(fiona).patch(
        f"/api/v1/consortia/{active.pk}/", {"facilitators": [fiona.email, mia.email]}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["fields"] == ["facilitators"]


def test_the_sponsoring_official_names_facilitators_from_the_country_or_members_only(active, olga, mia, pablo):
    url = f"/api/v1/consortia/{active.pk}/"
    refused = api(olga).patch(url, {"facilitators": ["fiona@example.org", pablo.email]}, format="json")
    assert refused.status_code == 400
    assert "facilitators" in refused.json()
    assert "Pablo" not in str(refused.json())  # the message names nobody
    accepted = api(olga).patch(url, {"facilitators": ["fiona@example.org", mia.email]}, format="json")
    assert accepted.status_code == 200
    assert set(Consortium.objects.get(pk=active.pk).facilitators.values_list("email", flat=True)) == {
        "fiona@example.org",
        mia.email,
    }


def test_the_facilitator_picker_lists_only_people_of_the_country_or_members(client, active, olga, mia, pablo, cora):
    page = signed_in(client, olga).get(f"/consortia/{active.pk}/edit/").content.decode()
    picker = page[page.index('name="facilitators"') : page.index("</select>", page.index('name="facilitators"'))]
    assert "Mia Member" in picker
    assert "Olga Official" in picker
    assert "Pablo Official" not in picker
    assert "Cora Coordinator" not in picker


# ------------------------------------------------------------------------------
# Enterprise: its country
# ------------------------------------------------------------------------------
def test_a_member_keeps_their_enterprise_in_its_country(active, mia):
    firm = mia.enterprise
    response = api(mia).patch(f"/api/v1/enterprises/{firm.pk}/", {"country": "PE"}, format="json")
    assert response.status_code == 403
    assert response.json()["fields"] == ["country"]
    ok = api(mia).patch(f"/api/v1/enterprises/{firm.pk}/", {"phone": "+506 2222 0000"}, format="json")
    assert ok.status_code == 200
    firm.refresh_from_db()
    assert (firm.country, firm.phone) == ("CR", "+506 2222 0000")


def test_the_enterprise_form_offers_a_member_no_country(client, active, mia, olga):
    firm = mia.enterprise
    assert b'name="country"' not in signed_in(client, mia).get(f"/enterprises/{firm.pk}/edit/").content
    assert b'name="country"' in signed_in(client, olga).get(f"/enterprises/{firm.pk}/edit/").content


def test_an_official_may_not_move_an_enterprise_out_of_their_country(active, olga, mia):
    response = api(olga).patch(f"/api/v1/enterprises/{mia.enterprise_id}/", {"country": "PE"}, format="json")
    assert response.status_code == 400
    assert "country" in response.json()
    assert Enterprise.objects.get(pk=mia.enterprise_id).country == "CR"


# ------------------------------------------------------------------------------
# Task: members change status and notes; facilitators plan it too
# ------------------------------------------------------------------------------
def _task(active):
    return Task.objects.filter(phase__consortium=active, phase__number=1).order_by("order").first()


@pytest.mark.parametrize(("field", "value"), [("assignee", "mia"), ("due_date", "2027-03-15")])
def test_a_member_may_not_plan_a_task(active, mia, field, value):
    task = _task(active)
    payload = {field: mia.pk if value == "mia" else value, "version": task.version}
    response = api(mia).patch(f"/api/v1/tasks/{task.pk}/", payload, format="json")
    assert response.status_code == 403
    assert response.json()["fields"] == [field]
    assert Task.objects.get(pk=task.pk).version == task.version


def test_a_member_changes_status_and_notes(active, mia):
    task = _task(active)
    payload = {"status": "in_progress", "notes": "Called the chamber", "version": task.version}
    assert api(mia).patch(f"/api/v1/tasks/{task.pk}/", payload, format="json").status_code == 200


def test_a_facilitator_plans_a_task(active, fiona, mia):
    task = _task(active)
    payload = {"assignee": mia.pk, "due_date": "2027-03-15", "version": task.version}
    assert api(fiona).patch(f"/api/v1/tasks/{task.pk}/", payload, format="json").status_code == 200
    task.refresh_from_db()
    assert (task.assignee, str(task.due_date)) == (mia, "2027-03-15")


def test_the_member_row_editor_has_no_assignee_or_due_date_inputs(client, active, mia, fiona):
    task = _task(active)
    editor = f"/tasks/{task.pk}/row/?edit=1"
    member_row = signed_in(client, mia).get(editor, HTTP_HX_REQUEST="true").content.decode()
    assert 'name="status"' in member_row
    assert 'name="assignee"' not in member_row
    assert 'name="due_date"' not in member_row
    facilitator_row = signed_in(client, fiona).get(editor, HTTP_HX_REQUEST="true").content.decode()
    assert 'name="assignee"' in facilitator_row
    assert 'name="due_date"' in facilitator_row


def test_an_unknown_assignee_is_never_named_in_the_error(active, fiona, cora):
    task = _task(active)
    response = api(fiona).patch(
        f"/api/v1/tasks/{task.pk}/", {"assignee": cora.pk, "version": task.version}, format="json"
    )
    assert response.status_code == 400
    assert "Cora" not in str(response.json())
