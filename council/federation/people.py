"""A person of this node as another node sees them (docs/federation.md, "Person block").

The owner node never learns a database id of ours: it knows the person by `person_ref`, a
pseudonym per peer, and receives only what an action needs — names in both scripts, the age
band on the day of the work rather than the date of birth, languages, skills, the contact
details the person chose to share, and the id of the consent it goes under.

The sharing choice: a person without a `SharingChoice` row shares their email address. The
cross-border consent they gave names "contacts" among what organisers abroad may see, and an
organiser who confirms a seat needs a way to reach the volunteer; the choice to keep the
address back is offered beside that consent (/federation/me/sharing/, linked from
/me/consents/).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from typing import Any

from django.conf import settings

from council.accounts.models import Consent, ConsentPurpose, User
from council.accounts.services import has_live_consent
from council.federation.models import Peer, SharingChoice
from council.volunteers.models import ADULT_AGE, VolunteerProfile

REF_PREFIX = "psn_"

# The keys of a person block, in the order the protocol lists them.
PERSON_KEYS = (
    "ref",
    "given_name",
    "family_name",
    "given_name_latin",
    "family_name_latin",
    "age_band",
    "languages",
    "skills",
    "contact",
    "preferred_language",
    "guardian_consent",
)


def person_ref(user: User, peer: Peer) -> str:
    """The person's pseudonymous reference for this peer: the same every time, different for
    every peer, and no way back to our id without our SECRET_KEY."""
    message = f"federation:{peer.node_id}:{user.pk}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return REF_PREFIX + digest[:32]


def shares_email(user: User) -> bool:
    """Whether the person sends their email address with an action abroad (yes unless they
    chose otherwise; see the module's docstring)."""
    choice = SharingChoice.objects.filter(user=user).values_list("share_email", flat=True).first()
    return True if choice is None else bool(choice)


# The most languages and skills a person block carries (schemas/v1/common.json): a profile
# with more sends the first ones, so that the owner never refuses the person for it.
MAX_LANGUAGES = 30
MAX_SKILLS = 50


def person_block(user: User, *, peer: Peer, on: date) -> dict[str, Any]:
    """What the owner node receives about the person, for an action on `on` (the day of the
    shift or forum). The caller has checked that the profile has a date of birth. Names fit
    the protocol as they are (80 characters, as the account keeps them); languages and skills
    are cut to the protocol's most (`MAX_LANGUAGES`, `MAX_SKILLS`)."""
    profile = VolunteerProfile.objects.filter(user=user).first() or VolunteerProfile(user=user)
    age = profile.age(on)
    languages = (
        [
            {"code": skill.language_id, "level": skill.level}
            for skill in profile.languages.order_by("language_id")
        ]
        if profile.pk
        else []
    )
    skills = sorted(profile.skills.values_list("slug", flat=True)) if profile.pk else []
    minor = age is not None and age < ADULT_AGE
    return {
        "ref": person_ref(user, peer),
        "given_name": user.given_name,
        "family_name": user.family_name,
        "given_name_latin": user.given_name_latin,
        "family_name_latin": user.family_name_latin,
        "age_band": profile.age_band(on) or "",
        "languages": languages[:MAX_LANGUAGES],
        "skills": skills[:MAX_SKILLS],
        "contact": {"email": user.email} if shares_email(user) else {},
        "preferred_language": user.preferred_language,
        "guardian_consent": minor and has_live_consent(user=user, purpose=ConsentPurpose.GUARDIAN),
    }


def consent_block(consent: Consent) -> dict[str, str]:
    return {
        "id": str(consent.pk),
        "version": consent.text_version,
        "given_at": consent.given_at.isoformat(),
    }


def sent_fields(person: dict[str, Any]) -> list[str]:
    """The names of the personal fields a person block carries, as the transfer log lists
    them ("contact.email" when the address went)."""
    fields = [key for key in PERSON_KEYS if key in person and key != "contact"]
    fields += [f"contact.{key}" for key in sorted(person.get("contact") or {})]
    return fields
