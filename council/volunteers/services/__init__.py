"""Writes for volunteer profiles: the profile itself, its languages and guardian consent.
The organisation's contact list (people invited, not signed up) is in `contacts.py`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import Consent, ConsentPurpose, User
from council.accounts.services import consent_give, consent_withdraw
from council.audit.services import record
from council.lib.forms import translated_fields
from council.lib.locks import lock_row
from council.reference.models import Cause, CefrLevel, City, Language, SdgGoal, Skill
from council.volunteers.models import (
    ADULT_AGE,
    Availability,
    LanguageSkill,
    VolunteerProfile,
    age_on,
)

# Nobody volunteers at four or at 121: such a date is a typing slip (often the current year).
YOUNGEST_AGE = 5
OLDEST_AGE = 120

SCALAR_FIELDS = (
    "date_of_birth",
    "city",
    "availability",
    "medical_qualification",
    *translated_fields("bio"),
    "discoverable",
)
M2M_MODELS: dict[str, type[models.Model]] = {
    "skills": Skill,
    "causes": Cause,
    "sdg_goals": SdgGoal,
}
PROFILE_FIELDS = (*SCALAR_FIELDS, *M2M_MODELS)


class VolunteerProfileFields(TypedDict, total=False):
    """What volunteer_profile_update may change: any of PROFILE_FIELDS (many-to-many ones as
    rows or keys) and `languages` as (language code, CEFR level) pairs."""

    date_of_birth: date | None
    city: City | None
    availability: Iterable[str] | None
    medical_qualification: bool
    bio_ru: str | None
    bio_kk: str | None
    bio_en: str | None
    discoverable: bool
    skills: Iterable[Skill | int | str]
    causes: Iterable[Cause | int | str]
    sdg_goals: Iterable[SdgGoal | int | str]
    languages: Sequence[tuple[str, str]] | None


def profile_locked(user: User) -> VolunteerProfile:
    """The person's volunteer profile, created when missing, locked until the transaction
    ends (the first lock in every service that changes a profile or takes a seat)."""
    profile = lock_row(VolunteerProfile, user.pk)
    if profile is None:
        VolunteerProfile.objects.get_or_create(user=user)
        profile = lock_row(VolunteerProfile, user.pk)
    assert profile is not None
    return profile


def check_date_of_birth(value: date | None, today: date) -> None:
    """A date of birth in the past that gives an age a volunteer can have."""
    if value is None:
        return
    if value >= today:
        raise ValidationError({"date_of_birth": _("The date of birth must be in the past.")})
    age = age_on(value, today)
    if age < YOUNGEST_AGE or age > OLDEST_AGE:
        raise ValidationError(
            {
                "date_of_birth": _("Check the year: this date gives an age of %(age)d.")
                % {"age": age}
            }
        )


def _clean_availability(value: Iterable[str] | None) -> list[str]:
    chosen = set(value or [])
    unknown = chosen - set(Availability.values)
    if unknown:
        raise ValidationError(
            {
                "availability": _("Unknown availability: %(values)s.")
                % {"values": ", ".join(sorted(map(str, unknown)))}
            }
        )
    # Stored in the order of the choices, so that equal choices compare equal.
    return [value for value in Availability.values if value in chosen]


def _pks(name: str, values: Iterable[Any]) -> set[Any]:
    """Primary keys of the chosen rows (instances or keys), each checked to exist."""
    model = M2M_MODELS[name]
    wanted = {value.pk if isinstance(value, models.Model) else value for value in values}
    try:
        found = set(model._default_manager.filter(pk__in=wanted).values_list("pk", flat=True))
    except (ValueError, TypeError) as error:
        raise ValidationError({name: _("Choose from the list.")}) from error
    missing = {str(value) for value in wanted} - {str(value) for value in found}
    if missing:
        raise ValidationError(
            {name: _("Unknown choice: %(values)s.") % {"values": ", ".join(sorted(missing))}}
        )
    return found


@transaction.atomic
def volunteer_profile_update(
    *, user: User, actor: User, **fields: Unpack[VolunteerProfileFields]
) -> VolunteerProfile:
    """Change any of PROFILE_FIELDS (many-to-many ones given as rows or keys); `languages`,
    a list of (language code, level), is passed on to volunteer_language_set in the same
    transaction. Nothing is written unless everything is valid."""
    values: dict[str, Any] = {**fields}
    languages = values.pop("languages", None)
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not a volunteer profile field: {', '.join(sorted(unknown))}")
    profile = profile_locked(user)
    if "availability" in values:
        values["availability"] = _clean_availability(values["availability"])
    if "date_of_birth" in values:
        check_date_of_birth(values["date_of_birth"], timezone.localdate())

    changed = []
    for name in SCALAR_FIELDS:
        if name not in values:
            continue
        current, value = getattr(profile, name), values[name]
        if name.startswith("bio_"):
            # Translation columns are nullable; an empty text is stored as "".
            current, value = current or "", value or ""
        if current != value:
            setattr(profile, name, value)
            changed.append(name)
    wanted_m2m = {name: _pks(name, values[name]) for name in M2M_MODELS if name in values}
    m2m_changed = [
        name
        for name, pks in wanted_m2m.items()
        if set(getattr(profile, name).values_list("pk", flat=True)) != pks
    ]
    profile.full_clean()
    if changed or m2m_changed:
        profile.save(update_fields=[*changed, "updated_at"])
        for name in m2m_changed:
            getattr(profile, name).set(wanted_m2m[name])
        record(
            actor=actor,
            action="volunteer.profile_updated",
            target=profile,
            data={"fields": [*changed, *m2m_changed]},
        )
    if languages is not None:
        volunteer_language_set(user=user, languages=languages, actor=actor)
    return profile


def _check_languages(languages: Sequence[tuple[str, str]]) -> None:
    codes = [code for code, _level in languages]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise ValidationError(
            {
                "languages": _("Each language once, please: %(codes)s.")
                % {"codes": ", ".join(duplicates)}
            }
        )
    bad_levels = sorted({level for _code, level in languages} - set(CefrLevel.values))
    if bad_levels:
        raise ValidationError(
            {"languages": _("Unknown level: %(levels)s.") % {"levels": ", ".join(bad_levels)}}
        )
    known = set(Language.objects.filter(code__in=codes).values_list("code", flat=True))
    missing = sorted(set(codes) - known)
    if missing:
        raise ValidationError(
            {"languages": _("Unknown language: %(codes)s.") % {"codes": ", ".join(missing)}}
        )


@transaction.atomic
def volunteer_language_set(
    *, user: User, languages: Sequence[tuple[str, str]], actor: User | None = None
) -> list[LanguageSkill]:
    """Replace the person's languages with these (language code, CEFR level) pairs."""
    _check_languages(languages)
    profile = profile_locked(user)
    current = sorted(profile.languages.values_list("language_id", "level"))
    if current == sorted(languages):
        return list(profile.languages.order_by("pk"))
    profile.languages.all().delete()
    rows = LanguageSkill.objects.bulk_create(
        LanguageSkill(profile=profile, language_id=code, level=level) for code, level in languages
    )
    record(
        actor=actor if actor is not None else user,
        action="volunteer.languages_set",
        target=profile,
        data={"languages": [[code, level] for code, level in languages]},
    )
    return rows


