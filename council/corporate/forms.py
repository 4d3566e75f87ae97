from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DomainForm(forms.Form):
    domain = forms.CharField(
        label=_("Employees' email domain"),
        max_length=120,
        required=False,
        help_text=_("People with a verified address at this domain join by themselves."),
    )
