from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def unsent(self):
        return self.filter(sent_at__isnull=True)


class Notification(models.Model):
    """The outbox and the in-app inbox at once (DESIGN §6).

    ``dedup_key`` is unique: a job rerun, a retry or two workers creating the
    same notice create one row.
    """

    class Kind(models.TextChoices):
        CANDIDATE_SUBMITTED = "candidate_submitted", _("A candidate was submitted")
        CANDIDATE_DECIDED = "candidate_decided", _("A decision on a candidate")
        TASK_ASSIGNED = "task_assigned", _("A task was assigned to you")
        PHASE_SIGNED_OFF = "phase_signed_off", _("A phase was signed off")
        REPORT_REVIEWED = "report_reviewed", _("A report was reviewed")
        REPORT_REMINDER = "report_reminder", _("Report reminders")
        REPORT_OVERDUE = "report_overdue", _("Overdue reports")
        DIGEST = "digest", _("Weekly digest")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    dedup_key = models.CharField(max_length=200, unique=True)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
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
            models.Index(fields=["sent_at"], condition=models.Q(sent_at__isnull=True), name="notification_unsent"),
        ]

    def __str__(self) -> str:
        return self.subject
