from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from council.cooperation.forms import (
    PARTY_KINDS,
    DayInput,
    ServiceCheckedForm,
    translated_textareas,
)
from council.cooperation.models import Council
from council.deployments.models import Assignment
from council.deployments.services import ASSIGNMENT_FIELDS
from council.lib.forms import PlanDateField, translated_meta
from council.lib.text import MAX_TEXT
from council.orgs.models import Organisation, OrganisationStatus
from council.reference.models import CefrLevel, Language, Skill


class PoolForm(forms.Form):
    available_from = PlanDateField(label=_("Available from"), widget=DayInput)
    available_until = PlanDateField(label=_("Available until"), widget=DayInput, required=False)
    note = forms.CharField(
        label=_("What you bring"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cross_border_consent = forms.BooleanField(
        label=_("I agree that hosts abroad see my profile when I am their candidate."),
        required=False,
    )


class AssignmentForm(ServiceCheckedForm):
    language: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Language required"),
        queryset=Language.objects.order_by("position", "code"),
        required=False,
    )
    language_level = forms.ChoiceField(
        label=_("At least"), choices=[("", "—"), *CefrLevel.choices], required=False
    )

    Meta = translated_meta(
        Assignment,
        ["host", *ASSIGNMENT_FIELDS, "skills"],
        widgets={
            "starts_on": DayInput,
            **translated_textareas("description", rows=3),
        },
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            status=OrganisationStatus.VERIFIED, kind__in=PARTY_KINDS
        ).order_by("country_id", "name")
        self.fields["funding_agreement"].queryset = council.agreements.order_by(  # type: ignore[attr-defined]
            "pk"
        )
        self.fields["skills"].queryset = Skill.objects.order_by("pk")  # type: ignore[attr-defined]
        self.fields["programme"].queryset = council.programmes.order_by(  # type: ignore[attr-defined]
            "pk"
        )

    def languages(self) -> list[tuple[Any, str]]:
        language = self.cleaned_data.get("language")
        level = self.cleaned_data.get("language_level")
        return [(language, level)] if language and level else []

    def service_data(self) -> dict[str, Any]:
        """The cleaned data as `assignment_create` takes it: the skills as a list, the
        language asked for as `languages`."""
        data = dict(self.cleaned_data)
        del data["language"], data["language_level"]
        return {**data, "skills": list(data["skills"]), "languages": self.languages()}


class CandidacyApplyForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why you"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class NominateForm(forms.Form):
    email = forms.EmailField(label=_("Email of the volunteer"))


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("End-of-assignment report"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
