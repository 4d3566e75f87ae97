from __future__ import annotations

from typing import Any

from django import forms
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
    note_field,
    translated_meta,
    translated_textareas,
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


# Parties of an agreement: the council's member organisations and the networks, agencies and
# ministries they sign with — not every organisation of the platform.
PARTY_KINDS = (
    OrganisationKind.NATIONAL_NETWORK,
    OrganisationKind.INTERNATIONAL,
    OrganisationKind.GOVERNMENT,
)


class AgreementForm(ServiceCheckedForm):
    Meta = translated_meta(
        Agreement,
        [
            "title",
            "parties",
            "directions",
            "starts_on",
            "ends_on",
            "funding_amount",
            "funding_currency",
            "funding_source",
        ],
        widgets={
            "parties": forms.CheckboxSelectMultiple,
            "starts_on": DayInput,
            "ends_on": DayInput,
            **translated_textareas("directions", rows=3),
        },
    )

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
    note = note_field(_("Note"))


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
    Meta = translated_meta(
        Commitment,
        ["title", "owners", "due_on", "agreement", "projects", "forums", "assignments"],
        widgets={"owners": forms.CheckboxSelectMultiple, "due_on": DayInput},
    )

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
    note = note_field(_("Progress note"), max_length=4000)


class MeetingForm(ServiceCheckedForm):
    Meta = translated_meta(
        Meeting,
        ["title", "held_on", "place", "agenda", "minutes"],
        widgets={
            "held_on": DayInput,
            **translated_textareas("agenda", "minutes"),
        },
    )


class DecisionForm(forms.Form):
    text_ru = note_field(in_language(_("decision"), "ru"), max_length=MAX_TEXT)
    text_kk = note_field(in_language(_("decision"), "kk"), max_length=MAX_TEXT)
    text_en = note_field(in_language(_("decision"), "en"), max_length=MAX_TEXT)
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
    Meta = translated_meta(
        Programme,
        [
            "name",
            "description",
            "agreement",
            "started_on",
            "countries",
            "organisations",
            "projects",
        ],
        widgets={
            "started_on": DayInput,
            "countries": forms.CheckboxSelectMultiple,
            "organisations": forms.CheckboxSelectMultiple,
            **translated_textareas("description", rows=3),
        },
    )

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
    Meta = translated_meta(
        Council,
        ["name", "description", "founded_on", "founded_at"],
        widgets={
            "founded_on": DayInput,
            **translated_textareas("description", rows=3),
        },
    )


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
