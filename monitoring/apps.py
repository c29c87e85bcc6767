from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self):
        from consortia import extensions
        from consortia.signals import consortium_approved
        from core import extensions as core_extensions
        from methodology import extensions as methodology_extensions
        from monitoring import selectors, services

        extensions.list_annotations.register(selectors.consortium_list_annotations)
        extensions.list_page.register(selectors.add_report_badges)
        core_extensions.kept_totals.register(selectors.kept_total)
        methodology_extensions.phases_changed.register(services.figures_refresh)
        post_save.connect(
            services.on_consortium_saved, sender="consortia.Consortium", dispatch_uid="monitoring_figures"
        )
        consortium_approved.connect(services.on_consortium_approved, dispatch_uid="monitoring_first_period")
        pre_save.connect(services.on_consortium_saving, sender="consortia.Consortium", dispatch_uid="monitoring_sales")
        post_delete.connect(
            services.on_consortium_deleted, sender="consortia.Consortium", dispatch_uid="monitoring_sales"
        )
        for signal in (post_save, post_delete):
            signal.connect(
                services.on_membership_changed, sender="consortia.Membership", dispatch_uid="monitoring_members"
            )
        for signal in (post_save, post_delete):
            signal.connect(services.on_task_changed, sender="methodology.Task", dispatch_uid="monitoring_tasks")
            signal.connect(
                services.on_report_changed, sender="monitoring.ProgressReport", dispatch_uid="monitoring_reports"
            )
