"""Duplicate people and organisations: candidates scored by the matcher, the duplicates queue
of the national coordinators, and merging two accounts into one."""

from django.utils.translation import gettext_lazy as _

from council.accounts import personal_data


class DedupConfig(personal_data.PersonalDataConfig):
    name = "council.dedup"
    verbose_name = _("Duplicates")
    data_part = "duplicates"
