from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from council.push.validators import validate_auth, validate_endpoint, validate_p256dh


class SubscriptionForm(forms.Form):
    """A browser's PushSubscription, as the page's script sends it."""

    endpoint = forms.CharField(
        label=_("Push service address"), max_length=1000, validators=[validate_endpoint]
    )
    p256dh = forms.CharField(label=_("Public key"), max_length=200, validators=[validate_p256dh])
    auth = forms.CharField(
        label=_("Authentication secret"), max_length=100, validators=[validate_auth]
    )


class EndpointForm(forms.Form):
    endpoint = forms.CharField(label=_("Push service address"), max_length=1000)
