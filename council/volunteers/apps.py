from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "council.volunteers"
    verbose_name = _("Volunteers")

    def ready(self) -> None:
        from council.accounts.registry import register_eraser, register_exporter
        from council.volunteers.services import volunteer_profile_erase, volunteer_profile_export

        register_exporter("volunteer_profile", volunteer_profile_export)
        register_eraser("volunteer_profile", volunteer_profile_erase)
