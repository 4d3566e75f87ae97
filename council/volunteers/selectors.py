"""Reads of volunteer profiles."""

from __future__ import annotations

import hmac
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from council.accounts.models import Consent, ConsentPurpose, User
from council.lib.translit import fold, to_latin
from council.orgs.models import Organisation
from council.volunteers.models import (
    CONTACT_STATUS_FILTERS,
    AgeBand,
    Contact,
    ContactStatus,
    LanguageSkill,
    VolunteerCredential,
    VolunteerProfile,
    contact_token_digest,
)


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


# --- The organisation's contact list --------------------------------------------------------


def contacts_of(
    *, organisation: Organisation, query: str = "", status: str = ""
) -> QuerySet[Contact]:
    """The organisation's contacts, newest first: those whose name matches every word of
    `query` in any script (Cyrillic or Latin, through the transliteration search key), or
    whose email address or phone number contains it; in `status` when given."""
    contacts = Contact.objects.filter(organisation=organisation)
    if status in CONTACT_STATUS_FILTERS:
        contacts = contacts.filter(CONTACT_STATUS_FILTERS[ContactStatus(status)])
    words = query.split()
    if len(words) == 1 and ("@" in query or query.lstrip("+").isdigit()):
        term = query.strip().lower()
        return contacts.filter(Q(email__contains=term) | Q(phone__contains=term))
    for word in words[:5]:
        key = fold(to_latin(word))
        if key:
            contacts = contacts.filter(name_search__contains=key)
    return contacts.order_by("-created_at", "-pk")


def contact_by_token(*, token: str) -> Contact | None:
    """The contact whose last invitation carried `token`, or None. The token's digest is
    looked up, then compared in constant time."""
    if not token or len(token) > 100:
        return None
    digest = contact_token_digest(token)
    contact = (
        Contact.objects.select_related("organisation__country", "home_country")
        .filter(invitation_token=digest)
        .first()
    )
    if contact is None or not hmac.compare_digest(contact.invitation_token, digest):
        return None
    return contact


def contact_account_exists(*, contact: Contact) -> bool:
    """Whether an account has the address the invitation went to."""
    return bool(contact.email) and User.objects.filter(email__iexact=contact.email).exists()


def contact_held_data(contact: Contact) -> list[tuple[str, str]]:
    """What the organisation holds about the person, as (label, value) pairs, for the
    invitation mail and its acceptance page."""
    held: list[tuple[str, str]] = []
    values: list[tuple[Any, Any]] = [
        (pgettext("person", "Name"), contact.display_name),
        (_("Name in Latin"), contact.latin_name),
        (_("Email address"), contact.email),
        (_("Phone number"), contact.phone),
        (_("Date of birth"), contact.date_of_birth),
        (_("Home country"), contact.home_country.name if contact.home_country else ""),
        (_("Id in the source system"), contact.external_id),
    ]
    for label, value in values:
        if value:
            held.append((str(label), date_format(value) if isinstance(value, date) else str(value)))
    return held


# --- Credentials --------------------------------------------------------------------------------


def credentials_held(*, user: User, on: date | None = None) -> list[VolunteerCredential]:
    """The person's credentials, each marked `valid` on the day `on` (today), in one query."""
    day = on or timezone.localdate()
    rows = list(
        VolunteerCredential.objects.filter(volunteer_id=user.pk)
        .select_related("credential", "organisation")
        .order_by("credential__name", "pk")
    )
    for row in rows:
        row.valid = row.is_valid_on(day)  # type: ignore[attr-defined]
    return rows
