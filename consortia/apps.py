from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsortiaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consortia"
    verbose_name = _("Consortia")

    def ready(self):
        from django.db.models.signals import post_save

        from consortia import selectors, services
        from members import extensions

        extensions.also_visible.register(selectors.members_in_sight)
        extensions.enterprise_memberships.register(selectors.memberships_in_sight)
        for sender in ("members.Enterprise", "consortia.Consortium"):
            post_save.connect(
                services.on_enterprise_or_consortium_saved, sender=sender, dispatch_uid="consortia_abroad"
            )
