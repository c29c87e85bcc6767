"""Two coordinators decide the same candidate at the same moment, on separate connections."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from consortia import services
from consortia.models import Consortium
from consortia.tests.factories import ConsortiumFactory
from core.errors import StateConflict

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks (CI sets DATABASE_URL)"),
]


def test_only_one_of_two_simultaneous_decisions_wins(cora, ada, fiona):
    candidate = ConsortiumFactory(status=Consortium.Status.SUBMITTED, members=3)
    candidate.facilitators.add(fiona)  # someone will report for it
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def decide(name, user, action):
        try:
            seen = Consortium.objects.get(pk=candidate.pk)
            barrier.wait(timeout=10)
            services.consortium_act(consortium=seen, by=user, action=action, comment="decided")
            outcomes[name] = "won"
        except StateConflict:
            outcomes[name] = "told"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=("cora", cora, "approve")),
        threading.Thread(target=decide, args=("ada", ada, "reject")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == ["told", "won"]
    candidate.refresh_from_db()
    winner = "cora" if outcomes["cora"] == "won" else "ada"
    assert candidate.status == {"cora": "active", "ada": "rejected"}[winner]
    assert candidate.transitions.filter(action__in=["approve", "reject"]).count() == 1


# ------------------------------------------------------------------------------
# Every write path against a second writer (issue #10, races 1, 4, 6 and 10).
# Each round starts both writers at the same instant on their own connections.
# ------------------------------------------------------------------------------
ROUNDS = 8


def test_a_candidate_never_lands_submitted_with_fewer_than_three_members(olga, meic):
    from core.testing import run_together

    for _round in range(ROUNDS):
        draft = ConsortiumFactory(created_by=olga, sponsor=meic, members=3)
        leaving = draft.memberships.first()
        run_together(
            lambda d=draft: services.consortium_submit(consortium=Consortium.objects.get(pk=d.pk), by=olga),
            lambda m=leaving: services.membership_end(membership=type(m).objects.get(pk=m.pk), by=olga),
        )
        draft.refresh_from_db()
        members = draft.memberships.current().count()
        assert not (draft.status == Consortium.Status.SUBMITTED and members < Consortium.MIN_MEMBERS), (
            f"submitted with {members} members"
        )


def test_two_edits_of_different_fields_both_land(olga, meic):
    from core.testing import run_together

    for number in range(ROUNDS):
        draft = ConsortiumFactory(created_by=olga, sponsor=meic, members=3)
        results = run_together(
            lambda d=draft, n=number: services.consortium_update(
                consortium=Consortium.objects.get(pk=d.pk), by=olga, name=f"Renamed {n}"
            ),
            lambda d=draft: services.consortium_update(
                consortium=Consortium.objects.get(pk=d.pk), by=olga, region="Huetar Norte"
            ),
        )
        assert not [r for r in results if isinstance(r, BaseException)], results
        draft.refresh_from_db()
        assert (draft.name, draft.region) == (f"Renamed {number}", "Huetar Norte")


def test_an_edit_racing_a_pause_keeps_both(olga, meic, cora):
    from core.testing import run_together

    for number in range(ROUNDS):
        consortium = ConsortiumFactory(created_by=olga, sponsor=meic, members=3, status=Consortium.Status.ACTIVE)
        results = run_together(
            lambda c=consortium, n=number: services.consortium_update(
                consortium=Consortium.objects.get(pk=c.pk), by=olga, description=f"Edited {n}"
            ),
            lambda c=consortium: services.consortium_pause(
                consortium=Consortium.objects.get(pk=c.pk), by=cora, comment="Funding review"
            ),
        )
        # The edit may be refused once the pause has landed (a paused consortium is still editable,
        # so here both must land).
        assert not [r for r in results if isinstance(r, BaseException)], results
        consortium.refresh_from_db()
        assert (consortium.description, consortium.status) == (f"Edited {number}", Consortium.Status.PAUSED)


def test_ending_one_membership_twice_at_once_ends_it_once(olga, meic):
    from consortia.models import Membership
    from core.testing import run_together

    for _round in range(ROUNDS):
        draft = ConsortiumFactory(created_by=olga, sponsor=meic, members=3)
        membership = draft.memberships.first()
        results = run_together(
            lambda m=membership: services.membership_end(membership=Membership.objects.get(pk=m.pk), by=olga),
            lambda m=membership: services.membership_end(membership=Membership.objects.get(pk=m.pk), by=olga),
        )
        assert sorted(type(r).__name__ for r in results) == ["Membership", "StateConflict"], results
        assert Membership.history.filter(id=membership.pk, left__isnull=False).count() == 1
