from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsortiaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consortia"
    verbose_name = _("Consortia")

    def ready(self):
        from consortia import selectors
        from members import extensions

        extensions.also_visible.register(selectors.members_in_sight)
        extensions.enterprise_memberships.register(selectors.memberships_in_sight)
