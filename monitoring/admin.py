from django.contrib import admin
from django.db import transaction
from modeltranslation.admin import TranslationAdmin

from consortia.models import Consortium
from core.admin import VersionedAdmin
from monitoring.models import (
    Baseline,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
    Review,
)
from monitoring.services import figures_refresh, refresh_figures_of


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ["code", "name", "unit", "kind", "aggregation", "required", "is_active"]
    list_filter = ["kind", "unit", "required", "is_active"]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 0
    readonly_fields = ["by", "decision", "rating", "comment", "at"]


@admin.register(ProgressReport)
class ProgressReportAdmin(VersionedAdmin):
    list_display = ["period", "status", "submitted_at", "rating"]
    list_filter = ["status", "rating"]
    readonly_fields = ["phase_snapshot", "first_submitted_at", "submitted_at", "submitted_by"]
    inlines = [IndicatorValueInline, ReviewInline]

    def save_related(self, request, form, formsets, change):
        """A status, rating or value changed here changes the consortium's kept figures too."""
        super().save_related(request, form, formsets, change)
        refresh_figures_of(form.instance)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["consortium", "number", "start", "end", "due"]
    search_fields = ["consortium__name"]

    def delete_model(self, request, obj):
        """A period deleted here takes its report out of the consortium's kept tallies too."""
        with transaction.atomic():
            super().delete_model(request, obj)
            figures_refresh(Consortium.objects.filter(pk=obj.consortium_id))

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            consortia = list(queryset.values_list("consortium", flat=True).distinct())
            super().delete_queryset(request, queryset)
            figures_refresh(Consortium.objects.filter(pk__in=consortia))


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(VersionedAdmin):
    list_display = ["consortium", "indicator", "period", "target", "target_date"]
    list_filter = ["indicator"]
    search_fields = ["consortium__name"]


@admin.register(Baseline)
class BaselineAdmin(VersionedAdmin):
    list_display = ["consortium", "indicator", "value", "measured_on"]
    list_filter = ["indicator"]
    search_fields = ["consortium__name"]
