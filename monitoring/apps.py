from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self):
        from consortia import extensions
        from consortia.signals import consortium_approved
        from monitoring import selectors, services

        extensions.list_annotations.register(selectors.consortium_list_annotations)
        consortium_approved.connect(services.on_consortium_approved, dispatch_uid="monitoring_first_period")
