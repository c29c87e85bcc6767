"""Every change of a consortium's data or lifecycle (DESIGN §3).

Each function takes the acting person as ``by``, checks the rule, writes in
one transaction and records the step. A transition claims the row with a
conditional update, so two coordinators deciding the same candidate at once
cannot both win: the second gets StateConflict.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consortia.models import EDITABLE_STATUSES, Consortium, Membership, Transition
from consortia.signals import consortium_approved
from core.errors import StateConflict
from members.models import Enterprise
from members.services import check_country

Status = Consortium.Status
Action = Transition.Action

CONSORTIUM_FIELDS = [
    "name",
    "kind",
    "function",
    "country",
    "region",
    "products",
    "description",
    "target_markets",
    "sponsor",
    "established",
]
M2M_FIELDS = ["sectors", "facilitators"]


# ------------------------------------------------------------------------------
# Registration and editing
# ------------------------------------------------------------------------------
def _apply(consortium: Consortium, fields: dict) -> dict:
    unknown = set(fields) - set(CONSORTIUM_FIELDS) - set(M2M_FIELDS)
    if unknown:
        raise ValueError(f"Unknown consortium fields: {sorted(unknown)}")
    for name in CONSORTIUM_FIELDS:
        if name in fields:
            setattr(consortium, name, fields[name])
    return {name: fields[name] for name in M2M_FIELDS if name in fields}


@transaction.atomic
def consortium_create(*, by, **fields) -> Consortium:
    """Register a candidate consortium as a draft, sponsored by the official's institution."""
    if not by.has_perm("consortia.add_consortium"):
        raise PermissionDenied(_("Only chamber officials and admins register candidate consortia."))
    consortium = Consortium(created_by=by, status=Status.DRAFT)
    m2m = _apply(consortium, fields)
    if consortium.sponsor_id is None and by.institution_id:
        consortium.sponsor_id = by.institution_id
    check_country(by, consortium.country)
    consortium.full_clean()
    consortium.save()
    for name, values in m2m.items():
        getattr(consortium, name).set(values)
    Transition.objects.create(consortium=consortium, action=Action.CREATE, to_status=Status.DRAFT, by=by)
    return consortium


@transaction.atomic
def consortium_update(*, consortium: Consortium, by, **fields) -> Consortium:
    if not by.has_perm("consortia.change_consortium", consortium):
        raise PermissionDenied(_("You may not change this consortium."))
    current = Consortium.objects.select_for_update().get(pk=consortium.pk)
    if current.status not in EDITABLE_STATUSES:
        raise StateConflict(
            _("A consortium that is %(status)s cannot be edited.") % {"status": current.get_status_display().lower()}
        )
    m2m = _apply(consortium, fields)
    consortium.status = current.status
    check_country(by, consortium.country)
    consortium.full_clean()
    consortium.save()
    for name, values in m2m.items():
        getattr(consortium, name).set(values)
    return consortium


# ------------------------------------------------------------------------------
# Memberships
# ------------------------------------------------------------------------------
def _check_memberships_editable(consortium: Consortium, by) -> None:
    if not by.has_perm("consortia.manage_memberships", consortium):
        raise PermissionDenied(_("You may not change this consortium's members."))
    status = Consortium.objects.filter(pk=consortium.pk).values_list("status", flat=True).get()
    if status not in EDITABLE_STATUSES:
        raise StateConflict(
            _("Members cannot be changed while the consortium is %(status)s.")
            % {"status": Status(status).label.lower()}
        )


@transaction.atomic
def membership_add(
    *,
    consortium: Consortium,
    enterprise: Enterprise,
    by,
    role: str = Membership.Role.MEMBER,
    joined: datetime.date | None = None,
) -> Membership:
    _check_memberships_editable(consortium, by)
    if consortium.memberships.current().filter(enterprise=enterprise).exists():
        raise ValidationError({"enterprise": _("%(name)s is already a member.") % {"name": enterprise.name}})
    membership = Membership(
        consortium=consortium, enterprise=enterprise, role=role, joined=joined or timezone.localdate()
    )
    membership.full_clean(exclude=["consortium"])
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:  # a concurrent add of the same enterprise
        raise ValidationError({"enterprise": _("%(name)s is already a member.") % {"name": enterprise.name}})
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, by, left: datetime.date | None = None) -> Membership:
    _check_memberships_editable(membership.consortium, by)
    if membership.left is not None:
        raise StateConflict(_("This membership has already ended."))
    left = left or timezone.localdate()
    if left < membership.joined:
        raise ValidationError({"left": _("The leaving date cannot be before the joining date.")})
    membership.left = left
    membership.save()
    return membership


