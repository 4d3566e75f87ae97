from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from council.cooperation.models import (
    Agreement,
    Commitment,
    CommitmentStatus,
    Council,
    CouncilRoleKind,
    Meeting,
    Programme,
)
from council.forums.models import Forum
from council.lib.forms import (
    PlainTextField,
    PlanDateField,
    in_language,
    translated_fields,
    translated_labels,
)
from council.lib.text import MAX_TEXT
from council.orgs.models import Organisation, OrganisationKind, OrganisationStatus
from council.projects.models import Project
from council.reference.models import Country


class DayInput(forms.DateInput):
    input_type = "date"


class ServiceCheckedForm(forms.ModelForm):
    """A model form that checks its fields only: the service validates the whole instance
    (the rules that need the council, the parties or the other languages) and saves it."""

    def _post_clean(self) -> None:
        return None


def translated_textareas(*names: str, rows: int = 3) -> dict[str, forms.Textarea]:
    """A textarea for each language of each translated text field named."""
    return {
        f"{name}_{code}": forms.Textarea(attrs={"rows": rows})
        for name in names
        for code in settings.MODELTRANSLATION_LANGUAGES
    }


# Parties of an agreement: the council's member organisations and the networks, agencies and
# ministries they sign with — not every organisation of the platform.
PARTY_KINDS = (
    OrganisationKind.NATIONAL_NETWORK,
    OrganisationKind.INTERNATIONAL,
    OrganisationKind.GOVERNMENT,
)


class AgreementForm(ServiceCheckedForm):
    class Meta:
        model = Agreement
        labels = translated_labels(Agreement, "title", "directions", "funding_source")
        fields = [
            *translated_fields("title"),
            "parties",
            *translated_fields("directions"),
            "starts_on",
            "ends_on",
            "funding_amount",
            "funding_currency",
            *translated_fields("funding_source"),
        ]
        widgets = {
            "parties": forms.CheckboxSelectMultiple,
            "starts_on": DayInput,
            "ends_on": DayInput,
            **translated_textareas("directions", rows=3),
        }

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(status=OrganisationStatus.VERIFIED)
            .filter(Q(councils=council) | Q(kind__in=PARTY_KINDS))
            .distinct()
            .order_by("country_id", "name")
        )


def _text_in(language: str, label: Any, max_length: int) -> PlainTextField:
    """An optional text of a translated field in one language ("Place in Kazakh")."""
    return PlainTextField(label=in_language(label, language), max_length=max_length, required=False)


class SignForm(forms.Form):
    signed_on = PlanDateField(label=_("Signed on"), widget=DayInput)
    signed_at_ru = _text_in("ru", _("Place"), 200)
    signed_at_kk = _text_in("kk", _("Place"), 200)
    signed_at_en = _text_in("en", _("Place"), 200)


class ExtendForm(forms.Form):
    ends_on = PlanDateField(label=_("Extended until"), widget=DayInput)
    signed_on = PlanDateField(label=_("Extension signed on"), widget=DayInput, required=False)
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SignatoryForm(forms.Form):
    name = PlainTextField(label=_("Name"), max_length=200)
    position_ru = _text_in("ru", _("Position"), 300)
    position_kk = _text_in("kk", _("Position"), 300)
    position_en = _text_in("en", _("Position"), 300)
    organisation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Signs for"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = agreement.parties.order_by(  # type: ignore[attr-defined]
            "name"
        )


class DocumentForm(forms.Form):
    title = PlainTextField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("Signed copy (PDF, up to 20 MB)"))


class CommitmentForm(ServiceCheckedForm):
    class Meta:
        model = Commitment
        labels = translated_labels(Commitment, "title")
        fields = [
            *translated_fields("title"),
            "owners",
            "due_on",
            "agreement",
            "projects",
            "forums",
            "assignments",
        ]
        widgets = {"owners": forms.CheckboxSelectMultiple, "due_on": DayInput}

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Organisation.objects.filter(councils=council)
        self.fields["owners"].queryset = members.order_by(  # type: ignore[attr-defined]
            "country_id", "name"
        )
        self.fields["agreement"].queryset = council.agreements.order_by(  # type: ignore[attr-defined]
            "pk"
        )
        self.fields["projects"].queryset = (  # type: ignore[attr-defined]
            Project.objects.filter(Q(owner__in=members) | Q(partners__in=members))
            .distinct()
            .order_by("-start_date", "pk")
        )
        self.fields["forums"].queryset = (  # type: ignore[attr-defined]
            Forum.objects.filter(Q(host__in=members) | Q(co_hosts__in=members))
            .distinct()
            .order_by("-starts_on", "pk")
        )
        self.fields["assignments"].queryset = council.assignments.order_by(  # type: ignore[attr-defined]
            "-starts_on", "pk"
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)
    note = forms.CharField(
        label=_("Progress note"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MeetingForm(ServiceCheckedForm):
    class Meta:
        model = Meeting
        labels = translated_labels(Meeting, "title", "agenda", "minutes")
        fields = [
            *translated_fields("title"),
            "held_on",
            "place",
            *translated_fields("agenda", "minutes"),
        ]
        widgets = {
            "held_on": DayInput,
            **translated_textareas("agenda", "minutes"),
        }


class DecisionForm(forms.Form):
    text_ru = forms.CharField(
        label=in_language(_("decision"), "ru"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    text_kk = forms.CharField(
        label=in_language(_("decision"), "kk"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    text_en = forms.CharField(
        label=in_language(_("decision"), "en"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owners: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Carried out by"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Name them to put an action item on the joint plan."),
    )
    due_on = PlanDateField(label=_("Due date"), required=False, widget=DayInput)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owners"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            councils=council
        ).order_by("country_id", "name")


class ProgrammeForm(ServiceCheckedForm):
    class Meta:
        model = Programme
        labels = translated_labels(Programme, "name", "description")
        fields = [
            *translated_fields("name", "description"),
            "agreement",
            "started_on",
            "countries",
            "organisations",
            "projects",
        ]
        widgets = {
            "started_on": DayInput,
            "countries": forms.CheckboxSelectMultiple,
            "organisations": forms.CheckboxSelectMultiple,
            **translated_textareas("description", rows=3),
        }

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Organisation.objects.filter(councils=council)
        self.fields["agreement"].queryset = council.agreements.order_by(  # type: ignore[attr-defined]
            "pk"
        )
        self.fields["countries"].queryset = Country.objects.filter(  # type: ignore[attr-defined]
            is_council_member=True
        )
        self.fields["organisations"].queryset = members.order_by(  # type: ignore[attr-defined]
            "country_id", "name"
        )
        self.fields["projects"].queryset = (  # type: ignore[attr-defined]
            Project.objects.filter(Q(owner__in=members) | Q(partners__in=members))
            .distinct()
            .order_by("-start_date", "pk")
        )


class CouncilForm(ServiceCheckedForm):
    class Meta:
        model = Council
        labels = translated_labels(Council, "name", "description", "founded_at")
        fields = [
            *translated_fields("name", "description"),
            "founded_on",
            *translated_fields("founded_at"),
        ]
        widgets = {
            "founded_on": DayInput,
            **translated_textareas("description", rows=3),
        }


class CouncilMemberForm(forms.Form):
    organisation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(
            status=OrganisationStatus.VERIFIED, kind__in=PARTY_KINDS
        ).order_by("country_id", "name"),
    )


class CouncilRoleForm(forms.Form):
    email = forms.EmailField(label=_("Email of the person"))
    role = forms.ChoiceField(label=_("Role"), choices=CouncilRoleKind.choices)
    organisation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Represents"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            councils=council
        ).order_by("country_id", "name")
