from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "council.training"
    verbose_name = _("Training")

    def ready(self) -> None:
        # Applying to an opportunity links a missing credential to a module that grants it,
        # through the registry of the volunteers app (the projects never import this app).
        from council.training.selectors import earn_links
        from council.volunteers.credentials import earn_links_register

        earn_links_register(earn_links)
