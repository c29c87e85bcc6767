"""Test helpers shared by the apps' suites."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(action) -> int:
    """How many queries ``action()`` runs."""
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)
