"""The project's rules decide their permissions; Django's model permissions stay for the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_a_rule_that_says_no_is_final_and_reads_no_model_permissions(olga, cora):
    with CaptureQueriesContext(connection) as queries:
        refused = olga.has_perm("consortia.review_candidates")
    assert refused is False
    assert not [q for q in queries.captured_queries if "auth_permission" in q["sql"]]
    assert cora.has_perm("consortia.review_candidates") is True


def test_a_rule_on_an_object_decides_for_that_object(candidate, olga, pablo):
    assert olga.has_perm("consortia.submit_consortium", candidate) is True  # she registered it
    assert pablo.has_perm("consortia.submit_consortium", candidate) is False


def test_the_admins_model_permissions_still_come_from_groups_and_grants(fiona, ada):
    fiona.is_staff = True
    fiona.save()
    assert fiona.has_perm("consortia.change_consortium") is False
    fiona.user_permissions.add(Permission.objects.get(codename="change_consortium"))
    fiona = type(fiona).objects.get(pk=fiona.pk)  # permissions are cached on the user
    assert fiona.has_perm("consortia.change_consortium") is True
    assert ada.has_perm("consortia.review_candidates") is True  # superusers pass every check
