"""The secretariat's forms of the federation pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from council.federation.models import CallOutcome, Direction, Peer


class PeerAddressForm(forms.Form):
    url = forms.URLField(
        label=_("Address of the node"),
        max_length=200,
        assume_scheme="https",
        help_text=_("Its base address, as https://volunteers.example.kz"),
    )
    # Filled on the second step: the fingerprint the secretariat was shown and compared.
    fingerprint = forms.CharField(required=False, widget=forms.HiddenInput)


class CallFilterForm(forms.Form):
    peer = forms.ModelChoiceField(
        label=_("Peer node"), queryset=Peer.objects.order_by("node_id"), required=False
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", _("All")), *CallOutcome.choices], required=False
    )
    direction = forms.ChoiceField(
        label=_("Direction"), choices=[("", _("All")), *Direction.choices], required=False
    )


class TransferFilterForm(forms.Form):
    peer = forms.ModelChoiceField(
        label=gettext_lazy("Node"),
        queryset=Peer.objects.order_by("node_id"),
        required=False,
        empty_label=gettext_lazy("All nodes"),
    )
    direction = forms.ChoiceField(
        label=gettext_lazy("Direction"),
        choices=[("", gettext_lazy("Both directions")), *Direction.choices],
        required=False,
    )
