"""Membership.abroad says whether a member is registered in another country than its
consortium, whoever moves what; and the members a person sees beyond their countries are the
ones a scan of every membership in sight finds."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import OuterRef, Subquery

from consortia import selectors, services
from consortia.models import Consortium, Membership
from consortia.tests.factories import ConsortiumFactory
from core.testing import run_together
from members import services as member_services
from members.models import Enterprise
from members.tests.factories import EnterpriseFactory


def abroad_of(consortium) -> dict[str, bool]:
    return {
        m.enterprise.name: m.abroad
        for m in Membership.objects.filter(consortium=consortium).select_related("enterprise")
    }


def scanned(user, countries) -> set[int]:
    """The rule members_in_sight answers, by reading every membership in sight."""
    country = Subquery(Enterprise.objects.filter(pk=OuterRef("enterprise_id")).values("country"))
    members = Membership.objects.filter(consortium__in=Consortium.objects.visible_to(user)).annotate(c=country)
    return set(members.exclude(c__in=countries).values_list("enterprise_id", flat=True))


@pytest.mark.django_db
def test_abroad_follows_members_enterprises_and_consortia_that_move(candidate, olga, ada):
    peru = EnterpriseFactory(name="Lima Foods", country="PE")
    services.membership_add(consortium=candidate, enterprise=peru, by=olga)
    local = Membership.objects.filter(consortium=candidate).exclude(enterprise=peru).first().enterprise
    assert abroad_of(candidate)["Lima Foods"] is True
    assert abroad_of(candidate)[local.name] is False
    member_services.enterprise_update(enterprise=Enterprise.objects.get(pk=peru.pk), by=ada, country="CR")
    assert abroad_of(candidate)["Lima Foods"] is False
    services.consortium_update(consortium=Consortium.objects.get(pk=candidate.pk), by=ada, country="PE", sponsor=None)
    moved = abroad_of(candidate)
    assert moved["Lima Foods"] is True
    assert moved[local.name] is True
    Membership.objects.filter(consortium=candidate).update(abroad=False)  # as a bulk load leaves them
    assert Membership.mark_abroad(Membership.objects.all()) == len(moved)
    assert all(abroad_of(candidate).values())


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["olga", "cora", "fiona", "mia", "charlie", "pierre"])
def test_the_members_seen_beyond_ones_countries_are_those_a_full_scan_finds(active, olga, request, who):
    services.membership_add(consortium=active, enterprise=EnterpriseFactory(name="Lima Foods", country="PE"), by=olga)
    abroad = ConsortiumFactory(name="Andes", country="PE", created_by=olga, members=3)
    abroad.memberships.create(enterprise=EnterpriseFactory(country="CR"), joined=active.activated_on)
    person = request.getfixturevalue(who)
    countries, _ids = Enterprise.objects.scope_of(person)
    for countries_asked in (countries, set(), {"CR", "PE"}):
        assert selectors.members_in_sight(person, countries_asked) == scanned(person, countries_asked)
    assert Enterprise.objects.count_visible_to(person) == Enterprise.objects.visible_to(person).count()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks (CI sets DATABASE_URL)")
def test_a_member_added_while_its_enterprise_moves_country_is_marked_right(candidate, olga, ada):
    for round_ in range(4):
        firm = EnterpriseFactory(name=f"Mover {round_}", country="PE")
        results = run_together(
            lambda f=firm: services.membership_add(
                consortium=Consortium.objects.get(pk=candidate.pk), enterprise=f, by=olga
            ),
            lambda f=firm: member_services.enterprise_update(
                enterprise=Enterprise.objects.get(pk=f.pk), by=ada, country="CR"
            ),
        )
        assert not [r for r in results if isinstance(r, BaseException)], results
        assert abroad_of(candidate)[f"Mover {round_}"] is False  # it ends in the consortium's country
    assert Membership.mark_abroad(Membership.objects.all()) == 0
