from __future__ import annotations

import datetime

import pytest

from core.testing import count_queries, signed_in
from members.models import Enterprise
from members.tests.factories import EnterpriseFactory, InstitutionFactory

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    from members.models import Sector

    data = {
        "name": "Café Dota",
        "country": "CR",
        "sector": Sector.objects.get(code="food-beverages").pk,
        "employees": "12",
        "export_status": "none",
        "tax_id": "3-101-555",
    }
    data.update(overrides)
    return data


def test_official_registers_an_enterprise(client, olga):
    response = signed_in(client, olga).post("/enterprises/new/", form_data())
    enterprise = Enterprise.objects.get(name="Café Dota")
    assert response.status_code == 302
    assert response["Location"] == f"/enterprises/{enterprise.pk}/"


def test_registration_form_starts_with_the_officials_country(client, olga):
    assert b'<option value="CR" selected>' in signed_in(client, olga).get("/enterprises/new/").content


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("employees", "-4", "Enter 0 or more."),
        ("annual_sales_usd", "-1", "Enter 0 or more."),
        ("employees", "many", "Enter a number such as 34,500.5."),
        ("employees", "3.5", "Enter a whole number."),
        ("country", "ZZ", "Select a valid choice."),
    ],
)
def test_bad_values_are_field_errors_and_nothing_is_saved(client, olga, field, value, message):
    response = signed_in(client, olga).post("/enterprises/new/", form_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Enterprise.objects.filter(name="Café Dota").exists()


def test_duplicate_tax_id_in_the_country_is_named_on_the_field(client, olga):
    EnterpriseFactory(country="CR", tax_id="3-101-555")
    response = signed_in(client, olga).post("/enterprises/new/", form_data())
    assert "An enterprise with this tax id is already registered in this country." in response.content.decode()
    assert Enterprise.objects.filter(tax_id="3-101-555").count() == 1


def test_producer_association_needs_the_number_of_producers(client, olga):
    response = signed_in(client, olga).post("/enterprises/new/", form_data(is_producer_association="on"))
    assert "Give the number of producers this association represents." in response.content.decode()


def test_charlie_cannot_register(client, charlie):
    assert signed_in(client, charlie).get("/enterprises/new/").status_code == 403


def test_representative_edits_own_profile(client, candidate, mia):
    own = mia.enterprise
    response = signed_in(client, mia).post(
        f"/enterprises/{own.pk}/edit/", form_data(name=own.name, employees="9", tax_id="")
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.employees == 9


def test_representative_cannot_edit_another_members_profile(client, candidate, mia):
    other = candidate.memberships.exclude(enterprise=mia.enterprise).first().enterprise
    client = signed_in(client, mia)
    assert client.get(f"/enterprises/{other.pk}/").status_code == 200
    assert client.get(f"/enterprises/{other.pk}/edit/").status_code == 403
    assert client.post(f"/enterprises/{other.pk}/edit/", form_data(name="Hijacked")).status_code == 403
    other.refresh_from_db()
    assert other.name != "Hijacked"


def test_official_of_another_country_cannot_see_an_enterprise(client, pablo):
    enterprise = EnterpriseFactory(country="CR")
    assert signed_in(client, pablo).get(f"/enterprises/{enterprise.pk}/").status_code == 404


def test_list_filters_by_size_class_and_searches(client, cora):
    EnterpriseFactory(name="Tiny Foods", employees=2)
    EnterpriseFactory(name="Large Mill", employees=900)
    client = signed_in(client, cora)
    content = client.get("/enterprises/?size_class=large").content.decode()
    assert "Large Mill" in content
    assert "Tiny Foods" not in content
    content = client.get("/enterprises/?q=tiny").content.decode()
    assert "Tiny Foods" in content
    assert "Large Mill" not in content


@pytest.mark.parametrize("path", ["/enterprises/", "/api/v1/enterprises/", "/api/v1/institutions/", "/api/v1/sectors/"])
def test_enterprise_list_queries_do_not_grow_with_rows(client, cora, path, django_assert_max_num_queries):
    client = signed_in(client, cora)
    make = InstitutionFactory.create_batch if "institutions" in path else EnterpriseFactory.create_batch
    make(5)
    with_five = count_queries(lambda: client.get(path))
    make(45)
    with django_assert_max_num_queries(with_five):
        response = client.get(path)
    assert response.status_code == 200
    assert with_five <= 12


def test_official_cannot_register_an_enterprise_of_another_country(client, olga):
    response = signed_in(client, olga).post("/enterprises/new/", form_data(country="PE"))
    assert response.status_code == 200
    assert "You register for Costa Rica only" in response.content.decode()
    assert not Enterprise.objects.filter(name="Café Dota").exists()


@pytest.mark.parametrize("who", ["olga", "cora", "fiona", "mia"])
def test_each_person_sees_the_enterprises_of_their_country_and_the_members_of_their_consortia(candidate, request, who):
    """A Nicaraguan member of the Costa Rican consortium is in sight of everyone involved with it;
    a Nicaraguan firm outside it only of a coordinator whose scope holds Nicaragua (nobody here)."""
    from consortia.models import Membership

    member = EnterpriseFactory(name="Cacao Rivas", country="NI")
    Membership.objects.create(consortium=candidate, enterprise=member, joined=datetime.date(2026, 1, 5))
    EnterpriseFactory(name="Rosquillas Somoto", country="NI")
    EnterpriseFactory(name="Café Dota", country="CR")
    person = request.getfixturevalue(who)
    seen = set(Enterprise.objects.visible_to(person).values_list("name", flat=True))
    assert "Cacao Rivas" in seen
    assert "Rosquillas Somoto" not in seen
    # Officials and coordinators see their whole country; facilitators and members only their consortia.
    assert ("Café Dota" in seen) == (who in ("olga", "cora"))
    assert set(candidate.memberships.values_list("enterprise__name", flat=True)) <= seen
