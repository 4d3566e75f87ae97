"""The filters of the dashboards and reports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.cooperation.models import CouncilMember
from council.orgs.models import Organisation
from council.reference.models import Cause, Country, Region, SdgGoal
from council.reports.selectors.filters import Filters

FIRST_YEAR = 2018  # volunteering law in Russia; older hours are not kept here
# The months as the filters offer them: ("1", January) to ("12", December).
MONTH_NAMES = (
    _("January"),
    _("February"),
    _("March"),
    _("April"),
    _("May"),
    _("June"),
    _("July"),
    _("August"),
    _("September"),
    _("October"),
    _("November"),
    _("December"),
)
MONTHS = [(str(number), name) for number, name in enumerate(MONTH_NAMES, start=1)]


def _years() -> list[tuple[str, str]]:
    this_year = timezone.localdate().year
    return [(str(year), str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)]


class PeriodForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=_years)
    month = forms.TypedChoiceField(
        label=_("Month"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("The whole year")), *MONTHS],
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        data = data.copy() if data is not None else {}
        data.setdefault("year", str(timezone.localdate().year))
        super().__init__(data, **kwargs)

    def period(self, countries: tuple[str, ...] = ()) -> Filters:
        """The chosen year or month as report filters (of a valid form)."""
        data = self.cleaned_data
        return Filters(year=data["year"], month=data.get("month"), countries=countries)


class ReportFilterForm(PeriodForm):
    """Period, country, region, organisation (the councils' members), cause and SDG goal."""

    country: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False, to_field_name="code"
    )
    region: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False
    )
    organisation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    cause: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Cause"), queryset=Cause.objects.all(), required=False, to_field_name="slug"
    )
    goal: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("SDG goal"), queryset=SdgGoal.objects.all(), required=False
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        members = CouncilMember.objects.values("organisation_id")
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=members
        ).order_by("name")
        self.fields["country"].queryset = Country.objects.filter(  # type: ignore[attr-defined]
            code__in=Organisation.objects.filter(pk__in=members).values("country_id")
        ).order_by("code")
        self.fields["region"].queryset = Region.objects.filter(  # type: ignore[attr-defined]
            country__in=self.fields["country"].queryset  # type: ignore[attr-defined]
        ).order_by("country_id", "name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        country, region = data.get("country"), data.get("region")
        if region is not None and country is not None and region.country_id != country.code:
            self.add_error("region", _("This region is not in the chosen country."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        country = data.get("country")
        region = data.get("region")
        if country is None and region is not None:
            country = region.country
        return Filters(
            year=data["year"],
            month=data.get("month"),
            countries=(country.code,) if country else (),
            region=region.pk if region else None,
            organisation=data["organisation"].pk if data.get("organisation") else None,
            cause=data["cause"].slug if data.get("cause") else None,
            goal=data["goal"].number if data.get("goal") else None,
        )
