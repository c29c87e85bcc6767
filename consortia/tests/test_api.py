from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from consortia.models import Consortium
from consortia.tests.factories import ConsortiumFactory
from core.testing import api
from members.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db
S = Consortium.Status


def url(consortium, action=""):
    return f"/api/v1/consortia/{consortium.pk}/" + (f"{action}/" if action else "")


def test_token_is_issued_for_email_and_password(olga, password):
    response = APIClient().post("/api/v1/auth/token/", {"email": "olga@example.org", "password": password})
    assert response.status_code == 200
    token = response.json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/consortia/").status_code == 200


def test_token_is_refused_for_a_wrong_password(olga):
    response = APIClient().post("/api/v1/auth/token/", {"email": "olga@example.org", "password": "nope"})
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_anonymous_gets_401_or_403():
    assert APIClient().get("/api/v1/consortia/").status_code in (401, 403)


def test_list_is_paginated_and_holds_only_what_you_may_see(candidate, olga, pablo):
    ConsortiumFactory(country="PE")
    body = api(olga).get("/api/v1/consortia/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert [c["name"] for c in body["results"]] == ["Delicia Test"]
    assert api(pablo).get("/api/v1/consortia/").json()["count"] == 0


def test_list_filters_by_status_and_searches_by_name(cora):
    ConsortiumFactory(name="Cacao Talamanca", status=S.ACTIVE)
    ConsortiumFactory(name="Café Tarrazú", status=S.SUBMITTED)
    client = api(cora)
    assert [c["name"] for c in client.get("/api/v1/consortia/?status=active").json()["results"]] == ["Cacao Talamanca"]
    assert [c["name"] for c in client.get("/api/v1/consortia/?q=tarra").json()["results"]] == ["Café Tarrazú"]
    bad = client.get("/api/v1/consortia/?status=flying")
    assert bad.status_code == 400
    assert "status" in bad.json()


def test_detail_shows_codes_and_timeline(candidate, olga):
    body = api(olga).get(url(candidate)).json()
    assert body["status"] == "draft"
    assert body["country"] == "CR"
    assert body["allowed_actions"] == ["submit"]
    assert "transitions" in body


@pytest.mark.parametrize("who", ["charlie", "pablo", "pierre"])
def test_people_who_may_not_see_it_get_404(candidate, who, request):
    assert api(request.getfixturevalue(who)).get(url(candidate)).status_code == 404
    assert api(request.getfixturevalue(who)).post(url(candidate, "submit")).status_code == 404


def test_official_submits_and_coordinator_approves(candidate, olga, cora):
    assert api(olga).post(url(candidate, "submit")).json()["status"] == "submitted"
    response = api(cora).post(url(candidate, "approve"), {"comment": "Good"})
    assert response.status_code == 200
    assert response.json()["status"] == "active"


def test_member_representative_may_see_but_not_submit(candidate, mia):
    assert api(mia).get(url(candidate)).status_code == 200
    assert api(mia).post(url(candidate, "submit")).status_code == 403


def test_official_may_not_approve(candidate, olga):
    api(olga).post(url(candidate, "submit"))
    assert api(olga).post(url(candidate, "approve")).status_code == 403


def test_approving_a_draft_is_409(candidate, cora):
    response = api(cora).post(url(candidate, "approve"))
    assert response.status_code == 409
    assert "detail" in response.json()


def test_second_decision_is_409_and_changes_nothing(candidate, olga, cora, ada):
    api(olga).post(url(candidate, "submit"))
    assert api(cora).post(url(candidate, "approve")).status_code == 200
    response = api(ada).post(url(candidate, "reject"), {"comment": "too late"})
    assert response.status_code == 409
    assert Consortium.objects.get(pk=candidate.pk).status == S.ACTIVE


def test_return_without_comment_is_400_naming_the_field(candidate, olga, cora):
    api(olga).post(url(candidate, "submit"))
    response = api(cora).post(url(candidate, "return"), {"comment": ""})
    assert response.status_code == 400
    assert "comment" in response.json()


def test_submitting_too_few_members_is_400_naming_each_problem(olga, meic):
    consortium = ConsortiumFactory(created_by=olga, sponsor=meic, members=2)
    response = api(olga).post(url(consortium, "submit"))
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Add at least 3 member enterprises (it has 2)."]}


def test_official_registers_a_candidate(olga, meic):
    response = api(olga).post(
        "/api/v1/consortia/",
        {
            "name": "Cacao Caribe",
            "kind": "origin",
            "function": "sales",
            "country": "CR",
            "products": "Cacao",
            "sectors": ["no-such-sector"],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "sectors" in response.json()
    response = api(olga).post(
        "/api/v1/consortia/",
        {
            "name": "Cacao Caribe",
            "kind": "origin",
            "function": "sales",
            "country": "CR",
            "products": "Cacao",
            "sectors": ["food-beverages"],
            "target_markets": ["US"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "draft"
    assert response.json()["sponsor"] == meic.pk


def test_unknown_country_is_400(olga):
    response = api(olga).post("/api/v1/consortia/", {"name": "X", "country": "ZZ"}, format="json")
    assert response.status_code == 400
    assert "country" in response.json()


def test_person_without_institution_may_not_register(charlie):
    response = api(charlie).post("/api/v1/consortia/", {"name": "X", "country": "CR"}, format="json")
    assert response.status_code == 403


def test_editing_a_submitted_candidate_is_409(candidate, olga):
    api(olga).post(url(candidate, "submit"))
    response = api(olga).patch(url(candidate), {"name": "Renamed"}, format="json")
    assert response.status_code == 409
    assert Consortium.objects.get(pk=candidate.pk).name == "Delicia Test"


def test_status_cannot_be_written_through_patch(candidate, olga):
    api(olga).patch(url(candidate), {"status": "active"}, format="json")
    assert Consortium.objects.get(pk=candidate.pk).status == S.DRAFT


def test_memberships_list_add_and_end(candidate, olga, mia):
    path = f"/api/v1/consortia/{candidate.pk}/memberships/"
    assert api(mia).get(path).json()["count"] == 3
    newcomer = EnterpriseFactory(country="CR")
    assert api(mia).post(path, {"enterprise": newcomer.pk}).status_code == 403
    response = api(olga).post(path, {"enterprise": newcomer.pk, "role": "member"})
    assert response.status_code == 201, response.json()
    assert api(olga).post(path, {"enterprise": newcomer.pk}).status_code == 400
    membership_id = response.json()["id"]
    assert api(olga).delete(f"{path}{membership_id}/").status_code == 204
    assert api(olga).get(path).json()["count"] == 3
    assert api(olga).get(path + "?current=false").json()["count"] == 4


def test_memberships_of_an_invisible_consortium_are_404(candidate, charlie):
    assert api(charlie).get(f"/api/v1/consortia/{candidate.pk}/memberships/").status_code == 404


def test_enterprise_you_may_not_see_cannot_be_added(candidate, olga):
    hidden = EnterpriseFactory(country="PE")
    response = api(olga).post(f"/api/v1/consortia/{candidate.pk}/memberships/", {"enterprise": hidden.pk})
    assert response.status_code == 400
    assert "enterprise" in response.json()


def test_schema_and_docs_are_served(olga):
    assert api(olga).get("/api/schema/").status_code == 200
    # The docs page is for a person in a browser: it needs the site's own sign-in.
    browser = Client()
    browser.force_login(olga)
    assert browser.get("/api/docs/").status_code == 200
