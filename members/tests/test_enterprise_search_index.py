from __future__ import annotations

import pytest
from django.db import connection

from members.filters import EnterpriseFilter
from members.models import Enterprise

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's (set DATABASE_URL)")
def test_the_enterprise_search_can_use_the_trigram_indexes():
    """The indexes are on the very expression icontains produces, so the planner can use them
    (sequential scans are switched off here: the test table is too small to prefer an index)."""
    queryset = EnterpriseFilter({"q": "cacao"}, queryset=Enterprise.objects.all()).qs
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    for column in ("name", "legal_name", "products"):
        assert f"enterprise_{column}_trgm" in plan
