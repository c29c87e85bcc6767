from __future__ import annotations

import pytest

from consortia import services as consortium_services
from consortia.models import Consortium


@pytest.fixture
def active(candidate, olga, cora):
    """The candidate, submitted and approved: its checklist exists."""
    consortium_services.consortium_submit(consortium=candidate, by=olga)
    consortium_services.consortium_approve(consortium=candidate, by=cora)
    return Consortium.objects.get(pk=candidate.pk)


@pytest.fixture
def phase1(active):
    return active.phases.get(number=1)


@pytest.fixture
def task(phase1):
    return phase1.tasks.order_by("order").first()
