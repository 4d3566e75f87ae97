from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "council.federation"
    verbose_name = _("Federation of national nodes")

    def ready(self) -> None:
        from council.federation.services.home.wiring import wire

        wire()
