"""Admins edit the methodology as a new version: a version a consortium uses is read-only."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.admin import VersionedAdmin
from methodology import services
from methodology.models import Activity, Methodology, Phase, PhaseTemplate, Task, TaskTemplate


class LockedWhenInUse:
    """Templates of a version some consortium was approved under cannot change."""

    def _methodology_of(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        if obj is not None and self._methodology_of(obj).in_use:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self._methodology_of(obj).in_use:
            return False
        return super().has_delete_permission(request, obj)


class PhaseTemplateInline(TranslationTabularInline):
    model = PhaseTemplate
    fields = ["number", "title", "guidance"]
    extra = 0
    show_change_link = True


@admin.register(Methodology)
class MethodologyAdmin(LockedWhenInUse, TranslationAdmin):
    list_display = ["name", "version", "is_current", "in_use"]
    readonly_fields = ["is_current"]
    inlines = [PhaseTemplateInline]
    actions = ["copy_as_new_version", "make_current"]

    def _methodology_of(self, obj):
        return obj

    @admin.display(boolean=True, description=_("in use"))
    def in_use(self, obj):
        return obj.in_use

    @admin.action(description=_("Copy as a new version to edit"))
    def copy_as_new_version(self, request, queryset):
        for methodology in queryset:
            copy = services.methodology_copy(methodology=methodology)
            self.message_user(request, _("Version %(version)s created.") % {"version": copy.version})

    @admin.action(description=_("Make current (consortia approved from now on get it)"))
    def make_current(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one version."), messages.ERROR)
            return
        services.methodology_make_current(methodology=queryset.get())


class TaskTemplateInline(TranslationTabularInline):
    model = TaskTemplate
    fields = ["order", "title", "guidance", "required", "needs_evidence"]
    extra = 0


@admin.register(PhaseTemplate)
class PhaseTemplateAdmin(LockedWhenInUse, TranslationAdmin):
    list_display = ["__str__", "methodology"]
    list_filter = ["methodology"]
    inlines = [TaskTemplateInline]

    def _methodology_of(self, obj):
        return obj.methodology


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "consortium", "signed_off_at"]
    list_filter = ["number"]
    search_fields = ["consortium__name"]
    readonly_fields = ["consortium", "template", "number", "signed_off_at", "signed_off_by"]


@admin.register(Task)
class TaskAdmin(VersionedAdmin):
    list_display = ["__str__", "phase", "status", "assignee", "due_date"]
    list_filter = ["status"]
    search_fields = ["custom_title", "phase__consortium__name"]
    raw_id_fields = ["phase", "assignee", "template", "updated_by"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["created_at", "consortium", "actor", "verb", "detail"]
    list_filter = ["verb"]
