"""Forms of the organiser pages: projects, opportunities, language requirements and shifts
(series of shifts: `series.py`).

The forms parse and type the input; the rules (titles, places, dates, capacity) live in
`council.projects.services.projects`, whose field-named errors the views put back on the form.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from council.lib.forms import (
    LocalDateTimeField,
    bounded_formset,
    clean_picture,
    on_local_clock,
    set_queryset,
    translated_fields,
    translated_meta,
    translated_textareas,
)
from council.lib.timezones import zone_label
from council.orgs.models import Organisation, OrganisationStatus
from council.projects.fields import OPPORTUNITY_FIELDS, PROJECT_FIELDS
from council.projects.models import Opportunity, Project
from council.projects.services.opportunities import (
    MAX_AGE,
    MAX_LANGUAGE_REQUIREMENTS,
    time_zone_names,
)
from council.projects.services.organising import MAX_CAPACITY, MAX_NAMES_DAYS, MAX_TEAM_SIZE
from council.reference.models import CefrLevel, City, Language, SdgTarget, Skill
from council.reference.selectors import sdg_goals_with_targets, skills_grouped
from council.volunteers.models import Credential

MAX_COVER_BYTES = 5 * 1024 * 1024


# Choices name the country in the language read ("Омск (Россия)"), not by its ISO code.
class PartnerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.country.name})"


class CityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.country.name})"


class ServiceModelForm(forms.ModelForm):
    """A ModelForm that only parses: the service validates the model and saves it. Skipping
    the model validation of `_post_clean` also leaves `instance` as stored, so the service
    compares the new values with the row it locks."""

    def _post_clean(self) -> None:
        return None


def _checked(bound: forms.BoundField) -> set[str]:
    return {str(value) for value in (bound.value() or [])}


class ProjectForm(ServiceModelForm):
    owner: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Owner organisation"), queryset=Organisation.objects.none()
    )
    partners = PartnerChoiceField(
        label=_("Partner organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Verified organisations that run the project with you. Organisations of other "
            "countries make it a joint project."
        ),
    )

    Meta = translated_meta(
        Project,
        [
            "title",
            "description",
            "causes",
            "sdg_targets",
            "start_date",
            "end_date",
            "is_flagship",
            "cover",
            "partners",
        ],
        widgets={
            **translated_textareas("description", rows=5),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "causes": forms.CheckboxSelectMultiple,
        },
    )

    def __init__(
        self, *args: Any, owners: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if owners is None:
            del self.fields["owner"]
        else:
            set_queryset(self, "owner", owners)
            if len(owners) == 1:
                owner_field = self.fields["owner"]
                assert isinstance(owner_field, forms.ModelChoiceField)
                owner_field.empty_label = None
            self.order_fields(["owner"])
        self.fields["title_ru"].help_text = _(
            "Enter the title in at least one language; the others fall back to it."
        )
        partners = Organisation.objects.filter(status=OrganisationStatus.VERIFIED)
        if self.instance.pk:
            partners = partners.exclude(pk=self.instance.owner_id)
        set_queryset(
            self,
            "partners",
            partners.select_related("country").order_by("country_id", "name", "pk"),
        )
        set_queryset(self, "sdg_targets", SdgTarget.objects.all())
        self.fields["cover"].help_text = _("A picture of up to 5 MB (JPEG, PNG or WebP).")

    def clean_cover(self) -> Any:
        return clean_picture(self.cleaned_data.get("cover"), max_bytes=MAX_COVER_BYTES)

    def sdg_groups(self) -> list[dict[str, Any]]:
        checked = _checked(self["sdg_targets"])
        groups = []
        for goal in sdg_goals_with_targets():
            options = [
                (t.pk, f"{t.code} {t.title}", str(t.pk) in checked) for t in goal.targets.all()
            ]
            groups.append(
                {
                    "label": str(goal),
                    "colour": goal.colour,
                    "number": goal.number,
                    "options": options,
                    "open": any(option[2] for option in options),
                }
            )
        return groups

    def service_kwargs(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in PROJECT_FIELDS if name != "cover"}
        cover = self.cleaned_data.get("cover")
        if cover is False:
            data["cover"] = ""
        elif cover is not None:
            data["cover"] = cover
        for name in ("causes", "sdg_targets", "partners"):
            data[name] = list(self.cleaned_data[name])
        if "owner" in self.fields:
            data["owner"] = self.cleaned_data["owner"]
        return data


def time_zone_choices() -> list[tuple[str, str]]:
    """Every zone by its name in the language read ("Алматы (UTC+5)"), not its identifier;
    the identifier only tells apart two zones that read the same (an old alias)."""
    labelled = sorted((zone_label(name), name) for name in time_zone_names())
    choices, seen = [], set()
    for label, name in labelled:
        choices.append((name, f"{label} · {name}" if label in seen else label))
        seen.add(label)
    return choices


class OpportunityForm(ServiceModelForm):
    min_age = forms.IntegerField(label=_("Minimum age"), min_value=0, max_value=MAX_AGE, initial=0)
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=0,
        max_value=MAX_CAPACITY,
        initial=0,
        help_text=_("How many volunteers it takes, when it has no shifts."),
    )
    latitude = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90, required=False)
    longitude = forms.FloatField(
        label=_("Longitude"), min_value=-180, max_value=180, required=False
    )
    team_max_size = forms.IntegerField(
        label=_("Largest team"),
        min_value=0,
        max_value=MAX_TEAM_SIZE,
        initial=0,
        required=False,
        help_text=_("Teams of up to this many people may sign up together; 0 allows no teams."),
    )
    team_names_days = forms.IntegerField(
        label=_("Names due (days before)"),
        min_value=0,
        max_value=MAX_NAMES_DAYS,
        initial=2,
        required=False,
        help_text=_(
            "Team leaders name their members up to this many days before the shift; seats "
            "still unnamed then are given to the waiting list."
        ),
    )
    city = CityChoiceField(
        label=_("City"),
        queryset=City.objects.none(),
        required=False,
        help_text=_(
            "In the country of the owner organisation or of a partner. Leave empty for online work."
        ),
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_("Shift times are entered and shown in this time zone."),
    )

    Meta = translated_meta(
        Opportunity,
        [
            *(name for name in OPPORTUNITY_FIELDS if name != "timezone"),
            "timezone",
            "skills",
            "credentials",
        ],
        widgets={
            "credentials": forms.CheckboxSelectMultiple,
            **translated_textareas("description", rows=5),
            **translated_textareas("questions", rows=3),
        },
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_ru"].help_text = _(
            "Enter the title in at least one language; the others fall back to it."
        )
        for name in translated_fields("questions"):
            self.fields[name].help_text = _("One question per line.")
        cities = (
            City.objects.filter(country_id__in=project.countries)
            .select_related("country")
            .order_by("name", "pk")
        )
        set_queryset(self, "city", cities)
        self.fields["address"].help_text = _("Leave empty to meet in the city as a whole.")
        self.fields["latitude"].help_text = _("Taken from the city when left empty.")
        zone_field = self.fields["timezone"]
        assert isinstance(zone_field, forms.ChoiceField)
        zone_field.choices = [("", _("From the city")), *time_zone_choices()]
        set_queryset(self, "skills", Skill.objects.all())
        # The owner's own credentials and the council-wide ones.
        set_queryset(
            self,
            "credentials",
            Credential.objects.filter(
                Q(organisation_id=project.owner_id) | Q(organisation__isnull=True)
            ).order_by("organisation_id", "name", "pk"),
        )

    def clean_team_max_size(self) -> int:
        value = self.cleaned_data.get("team_max_size")
        return 0 if value is None else value

    def clean_team_names_days(self) -> int:
        value = self.cleaned_data.get("team_names_days")
        return Opportunity._meta.get_field("team_names_days").default if value is None else value

    def skill_groups(self) -> list[dict[str, Any]]:
        checked = _checked(self["skills"])
        groups = []
        for group in skills_grouped():
            options = [(s.pk, str(s.name), str(s.pk) in checked) for s in group.skills.all()]
            if options:
                groups.append(
                    {
                        "label": str(group.name),
                        "colour": "",
                        "options": options,
                        "open": any(option[2] for option in options),
                    }
                )
        return groups

    def service_kwargs(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in OPPORTUNITY_FIELDS}
        for name in ("address", "restricted_category"):
            data[name] = data[name] or ""
        data["skills"] = list(self.cleaned_data["skills"])
        data["credentials"] = list(self.cleaned_data["credentials"])
        return data


class LanguageRequirementForm(forms.Form):
    language: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Language"),
        queryset=Language.objects.order_by("position", "code"),
        required=False,
        empty_label="—",
    )
    min_level = forms.ChoiceField(
        label=_("Minimum level"),
        choices=[("", "—"), *CefrLevel.choices],
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("language") and not data.get("min_level"):
            self.add_error("min_level", _("Choose the minimum level."))
        if data.get("min_level") and not data.get("language"):
            self.add_error("language", _("Choose the language."))
        return data


class BaseLanguageFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.forms:
            language = form.cleaned_data.get("language")
            if language is None:
                continue
            if language.pk in seen:
                raise forms.ValidationError(
                    _("%(language)s is listed twice.") % {"language": language.name}
                )
            seen.add(language.pk)

    def requirements(self) -> list[tuple[Language, str]]:
        return [
            (form.cleaned_data["language"], form.cleaned_data["min_level"])
            for form in self.forms
            if form.cleaned_data.get("language")
        ]


LanguageFormSet = bounded_formset(
    LanguageRequirementForm, BaseLanguageFormSet, limit=MAX_LANGUAGE_REQUIREMENTS, extra=2
)


def language_formset(
    data: Any = None, *, opportunity: Opportunity | None = None
) -> BaseLanguageFormSet:
    initial = []
    if opportunity is not None:
        initial = [
            {"language": requirement.language_id, "min_level": requirement.min_level}
            for requirement in opportunity.languages.order_by("language__position", "pk")
        ]
    return cast(BaseLanguageFormSet, LanguageFormSet(data, initial=initial, prefix="languages"))


class ShiftForm(forms.Form):
    start = LocalDateTimeField(label=_("Start"))
    end = LocalDateTimeField(label=_("End"))
    capacity = forms.IntegerField(
        label=_("Capacity"), min_value=1, max_value=MAX_CAPACITY, initial=10
    )

    def __init__(self, *args: Any, zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        on_local_clock(self, zone, "start", "end")
