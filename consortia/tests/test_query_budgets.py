from __future__ import annotations

import pytest

from consortia.models import Consortium
from consortia.tests.factories import ConsortiumFactory
from core.testing import count_queries

pytestmark = pytest.mark.django_db


def make(n, **kwargs):
    for _ in range(n):
        ConsortiumFactory(members=3, **kwargs)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/consortia/", Consortium.Status.ACTIVE),
        ("/consortia/review/", Consortium.Status.SUBMITTED),
        ("/api/v1/consortia/", Consortium.Status.ACTIVE),
    ],
)
def test_list_queries_stay_the_same_with_5_and_50_consortia(client, cora, path, status, django_assert_max_num_queries):
    client.force_login(cora)
    make(5, status=status)
    with_five = count_queries(lambda: client.get(path))
    make(45, status=status)
    with django_assert_max_num_queries(with_five):
        response = client.get(path)
    assert response.status_code == 200
    assert with_five <= 12


def test_memberships_endpoint_queries_do_not_grow(client, cora, django_assert_max_num_queries):
    client.force_login(cora)
    consortium = ConsortiumFactory(members=5)
    path = f"/api/v1/consortia/{consortium.pk}/memberships/"
    with_five = count_queries(lambda: client.get(path))
    for _ in range(45):
        from consortia.tests.factories import MembershipFactory

        MembershipFactory(consortium=consortium)
    with django_assert_max_num_queries(with_five):
        assert client.get(path).json()["count"] == 50


def test_consortium_page_queries_do_not_grow_with_members(client, cora, django_assert_max_num_queries):
    client.force_login(cora)
    consortium = ConsortiumFactory(members=5)
    with_five = count_queries(lambda: client.get(f"/consortia/{consortium.pk}/"))
    from consortia.tests.factories import MembershipFactory

    for _ in range(45):
        MembershipFactory(consortium=consortium)
    with django_assert_max_num_queries(with_five):
        client.get(f"/consortia/{consortium.pk}/")


def test_facilitators_list_of_drafts_does_not_grow(client, fiona, django_assert_max_num_queries):
    """Each draft row asks whether the viewer may submit it; that must not cost a query per row."""
    client.force_login(fiona)

    def make(n):
        for _ in range(n):
            ConsortiumFactory(members=3).facilitators.add(fiona)

    make(5)
    with_five = count_queries(lambda: client.get("/api/v1/consortia/"))
    make(45)
    with django_assert_max_num_queries(with_five):
        response = client.get("/api/v1/consortia/")
    assert all(row["allowed_actions"] == ["submit"] for row in response.json()["results"])
