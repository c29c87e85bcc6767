from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from consortia.models import Consortium, Membership, Transition


class MembershipInline(admin.TabularInline):
    model = Membership
    autocomplete_fields = ["enterprise"]
    extra = 0


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_status", "to_status", "by", "at", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Consortium)
class ConsortiumAdmin(SimpleHistoryAdmin):
    """Lifecycle changes go through the site or API, so status is read-only here."""

    list_display = ["name", "country", "kind", "status", "sponsor", "activated_on"]
    list_filter = ["status", "kind", "function", "country"]
    search_fields = ["name", "products"]
    filter_horizontal = ["sectors", "facilitators"]
    readonly_fields = ["status", "activated_on", "created_by", "created_at", "updated_at"]
    inlines = [MembershipInline, TransitionInline]
