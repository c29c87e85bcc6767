"""Admin pieces for versioned rows (task, report, target)."""

from __future__ import annotations

from simple_history.admin import SimpleHistoryAdmin

from core.writes import claim


class VersionedAdmin(SimpleHistoryAdmin):
    """An admin edit is a change like any other: it is recorded (with its History button)
    and bumps ``version``, so a page opened before it is refused instead of overwriting it."""

    def get_readonly_fields(self, request, obj=None):
        extra = [f for f in ("version", "updated_by", "updated_at") if f in {x.name for x in self.model._meta.fields}]
        return [*super().get_readonly_fields(request, obj), *extra]

    def save_model(self, request, obj, form, change):
        # The admin's change view runs in a transaction: claim the row, then go one past its version.
        if change:
            obj.version = claim(type(obj), obj.pk).version + 1
        if hasattr(obj, "updated_by_id"):
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)
