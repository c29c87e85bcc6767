"""A broker that accepts connections but never answers must not hold a request (issue #10 F).

The test starts its own redis-server, freezes it with SIGSTOP (the kernel still accepts
connections on its port, as a hung broker does) and times a real approval request.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
from django.core import mail

from consortia.models import Consortium
from core.testing import celery_broker
from notifications import delivery
from notifications.models import Notification

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS is None, reason="needs redis-server (Debian's redis-server; CI has it)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def frozen_redis(tmp_path):
    port = _free_port()
    server = subprocess.Popen(
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        os.kill(server.pid, signal.SIGSTOP)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        os.kill(server.pid, signal.SIGCONT)
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_an_approval_with_a_frozen_broker_answers_within_two_seconds(reference_data, frozen_redis, client):
    from accounts.tests.factories import UserFactory
    from consortia import services
    from consortia.tests.factories import ConsortiumFactory
    from members.tests.factories import InstitutionFactory

    meic = InstitutionFactory(name="MEIC", country="CR")
    olga = UserFactory(email="olga@example.org", institution=meic)
    cora = UserFactory(email="cora@example.org", is_coordinator=True, coordinator_countries=["CR"])
    candidate = ConsortiumFactory(created_by=olga, sponsor=meic, members=3)
    services.consortium_submit(consortium=candidate, by=olga)
    client.force_login(cora)

    with celery_broker(frozen_redis):
        started = time.monotonic()
        response = client.post(f"/consortia/{candidate.pk}/approve/", {"comment": ""})
        elapsed = time.monotonic() - started

    assert response.status_code == 302
    print(f"approval with a frozen broker: {elapsed:.2f} s")
    assert elapsed <= 2.0, f"the request took {elapsed:.1f} s"
    assert Consortium.objects.get(pk=candidate.pk).status == Consortium.Status.ACTIVE
    waiting = Notification.objects.get(recipient=olga, kind=Notification.Kind.CANDIDATE_DECIDED)
    assert waiting.sent_at is None
    assert delivery.deliver_pending()["sent"] >= 1
    assert "olga@example.org" in [address for message in mail.outbox for address in message.to]
