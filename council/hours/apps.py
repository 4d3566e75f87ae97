from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HoursConfig(AppConfig):
    name = "council.hours"
    verbose_name = _("Hours and certificates")

    def ready(self) -> None:
        from council.accounts.registry import register_exporter
        from council.hours.services.entries import hours_export

        register_exporter("hours", hours_export)
