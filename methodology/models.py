from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortia.models import Consortium
from core.errors import annotated
from core.models import QuickDisplay
from core.queries import rows_per
from core.validators import no_line_breaks, sensible_date

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


# ------------------------------------------------------------------------------
# The methodology: versioned templates (title and guidance translated with modeltranslation)
# ------------------------------------------------------------------------------
class Methodology(models.Model):
    version = models.PositiveIntegerField(_("version"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_current = models.BooleanField(
        _("current"), default=False, help_text=_("Consortia approved from now on get this version.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("methodology")
        verbose_name_plural = _("methodologies")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True), name="one_current_methodology")
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def in_use(self) -> bool:
        return Phase.objects.filter(template__methodology=self).exists()


class PhaseTemplate(models.Model):
    methodology = models.ForeignKey(Methodology, on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)

    class Meta:
        verbose_name = _("phase template")
        verbose_name_plural = _("phase templates")
        ordering = ["methodology", "number"]
        constraints = [models.UniqueConstraint(fields=["methodology", "number"], name="phase_template_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class TaskTemplate(models.Model):
    phase = models.ForeignKey(PhaseTemplate, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    needs_evidence = models.BooleanField(_("needs evidence"), default=False)

    class Meta:
        verbose_name = _("task template")
        verbose_name_plural = _("task templates")
        ordering = ["phase", "order", "pk"]

    def __str__(self) -> str:
        return self.title


# ------------------------------------------------------------------------------
# Its instance per consortium
# ------------------------------------------------------------------------------
class PhaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(Consortium.objects.visible_filter(user, "consortium"))

    def with_progress(self):
        """Each phase's required tasks counted (subqueries by phase: grouping the phases joined to
        their tasks sorted every task row with the phase's template texts, 2 ms of 401 tasks)."""
        required = Task.objects.filter(required=True)
        closed = [Task.Status.DONE, Task.Status.NOT_APPLICABLE]
        return self.annotate(
            required_count=rows_per(required.exclude(status=Task.Status.NOT_APPLICABLE), "phase"),
            required_done=rows_per(required.filter(status=Task.Status.DONE), "phase"),
            open_required=rows_per(required.exclude(status__in=closed), "phase"),
        ).order_by("consortium", "number")


class Phase(models.Model):
    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="phases")
    template = models.ForeignKey(PhaseTemplate, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(_("number"))
    signed_off_at = models.DateTimeField(_("signed off"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = PhaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["consortium", "number"]
        constraints = [models.UniqueConstraint(fields=["consortium", "number"], name="phase_number_per_consortium")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def title(self) -> str:
        return self.template.title

    @property
    def guidance(self) -> str:
        return self.template.guidance

    @property
    def progress(self) -> int:
        """Done required tasks as a share of required tasks (not-applicable ones left out), in %."""
        total = annotated(self, "required_count", "Phase.objects.with_progress()")
        done = annotated(self, "required_done", "Phase.objects.with_progress()")
        return 100 if total == 0 else round(100 * done / total)

    @property
    def is_ready_for_sign_off(self) -> bool:
        return getattr(self, "open_required", 1) == 0

    @property
    def is_complete(self) -> bool:
        return self.signed_off_at is not None


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(Consortium.objects.visible_filter(user, "phase__consortium"))

    def open(self):
        """Still to be done: neither done nor not applicable."""
        return self.exclude(status__in=[Task.Status.DONE, Task.Status.NOT_APPLICABLE])

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_date__lt=today).open()

    def progress_by_consortium(self, consortium_ids) -> dict[int, int]:
        """Overall progress per consortium: done required tasks as a share of required tasks,
        not-applicable ones left out (the rule of Phase.progress, summed over phases).

        Two queries: the consortia's phases, then their tasks counted per phase by the phase
        ids. Joining phases in one query made PostgreSQL scan all 200,000 tasks for a page of 25.
        """
        phases = dict(Phase.objects.filter(consortium__in=list(consortium_ids)).values_list("pk", "consortium_id"))
        required = Q(required=True) & ~Q(status=Task.Status.NOT_APPLICABLE)
        counts: dict[int, list[int]] = {}
        for phase_id, total, done in (
            self.filter(phase_id__in=list(phases))
            .values("phase_id")
            .annotate(
                total=Count("pk", filter=required), done=Count("pk", filter=required & Q(status=Task.Status.DONE))
            )
            .values_list("phase_id", "total", "done")
            .order_by()
        ):
            tally = counts.setdefault(phases[phase_id], [0, 0])
            tally[0] += total
            tally[1] += done
        return {pk: 100 if not total else round(100 * done / total) for pk, (total, done) in counts.items()}

    def on_checklist(self, phases) -> list[Task]:
        """The rows of these phases (read already, with their consortium) in checklist order:
        what a row shows, and each task's phase the one given, not joined and built again."""
        by_pk = {phase.pk: phase for phase in phases}
        tasks: list[Task] = list(
            self.filter(phase__in=list(by_pk))  # type: ignore[arg-type]  # a TaskQuerySet yields Tasks
            .select_related("template", "assignee")
            .defer("notes", "custom_guidance")
            .annotate(
                comment_count=rows_per(TaskComment.objects.all(), "task"),
                evidence_count=rows_per(Evidence.objects.all(), "task"),
            )
            .order_by()
        )
        for task in tasks:
            task.phase = by_pk[task.phase_id]
        tasks.sort(key=lambda task: (task.phase.number, task.order, task.pk))
        return tasks

    def for_list(self):
        """What a task row shows. The counts are per-row subqueries, so they run only for the rows
        of the page (a grouped join counted all 200,000 tasks before the LIMIT, and again for the
        paginator's COUNT)."""
        return (
            self.select_related("phase__consortium", "phase__template", "template", "assignee")
            .annotate(
                comment_count=rows_per(TaskComment.objects.all(), "task"),
                evidence_count=rows_per(Evidence.objects.all(), "task"),
            )
            .order_by("phase__consortium__name", "phase__number", "order", "pk")
        )


class Task(QuickDisplay):
    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        BLOCKED = "blocked", _("Blocked")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="tasks")
    template = models.ForeignKey(TaskTemplate, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    custom_title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("For tasks a facilitator added."),
        validators=[no_line_breaks],
    )
    custom_guidance = models.TextField(_("guidance"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    needs_evidence = models.BooleanField(_("needs evidence"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.TODO)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tasks",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True, validators=[sensible_date])
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["phase", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("methodology:task", args=[self.pk])

    @property
    def consortium(self) -> Consortium:
        return self.phase.consortium

    @property
    def title(self) -> str:
        return self.template.title if self.template is not None else self.custom_title

    @property
    def guidance(self) -> str:
        return self.template.guidance if self.template is not None else self.custom_guidance

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on(timezone.localdate())

    def overdue_on(self, day) -> bool:
        """Past its due date on ``day`` and neither done nor not applicable."""
        closed = self.status in (Task.Status.DONE, Task.Status.NOT_APPLICABLE)
        return bool(self.due_date and not closed and self.due_date < day)


class TaskComment(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("task comment")
        verbose_name_plural = _("task comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


def evidence_path(evidence: Evidence, filename: str) -> str:
    return f"evidence/{evidence.task.phase.consortium_id}/{evidence.task_id}/{filename}"


class Evidence(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_path, blank=True, max_length=400)
    link = models.URLField(_("link"), blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(link=""), name="evidence_file_or_link"),
        ]

    def __str__(self) -> str:
        return self.name or self.link or self.file.name or ""


class Activity(models.Model):
    """The consortium's activity feed: who did what to which task or phase, when."""

    class Verb(models.TextChoices):
        TASK_UPDATED = "task_updated", _("updated")
        TASK_ADDED = "task_added", _("added")
        COMMENTED = "commented", _("commented on")
        EVIDENCE = "evidence", _("attached evidence to")
        SIGNED_OFF = "signed_off", _("signed off")
        REOPENED = "reopened", _("reopened")

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="activity")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    verb = models.CharField(max_length=20, choices=Verb.choices)
    task = models.ForeignKey(Task, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    detail = models.CharField(max_length=300, blank=True)  # what a person wrote (a comment, a file name)
    # What changed, as codes and values ({"status": "done", "due_date": "2027-03-15", …}),
    # rendered in the viewer's language by ``summary``.
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activity")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["consortium", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_verb_display()}"

    @property
    def summary(self) -> str:
        """What changed, in the active language; or what the person wrote."""
        import datetime

        from django.utils.formats import date_format
        from django.utils.translation import gettext

        if not self.changes:
            return self.detail
        parts = []
        if "status" in self.changes:
            parts.append(gettext("status: %(status)s") % {"status": Task.Status(self.changes["status"]).label})
        if "assignee" in self.changes:
            parts.append(gettext("assigned to %(name)s") % {"name": self.changes["assignee"] or gettext("nobody")})
        if "due_date" in self.changes:
            due = self.changes["due_date"]
            shown = date_format(datetime.date.fromisoformat(due)) if due else "—"
            parts.append(gettext("due %(date)s") % {"date": shown})
        if "notes" in self.changes:
            parts.append(gettext("notes"))
        return ", ".join(parts)


def prefetch_phase_tasks():
    return Prefetch(
        "tasks",
        queryset=Task.objects.select_related("template", "assignee")
        .annotate(comment_count=Count("comments", distinct=True), evidence_count=Count("evidence", distinct=True))
        .order_by("order", "pk"),
    )
