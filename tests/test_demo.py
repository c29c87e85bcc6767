"""The demo loads through the same services and rules as everyone's data, and twice adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from consortia.models import Consortium
from monitoring.models import ProgressReport

pytestmark = pytest.mark.django_db


def test_load_demo_passes_every_rule_and_a_second_run_adds_nothing(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    counts = (Consortium.objects.count(), ProgressReport.objects.count())
    assert counts[0] == 21
    delicia = Consortium.objects.get(name__startswith="Delicia Artesanal")
    assert list(delicia.facilitators.values_list("email", flat=True)) == ["facilitator@demo.alianza.org"]
    assert all(
        c.sponsor is None or c.sponsor.kind == "international" or c.sponsor.country == c.country
        for c in Consortium.objects.select_related("sponsor")
    )
    call_command("load_demo", stdout=io.StringIO())
    assert (Consortium.objects.count(), ProgressReport.objects.count()) == counts
