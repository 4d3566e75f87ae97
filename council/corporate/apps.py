from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorporateConfig(AppConfig):
    name = "council.corporate"
    verbose_name = _("Employee programme")