# ------------------------------------------------------------------------------
# Lifecycle
# ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    sources: frozenset[str]
    target: str
    permission: str
    comment_required: bool
    refused: Promise


STEPS: dict[str, Step] = {
    Action.SUBMIT: Step(
        frozenset({Status.DRAFT}),
        Status.SUBMITTED,
        "consortia.submit_consortium",
        False,
        gettext_lazy("You may not submit this consortium."),
    ),
    Action.APPROVE: Step(
        frozenset({Status.SUBMITTED}),
        Status.ACTIVE,
        "consortia.decide_consortium",
        False,
        gettext_lazy("Only a coordinator for this country may approve this candidate."),
    ),
    Action.RETURN: Step(
        frozenset({Status.SUBMITTED}),
        Status.DRAFT,
        "consortia.decide_consortium",
        True,
        gettext_lazy("Only a coordinator for this country may return this candidate."),
    ),
    Action.REJECT: Step(
        frozenset({Status.SUBMITTED}),
        Status.REJECTED,
        "consortia.decide_consortium",
        True,
        gettext_lazy("Only a coordinator for this country may reject this candidate."),
    ),
    Action.PAUSE: Step(
        frozenset({Status.ACTIVE}),
        Status.PAUSED,
        "consortia.steer_consortium",
        True,
        gettext_lazy("Only a coordinator for this country may pause this consortium."),
    ),
    Action.RESUME: Step(
        frozenset({Status.PAUSED}),
        Status.ACTIVE,
        "consortia.steer_consortium",
        False,
        gettext_lazy("Only a coordinator for this country may resume this consortium."),
    ),
    Action.DISSOLVE: Step(
        frozenset({Status.ACTIVE, Status.PAUSED}),
        Status.DISSOLVED,
        "consortia.steer_consortium",
        True,
        gettext_lazy("Only a coordinator for this country may dissolve this consortium."),
    ),
}


def allowed_actions(consortium: Consortium, user) -> list[str]:
    """The lifecycle actions this person may take now, for buttons and the API."""
    return [
        action
        for action, step in STEPS.items()
        if consortium.status in step.sources and user.has_perm(step.permission, consortium)
    ]


def submission_problems(consortium: Consortium) -> list[str]:
    """Each thing missing before a candidate can be submitted, as a sentence."""
    problems = []
    if not consortium.name.strip():
        problems.append(_("Give the consortium a name."))
    if not consortium.kind:
        problems.append(_("Choose the kind of consortium (export or origin)."))
    if not consortium.country:
        problems.append(_("Choose the country."))
    if not consortium.sectors.exists():
        problems.append(_("Choose at least one sector."))
    if not consortium.products.strip():
        problems.append(_("Describe the products."))
    members = consortium.memberships.current().count()
    if members < Consortium.MIN_MEMBERS:
        problems.append(
            _("Add at least %(min)d member enterprises (it has %(count)d).")
            % {"min": Consortium.MIN_MEMBERS, "count": members}
        )
    return problems


