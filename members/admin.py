from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from members.models import Enterprise, Institution, Sector, SizeThreshold


@admin.register(Sector)
class SectorAdmin(TranslationAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "acronym"]


@admin.register(SizeThreshold)
class SizeThresholdAdmin(admin.ModelAdmin):
    list_display = ["country", "valid_from", "micro_max", "small_max", "medium_max", "source"]
    list_filter = ["country"]


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "country", "sector", "employees", "export_status"]
    list_filter = ["country", "sector", "export_status", "is_producer_association"]
    search_fields = ["name", "legal_name", "tax_id"]
