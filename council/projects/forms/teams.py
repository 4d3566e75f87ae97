from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from council.projects.models import Opportunity, TeamKind


class TeamForm(forms.Form):
    # The key of a shift, read by the service under its lock (as ApplyForm's).
    shift = forms.IntegerField(label=_("Shift"), required=False, min_value=1)
    name = forms.CharField(label=_("Team name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind of team"), choices=TeamKind.choices)
    size = forms.IntegerField(
        label=_("Seats"),
        min_value=2,
        help_text=_("How many people, you included. You name them later."),
    )

    def __init__(self, *args: Any, opportunity: Opportunity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shift"].required = opportunity.last_end is not None
        size = self.fields["size"]
        assert isinstance(size, forms.IntegerField)
        size.max_value = max(opportunity.team_max_size, 2)
        size.validators.append(MaxValueValidator(size.max_value))
        size.widget.attrs.update(min=2, max=size.max_value)


class TeamInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Member's email"),
        help_text=_("They get a link to take their seat with the account of this address."),
    )
