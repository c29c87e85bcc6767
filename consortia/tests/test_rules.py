"""Each role against each action: who may and who may not."""

from __future__ import annotations

import pytest

from consortia.models import Consortium

pytestmark = pytest.mark.django_db

PEOPLE = ["olga", "pablo", "cora", "pierre", "fiona", "mia", "charlie", "ada"]
MAY = {
    "consortia.see_consortium": {"olga", "cora", "fiona", "mia", "ada"},
    "consortia.edit_consortium": {"olga", "cora", "fiona", "ada"},
    "consortia.manage_memberships": {"olga", "fiona", "ada"},
    "consortia.submit_consortium": {"olga", "fiona", "ada"},
    "consortia.decide_consortium": {"cora", "ada"},
    "consortia.steer_consortium": {"cora", "ada"},
}


@pytest.mark.parametrize("permission", MAY)
@pytest.mark.parametrize("who", PEOPLE)
def test_each_role_against_each_consortium_action(candidate, request, permission, who):
    user = request.getfixturevalue(who)
    assert user.has_perm(permission, candidate) is (who in MAY[permission])


@pytest.mark.parametrize("who", PEOPLE)
def test_visible_to_agrees_with_the_view_rule(candidate, request, who):
    user = request.getfixturevalue(who)
    listed = Consortium.objects.visible_to(user).filter(pk=candidate.pk).exists()
    assert listed is user.has_perm("consortia.see_consortium", candidate)


@pytest.mark.parametrize(("who", "may"), [("olga", True), ("pablo", True), ("mia", False), ("charlie", False)])
def test_who_may_register_enterprises(request, who, may):
    assert request.getfixturevalue(who).has_perm("members.register_enterprise") is may
