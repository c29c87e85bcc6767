"""The number of enterprises kept per country never differs from a count of them, and the
lists and home pages that read it show the same totals a count would."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.testing import run_together, signed_in
from members import services
from members.models import CountryEnterprises, Enterprise
from members.tests.factories import EnterpriseFactory, SectorFactory


def kept() -> dict[str, int]:
    return {str(c): n for c, n in CountryEnterprises.objects.values_list("country", "enterprises")}


@pytest.mark.django_db
def test_the_counts_follow_enterprises_added_moved_and_deleted(olga, ada):
    services.enterprise_create(by=olga, name="Casabe Norte", country="CR", sector=SectorFactory(), employees=4)
    firms = [EnterpriseFactory(country="PE") for _ in range(3)]
    assert kept() == {"CR": 1, "PE": 3}
    firms[0].country = "DO"
    firms[0].save()
    assert kept() == {"CR": 1, "PE": 2, "DO": 1}
    firms[0].name = "Renamed, same country"
    firms[0].save()
    assert kept() == {"CR": 1, "PE": 2, "DO": 1}
    firms[0].delete()
    Enterprise.objects.filter(pk=firms[1].pk).delete()  # a queryset delete, as the admin's
    assert kept() == {"CR": 1, "PE": 1}
    assert services.enterprise_counts_disagreeing() == []


@pytest.mark.django_db
def test_a_bulk_write_is_counted_by_recount_and_a_wrong_count_is_found(ada):
    sector = SectorFactory()
    Enterprise.objects.bulk_create([Enterprise(name=f"Bulk {n}", country="GY", sector=sector) for n in range(4)])
    assert services.enterprise_counts_disagreeing() == ["GY"]
    services.enterprises_recount({"GY"})
    assert kept()["GY"] == 4
    CountryEnterprises.objects.filter(country="GY").update(enterprises=9)
    assert services.enterprise_counts_disagreeing() == ["GY"]
    services.enterprises_recount(None)
    assert services.enterprise_counts_disagreeing() == []


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["ada", "cora", "olga", "mia", "fiona", "charlie"])
def test_the_kept_count_is_what_each_person_may_see(active, request, who):
    for country in ("CR", "CR", "PE", "DO"):
        EnterpriseFactory(country=country)
    EnterpriseFactory(country="PE").memberships.create(
        consortium=active, joined=datetime.date(2026, 1, 5)
    )  # seen beyond the country
    person = request.getfixturevalue(who)
    assert Enterprise.objects.count_visible_to(person) == Enterprise.objects.visible_to(person).count()
    assert Enterprise.objects.filter(country="CR").count_visible_to(person) == (
        Enterprise.objects.filter(country="CR").visible_to(person).count()
    )


@pytest.mark.django_db
def test_the_enterprise_list_of_everything_reads_its_total_from_the_counts(client, ada):
    for n in range(30):
        EnterpriseFactory(country=["CR", "PE", "DO"][n % 3])
    client = signed_in(client, ada)
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/enterprises/").content.decode()
    assert "30 enterprises" in body
    assert not [q for q in queries.captured_queries if 'COUNT(*) AS "__count" FROM "members_enterprise"' in q["sql"]]
    assert "10 enterprises" in client.get("/enterprises/?country=PE").content.decode()  # a filter counts


@pytest.mark.django_db
def test_an_officials_home_counts_the_enterprises_of_their_country(client, olga):
    for country in ("CR", "CR", "CR", "PE"):
        EnterpriseFactory(country=country)
    body = signed_in(client, olga).get("/").content.decode()
    assert Enterprise.objects.visible_to(olga).count() == 3
    assert "3 enterprises you can see" in body


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's locks (CI sets DATABASE_URL)")
def test_enterprises_registered_at_once_in_one_country_are_all_counted(olga, pablo):
    sector = SectorFactory()
    for round_ in range(4):
        results = run_together(
            *(
                lambda n=n, r=round_: services.enterprise_create(
                    by=olga, name=f"Round {r} firm {n}", country="CR", sector=sector, employees=3
                )
                for n in range(4)
            )
        )
        assert not [r for r in results if isinstance(r, BaseException)], results
        assert kept()["CR"] == 4 * (round_ + 1)
    assert services.enterprise_counts_disagreeing() == []