def _transition(*, consortium: Consortium, by, action: str, comment: str = "") -> Consortium:
    step = STEPS[action]
    comment = (comment or "").strip()
    if not by.has_perm(step.permission, consortium):
        raise PermissionDenied(str(step.refused))
    if step.comment_required and not comment:
        raise ValidationError({"comment": _("A comment is required: say why, so the others can act on it.")})
    with transaction.atomic():
        current = Consortium.objects.get(pk=consortium.pk)
        if current.status not in step.sources:
            raise StateConflict(
                _("This consortium is already %(status)s; it cannot be %(action)s now.")
                % {"status": current.get_status_display().lower(), "action": Action(action).label.lower()}
            )
        if action == Action.SUBMIT:
            problems = submission_problems(current)
            if problems:
                raise ValidationError({"__all__": problems})
        source = current.status
        # The claim: only one writer moves the row out of the source status.
        claimed = Consortium.objects.filter(pk=current.pk, status=source).update(status=step.target)
        if claimed != 1:
            raise StateConflict(_("Someone else changed this consortium a moment ago; reload to see its status."))
        current.status = step.target
        if action == Action.APPROVE and current.activated_on is None:
            current.activated_on = timezone.localdate()
        current.save()  # records the history row
        transition = Transition.objects.create(
            consortium=current, action=action, from_status=source, to_status=step.target, by=by, comment=comment
        )
        if action == Action.APPROVE:
            consortium_approved.send(sender=Consortium, consortium=current, by=by)
        _notify_transition(current, transition)
    consortium.refresh_from_db()
    return consortium


def consortium_submit(*, consortium: Consortium, by, comment: str = "") -> Consortium:
    return _transition(consortium=consortium, by=by, action=Action.SUBMIT, comment=comment)


def consortium_approve(*, consortium: Consortium, by, comment: str = "") -> Consortium:
    return _transition(consortium=consortium, by=by, action=Action.APPROVE, comment=comment)


def consortium_return(*, consortium: Consortium, by, comment: str) -> Consortium:
    return _transition(consortium=consortium, by=by, action=Action.RETURN, comment=comment)


def consortium_reject(*, consortium: Consortium, by, comment: str) -> Consortium:
    return _transition(consortium=consortium, by=by, action=Action.REJECT, comment=comment)


def consortium_pause(*, consortium: Consortium, by, comment: str) -> Consortium:
    return _transition(consortium=consortium, by=by, action=Action.PAUSE, comment=comment)


def consortium_resume(*, consortium: Consortium, by, comment: str = "") -> Consortium:
    return _transition(consortium=consortium, by=by, action=Action.RESUME, comment=comment)


def consortium_dissolve(*, consortium: Consortium, by, comment: str) -> Consortium:
    return _transition(consortium=consortium, by=by, action=Action.DISSOLVE, comment=comment)


def consortium_act(*, consortium: Consortium, by, action: str, comment: str = "") -> Consortium:
    """Dispatch by action code, for the page and API endpoints that take one."""
    if action not in STEPS:
        raise ValidationError({"action": _("Unknown action.")})
    return _transition(consortium=consortium, by=by, action=action, comment=comment)


def _notify_transition(consortium: Consortium, transition: Transition) -> None:
    from accounts.models import User
    from notifications.models import Notification
    from notifications.services import notify_on_commit

    url = consortium.get_absolute_url()
    if transition.action == Action.SUBMIT:
        for coordinator in User.objects.coordinators_for(consortium.country):
            notify_on_commit(
                recipient=coordinator,
                kind=Notification.Kind.CANDIDATE_SUBMITTED,
                dedup_key=f"candidate_submitted:{transition.pk}:{coordinator.pk}",
                subject=lambda: _("%(name)s was submitted for review") % {"name": consortium.name},
                body=lambda: (
                    _("%(who)s submitted the candidate consortium %(name)s; it awaits your review.")
                    % {"who": transition.by, "name": consortium.name}
                ),
                url=url,
            )
    elif transition.action in (Action.APPROVE, Action.RETURN, Action.REJECT):
        people = {consortium.created_by, *consortium.facilitators.all()} - {None, transition.by}
        for person in people:
            notify_on_commit(
                recipient=person,
                kind=Notification.Kind.CANDIDATE_DECIDED,
                dedup_key=f"candidate_decided:{transition.pk}:{person.pk}",
                subject=lambda: (
                    _("%(name)s: %(decision)s") % {"name": consortium.name, "decision": Action(transition.action).label}
                ),
                body=lambda: transition.comment or Action(transition.action).label,
                url=url,
            )
