from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "council.orgs"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from council.accounts.registry import register_eraser, register_exporter
        from council.orgs.services import memberships_erase, memberships_export

        register_exporter("memberships", memberships_export)
        register_eraser("memberships", memberships_erase)
