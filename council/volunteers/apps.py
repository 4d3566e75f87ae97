from django.utils.translation import gettext_lazy as _

from council.accounts import personal_data


class VolunteersConfig(personal_data.PersonalDataConfig):
    name = "council.volunteers"
    verbose_name = _("Volunteers")
    data_part = "volunteer_profile"
