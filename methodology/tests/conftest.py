from __future__ import annotations

import pytest


@pytest.fixture
def phase1(active):
    return active.phases.get(number=1)


@pytest.fixture
def task(phase1):
    return phase1.tasks.order_by("order").first()
