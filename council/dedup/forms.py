from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from council.dedup.models import CandidateKind, CandidateStatus
from council.dedup.services.candidates import Decision


class QueueFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *CandidateKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=CandidateStatus.choices, initial="open"
    )
    country = forms.RegexField(
        label=_("Country code"),
        required=False,
        regex=r"^[A-Za-z]{2}$",
        max_length=2,
        error_messages={"invalid": _("Enter a two-letter country code (KZ, RU).")},
    )
    min_score = forms.FloatField(
        label=_("Score at least"), required=False, min_value=0, max_value=1
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Decision.MERGE, _("Same — merge")),
            (Decision.DIFFERENT, _("Different")),
            (Decision.DISMISS, _("Dismiss")),
        ],
    )
    survivor = forms.IntegerField(label=_("Record to keep"), required=False, min_value=1)
