from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications import delivery
from notifications.models import Notification, Preference
from notifications.services import enqueue_sweep


class FailedFilter(admin.SimpleListFilter):
    title = _("delivery")
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [
            ("failing", _("failing (has an error)")),
            ("pending", _("waiting to be e-mailed")),
            ("given_up", _("given up")),
        ]

    def queryset(self, request, queryset):
        unsent = queryset.filter(email=True, sent_at__isnull=True)
        if self.value() == "failing":
            return unsent.exclude(last_error="")
        if self.value() == "pending":
            return unsent.filter(attempts__lt=delivery.MAX_ATTEMPTS)
        if self.value() == "given_up":
            return unsent.filter(attempts__gte=delivery.MAX_ATTEMPTS)
        return queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "subject", "email", "sent_at", "read_at", "attempts"]
    list_filter = [
        "kind",
        FailedFilter,
        "email",
        ("sent_at", admin.EmptyFieldListFilter),
        ("read_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["recipient"]
    search_fields = ["recipient__email", "subject", "dedup_key"]
    readonly_fields = [
        "dedup_key",
        "created_at",
        "claimed_at",
        "sent_at",
        "next_attempt_at",
        "read_at",
        "attempts",
        "last_error",
    ]
    actions = ["resend"]

    @admin.action(description=_("E-mail the selected notifications again"))
    def resend(self, request, queryset):
        count = delivery.resend(queryset)
        transaction.on_commit(enqueue_sweep)
        self.message_user(
            request,
            ngettext(
                "%(count)d notification will be e-mailed again.",
                "%(count)d notifications will be e-mailed again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "digest"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
