from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HoursConfig(AppConfig):
    name = "council.hours"
    verbose_name = _("Hours and certificates")

    def ready(self) -> None:
        from council.accounts.registry import register_eraser, register_exporter
        from council.hours.milestones import hours_milestones
        from council.hours.panels import experience_panel, reliability_notes
        from council.hours.services.entries import hours_export
        from council.hours.services.references import references_erase, references_export
        from council.lib.panels import panel_register
        from council.projects.applicant_notes import applicant_note_register
        from council.volunteers.milestones import milestone_source_register

        register_exporter("hours", hours_export)
        register_exporter("references", references_export)
        register_eraser("references", references_erase)
        # Pages of lower apps that show what hours knows (they cannot import it): each
        # applicant's reliability, the organisation's average rating, the milestones.
        applicant_note_register("reliability", reliability_notes)
        panel_register("orgs.organisation", experience_panel)
        milestone_source_register("hours", hours_milestones)
