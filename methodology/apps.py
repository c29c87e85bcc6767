from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MethodologyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "methodology"
    verbose_name = _("Methodology")

    def ready(self):
        from consortia import extensions
        from consortia.signals import consortium_approved
        from methodology import selectors, services

        extensions.list_annotations.register(selectors.consortium_list_annotations)
        extensions.list_page.register(selectors.add_progress)
        consortium_approved.connect(services.on_consortium_approved, dispatch_uid="methodology_instantiate")
