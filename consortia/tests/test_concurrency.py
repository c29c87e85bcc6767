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


def test_only_one_of_two_simultaneous_decisions_wins(cora, ada):
    candidate = ConsortiumFactory(status=Consortium.Status.SUBMITTED, members=3)
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
