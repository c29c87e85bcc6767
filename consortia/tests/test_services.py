from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consortia import selectors, services
from consortia.models import Consortium, Transition
from consortia.signals import consortium_approved
from consortia.tests.factories import ConsortiumFactory, MembershipFactory
from core.errors import FieldPermissionDenied, StateConflict
from members.tests.factories import EnterpriseFactory, SectorFactory

pytestmark = pytest.mark.django_db
S = Consortium.Status


def submitted(candidate, olga):
    return services.consortium_submit(consortium=candidate, by=olga)


def test_official_registers_a_draft_sponsored_by_their_institution(olga, meic):
    consortium = services.consortium_create(
        by=olga,
        name="Cacao del Sur",
        kind="export",
        function="sales",
        country="CR",
        products="Cacao",
        sectors=[SectorFactory()],
    )
    assert consortium.status == S.DRAFT
    assert consortium.sponsor == meic
    assert consortium.created_by == olga
    assert list(consortium.transitions.values_list("action", flat=True)) == ["create"]


def test_person_without_institution_cannot_register_a_candidate(charlie):
    with pytest.raises(PermissionDenied):
        services.consortium_create(by=charlie, name="X", country="CR")


def test_registering_with_an_unknown_country_names_the_field(olga):
    with pytest.raises(ValidationError) as error:
        services.consortium_create(by=olga, name="X", country="ZZ")
    assert "country" in error.value.message_dict


def test_official_submits_a_complete_candidate(candidate, olga):
    submitted(candidate, olga)
    candidate.refresh_from_db()
    assert candidate.status == S.SUBMITTED
    step = candidate.transitions.last()
    assert (step.action, step.from_status, step.to_status, step.by) == ("submit", "draft", "submitted", olga)


def test_facilitator_may_submit(candidate, fiona):
    services.consortium_submit(consortium=candidate, by=fiona)
    assert Consortium.objects.get(pk=candidate.pk).status == S.SUBMITTED


def test_submitting_with_two_members_names_the_rule_and_leaves_the_draft(candidate, olga):
    services.membership_end(membership=candidate.memberships.first(), by=olga)
    with pytest.raises(ValidationError) as error:
        services.consortium_submit(consortium=candidate, by=olga)
    assert "Add at least 3 member enterprises (it has 2)." in error.value.messages
    assert Consortium.objects.get(pk=candidate.pk).status == S.DRAFT
    assert not candidate.transitions.filter(action="submit").exists()


def test_submitting_names_every_missing_item(olga, meic):
    consortium = ConsortiumFactory(created_by=olga, sponsor=meic, products="", sectors=[])
    with pytest.raises(ValidationError) as error:
        services.consortium_submit(consortium=consortium, by=olga)
    assert error.value.messages == [
        "Choose at least one sector.",
        "Describe the products.",
        "Add at least 3 member enterprises (it has 0).",
    ]


def test_coordinator_in_scope_approves_and_the_consortium_becomes_active(candidate, olga, cora):
    received = []
    consortium_approved.connect(lambda **kw: received.append(kw["consortium"].pk), weak=False, dispatch_uid="t")
    try:
        submitted(candidate, olga)
        services.consortium_approve(consortium=candidate, by=cora, comment="Welcome")
    finally:
        consortium_approved.disconnect(dispatch_uid="t")
    candidate.refresh_from_db()
    assert candidate.status == S.ACTIVE
    assert candidate.activated_on is not None
    assert received == [candidate.pk]
    assert candidate.history.count() >= 2


def test_coordinator_returns_with_a_comment_and_the_official_resubmits(candidate, olga, cora):
    submitted(candidate, olga)
    services.consortium_return(consortium=candidate, by=cora, comment="Add the export markets")
    assert Consortium.objects.get(pk=candidate.pk).status == S.DRAFT
    services.consortium_submit(consortium=candidate, by=olga)
    actions = list(candidate.transitions.values_list("action", "comment"))
    assert actions == [("submit", ""), ("return", "Add the export markets"), ("submit", "")]


@pytest.mark.parametrize("action", ["return", "reject"])
def test_returning_or_rejecting_needs_a_comment(candidate, olga, cora, action):
    submitted(candidate, olga)
    with pytest.raises(ValidationError) as error:
        services.consortium_act(consortium=candidate, by=cora, action=action, comment="  ")
    assert "comment" in error.value.message_dict
    assert Consortium.objects.get(pk=candidate.pk).status == S.SUBMITTED


def test_coordinator_rejects(candidate, olga, cora):
    submitted(candidate, olga)
    services.consortium_reject(consortium=candidate, by=cora, comment="Not a consortium")
    assert Consortium.objects.get(pk=candidate.pk).status == S.REJECTED


def test_coordinator_out_of_scope_cannot_decide(candidate, olga, pierre):
    submitted(candidate, olga)
    with pytest.raises(PermissionDenied):
        services.consortium_approve(consortium=candidate, by=pierre)
    assert Consortium.objects.get(pk=candidate.pk).status == S.SUBMITTED


def test_official_cannot_approve_their_own_candidate(candidate, olga):
    submitted(candidate, olga)
    with pytest.raises(PermissionDenied):
        services.consortium_approve(consortium=candidate, by=olga)


def test_approving_a_draft_is_a_state_conflict(candidate, cora):
    with pytest.raises(StateConflict) as error:
        services.consortium_approve(consortium=candidate, by=cora)
    assert "already draft" in error.value.message
    assert Consortium.objects.get(pk=candidate.pk).status == S.DRAFT


