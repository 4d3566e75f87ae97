from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "council.cooperation"
    verbose_name = _("Council and cooperation")
