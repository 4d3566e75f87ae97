from django.utils.translation import gettext_lazy as _

from council.accounts import personal_data


class PushConfig(personal_data.PersonalDataConfig):
    """The installable phone app (manifest, service worker, offline page) and web push."""

    name = "council.push"
    verbose_name = _("Phone app and push notifications")
    data_part = "push_subscriptions"
