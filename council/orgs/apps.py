from django.utils.translation import gettext_lazy as _

from council.accounts import personal_data


class OrgsConfig(personal_data.PersonalDataConfig):
    name = "council.orgs"
    verbose_name = _("Organisations")
    data_part = "memberships"
