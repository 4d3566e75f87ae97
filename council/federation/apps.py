from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "council.federation"
    verbose_name = _("Federation of national nodes")

    def ready(self) -> None:
        # Modules that register protocol handlers (protocol.register_write/_read) and outbox
        # answer handlers (services.outbox.register_reply/_refusal) when imported.
        from council.federation.services import peering  # noqa: F401
