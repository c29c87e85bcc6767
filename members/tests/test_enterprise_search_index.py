from __future__ import annotations

import pytest
from django.db import connection

from members.filters import EnterpriseFilter
from members.models import Enterprise

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's (set DATABASE_URL)")
def test_the_enterprise_search_can_use_the_trigram_indexes():
    """The indexes are on the very expression icontains produces, so the planner can use them
    (sequential scans are switched off here: the test table is too small to prefer an index).
    Unordered, as the paginator counts the matches; a page in name order may walk the name index."""
    queryset = EnterpriseFilter({"q": "cacao"}, queryset=Enterprise.objects.all()).qs
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.order_by().explain()
    for column in ("name", "legal_name", "products"):
        assert f"enterprise_{column}_trgm" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's (set DATABASE_URL)")
def test_a_page_of_the_enterprise_and_consortium_lists_can_be_read_in_name_order_from_an_index():
    """A page walks the name index instead of sorting every row (sequential scans are off: the
    test tables are too small to prefer an index)."""
    from consortia.models import Consortium

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        enterprises = Enterprise.objects.with_size_class().select_related("sector")[:25].explain()
        consortia = Consortium.objects.for_list()[:25].explain()
    assert "enterprise_name" in enterprises
    assert "consortium_name" in consortia
