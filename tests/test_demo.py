"""The demo loads through the same services and rules as everyone's data, and twice adds nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from consortia.models import Consortium
from monitoring.demo import FIGURES
from monitoring.models import IndicatorTarget, ProgressReport
from monitoring.selectors import tracking

pytestmark = pytest.mark.django_db


def test_load_demo_passes_every_rule_and_a_second_run_adds_nothing(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    counts = (Consortium.objects.count(), ProgressReport.objects.count())
    assert counts[0] == 21
    delicia = Consortium.objects.get(name__startswith="Delicia Artesanal")
    assert sorted(delicia.facilitators.values_list("email", flat=True)) == [
        "facilitator@demo.alianza.org",
        "trade.delicia@demo.alianza.org",  # its trade representative
    ]
    documented = Consortium.objects.active().filter(name__in=FIGURES)
    assert documented.count() == len(FIGURES) == 8
    assert all(c.facilitators.exists() for c in documented)
    # Sensible figures: sales per period just under their targets, and a plan under way.
    sales = next(t for t in tracking(delicia) if t.indicator.code == "export_sales")
    accepted = [p for p in sales.periods if p.status == "accepted"]
    assert accepted
    assert all(Decimal(95) <= p.percent_met <= Decimal(100) for p in accepted)
    assert Decimal(0) < sales.life_of_plan.percent_met < Decimal(100)
    assert any(p.provisional for p in sales.periods)  # its latest report awaits review
    targets = IndicatorTarget.objects.count()
    assert all(
        c.sponsor is None or c.sponsor.kind == "international" or c.sponsor.country == c.country
        for c in Consortium.objects.select_related("sponsor")
    )
    call_command("load_demo", stdout=io.StringIO())
    assert (Consortium.objects.count(), ProgressReport.objects.count()) == counts
    assert IndicatorTarget.objects.count() == targets
