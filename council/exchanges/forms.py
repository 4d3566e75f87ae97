from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from council.cooperation.forms import DayInput, ServiceCheckedForm, translated_textareas
from council.cooperation.models import Council
from council.exchanges.models import Exchange
from council.lib.forms import PlainTextField, in_language, translated_meta
from council.orgs.models import Organisation, OrganisationKind, OrganisationStatus
from council.reference.models import Country


class ExchangeForm(ServiceCheckedForm):
    Meta = translated_meta(
        Exchange,
        ["title", "description", "programme", "starts_on", "ends_on", "applications_close"],
        widgets={
            "starts_on": DayInput,
            "ends_on": DayInput,
            "applications_close": DayInput,
            **translated_textareas("description", rows=3),
        },
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = council.programmes.order_by(  # type: ignore[attr-defined]
            "pk"
        )


class ExchangeCountryForm(forms.Form):
    country: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.filter(is_council_member=True)
    )
    quota = forms.IntegerField(label=_("Seats"), min_value=1, max_value=1000)
    network: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Nominating organisation"),
        queryset=Organisation.objects.filter(
            status=OrganisationStatus.VERIFIED, kind=OrganisationKind.NATIONAL_NETWORK
        ).order_by("country_id", "name"),
    )


class CriterionForm(forms.Form):
    name_ru = PlainTextField(
        label=in_language(_("criterion"), "ru"), max_length=200, required=False
    )
    name_kk = PlainTextField(
        label=in_language(_("criterion"), "kk"), max_length=200, required=False
    )
    name_en = PlainTextField(
        label=in_language(_("criterion"), "en"), max_length=200, required=False
    )
    max_score = forms.IntegerField(label=_("Highest score"), min_value=1, max_value=100, initial=10)


class PanelMemberForm(forms.Form):
    email = forms.EmailField(label=_("Email of the panel member"))


class ApplyForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why you"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
    cross_border_consent = forms.BooleanField(
        label=_(
            "I agree that my application is shared with the panel members of the other "
            "countries taking part."
        ),
        required=False,
    )


class ScoreForm(forms.Form):
    """One score per published criterion (`criterion_<id>`)."""

    def __init__(self, *args: Any, criteria: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (0–{criterion.max_score})",
                min_value=0,
                max_value=criterion.max_score,
            )

    @staticmethod
    def scores(cleaned: dict[str, Any]) -> dict[int, int]:
        """The cleaned data by criterion id."""
        return {int(name.removeprefix("criterion_")): value for name, value in cleaned.items()}
