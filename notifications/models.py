from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import QuickDisplay


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(QuickDisplay):
    """The outbox and the in-app inbox at once (DESIGN §6).

    ``dedup_key`` is unique: a job rerun, a retry or two workers creating the
    same notice create one row.
    """

    class Kind(models.TextChoices):
        CANDIDATE_SUBMITTED = "candidate_submitted", _("A candidate was submitted")
        CANDIDATE_DECIDED = "candidate_decided", _("A decision on a candidate")
        TASK_ASSIGNED = "task_assigned", _("A task was assigned to you")
        PHASE_SIGNED_OFF = "phase_signed_off", _("A phase was signed off")
        REPORT_SUBMITTED = "report_submitted", _("A report was submitted for review")
        REPORT_REVIEWED = "report_reviewed", _("A report was reviewed")
        REPORT_REMINDER = "report_reminder", _("Report reminders")
        REPORT_OVERDUE = "report_overdue", _("Overdue reports")
        REVIEW_REMINDER = "review_reminder", _("Reports waiting for your review")
        TASK_DUE = "task_due", _("Your tasks coming due and overdue")
        DIGEST = "digest", _("Weekly digest")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    dedup_key = models.CharField(max_length=200, unique=True)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=300, blank=True)
    # Decided from the recipient's preferences when the notice is created.
    email = models.BooleanField(_("also by e-mail"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # A sender owns the row from claimed_at until it records sent_at or an error;
    # a claim older than delivery.CLAIM_TIMEOUT was abandoned (worker killed).
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("delivery attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            # The sweep reads the unsent rows in id order, a batch at a time: this index
            # hands it the next batch without sorting every unsent row.
            models.Index(
                fields=["id"],
                condition=models.Q(email=True, sent_at__isnull=True),
                name="notification_unsent",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    ICONS: dict[str, str] = {
        Kind.CANDIDATE_SUBMITTED: "person-plus",
        Kind.CANDIDATE_DECIDED: "flag",
        Kind.TASK_ASSIGNED: "list-check",
        Kind.PHASE_SIGNED_OFF: "clipboard-check",
        Kind.REPORT_SUBMITTED: "send",
        Kind.REPORT_REVIEWED: "file-earmark-text",
        Kind.REPORT_REMINDER: "calendar-event",
        Kind.REPORT_OVERDUE: "hourglass-split",
        Kind.REVIEW_REMINDER: "inbox",
        Kind.TASK_DUE: "clock",
        Kind.DIGEST: "journal-text",
    }

    @property
    def icon(self) -> str:
        return self.ICONS.get(self.kind, "bell")

    @property
    def day(self):
        from django.utils import timezone

        return timezone.localtime(self.created_at).date()


class Preference(models.Model):
    """What a person wants by e-mail besides the inbox. No row means the defaults:
    every kind by e-mail and the weekly digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    # Kinds the person turned off, so a kind added later reaches them by default.
    email_off = models.JSONField(_("kinds not e-mailed"), default=list, blank=True)
    digest = models.BooleanField(_("receive the weekly digest"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)

    def wants_email(self, kind: str) -> bool:
        return kind not in self.email_off

    @classmethod
    def for_users(cls, user_ids) -> dict[int, Preference]:
        """Everyone's preference in one query; people with no row get an unsaved default."""
        user_ids = set(user_ids)
        found = {p.user_id: p for p in cls.objects.filter(user_id__in=user_ids)}
        return {pk: found.get(pk) or cls(user_id=pk) for pk in user_ids}
