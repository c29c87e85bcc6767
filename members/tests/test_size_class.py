from __future__ import annotations

import datetime

import pytest

from members.models import Enterprise, SizeThreshold
from members.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def size_of(enterprise, on=None) -> str:
    return Enterprise.objects.with_size_class(on).get(pk=enterprise.pk).size_class


@pytest.mark.parametrize(
    ("employees", "expected"),
    [(10, "micro"), (11, "small"), (50, "small"), (51, "medium"), (250, "medium"), (251, "large")],
)
def test_fallback_bands_apply_where_a_country_has_no_thresholds(employees, expected):
    enterprise = EnterpriseFactory(country="FR", employees=employees)
    assert not SizeThreshold.objects.filter(country="FR").exists()
    assert size_of(enterprise) == expected


def test_seeded_costa_rica_thresholds_apply():
    # MEIC bands seeded by the migration: micro ≤5, small ≤30, medium ≤100.
    assert size_of(EnterpriseFactory(country="CR", employees=6)) == "small"
    assert size_of(EnterpriseFactory(country="CR", employees=101)) == "large"


def test_the_newest_threshold_in_force_on_the_date_wins():
    SizeThreshold.objects.create(
        country="FR", valid_from=datetime.date(2000, 1, 1), micro_max=9, small_max=49, medium_max=249
    )
    SizeThreshold.objects.create(
        country="FR", valid_from=datetime.date(2030, 1, 1), micro_max=20, small_max=60, medium_max=300
    )
    enterprise = EnterpriseFactory(country="FR", employees=15)
    assert size_of(enterprise, datetime.date(2026, 1, 1)) == "small"
    assert size_of(enterprise, datetime.date(2031, 1, 1)) == "micro"


def test_unknown_employees_have_no_size_class():
    assert size_of(EnterpriseFactory(employees=None)) == ""
