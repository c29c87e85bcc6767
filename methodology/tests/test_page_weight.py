"""The checklist stays light: what a phone downloads for it, compressed, with and without 400 tasks."""

from __future__ import annotations

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from core.testing import signed_in
from methodology.models import Task

pytestmark = pytest.mark.django_db


def _compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def page_weight(html: str) -> tuple[int, int]:
    """The HTML and the stylesheets, scripts and images it loads, each gzip-compressed, in bytes."""
    assets = 0
    for url in set(re.findall(r'(?:href|src)="/static/([^"?]+)"', html)):
        path = finders.find(url)
        assert path, url
        with open(path, "rb") as file:
            assets += _compressed(file.read())
    return _compressed(html.encode()), assets


def test_the_checklist_of_a_41_task_consortium_weighs_under_60_kb(client, active, fiona):
    assert Task.objects.filter(phase__consortium=active).count() == 41
    html = signed_in(client, fiona).get(f"/consortia/{active.pk}/methodology/").content.decode()
    document, assets = page_weight(html)
    print(f"41 tasks: html {document} B, assets {assets} B compressed")
    assert document + assets <= 60_000, (document, assets)
    assert document <= 10_000


def test_the_checklist_stays_small_with_400_tasks_in_the_current_phase(client, active, fiona):
    phase = active.phases.get(number=1)
    Task.objects.bulk_create(
        Task(phase=phase, custom_title=f"Producer visit {index}", order=100 + index, assignee=fiona)
        for index in range(360)
    )
    html = signed_in(client, fiona).get(f"/consortia/{active.pk}/methodology/").content.decode()
    document, _assets = page_weight(html)
    print(f"400 tasks: html {document} B compressed, {len(html.encode())} B raw")
    # No select per row any more: a row is its title, status, assignee and counts.
    assert html.count("<option") == 4  # the language switch's four, none per row
    assert document <= 40_000, document
