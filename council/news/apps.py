from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "council.news"
    verbose_name = _("News")

    def ready(self) -> None:
        # The forum, agreement, project and programme pages list their news through the
        # panels registry: those apps sit below this one and never import it.
        from council.news.panels import panels_register

        panels_register()
