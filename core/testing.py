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
    from notifications.services import broker_backoff_reset

    broker_backoff_reset()
    app.conf.broker_url = url
    # Celery caches its connection and producer pools; drop them like after a fork.
    # (Not closed: kombu keeps one pool per broker URL and hands it back next time.)
    app._pool = None
    app.amqp._producer_pool = None


def run_together(*actions, timeout: float = 30) -> list:
    """Run each action in its own thread (its own database connection), released at the same instant.

    Returns what each action returned, or the exception it raised, in order. For the
    race tests on PostgreSQL: the actions really overlap, as two requests would.
    """
    import threading

    from django.db import connections

    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def run(index: int, action) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = action()
        except BaseException as exc:  # the test asserts on what each side got
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results


def signed_in(client, user):
    """The Django test client, signed in as ``user``."""
    client.force_login(user)
    return client


def api(user=None):
    """A DRF API client, authenticated as ``user`` (anonymous without one)."""
    from rest_framework.test import APIClient

    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client
