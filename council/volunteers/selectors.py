"""Reads of volunteer profiles."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch

from council.accounts.models import Consent, ConsentPurpose, User
from council.volunteers.models import AgeBand, LanguageSkill, VolunteerProfile


def volunteer_profile_for(*, user: User) -> VolunteerProfile:
    """The person's profile with everything the profile page shows, or an unsaved empty one
    (check `profile._state.adding` before touching its relations: it has no rows yet)."""
    languages = LanguageSkill.objects.select_related("language").order_by(
        "language__position", "language_id"
    )
    profile = (
        VolunteerProfile.objects.filter(user=user)
        .select_related("city__region", "city__country")
        .prefetch_related("skills", "causes", "sdg_goals", Prefetch("languages", languages))
        .first()
    )
    return profile if profile is not None else VolunteerProfile(user=user)


def volunteer_profile_exists(*, user: User) -> bool:
    """Whether the person has saved a volunteer profile."""
    return VolunteerProfile.objects.filter(user=user).exists()


def volunteer_age_band(*, profile: VolunteerProfile, on: date) -> AgeBand | None:
    band = profile.age_band(on)
    return AgeBand(band) if band is not None else None


def volunteer_guardian_consent_live(*, user: User) -> Consent | None:
    return Consent.objects.filter(
        user=user, purpose=ConsentPurpose.GUARDIAN, withdrawn_at__isnull=True
    ).first()