def test_second_coordinator_deciding_the_same_candidate_is_told_it_was_decided(candidate, olga, cora, ada):
    submitted(candidate, olga)
    seen_by_cora = Consortium.objects.get(pk=candidate.pk)
    seen_by_ada = Consortium.objects.get(pk=candidate.pk)
    services.consortium_approve(consortium=seen_by_cora, by=cora)
    with pytest.raises(StateConflict) as error:
        services.consortium_reject(consortium=seen_by_ada, by=ada, comment="No")
    assert "already active" in error.value.message
    assert Consortium.objects.get(pk=candidate.pk).status == S.ACTIVE
    assert candidate.transitions.filter(action__in=["approve", "reject"]).count() == 1


def test_pause_resume_and_dissolve_an_active_consortium(cora):
    consortium = ConsortiumFactory(status=S.ACTIVE, members=3)
    services.consortium_pause(consortium=consortium, by=cora, comment="Members on harvest")
    assert consortium.status == S.PAUSED
    services.consortium_resume(consortium=consortium, by=cora)
    assert consortium.status == S.ACTIVE
    services.consortium_dissolve(consortium=consortium, by=cora, comment="Members went separate ways")
    assert consortium.status == S.DISSOLVED
    assert list(consortium.transitions.values_list("action", flat=True)) == ["pause", "resume", "dissolve"]


def test_paused_consortium_can_be_dissolved(cora):
    consortium = ConsortiumFactory(status=S.PAUSED)
    services.consortium_dissolve(consortium=consortium, by=cora, comment="Closed")
    assert consortium.status == S.DISSOLVED


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.DRAFT, "pause"),
        (S.SUBMITTED, "resume"),
        (S.ACTIVE, "resume"),
        (S.DISSOLVED, "resume"),
        (S.REJECTED, "approve"),
    ],
)
def test_steps_not_allowed_from_the_current_status_are_conflicts(cora, status, action):
    consortium = ConsortiumFactory(status=status)
    with pytest.raises(StateConflict):
        services.consortium_act(consortium=consortium, by=cora, action=action, comment="because")
    assert Consortium.objects.get(pk=consortium.pk).status == status


def test_facilitator_cannot_pause(fiona, candidate):
    Consortium.objects.filter(pk=candidate.pk).update(status=S.ACTIVE)
    candidate.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.consortium_pause(consortium=candidate, by=fiona, comment="x")


def test_editing_a_submitted_candidate_is_a_state_conflict(candidate, olga):
    submitted(candidate, olga)
    with pytest.raises(StateConflict):
        services.consortium_update(consortium=candidate, by=olga, name="Renamed")
    assert Consortium.objects.get(pk=candidate.pk).name == "Delicia Test"


def test_official_edits_their_draft(candidate, olga):
    services.consortium_update(consortium=candidate, by=olga, name="Delicia Artesanal", target_markets=["US", "CA"])
    candidate.refresh_from_db()
    assert candidate.name == "Delicia Artesanal"
    assert sorted(c.code for c in candidate.target_markets) == ["CA", "US"]


def test_other_institution_official_cannot_edit(candidate, pablo):
    with pytest.raises(PermissionDenied):
        services.consortium_update(consortium=candidate, by=pablo, name="Mine")


def test_adding_the_same_enterprise_twice_is_a_field_error(candidate, olga):
    enterprise = candidate.memberships.first().enterprise
    with pytest.raises(ValidationError) as error:
        services.membership_add(consortium=candidate, enterprise=enterprise, by=olga)
    assert "enterprise" in error.value.message_dict


def test_members_cannot_change_while_submitted(candidate, olga):
    submitted(candidate, olga)
    with pytest.raises(StateConflict):
        services.membership_add(consortium=candidate, enterprise=EnterpriseFactory(), by=olga)
    with pytest.raises(StateConflict):
        services.membership_end(membership=candidate.memberships.first(), by=olga)


def test_ending_a_membership_keeps_it_in_history(candidate, olga):
    membership = candidate.memberships.first()
    services.membership_end(membership=membership, by=olga)
    membership.refresh_from_db()
    assert membership.left is not None
    assert candidate.memberships.current().count() == 2
    assert candidate.memberships.count() == 3


def test_member_representative_cannot_change_memberships(candidate, mia):
    with pytest.raises(PermissionDenied):
        services.membership_add(consortium=candidate, enterprise=EnterpriseFactory(), by=mia)


def test_an_enterprise_can_rejoin_after_leaving(candidate, olga):
    membership = MembershipFactory(consortium=candidate)
    services.membership_end(membership=membership, by=olga)
    again = services.membership_add(consortium=candidate, enterprise=membership.enterprise, by=olga)
    assert again.pk != membership.pk


def test_allowed_actions_follow_role_and_status(candidate, olga, cora, charlie):
    assert selectors.allowed_actions(candidate, olga) == ["submit"]
    assert selectors.allowed_actions(candidate, cora) == []
    submitted(candidate, olga)
    candidate.refresh_from_db()
    assert selectors.allowed_actions(candidate, cora) == ["approve", "return", "reject"]
    assert selectors.allowed_actions(candidate, charlie) == []
    assert Transition.objects.filter(consortium=candidate).count() == 1


def test_official_registers_candidates_of_their_own_country_only(olga):
    with pytest.raises(ValidationError) as error:
        services.consortium_create(by=olga, name="Peruvian", country="PE", products="x")
    assert "Costa Rica" in error.value.message_dict["country"][0]


def test_admin_registers_in_any_country(ada):
    assert services.consortium_create(by=ada, name="Anywhere", country="PE").country == "PE"


def test_official_cannot_move_a_draft_to_another_country(candidate, olga):
    with pytest.raises(FieldPermissionDenied) as error:
        services.consortium_update(consortium=candidate, by=olga, country="PE")
    assert error.value.fields == ["country"]
    assert Consortium.objects.get(pk=candidate.pk).country == "CR"
