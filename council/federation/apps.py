from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "council.federation"
    verbose_name = _("Federation of national nodes")

    def ready(self) -> None:
        # FEED: the `feed` read and the `changed` write register their handlers on import.
        from council.federation import feed  # noqa: F401
        from council.federation.services import sync  # noqa: F401
