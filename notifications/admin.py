from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "subject", "sent_at", "read_at", "attempts"]
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter), ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["recipient__email", "subject", "dedup_key"]
    readonly_fields = ["dedup_key", "created_at", "sent_at", "read_at", "attempts", "last_error"]
