from __future__ import annotations

import pytest

from consortia import services as consortium_services
from monitoring.models import ProgressReport

COMPLETE = {
    "export_sales": "60000",
    "export_markets": "3",
    "active_members": "8",
    "direct_jobs": "47",
    "direct_jobs_women": "29",
    "producers_integrated": "40",
    "fairs_missions": "2",
    "buyers_contacted": "15",
    "training_workshops": "4",
    "collective_mark": "0",
    "trust_score": "4",
}


@pytest.fixture
def complete_values():
    return dict(COMPLETE)


@pytest.fixture
def report(candidate, olga, cora, django_capture_on_commit_callbacks):
    consortium_services.consortium_submit(consortium=candidate, by=olga)
    with django_capture_on_commit_callbacks(execute=True):
        consortium_services.consortium_approve(consortium=candidate, by=cora)
    return ProgressReport.objects.get(period__consortium=candidate, period__number=1)
