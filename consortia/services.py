"""Every change of a consortium's data or lifecycle (DESIGN §3).

Each function takes the acting person as ``by``, checks the rule, writes in
one transaction and records the step. A transition claims the row with a
conditional update, so two coordinators deciding the same candidate at once
cannot both win: the second gets StateConflict.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from consortia.models import EDITABLE_STATUSES, Consortium, Membership, Transition
from consortia.selectors import submission_problems
from consortia.signals import consortium_approved
from consortia.workflow import STEPS
from core.countries import country_name
from core.errors import FieldPermissionDenied, StateConflict
from core.writes import changed, claim, save_fields, set_history_user
from members.models import Enterprise, Institution
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
def _split(fields: dict) -> tuple[dict, dict]:
    unknown = set(fields) - set(CONSORTIUM_FIELDS) - set(M2M_FIELDS)
    if unknown:
        raise ValueError(f"Unknown consortium fields: {sorted(unknown)}")
    scalars = {name: value for name, value in fields.items() if name in CONSORTIUM_FIELDS}
    m2m = {name: list(value) for name, value in fields.items() if name in M2M_FIELDS}
    return scalars, m2m


def _check_sponsor(consortium: Consortium) -> None:
    sponsor = consortium.sponsor
    # A national institution sponsors in its own country; a regional or international body
    # (SELA, UNIDO, the OECS unit) sponsors across the countries it serves.
    regional = sponsor is not None and sponsor.kind == Institution.Kind.INTERNATIONAL
    if sponsor is not None and not regional and str(sponsor.country) != str(consortium.country):
        raise ValidationError(
            {
                "sponsor": _("The sponsor must be an institution of %(country)s (or a regional body); %(name)s is not.")
                % {"country": country_name(consortium.country), "name": sponsor}
            }
        )


def _check_facilitators(consortium: Consortium, people, *, by: User, already=()) -> None:
    """New facilitators are people of the consortium's country or of its member firms.

    An admin may also name an independent broker from elsewhere (the demo's Fernanda)."""
    from consortia.selectors import facilitator_candidates

    new = {person.pk for person in people} - set(already)
    if not new or by.is_superuser:
        return
    allowed = set(
        facilitator_candidates(consortium if consortium.pk else None, country=consortium.country)
        .filter(pk__in=new)
        .values_list("pk", flat=True)
    )
    if new - allowed:
        raise ValidationError(
            {
                "facilitators": _(
                    "A facilitator must be a person of %(country)s or of one of the consortium's member firms."
                )
                % {"country": country_name(consortium.country)}
            }
        )


@transaction.atomic
def consortium_create(*, by: User, **fields) -> Consortium:
    """Register a candidate consortium as a draft, sponsored by the official's institution."""
    if not by.has_perm("consortia.register_consortium"):
        raise PermissionDenied(_("Only chamber officials and admins register candidate consortia."))
    scalars, m2m = _split(fields)
    consortium = Consortium(created_by=by, status=Status.DRAFT, **scalars)
    institution = by.institution if by.institution_id else None
    if "sponsor" not in scalars and institution and str(institution.country) == str(consortium.country):
        consortium.sponsor = institution
    check_country(by, consortium.country)
    consortium.full_clean()
    _check_sponsor(consortium)
    _check_facilitators(consortium, m2m.get("facilitators", []), by=by)
    consortium.save()
    for name, values in m2m.items():
        getattr(consortium, name).set(values)
    Transition.objects.create(consortium=consortium, action=Action.CREATE, to_status=Status.DRAFT, by=by)
    return consortium


def consortium_changes(consortium: Consortium, fields: dict) -> tuple[dict, dict]:
    """Of the fields sent, the ones whose value differs from the consortium's (scalars, many-to-many)."""
    scalars, m2m = _split(fields)
    changed_m2m = {
        name: values
        for name, values in m2m.items()
        if {v.pk for v in values} != set(getattr(consortium, name).values_list("pk", flat=True))
    }
    return changed(consortium, scalars), changed_m2m


def check_consortium_fields(*, consortium: Consortium, by: User, fields) -> None:
    """Refuse, naming them, the fields this person may not change (403), whatever the page or API."""
    from consortia.rules import editable_fields

    refused = set(fields) - editable_fields(by, consortium, fields)
    if refused:
        raise FieldPermissionDenied(refused)


@transaction.atomic
def consortium_update(*, consortium: Consortium, by: User, **fields) -> Consortium:
    """Change the fields sent that differ from the saved ones; a field this person may not change is refused."""
    if not by.has_perm("consortia.edit_consortium", consortium):
        raise PermissionDenied(_("You may not change this consortium."))
    current = claim(Consortium.objects.select_related("sponsor"), consortium.pk)
    if current.status not in EDITABLE_STATUSES:
        raise StateConflict(
            _("A consortium that is %(status)s cannot be edited.") % {"status": current.get_status_display().lower()}
        )
    scalars, m2m = consortium_changes(current, fields)
    check_consortium_fields(consortium=current, by=by, fields=[*scalars, *m2m])
    old_country = current.country
    for name, value in scalars.items():
        setattr(current, name, value)
    if "country" in scalars and not (
        by.is_superuser or (by.coordinates(old_country) and by.coordinates(current.country))
    ):
        raise ValidationError({"country": _("You may move a consortium only between countries you coordinate.")})
    current.full_clean()
    _check_sponsor(current)
    if "facilitators" in m2m:
        _check_facilitators(
            current, m2m["facilitators"], by=by, already=current.facilitators.values_list("pk", flat=True)
        )
    save_fields(current, scalars, by=by)
    for name, values in m2m.items():
        getattr(current, name).set(values)
    consortium.refresh_from_db()
    return consortium


# ------------------------------------------------------------------------------
# Memberships
# ------------------------------------------------------------------------------
def _claim_memberships(consortium: Consortium, by: User) -> Consortium:
    """Lock the consortium, so that a submit counting its members waits for this change (and the reverse)."""
    if not by.has_perm("consortia.manage_memberships", consortium):
        raise PermissionDenied(_("You may not change this consortium's members."))
    current = claim(Consortium, consortium.pk)
    if current.status not in EDITABLE_STATUSES:
        raise StateConflict(
            _("Members cannot be changed while the consortium is %(status)s.")
            % {"status": current.get_status_display().lower()}
        )
    return current


@transaction.atomic
def membership_add(
    *,
    consortium: Consortium,
    enterprise: Enterprise,
    by,
    role: str = Membership.Role.MEMBER,
    joined: datetime.date | None = None,
) -> Membership:
    current = _claim_memberships(consortium, by)
    if current.memberships.current().filter(enterprise=enterprise).exists():
        raise ValidationError({"enterprise": _("%(name)s is already a member.") % {"name": enterprise.name}})
    membership = Membership(consortium=current, enterprise=enterprise, role=role, joined=joined or timezone.localdate())
    membership.full_clean(exclude=["consortium"])
    set_history_user(membership, by)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:  # a concurrent add of the same enterprise
        raise ValidationError({"enterprise": _("%(name)s is already a member.") % {"name": enterprise.name}})
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, by: User, left: datetime.date | None = None) -> Membership:
    _claim_memberships(membership.consortium, by)
    current = claim(Membership, membership.pk)
    if current.left is not None:
        raise StateConflict(_("This membership has already ended."))
    left = left or timezone.localdate()
    if left < current.joined:
        raise ValidationError({"left": _("The leaving date cannot be before the joining date.")})
    save_fields(current, {"left": left}, by=by)
    membership.left = left
    return membership


