"""Test helpers shared by the apps' suites."""

from __future__ import annotations

from contextlib import contextmanager
from html.parser import HTMLParser

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


class _FormParser(HTMLParser):
    """Each form on a page as a browser would post it (see form_fields)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.current: dict | None = None
        self.select: str | None = None
        self.textarea: str | None = None
        self.multiple = False
        self.first: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {}
            self.forms.append(self.current)
        elif self.current is not None:
            handler = {"input": self._input, "select": self._select, "option": self._option}.get(tag)
            if tag == "textarea":
                self.textarea = attrs.get("name")
                self.current[self.textarea] = [""]
            elif handler:
                handler(attrs)

    def _input(self, attrs):
        kind = attrs.get("type", "text")
        skipped = kind in ("submit", "button", "file", "image", "reset")
        unchecked = kind in ("checkbox", "radio") and "checked" not in attrs
        if attrs.get("name") and not skipped and not unchecked:
            self.current.setdefault(attrs["name"], []).append(attrs.get("value", "on" if kind == "checkbox" else ""))

    def _select(self, attrs):
        self.select = attrs.get("name")
        self.multiple = "multiple" in attrs
        self.first = None
        self.current.setdefault(self.select, [])

    def _option(self, attrs):
        if not self.select:
            return
        if self.first is None:
            self.first = attrs.get("value", "")
        if "selected" in attrs:
            self.current[self.select].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select" and self.select is not None:
            if not self.multiple and not self.current[self.select] and self.first is not None:
                self.current[self.select].append(self.first)  # a browser posts the first option
            if self.multiple and not self.current[self.select]:
                del self.current[self.select]  # a multi-select with nothing chosen posts nothing
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea and self.current is not None:
            text = self.current[self.textarea][0] + data
            self.current[self.textarea] = [text[1:] if text.startswith("\n") else text]


def form_fields(html: str, *, containing: str) -> dict:
    """What a browser would post from the page's form that has a field named ``containing``:
    each input's value as rendered, the selected options, the textareas' text."""
    parser = _FormParser()
    parser.feed(html)
    for fields in parser.forms:
        if containing in fields:
            fields.pop("csrfmiddlewaretoken", None)
            return {name: values if len(values) != 1 else values[0] for name, values in fields.items()}
    raise AssertionError(f"no form with a field named {containing!r}")
