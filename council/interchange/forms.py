from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from council.interchange.access import Reach
from council.interchange.exports import Scope
from council.interchange.models import ExchangeFormat, ExchangeKind
from council.lib.forms import DayField
from council.orgs.models import Organisation, OrganisationStatus
from council.reference.models import Country

EVERYTHING = "*"


class ExportForm(forms.Form):
    """What to export, among the scopes the person's reach allows."""

    scope = forms.ChoiceField(label=_("Records of"))
    date_from = DayField(
        label=_("Hours from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = DayField(
        label=_("Hours to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=_("Records"), choices=ExchangeKind.choices)
    format = forms.ChoiceField(label=_("Format"), choices=ExchangeFormat.choices)
    personal_data = forms.BooleanField(
        label=_("Name the volunteers where the rules allow"),
        required=False,
        help_text=_(
            "Names and email addresses only of people whose home country is the receiving "
            "country, or who gave the cross-border consent; everyone else by a pseudonym."
        ),
    )
    recipient_country: forms.ModelChoiceField[Country] = forms.ModelChoiceField(
        label=_("Receiving country"),
        queryset=Country.objects.filter(is_council_member=True).order_by("name"),
        required=False,
        to_field_name="code",
    )

    def __init__(self, *args: Any, reach: Reach, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = []
        if reach.everything:
            choices.append((EVERYTHING, _("Every organisation")))
        countries = Country.objects.order_by("name")
        countries = (
            countries.filter(is_council_member=True)
            if reach.everything
            else countries.filter(code__in=reach.countries)
        )
        choices += [
            (f"country:{c.code}", _("The national network of %(country)s") % {"country": c.name})
            for c in countries
        ]
        organisations = Organisation.objects.exclude(status=OrganisationStatus.REJECTED)
        if not reach.everything:
            organisations = organisations.filter(pk__in=reach.organisation_ids)
            choices += [
                (f"organisation:{o.pk}", str(o.name)) for o in organisations.order_by("name")
            ]
        self.fields["scope"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise ValidationError({"date_to": _("The end of the period comes before its start.")})
        return data

    def export_scope(self) -> Scope:
        data = self.cleaned_data
        chosen = data["scope"]
        organisation_id = int(chosen.split(":")[1]) if chosen.startswith("organisation:") else None
        country = chosen.split(":")[1] if chosen.startswith("country:") else None
        recipient = data.get("recipient_country")
        return Scope(
            organisation_id=organisation_id,
            country=country,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            kind=data["kind"],
            personal_data=bool(data.get("personal_data")),
            recipient_country=recipient.code if recipient is not None else None,
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Exchange file (JSON Lines)"),
        help_text=_("A file in the exchange format, signed by its issuer."),
    )
    issuer_key = forms.CharField(
        label=_("Issuer's public key"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The Ed25519 public key of the registry that signed the file: base64, a JSON Web "
            "Key or a key set. Leave empty for a file this platform signed."
        ),
    )
