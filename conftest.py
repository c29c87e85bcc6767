"""The cast every test shares, named after what they are to the consortium under test.

- olga, a chamber official of MEIC (Costa Rica), registered the Costa Rican candidate;
- pablo, a chamber official of COPEI (Peru): another institution;
- cora, a coordinator for Costa Rica; pierre, a coordinator for Peru only;
- fiona, the candidate's facilitator; mia, who represents one of its member firms;
- charlie, signed in with no role at all; ada, the admin.
"""

from __future__ import annotations

import os

import pytest

from accounts.tests.factories import PASSWORD, UserFactory
from consortia.tests.factories import ConsortiumFactory
from members.tests.factories import InstitutionFactory

# Playwright's sync API runs an event loop in the test thread; Django would
# refuse ORM calls from it. The tests only set data up and check it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _seed_reference_data():
    from members.models import Sector, SizeThreshold
    from members.seed import seed_sectors, seed_size_thresholds
    from methodology.models import Methodology, PhaseTemplate, TaskTemplate
    from methodology.seed import load_default_methodology

    seed_sectors(Sector)
    seed_size_thresholds(SizeThreshold)
    load_default_methodology(Methodology, PhaseTemplate, TaskTemplate)

    from monitoring.content import seed_indicators
    from monitoring.models import Indicator

    seed_indicators(Indicator)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seeded reference data is there even after a transactional test flushed it (or with --reuse-db)."""
    with django_db_blocker.unblock():
        _seed_reference_data()


@pytest.fixture
def reference_data(transactional_db):
    """For transactional tests: each one starts after the previous one flushed the tables."""
    _seed_reference_data()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser; no background traffic on a closed network."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def pytest_configure(config):
    from django.conf import settings

    # A fast hasher: the tests sign people in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _celery_broker_in_memory():
    """What the code under test queues goes to kombu's in-memory transport, so no test
    leaves messages in a shared broker. The tests that need a real worker start one
    on Redis themselves (tests/e2e/test_worker.py)."""
    from config.celery_app import app
    from core.testing import _use_broker

    app.conf.broker_transport_options = {}
    _use_broker(app, "memory://")


@pytest.fixture(autouse=True)
def _english_and_locmem_email(settings):
    settings.LANGUAGE_CODE = "en"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def meic(db):
    return InstitutionFactory(name="MEIC", acronym="MEIC", country="CR")


@pytest.fixture
def copei(db):
    return InstitutionFactory(name="COPEI", acronym="COPEI", country="PE")


@pytest.fixture
def olga(meic):
    return UserFactory(email="olga@example.org", full_name="Olga Official", institution=meic)


@pytest.fixture
def pablo(copei):
    return UserFactory(email="pablo@example.org", full_name="Pablo Official", institution=copei)


@pytest.fixture
def cora(db):
    return UserFactory(
        email="cora@example.org", full_name="Cora Coordinator", is_coordinator=True, coordinator_countries=["CR"]
    )


@pytest.fixture
def pierre(db):
    return UserFactory(
        email="pierre@example.org", full_name="Pierre Coordinator", is_coordinator=True, coordinator_countries=["PE"]
    )


@pytest.fixture
def fiona(db):
    return UserFactory(email="fiona@example.org", full_name="Fiona Facilitator")


@pytest.fixture
def mia(db):
    return UserFactory(email="mia@example.org", full_name="Mia Member")


@pytest.fixture
def charlie(db):
    return UserFactory(email="charlie@example.org", full_name="Charlie Nobody")


@pytest.fixture
def ada(db):
    return UserFactory(email="ada@example.org", full_name="Ada Admin", is_superuser=True, is_staff=True)


@pytest.fixture
def candidate(olga, meic, fiona, mia):
    """A Costa Rican draft with three members, registered by olga, run by fiona; mia represents a member."""
    consortium = ConsortiumFactory(name="Delicia Test", created_by=olga, sponsor=meic, members=3)
    consortium.facilitators.add(fiona)
    mia.enterprise = consortium.memberships.first().enterprise
    mia.save()
    return consortium


@pytest.fixture
def active(candidate, olga, cora):
    """The candidate, submitted and approved: its checklist exists."""
    from consortia import services
    from consortia.models import Consortium

    services.consortium_submit(consortium=candidate, by=olga)
    services.consortium_approve(consortium=candidate, by=cora)
    return Consortium.objects.get(pk=candidate.pk)
