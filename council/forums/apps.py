from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "council.forums"
    verbose_name = _("Forums")

    def ready(self) -> None:
        # The first forum attended, among the milestones of the profile and record book.
        from council.forums.milestones import forum_milestones
        from council.volunteers.milestones import milestone_source_register

        milestone_source_register("forums", forum_milestones)
