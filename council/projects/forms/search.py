from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from council.lib.forms import DayField, ReferenceChoiceField, set_queryset
from council.lib.widgets import FastSelect
from council.reference.models import Cause, City, Country, Language, Region, SdgGoal, Skill

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_RADIUS_KM = 2000

M = TypeVar("M", bound=models.Model)


def _reference_filter(
    label: StrOrPromise, model: type[M], to_field_name: str | None = None
) -> forms.ModelChoiceField[M]:
    """An optional filter over a reference catalogue, picked in a FastSelect."""
    return ReferenceChoiceField(
        label=label,
        queryset=model._default_manager.none(),
        required=False,
        to_field_name=to_field_name,
        widget=FastSelect(reference=True),
    )


class OpportunitySearchForm(forms.Form):
    """The filters of the search page, all optional; `search_filters()` hands them to
    `opportunity_search` as plain keys."""

    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    country: forms.ModelChoiceField[Country] = _reference_filter(_("Country"), Country)
    region: forms.ModelChoiceField[Region] = _reference_filter(_("Region"), Region)
    city: forms.ModelChoiceField[City] = _reference_filter(_("City"), City)
    radius = forms.IntegerField(
        label=_("Within (km of the city)"), required=False, min_value=1, max_value=MAX_RADIUS_KM
    )
    cause: forms.ModelChoiceField[Cause] = _reference_filter(
        _("Cause"), Cause, to_field_name="slug"
    )
    sdg: forms.ModelChoiceField[SdgGoal] = _reference_filter(
        _("Sustainable Development Goal"), SdgGoal
    )
    skill: forms.ModelChoiceField[Skill] = _reference_filter(
        _("Skill"), Skill, to_field_name="slug"
    )
    language: forms.ModelChoiceField[Language] = _reference_filter(_("Working language"), Language)
    date_from = DayField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = DayField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    online = forms.BooleanField(label=_("Online only"), required=False)
    minors = forms.BooleanField(label=_("Open to volunteers under 18"), required=False)
    free = forms.BooleanField(label=_("With free places"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("relevance", _("Relevance")), ("date", _("Date")), ("distance", _("Distance"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        members = {"is_council_member": True}
        in_members = {"country__is_council_member": True}
        # Named: the choices are cached under these keys (see ReferenceChoiceField).
        set_queryset(self, "country", Country.objects.filter(**members), "search:countries")
        regions = Region.objects.filter(**in_members).order_by("name")
        set_queryset(self, "region", regions, "search:regions")
        set_queryset(
            self, "city", City.objects.filter(**in_members).order_by("name"), "search:cities"
        )
        set_queryset(self, "cause", Cause.objects.all(), "search:causes")
        set_queryset(self, "sdg", SdgGoal.objects.all(), "search:goals")
        set_queryset(self, "skill", Skill.objects.order_by("name"), "search:skills")
        set_queryset(self, "language", Language.objects.all(), "search:languages")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("radius") and not data.get("city"):
            self.add_error("city", _("Choose the city to measure the distance from."))
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    # Fields that are not filters: the words are searched for, the order only sorts.
    NOT_FILTERS = ("q", "sort")

    def filter_fields(self) -> list[forms.BoundField]:
        """The filters and the order, folded away on a small screen (the words stay in
        view)."""
        return [field for field in self.visible_fields() if field.name != "q"]

    def active_filter_count(self) -> int:
        """How many filters were given a value, valid or not."""
        if not self.is_bound:
            return 0
        return sum(
            1
            for name in self.fields
            if name not in self.NOT_FILTERS and str(self.data.get(name, "")).strip()
        )

    def error_summary(self) -> list[tuple[str, str]]:
        """(field label, message) of every error, for the results area, which htmx replaces
        without the form."""
        return [
            (str(self.fields[name].label) if name in self.fields else "", str(message))
            for name, messages in self.errors.items()
            for message in messages
        ]

    def search_filters(self) -> dict[str, Any]:
        """The valid filters, as keyword arguments of `opportunity_search`."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        city = data.get("city")
        return {
            "query": data.get("q") or "",
            "country": data["country"].pk if data.get("country") else None,
            "region": data["region"].pk if data.get("region") else None,
            "city": city.pk if city else None,
            "radius_km": data.get("radius") if city else None,
            "cause": data["cause"].slug if data.get("cause") else None,
            "sdg_goal": data["sdg"].pk if data.get("sdg") else None,
            "skill": data["skill"].slug if data.get("skill") else None,
            "language": data["language"].pk if data.get("language") else None,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "online_only": bool(data.get("online")),
            "open_to_minors": bool(data.get("minors")),
            "has_free_seats": bool(data.get("free")),
            "sort": data.get("sort") or "relevance",
        }
