"""Every change to a consortium's checklist (DESIGN §4).

A task edit carries the version it was read at and lands with a conditional
UPDATE on that version: if someone else changed the task meanwhile, nothing is
overwritten and TaskConflict carries the task as it is now.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from consortia.models import Consortium
from core.errors import FieldPermissionDenied, StateConflict
from core.validators import sensible_date
from core.writes import changed, check_version, claim, save_fields
from methodology.extensions import tell_phases_changed
from methodology.models import MAX_EVIDENCE_BYTES, Activity, Evidence, Methodology, Phase, Task, TaskComment
from methodology.selectors import current_methodology, people_of, sign_off_blockers

EDITABLE_TASK_FIELDS = ("status", "assignee", "due_date", "notes")
MAX_NOTES = 5000
MAX_FILE_NAME = 255

# Extension -> the bytes its content must start with (None: text, no NUL bytes).
EVIDENCE_SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".ppt": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".csv": None,
    ".txt": None,
}


class TaskConflict(StateConflict):
    """Someone changed the task since it was read; ``task`` is how it is now."""

    def __init__(self, task: Task):
        who = task.updated_by or _("someone")
        when = date_format(timezone.localtime(task.updated_at), "DATETIME_FORMAT")
        super().__init__(
            _(
                "%(who)s changed this task on %(when)s, after you opened it. Nothing of yours was saved; "
                "here is the task as it is now."
            )
            % {"who": who, "when": when}
        )
        self.task = task


# ------------------------------------------------------------------------------
# Instantiation
# ------------------------------------------------------------------------------


@transaction.atomic
def instantiate_methodology(*, consortium: Consortium, methodology: Methodology | None = None) -> list[Phase]:
    """Create the consortium's phases and tasks from the methodology version in force (idempotent)."""
    if consortium.phases.exists():
        return list(consortium.phases.all())
    methodology = methodology or current_methodology()
    templates = list(methodology.phases.prefetch_related("tasks"))
    # In one INSERT each, phases and tasks (nothing listens to a phase's save; seed_scale
    # instantiates 1,900 consortia).
    phases = Phase.objects.bulk_create(
        [Phase(consortium=consortium, template=template, number=template.number) for template in templates]
    )
    tasks: list[Task] = []
    for template, phase in zip(templates, phases, strict=True):
        tasks.extend(
            Task(
                phase=phase,
                template=task_template,
                order=task_template.order,
                required=task_template.required,
                needs_evidence=task_template.needs_evidence,
            )
            for task_template in template.tasks.all()
        )
    Task.objects.bulk_create(tasks)
    tell_phases_changed([consortium.pk])
    return phases


def on_consortium_approved(sender, *, consortium: Consortium, by: User, **kwargs) -> None:
    instantiate_methodology(consortium=consortium)


# ------------------------------------------------------------------------------
# Reads the services and pages share
# ------------------------------------------------------------------------------


def _check_active(consortium: Consortium) -> None:
    if consortium.status != Consortium.Status.ACTIVE:
        raise StateConflict(
            _("The checklist can only change while the consortium is active (it is %(status)s).")
            % {"status": consortium.get_status_display().lower()}
        )


def _check_phase_open(phase: Phase) -> None:
    if phase.signed_off_at is not None:
        raise StateConflict(_("This phase was signed off; a coordinator must reopen it before its tasks change."))


def _record(consortium, by: User, verb, *, task=None, phase=None, detail="", changes=None) -> None:
    """One line of the activity feed: codes and values in ``changes``, a person's own words in ``detail``."""
    Activity.objects.create(
        consortium=consortium, actor=by, verb=verb, task=task, phase=phase, detail=detail[:300], changes=changes or {}
    )