@transaction.atomic
def volunteer_guardian_consent(
    *, user: User, guardian_name: str, guardian_contact: str, ip_address: str | None
) -> Consent:
    """A parent or guardian agrees for a minor: their name and contact go on the profile and
    the consent is recorded as a row (a new guardian's consent replaces the previous one)."""
    profile = profile_locked(user)
    age = profile.age(timezone.localdate())
    if age is None:
        raise ValidationError(_("Add your date of birth to your volunteer profile first."))
    if age >= ADULT_AGE:
        raise ValidationError(_("Guardian consent is needed only for volunteers under 18."))
    name, contact = guardian_name.strip(), guardian_contact.strip()
    errors = {}
    if not name:
        errors["guardian_name"] = _("Enter the guardian's full name.")
    if not contact:
        errors["guardian_contact"] = _("Enter a phone number or email address of the guardian.")
    if errors:
        raise ValidationError(errors)
    profile.guardian_name, profile.guardian_contact = name, contact
    profile.full_clean()
    profile.save(update_fields=["guardian_name", "guardian_contact", "updated_at"])
    live = Consent.objects.filter(
        user=user, purpose=ConsentPurpose.GUARDIAN, withdrawn_at__isnull=True
    ).first()
    if live is not None and live.guardian_name != name:
        consent_withdraw(user=user, purpose=ConsentPurpose.GUARDIAN)
    consent = consent_give(
        user=user, purpose=ConsentPurpose.GUARDIAN, ip_address=ip_address, guardian_name=name
    )
    record(
        actor=user,
        action="volunteer.guardian_consent_given",
        target=profile,
        data={"consent": consent.pk},
    )
    return consent


@transaction.atomic
def volunteer_guardian_consent_withdraw(*, user: User) -> Consent | None:
    """Withdraw the guardian's consent; the guardian's name and contact go with it."""
    profile = profile_locked(user)
    consent = consent_withdraw(user=user, purpose=ConsentPurpose.GUARDIAN)
    if consent is None and not (profile.guardian_name or profile.guardian_contact):
        return None
    profile.guardian_name = profile.guardian_contact = ""
    profile.save(update_fields=["guardian_name", "guardian_contact", "updated_at"])
    record(
        actor=user,
        action="volunteer.guardian_consent_withdrawn",
        target=profile,
        data={"consent": consent.pk if consent else None},
    )
    return consent


def volunteer_profile_export(user: User) -> dict[str, Any] | None:
    """The person's volunteer profile for their "my data" file (None: they have none)."""
    profile = (
        VolunteerProfile.objects.filter(user=user)
        .select_related("city")
        .prefetch_related("skills", "causes", "sdg_goals", "languages")
        .first()
    )
    if profile is None:
        return None
    return {
        "date_of_birth": profile.date_of_birth.isoformat() if profile.date_of_birth else None,
        "city": profile.city.geonames_id if profile.city else None,
        "city_name": str(profile.city.name) if profile.city else None,
        "skills": sorted(skill.slug for skill in profile.skills.all()),
        "causes": sorted(cause.slug for cause in profile.causes.all()),
        "sdg_goals": sorted(goal.number for goal in profile.sdg_goals.all()),
        "availability": list(profile.availability),
        "medical_qualification": profile.medical_qualification,
        "bio": {code: getattr(profile, f"bio_{code}") or "" for code in ("ru", "kk", "en")},
        "discoverable": profile.discoverable,
        "languages": [
            {"language": row.language_id, "level": row.level}
            for row in sorted(profile.languages.all(), key=lambda row: row.language_id)
        ],
        "guardian_name": profile.guardian_name,
        "guardian_contact": profile.guardian_contact,
        "updated_at": profile.updated_at.isoformat(),
    }


def volunteer_profile_erase(user: User) -> None:
    """Delete the profile row with its languages and choices. No audit event of its own:
    `user.erased` covers it, and an event here would copy the name into the trail again.
    Guardian consents are withdrawn (and their guardian names blanked) by the accounts app."""
    VolunteerProfile.objects.filter(user=user).delete()
