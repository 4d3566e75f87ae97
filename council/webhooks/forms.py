from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from council.webhooks.events import event_choices
from council.webhooks.models import DeliveryStatus


class EndpointForm(forms.Form):
    url = forms.CharField(
        label=_("Address (URL)"),
        max_length=500,
        help_text=_("An https:// address of your server that accepts POST requests."),
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=event_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one event.")},
    )


class PauseForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class DeliveryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *DeliveryStatus.choices],
        required=False,
    )