# ------------------------------------------------------------------------------
# Tasks
# ------------------------------------------------------------------------------
def check_task_changes(*, task: Task, by: User, changes: dict) -> None:
    """The rules of a task edit, on the claimed task: who may change which field, and what is a valid value."""
    from methodology.rules import editable_task_fields

    consortium = task.phase.consortium
    unknown = set(changes) - set(EDITABLE_TASK_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    refused = set(changes) - editable_task_fields(by, consortium, changes)
    if refused:
        raise FieldPermissionDenied(refused)
    errors: dict[str, object] = {}
    if "status" in changes and changes["status"] not in Task.Status.values:
        errors["status"] = _("“%(value)s” is not a task status. Choose one of: %(choices)s.") % {
            "value": changes["status"],
            "choices": ", ".join(Task.Status.values),
        }
    assignee = changes.get("assignee")
    if assignee is not None and not people_of(consortium).filter(pk=assignee.pk).exists():
        errors["assignee"] = _("Choose a member or facilitator of this consortium.")
    due_problem = _due_date_problem(changes.get("due_date"))
    if due_problem:
        errors["due_date"] = due_problem
    if changes.get("status") == Task.Status.DONE and task.needs_evidence and not task.evidence.exists():
        errors["evidence"] = _("This task needs evidence: attach a file or a link before marking it done.")
    if "notes" in changes and len(changes["notes"] or "") > MAX_NOTES:
        errors["notes"] = _("Keep the notes under %(max)s characters.") % {"max": MAX_NOTES}
    if errors:
        raise ValidationError(errors)


def _due_date_problem(due) -> object:
    """Why a new due date is refused (a message or messages), or None."""
    if due is None:
        return None
    if not isinstance(due, datetime.date):
        return _("Enter a valid date.")
    try:
        sensible_date(due)
    except ValidationError as error:
        return error.messages
    return None


@transaction.atomic
def task_update(*, task: Task, by: User, version: int, **changes) -> Task:
    """Change a task's status, assignee, due date or notes, if nobody changed it since ``version``.

    Claims the phase first, so a sign-off of the same phase waits (and then sees this change),
    then the task; only the fields that differ are written, and the version goes up by one.
    """
    consortium = task.phase.consortium
    if not by.has_perm("methodology.work_on_checklist", consortium):
        raise PermissionDenied(_("Only the consortium's members and facilitators update its tasks."))
    phase = claim(Phase.objects.select_related("consortium"), task.phase_id)
    _check_active(phase.consortium)
    _check_phase_open(phase)
    current = claim(Task.objects.select_related("phase__consortium", "template", "assignee", "updated_by"), task.pk)
    check_version(current, version, TaskConflict, current)
    changes = changed(current, {name: value for name, value in changes.items()})
    check_task_changes(task=current, by=by, changes=changes)
    if changes:
        before = {name: getattr(current, name) for name in changes}
        save_fields(current, changes, by=by, bump_version=True)
        recorded = {
            "status": current.status if "status" in changes else None,
            "assignee": (str(current.assignee) if current.assignee else "") if "assignee" in changes else None,
            "due_date": (current.due_date.isoformat() if current.due_date else "") if "due_date" in changes else None,
            "notes": True if "notes" in changes else None,
        }
        _record(
            consortium,
            by,
            Activity.Verb.TASK_UPDATED,
            task=current,
            changes={key: value for key, value in recorded.items() if value is not None},
        )
        if (
            "assignee" in changes
            and current.assignee
            and current.assignee != before["assignee"]
            and current.assignee != by
        ):
            _notify_assigned(current, by)
    for name in (*EDITABLE_TASK_FIELDS, "version", "updated_by", "updated_at"):
        setattr(task, name, getattr(current, name))
    return task


@transaction.atomic
def task_add(
    *,
    phase: Phase,
    by,
    title: str,
    guidance: str = "",
    required: bool = True,
    needs_evidence: bool = False,
    due_date: datetime.date | None = None,
    assignee=None,
) -> Task:
    consortium = phase.consortium
    if not by.has_perm("methodology.add_custom_task", consortium):
        raise PermissionDenied(_("Only the consortium's facilitators add tasks."))
    phase = claim(Phase.objects.select_related("consortium"), phase.pk)
    _check_active(phase.consortium)
    _check_phase_open(phase)
    errors: dict[str, object] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Give the task a title.")
    elif "\n" in title or "\r" in title:
        errors["title"] = _("Write this on one line, without line breaks.")
    if assignee is not None and not people_of(consortium).filter(pk=assignee.pk).exists():
        errors["assignee"] = _("Choose a member or facilitator of this consortium.")
    if due_date is not None:
        try:
            sensible_date(due_date)
        except ValidationError as error:
            errors["due_date"] = error.messages
    if errors:
        raise ValidationError(errors)
    last = phase.tasks.order_by("-order").values_list("order", flat=True).first() or 0
    task = Task.objects.create(
        phase=phase,
        order=last + 1,
        custom_title=title,
        custom_guidance=guidance,
        required=required,
        needs_evidence=needs_evidence,
        due_date=due_date,
        assignee=assignee,
        updated_by=by,
    )
    _record(consortium, by, Activity.Verb.TASK_ADDED, task=task)
    return task


@transaction.atomic
def task_comment(*, task: Task, by: User, body: str) -> TaskComment:
    consortium = task.phase.consortium
    if not by.has_perm("methodology.comment_on_task", consortium):
        raise PermissionDenied(_("You may not comment on this consortium's tasks."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write something to comment.")})
    comment = TaskComment.objects.create(task=task, author=by, body=body)
    _record(consortium, by, Activity.Verb.COMMENTED, task=task, detail=body[:120])
    return comment


def check_evidence_file(upload) -> None:
    """Type by extension, size, and content that matches the extension."""
    extension = Path(upload.name).suffix.lower()
    # Django cuts an uploaded name to 255 characters, so a name of 255 was longer still.
    if len(Path(upload.name).name) >= MAX_FILE_NAME:
        raise ValidationError(
            {
                "file": _("The file name is too long (%(max)s characters or more); rename the file and try again.")
                % {"max": MAX_FILE_NAME}
            }
        )
    if extension not in EVIDENCE_SIGNATURES:
        raise ValidationError(
            {
                "file": _("Files of type “%(ext)s” are not accepted. Upload PDF, an image, an office document or CSV.")
                % {"ext": extension or _("(none)")}
            }
        )
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            {
                "file": _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_EVIDENCE_BYTES)}
            }
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    signatures = EVIDENCE_SIGNATURES[extension]
    matches = b"\x00" not in head if signatures is None else any(head.startswith(s) for s in signatures)
    if not matches:
        raise ValidationError(
            {
                "file": _(
                    "The content of this file does not look like a %(ext)s file. Check that you chose the right file."
                )
                % {"ext": extension}
            }
        )


@transaction.atomic
def evidence_attach(*, task: Task, by: User, file=None, link: str = "", name: str = "") -> Evidence:
    consortium = task.phase.consortium
    if not by.has_perm("methodology.work_on_checklist", consortium):
        raise PermissionDenied(_("Only the consortium's members and facilitators attach evidence."))
    _check_active(consortium)
    if not file and not link:
        raise ValidationError({"file": _("Choose a file or give a link.")})
    if file:
        check_evidence_file(file)
    evidence = Evidence(
        task=task, file=file or "", link=link or "", name=(name or (file.name if file else link))[:200], uploaded_by=by
    )
    evidence.full_clean(exclude=["file"])
    evidence.save()
    _record(consortium, by, Activity.Verb.EVIDENCE, task=task, detail=evidence.name)
    return evidence


# ------------------------------------------------------------------------------
# Phases
# ------------------------------------------------------------------------------
@transaction.atomic
def phase_sign_off(*, phase: Phase, by: User, comment: str = "") -> Phase:
    """Sign a phase off when every required task is done or not applicable.

    Claims the phase: a task edit in it waits until this commits, and one that got
    there first is seen, so a phase is never signed off with an open required task.
    """
    consortium = phase.consortium
    if not by.has_perm("methodology.sign_off_phase", consortium):
        raise PermissionDenied(_("Only a facilitator or a coordinator signs a phase off."))
    current = claim(Phase.objects.select_related("consortium", "template"), phase.pk)
    _check_active(current.consortium)
    if current.signed_off_at is not None:
        raise StateConflict(_("This phase is already signed off."))
    blockers = sign_off_blockers(current)
    open_tasks = [task.title for task in blockers["open"]]
    without_evidence = [task.title for task in blockers["without_evidence"]]
    problems = []
    if open_tasks:
        problems.append(_("These required tasks are still open: %(tasks)s.") % {"tasks": "; ".join(open_tasks)})
    if without_evidence:
        problems.append(
            _("These tasks need their evidence attached: %(tasks)s.") % {"tasks": "; ".join(without_evidence)}
        )
    if problems:
        raise ValidationError({"__all__": problems})
    save_fields(current, {"signed_off_at": timezone.now(), "signed_off_by": by}, by=by)
    phase.signed_off_at, phase.signed_off_by = current.signed_off_at, by
    _record(consortium, by, Activity.Verb.SIGNED_OFF, phase=current, detail=comment)
    tell_phases_changed([current.consortium_id])
    _notify_signed_off(current, by)
    return phase


@transaction.atomic
def phase_reopen(*, phase: Phase, by: User, comment: str) -> Phase:
    consortium = phase.consortium
    if not by.has_perm("methodology.reopen_phase", consortium):
        raise PermissionDenied(_("Only a coordinator reopens a signed-off phase."))
    if not (comment or "").strip():
        raise ValidationError({"comment": _("A comment is required: say why, so the others can act on it.")})
    current = claim(Phase, phase.pk)
    if current.signed_off_at is None:
        raise StateConflict(_("This phase is not signed off."))
    save_fields(current, {"signed_off_at": None, "signed_off_by": None}, by=by)
    phase.signed_off_at, phase.signed_off_by = None, None
    _record(consortium, by, Activity.Verb.REOPENED, phase=current, detail=comment.strip())
    tell_phases_changed([current.consortium_id])
    return phase


# ------------------------------------------------------------------------------
# Methodology versions (admin)
# ------------------------------------------------------------------------------
@transaction.atomic
def methodology_copy(*, methodology: Methodology) -> Methodology:
    """A new, editable version with the same phases and tasks (not current until made so)."""
    from methodology.models import PhaseTemplate, TaskTemplate

    version = (Methodology.objects.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    copy = Methodology.objects.create(
        version=version, **{f: getattr(methodology, f) for f in _translated("name")}, is_current=False
    )
    for phase in methodology.phases.prefetch_related("tasks"):
        new_phase = PhaseTemplate.objects.create(
            methodology=copy, number=phase.number, **{f: getattr(phase, f) for f in _translated("title", "guidance")}
        )
        TaskTemplate.objects.bulk_create(
            TaskTemplate(
                phase=new_phase,
                order=task.order,
                required=task.required,
                needs_evidence=task.needs_evidence,
                **{f: getattr(task, f) for f in _translated("title", "guidance")},
            )
            for task in phase.tasks.all()
        )
    return copy


@transaction.atomic
def methodology_make_current(*, methodology: Methodology) -> Methodology:
    Methodology.objects.filter(is_current=True).exclude(pk=methodology.pk).update(is_current=False)
    Methodology.objects.filter(pk=methodology.pk).update(is_current=True)
    methodology.refresh_from_db()
    return methodology


def _translated(*fields: str) -> list[str]:
    from django.conf import settings

    return [f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES] + list(fields)


# ------------------------------------------------------------------------------
# Notices
# ------------------------------------------------------------------------------
def _notify_assigned(task: Task, by: User) -> None:
    from notifications.models import Notification
    from notifications.services import notify_on_commit

    notify_on_commit(
        recipient=task.assignee,
        kind=Notification.Kind.TASK_ASSIGNED,
        dedup_key=f"task_assigned:{task.pk}:{task.version}:{task.assignee_id}",
        subject=lambda: _("New task for you: %(title)s") % {"title": task.title},
        body=lambda: (
            _("%(who)s assigned you “%(title)s” in %(consortium)s.")
            % {"who": by, "title": task.title, "consortium": task.phase.consortium.name}
        ),
        url=task.get_absolute_url(),
    )


def _notify_signed_off(phase: Phase, by: User) -> None:
    from django.urls import reverse

    from notifications.models import Notification
    from notifications.services import notify_on_commit

    consortium = phase.consortium
    members = User.objects.filter(
        enterprise__memberships__consortium=consortium, enterprise__memberships__left__isnull=True, is_active=True
    ).exclude(pk=by.pk)
    for member in members.distinct():
        notify_on_commit(
            recipient=member,
            kind=Notification.Kind.PHASE_SIGNED_OFF,
            dedup_key=f"phase_signed_off:{phase.pk}:{phase.signed_off_at:%Y%m%d%H%M%S}:{member.pk}",
            subject=lambda: (
                _("%(consortium)s completed phase %(number)s") % {"consortium": consortium.name, "number": phase.number}
            ),
            body=lambda: (
                _("%(who)s signed off phase %(number)s: %(title)s.")
                % {"who": by, "number": phase.number, "title": phase.title}
            ),
            url=reverse("methodology:checklist", args=[consortium.pk]),
        )
