"""Two people edit one enterprise at the same moment, on separate connections (PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection

from core.testing import run_together
from members import services
from members.models import Enterprise
from members.tests.factories import EnterpriseFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks (CI sets DATABASE_URL)"),
]


def test_two_edits_of_different_fields_of_an_enterprise_both_land(olga):
    for number in range(8):
        firm = EnterpriseFactory(country="CR")
        results = run_together(
            lambda f=firm, n=number: services.enterprise_update(
                enterprise=Enterprise.objects.get(pk=f.pk), by=olga, name=f"Firm {n}"
            ),
            lambda f=firm: services.enterprise_update(
                enterprise=Enterprise.objects.get(pk=f.pk), by=olga, phone="+506 2222"
            ),
        )
        assert not [r for r in results if isinstance(r, BaseException)], results
        firm.refresh_from_db()
        assert (firm.name, firm.phone) == (f"Firm {number}", "+506 2222")
