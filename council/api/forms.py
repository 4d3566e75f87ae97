from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from council.api.models import TokenScope
from council.lib.forms import PlainTextField


class ApiTokenForm(forms.Form):
    name = PlainTextField(
        label=_("Name"),
        max_length=80,
        help_text=_("What the token is for, e.g. “Regional reporting script”."),
    )
    scope = forms.ChoiceField(
        label=_("Access"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        help_text=_("A read token can only fetch data; give write access only where needed."),
    )
