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
        from methodology import extensions as methodology_extensions
        from monitoring import selectors, services

        extensions.list_annotations.register(selectors.consortium_list_annotations)
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
