from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsortiaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consortia"
    verbose_name = _("Consortia")
