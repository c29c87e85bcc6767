from __future__ import annotations

import pytest

from core.testing import api
from members.tests.factories import EnterpriseFactory, SectorFactory

pytestmark = pytest.mark.django_db


def payload(**overrides):
    data = {"name": "Café Dota", "country": "CR", "sector": "food-beverages", "employees": 12, "tax_id": "3-101-1"}
    data.update(overrides)
    return data


def test_official_registers_an_enterprise_and_gets_its_size_class(olga):
    SectorFactory()
    response = api(olga).post("/api/v1/enterprises/", payload(), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["size_class"] == "small"  # no CR threshold in the test DB: fallback ≤10 micro, ≤50 small


def test_duplicate_tax_id_in_the_same_country_is_a_field_error(olga):
    EnterpriseFactory(tax_id="3-101-1", country="CR")
    response = api(olga).post("/api/v1/enterprises/", payload(), format="json")
    assert response.status_code == 400
    assert "tax_id" in response.json()


def test_same_tax_id_in_another_country_is_fine(olga):
    EnterpriseFactory(tax_id="3-101-1", country="PE")
    assert api(olga).post("/api/v1/enterprises/", payload(), format="json").status_code == 201


@pytest.mark.parametrize(
    ("field", "value"), [("employees", -3), ("annual_sales_usd", "-10"), ("country", "ZZ"), ("sector", "nope")]
)
def test_bad_values_are_400_naming_the_field(olga, field, value):
    SectorFactory()
    response = api(olga).post("/api/v1/enterprises/", payload(**{field: value}), format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_charlie_may_not_register(charlie):
    SectorFactory()
    assert api(charlie).post("/api/v1/enterprises/", payload(), format="json").status_code == 403


def test_representative_edits_own_enterprise_but_not_another(candidate, mia):
    own = mia.enterprise
    other = candidate.memberships.exclude(enterprise=own).first().enterprise
    assert api(mia).patch(f"/api/v1/enterprises/{own.pk}/", {"employees": 9}, format="json").status_code == 200
    assert api(mia).patch(f"/api/v1/enterprises/{other.pk}/", {"employees": 9}, format="json").status_code == 403


def test_enterprise_out_of_sight_is_404(charlie):
    enterprise = EnterpriseFactory()
    assert api(charlie).get(f"/api/v1/enterprises/{enterprise.pk}/").status_code == 404


def test_filters_by_size_class_and_export_status(cora):
    EnterpriseFactory(name="Tiny", employees=3)
    EnterpriseFactory(name="Mid", employees=120, export_status="regular")
    client = api(cora)
    assert [e["name"] for e in client.get("/api/v1/enterprises/?size_class=micro").json()["results"]] == ["Tiny"]
    assert [e["name"] for e in client.get("/api/v1/enterprises/?export_status=regular").json()["results"]] == ["Mid"]


def test_sectors_and_institutions_are_listed(olga):
    SectorFactory()
    codes = [s["code"] for s in api(olga).get("/api/v1/sectors/?page_size=100").json()["results"]]
    assert "food-beverages" in codes
    assert api(olga).get("/api/v1/institutions/?country=CR").json()["count"] == 1


def test_official_cannot_move_an_enterprise_to_another_country(olga):
    enterprise = EnterpriseFactory(country="CR")
    response = api(olga).patch(f"/api/v1/enterprises/{enterprise.pk}/", {"country": "PE"}, format="json")
    assert response.status_code == 400
    assert "country" in response.json()


def test_a_duplicate_tax_id_that_slips_past_the_check_is_still_a_field_error(olga, monkeypatch):
    """Two officials registering the same tax id at once: the database constraint decides, not a 500."""
    from members.models import Enterprise

    EnterpriseFactory(tax_id="3-101-1", country="CR")
    monkeypatch.setattr(Enterprise, "clean", lambda self: None)  # as if the other insert landed after our check
    response = api(olga).post("/api/v1/enterprises/", payload(), format="json")
    assert response.status_code == 400
    assert "tax_id" in response.json()
