from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from council.accounts.consents import consent_text
from council.accounts.models import ConsentPurpose
from council.lib.forms import (
    DayField,
    PlainTextField,
    ReferenceChoiceField,
    bounded_formset,
    set_queryset,
)
from council.reference.models import Cause, CefrLevel, City, Country, Language, SdgGoal
from council.reference.selectors import cities_search, skills_grouped
from council.volunteers.models import (
    Availability,
    Contact,
    ContactStatus,
    ErasureReason,
    VolunteerProfile,
)

LANGUAGES_PREFIX = "languages"
MAX_LANGUAGES = 20
BIO_FIELDS = ("bio_ru", "bio_kk", "bio_en")


def _label(name: str) -> Any:
    return capfirst(VolunteerProfile._meta.get_field(name).verbose_name)


class GroupedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes in one fieldset per option group (skills by skill group)."""

    template_name = "volunteers/widgets/grouped_checkboxes.html"


class SdgGoalCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes with each goal's colour next to its name."""

    option_template_name = "volunteers/widgets/sdg_goal_option.html"


class CityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        region = obj.region
        place = region if region is not None and region.name != obj.name else obj.country
        return f"{obj.name}, {place.name}"


class VolunteerProfileForm(forms.Form):
    date_of_birth = DayField(
        label=_label("date_of_birth"),
        required=False,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Some opportunities have an age limit; volunteers under 18 need a guardian."),
    )
    city = CityChoiceField(label=_label("city"), required=False, queryset=City.objects.none())
    skills = forms.TypedMultipleChoiceField(
        label=_label("skills"),
        coerce=int,
        required=False,
        widget=GroupedCheckboxSelectMultiple,
    )
    causes: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_label("causes"),
        required=False,
        queryset=Cause.objects.order_by("position", "slug"),
        widget=forms.CheckboxSelectMultiple,
    )
    sdg_goals: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Sustainable Development Goals"),
        required=False,
        queryset=SdgGoal.objects.order_by("number"),
        widget=SdgGoalCheckboxSelectMultiple,
        help_text=_("The goals you most want to contribute to."),
    )
    availability = forms.MultipleChoiceField(
        label=_("When I can volunteer"),
        required=False,
        choices=Availability.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    medical_qualification = forms.BooleanField(
        label=_("I have a medical qualification"),
        required=False,
        help_text=_("Some opportunities need a doctor, nurse or paramedic."),
    )
    bio_ru = forms.CharField(
        label=_("About me in Russian"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "ru"}),
    )
    bio_kk = forms.CharField(
        label=_("About me in Kazakh"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "kk"}),
    )
    bio_en = forms.CharField(
        label=_("About me in English"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
        help_text=_("Write in any of the languages; the others fall back to it."),
    )
    discoverable = forms.BooleanField(
        label=_("Organisers may find me"),
        required=False,
        help_text=VolunteerProfile._meta.get_field("discoverable").help_text,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cities = cities_search().filter(country__is_council_member=True)
        set_queryset(self, "city", cities.order_by("name", "geonames_id"))
        field = self.fields["skills"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [
            (str(group.name), [(skill.pk, str(skill.name)) for skill in group.skills.all()])
            for group in skills_grouped()
        ]

    @staticmethod
    def initial_for(profile: VolunteerProfile) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "date_of_birth": profile.date_of_birth,
            "city": profile.city_id,
            "availability": list(profile.availability),
            "medical_qualification": profile.medical_qualification,
            "discoverable": profile.discoverable,
            **{name: getattr(profile, name) or "" for name in BIO_FIELDS},
        }
        if not profile._state.adding:
            for name in ("skills", "causes", "sdg_goals"):
                initial[name] = [row.pk for row in getattr(profile, name).all()]
        return initial


class LanguageRowForm(forms.Form):
    """One language and its level; a row left empty is ignored."""

    language = forms.ChoiceField(label=_("Language"), required=False)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", "—"), *CefrLevel.choices]
    )

    def __init__(self, *args: Any, language_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["language"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *language_choices]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        language, level = data.get("language"), data.get("level")
        if language and not level and "level" not in self.errors:
            self.add_error("level", _("Choose a level for this language."))
        if level and not language and "language" not in self.errors:
            self.add_error("language", _("Choose the language of this level."))
        return data


def _is_removed(form: forms.Form) -> bool:
    return bool(getattr(form, "cleaned_data", {}).get("DELETE"))


class BaseLanguageFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        # Every row is cleaned, initial or extra: a blank row is simply skipped (see pairs()),
        # and a row equal to its initial value is still kept.
        return {**super().get_form_kwargs(index), "empty_permitted": False}

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")

    def clean(self) -> None:
        seen: set[str] = set()
        for form in self.forms:
            if _is_removed(form) or not form.is_valid():
                continue
            code = form.cleaned_data.get("language")
            if not code:
                continue
            if code in seen:
                form.add_error("language", _("This language is already in the list."))
            seen.add(code)

    def pairs(self) -> list[tuple[str, str]]:
        """The (language code, level) pairs to keep, in the order of the rows."""
        return [
            (form.cleaned_data["language"], form.cleaned_data["level"])
            for form in self.forms
            if not _is_removed(form) and form.cleaned_data.get("language")
        ]


LanguageFormSet = bounded_formset(
    LanguageRowForm,
    BaseLanguageFormSet,
    limit=MAX_LANGUAGES,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
)


def language_formset(
    profile: VolunteerProfile, data: QueryDict | None = None
) -> BaseLanguageFormSet:
    """The languages formset; `data` with `add_language` gets one more empty row."""
    initial = []
    if not profile._state.adding:
        initial = [
            {"language": row.language_id, "level": row.level} for row in profile.languages.all()
        ]
    if data is not None and "add_language" in data:
        data = data.copy()
        total = f"{LANGUAGES_PREFIX}-TOTAL_FORMS"
        count = data.get(total, "")
        data[total] = str(min(int(count) + 1 if count.isdigit() else 1, MAX_LANGUAGES))
    choices = [(code, str(name)) for code, name in Language.objects.values_list("code", "name")]
    formset = LanguageFormSet(
        data,
        initial=initial,
        prefix=LANGUAGES_PREFIX,
        form_kwargs={"language_choices": choices},
    )
    assert isinstance(formset, BaseLanguageFormSet)
    return formset


class GuardianConsentForm(forms.Form):
    guardian_name = PlainTextField(label=_("Guardian's full name"), max_length=160)
    guardian_contact = PlainTextField(
        label=_("Guardian's phone or email"),
        max_length=160,
        help_text=_("So that an organiser can reach your parent or guardian."),
    )
    agree = forms.BooleanField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agree"].label = str(consent_text(ConsentPurpose.GUARDIAN))


# --- The organisation's contact list --------------------------------------------------------


def _contact_label(name: str) -> Any:
    return capfirst(Contact._meta.get_field(name).verbose_name)


class ContactForm(forms.Form):
    """A contact entered by hand (and the API's: the service checks and normalises every
    field, its errors named by field)."""

    family_name = PlainTextField(label=_contact_label("family_name"), max_length=80, required=False)
    given_name = PlainTextField(label=_contact_label("given_name"), max_length=80, required=False)
    patronymic = PlainTextField(label=_contact_label("patronymic"), max_length=80, required=False)
    family_name_latin = PlainTextField(
        label=_contact_label("family_name_latin"), max_length=80, required=False
    )
    given_name_latin = PlainTextField(
        label=_contact_label("given_name_latin"), max_length=80, required=False
    )
    email = forms.CharField(label=_contact_label("email"), max_length=254, required=False)
    phone = forms.CharField(
        label=_contact_label("phone"),
        max_length=40,
        required=False,
        help_text=_("With the country code, or as dialled in the person's home country."),
    )
    date_of_birth = DayField(
        label=_contact_label("date_of_birth"),
        required=False,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    preferred_language = forms.ChoiceField(
        label=_contact_label("preferred_language"),
        required=False,
        choices=[("", _("As in the organisation's country")), *settings.LANGUAGES],
        help_text=_("The invitation is written in this language."),
    )
    home_country = ReferenceChoiceField(
        label=_contact_label("home_country"), required=False, queryset=Country.objects.all()
    )
    external_id = PlainTextField(
        label=_contact_label("external_id"),
        max_length=64,
        required=False,
        help_text=_("For example the person's DOBRO.RF id."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "home_country", Country.objects.order_by("name"))


class ContactFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name, email or phone"),
        required=False,
        max_length=100,
        help_text=_("In Cyrillic or in Latin."),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *ContactStatus.choices]
    )


# What an organiser may give as the reason for erasing a contact.
ORGANISER_ERASURE_REASONS = [
    (ErasureReason.PERSON, _("The person asked us to delete their data")),
    (ErasureReason.ORGANISATION, _("Our decision")),
]


class ContactEraseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ORGANISER_ERASURE_REASONS)


class ContactAcceptForm(forms.Form):
    """The invitation accepted by a person without an account: their password and consent."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    consent = forms.BooleanField(label=_("I agree to the processing of my data"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = str(consent_text(ConsentPurpose.PROCESSING))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password"), cleaned.get("password_again")
        if first and second and first != second:
            self.add_error("password_again", _("The two passwords differ."))
        return cleaned


class ContactAcceptSignedInForm(forms.Form):
    """The invitation accepted by the holder of the account with its address: consent only."""

    consent = forms.BooleanField(label=_("I agree to the processing of my data"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = str(consent_text(ConsentPurpose.PROCESSING))


class ContactSelfEraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Delete the data this organisation holds about me"),
        help_text=_("This cannot be undone."),
    )
