from django.utils.translation import gettext_lazy as _

from council.accounts import personal_data


class VolunteersConfig(personal_data.PersonalDataConfig):
    name = "council.volunteers"
    verbose_name = _("Volunteers")
    data_part = "volunteer_profile"

    def ready(self) -> None:
        super().ready()
        from council.accounts.registry import register_eraser, register_exporter
        from council.volunteers.services.contact_retention import contacts_erase, contacts_export

        # The organisations' contact rows linked to the person (accepted invitations).
        register_exporter("contacts", contacts_export)
        register_eraser("contacts", contacts_erase)
