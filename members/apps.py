from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = _("SME registry")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save, pre_save

        from core import extensions
        from members import selectors, services

        extensions.kept_totals.register(selectors.kept_total)
        pre_save.connect(services.on_enterprise_saving, sender="members.Enterprise", dispatch_uid="members_counts")
        post_save.connect(services.on_enterprise_saved, sender="members.Enterprise", dispatch_uid="members_counts")
        post_delete.connect(services.on_enterprise_deleted, sender="members.Enterprise", dispatch_uid="members_counts")
