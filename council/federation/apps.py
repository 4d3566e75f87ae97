from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "council.federation"
    verbose_name = _("Federation of national nodes")

    def ready(self) -> None:
        # The modules that register protocol handlers (council.federation.protocol), so that
        # the signed endpoint finds them however the process started.
        from council.federation import aggregates  # noqa: F401
