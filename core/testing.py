"""Test helpers shared by the apps' suites."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(action) -> int:
    """How many queries ``action()`` runs."""
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


@contextmanager
def celery_broker(url: str):
    """Point this process's Celery app at another broker for the block (a dead one, say)."""
    from config.celery_app import app

    previous = app.conf.broker_url
    _use_broker(app, url)
    try:
        yield app
    finally:
        _use_broker(app, previous)


def _use_broker(app, url: str) -> None:
    app.conf.broker_url = url
    # Celery caches its connection and producer pools; drop them like after a fork.
    # (Not closed: kombu keeps one pool per broker URL and hands it back next time.)
    app._pool = None
    app.amqp._producer_pool = None