# ------------------------------------------------------------------------------
# Lifecycle
# ------------------------------------------------------------------------------


def _transition(*, consortium: Consortium, by: User, action: str, comment: str = "") -> Consortium:
    step = STEPS.check_person(action, consortium, by, comment)
    comment = (comment or "").strip()
    with transaction.atomic():
        # The claim: a second decision, an edit or a membership change of this row waits for this one.
        current = claim(Consortium, consortium.pk)
        STEPS.check_status(action, current, current.status)
        if action == Action.SUBMIT:
            problems = submission_problems(current)
            if problems:
                raise ValidationError({"__all__": problems})
        if action == Action.APPROVE:
            from consortia.selectors import reporters

            if not reporters(current):
                raise ValidationError(
                    {
                        "__all__": [
                            _(
                                "Nobody could write this consortium's reports: name a facilitator, or a sponsoring "
                                "institution with an active official, before approving it."
                            )
                        ]
                    }
                )
        source = current.status
        changes: dict[str, object] = {"status": step.target}
        if action == Action.APPROVE and current.activated_on is None:
            changes["activated_on"] = timezone.localdate()
        save_fields(current, changes, by=by)
        transition = Transition.objects.create(
            consortium=current, action=action, from_status=source, to_status=step.target, by=by, comment=comment
        )
        if action == Action.APPROVE:
            consortium_approved.send(sender=Consortium, consortium=current, by=by)
        _notify_transition(current, transition)
    consortium.refresh_from_db()
    return consortium


def consortium_submit(*, consortium: Consortium, by: User, comment: str = "") -> Consortium:
    return _transition(consortium=consortium, by=by, action=Action.SUBMIT, comment=comment)


def consortium_approve(*, consortium: Consortium, by: User, comment: str = "") -> Consortium:
    return _transition(consortium=consortium, by=by, action=Action.APPROVE, comment=comment)


def consortium_return(*, consortium: Consortium, by: User, comment: str) -> Consortium:
    return _transition(consortium=consortium, by=by, action=Action.RETURN, comment=comment)


def consortium_reject(*, consortium: Consortium, by: User, comment: str) -> Consortium:
    return _transition(consortium=consortium, by=by, action=Action.REJECT, comment=comment)


def consortium_pause(*, consortium: Consortium, by: User, comment: str) -> Consortium:
    return _transition(consortium=consortium, by=by, action=Action.PAUSE, comment=comment)


def consortium_resume(*, consortium: Consortium, by: User, comment: str = "") -> Consortium:
    return _transition(consortium=consortium, by=by, action=Action.RESUME, comment=comment)


def consortium_dissolve(*, consortium: Consortium, by: User, comment: str) -> Consortium:
    return _transition(consortium=consortium, by=by, action=Action.DISSOLVE, comment=comment)


def consortium_act(*, consortium: Consortium, by: User, action: str, comment: str = "") -> Consortium:
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
        people = {p for p in (consortium.created_by, *consortium.facilitators.all()) if p and p != transition.by}
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


def on_enterprise_or_consortium_saved(sender, *, instance, raw: bool = False, **kwargs) -> None:
    """An enterprise or a consortium saved (by a service, the admin, a fixture): its memberships
    say again whether the member is registered abroad (Membership.abroad), in the same
    transaction. One UPDATE over its few memberships; nothing when it did not move."""
    field = "enterprise" if isinstance(instance, Enterprise) else "consortium"
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "country" not in update_fields:
        return
    Membership.mark_abroad(Membership.objects.filter(**{field: instance.pk}))
