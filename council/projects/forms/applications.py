from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from council.lib.forms import note_field
from council.lib.timezones import local_span
from council.projects.models import ApplicationStatus, Opportunity


class ApplyForm(forms.Form):
    # The key of a shift: the service reads the shift once, under its lock, and says when it
    # is not one of this opportunity's upcoming shifts (the page lists them as radio buttons).
    shift = forms.IntegerField(label=_("Shift"), required=False, min_value=1)
    motivation = forms.CharField(
        label=_("Why do you want to take part? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )

    def __init__(self, *args: Any, opportunity: Opportunity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.opportunity = opportunity
        # An opportunity with shifts (its span is kept on the row) takes applications per
        # shift.
        self.fields["shift"].required = opportunity.last_end is not None
        for number, question in enumerate(opportunity.question_list):
            self.fields[f"answer_{number}"] = note_field(question)

    def answers(self) -> list[dict[str, str]]:
        return [
            {"question": question, "answer": self.cleaned_data.get(f"answer_{number}", "")}
            for number, question in enumerate(self.opportunity.question_list)
        ]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("waitlist", _("Waiting list")), ("reject", _("Reject"))],
    )
    reason = note_field(
        _("Reason for rejection"), help_text=_("The volunteer receives this reason by email.")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason for the rejection."))
        return data


class ApplicantFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    shift = forms.TypedChoiceField(label=_("Shift"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, shifts: Any, zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = [("", _("All")), *ApplicationStatus.choices]
        shift = self.fields["shift"]
        assert isinstance(shift, forms.ChoiceField)
        # Each shift as the applicant list shows it: in the place's time, formatted by the
        # language read (not the shift's str(), which is UTC in ISO form).
        shift.choices = [
            ("", _("All shifts")),
            *[(s.pk, local_span(s.start, s.end, zone)) for s in shifts],
        ]
