from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class HandoverForm(forms.Form):
    email = forms.EmailField(
        label=_("Colleague's email"),
        help_text=_("They get a link to take your seat with the account of this address."),
    )


class HandoverDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("decline", _("Decline"))]
    )
