"""The owner node's minimal record of a person of another node (docs/federation.md, "People").

A person who acts from their home node on our catalogue gets a local account that their
applications, registrations, check-ins and hours hang on: an address under the reserved
`.invalid` domain made of their pseudonymous reference (never their real address), no
password, not active (it cannot sign in), `home_node` naming their node. Only what the action
sent is kept — names in both scripts, the age band their home node attested (no date of
birth), languages, skills, the contact details they agreed to share — and it is rewritten
with every action, so a field no longer sent is cleared. Every action that brings personal
data writes a `Transfer` row (direction "in").
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from council.accounts.models import User
from council.accounts.services import user_erase, user_refresh_search_key
from council.audit.services import record
from council.federation.models import Direction, Peer, RemotePerson, Transfer
from council.federation.protocol import ProtocolError
from council.reference.models import CefrLevel, Language, Skill
from council.volunteers.models import ADULT_AGE, AgeBand, LanguageSkill, VolunteerProfile

NAME_FIELDS = ("given_name", "family_name", "given_name_latin", "family_name_latin")
REQUIRED_NAMES = ("given_name", "family_name")
# The bands of people under 18 (whose guardian's consent the home node attests).
MINOR_BANDS = (AgeBand.UNDER_14, AgeBand.TEEN)
MAX_NAME = 80
# A person's pseudonymous reference (council.federation.people.person_ref).
PERSON_REF = re.compile(r"psn_[0-9a-f]{32}")
MAX_LIST = 50


def _refuse(field: str, message: str, code: str = "invalid_body") -> ProtocolError:
    return ProtocolError(code, message, field=field)


def _text(person: dict[str, Any], name: str, *, required: bool = False) -> str:
    value = person.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _refuse(f"person.{name}", f"person.{name} must be a string.")
    value = value.strip()
    if required and not value:
        raise _refuse(f"person.{name}", f"person.{name} is required.")
    if len(value) > MAX_NAME:
        raise _refuse(f"person.{name}", f"person.{name} is longer than {MAX_NAME} characters.")
    return value


def _ref(person: dict[str, Any]) -> str:
    ref = person.get("ref")
    if not isinstance(ref, str) or not PERSON_REF.fullmatch(ref):
        raise _refuse("person.ref", "person.ref must be the person's reference (psn_…).")
    return ref


def _languages(person: dict[str, Any]) -> list[tuple[str, str]]:
    rows = person.get("languages") or []
    if not isinstance(rows, list) or len(rows) > MAX_LIST:
        raise _refuse("person.languages", "person.languages must be a list.")
    chosen: dict[str, str] = {}
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("code"), str):
            raise _refuse("person.languages", "Each language needs a code and a level.")
        if row.get("level") not in CefrLevel.values:
            raise _refuse("person.languages", f"Unknown language level: {row.get('level')!r}.")
        chosen[row["code"]] = row["level"]
    known = set(Language.objects.filter(code__in=chosen).values_list("code", flat=True))
    unknown = sorted(set(chosen) - known)
    if unknown:
        raise _refuse(
            "person.languages", f"Unknown languages: {', '.join(unknown)}.", "unknown_reference"
        )
    return sorted(chosen.items())


def _skills(person: dict[str, Any]) -> list[Skill]:
    codes = person.get("skills") or []
    if not isinstance(codes, list) or len(codes) > MAX_LIST:
        raise _refuse("person.skills", "person.skills must be a list of skill codes.")
    if not all(isinstance(code, str) for code in codes):
        raise _refuse("person.skills", "person.skills must be a list of skill codes.")
    skills = list(Skill.objects.filter(slug__in=codes))
    unknown = sorted(set(codes) - {skill.slug for skill in skills})
    if unknown:
        raise _refuse(
            "person.skills", f"Unknown skills: {', '.join(unknown)}.", "unknown_reference"
        )
    return skills


def _contact(person: dict[str, Any]) -> dict[str, str]:
    contact = person.get("contact") or {}
    if not isinstance(contact, dict):
        raise _refuse("person.contact", "person.contact must be an object.")
    email = contact.get("email") or ""
    if not isinstance(email, str) or len(email) > 254 or (email and "@" not in email):
        raise _refuse("person.contact", "person.contact.email must be an email address.")
    return {"email": email.strip()} if email.strip() else {}


def _consent_ref(consent: dict[str, Any]) -> str:
    if not isinstance(consent, dict):
        raise _refuse("consent", "The consent the person gave is missing.", "consent_missing")
    ref = consent.get("id")
    if isinstance(ref, int) and not isinstance(ref, bool):
        ref = str(ref)
    if not isinstance(ref, str) or not ref.strip() or len(ref) > 80:
        raise _refuse("consent.id", "The consent the person gave is missing.", "consent_missing")
    return ref.strip()


def person_block_clean(person: Any) -> dict[str, Any]:
    """The person block of an action, checked: every value as this node keeps it, or a
    ProtocolError naming the field."""
    if not isinstance(person, dict):
        raise _refuse("person", "The person block is missing.")
    names = {name: _text(person, name, required=name in REQUIRED_NAMES) for name in NAME_FIELDS}
    band = person.get("age_band")
    if band not in AgeBand.values:
        raise _refuse("person.age_band", f"person.age_band must be one of {AgeBand.values}.")
    language = person.get("preferred_language")
    if language not in dict(settings.LANGUAGES):
        raise _refuse(
            "person.preferred_language",
            f"person.preferred_language must be one of {list(dict(settings.LANGUAGES))}.",
        )
    guardian = person.get("guardian_consent", False)
    if not isinstance(guardian, bool):
        raise _refuse("person.guardian_consent", "person.guardian_consent must be true or false.")
    return {
        "ref": _ref(person),
        **names,
        "age_band": band,
        "preferred_language": language,
        "languages": _languages(person),
        "skills": _skills(person),
        "contact": _contact(person),
        "guardian_consent": guardian,
    }


def fields_sent(clean: dict[str, Any]) -> list[str]:
    """The names of the personal fields the block carried (for RemotePerson and Transfer)."""
    sent = [name for name in (*NAME_FIELDS, "age_band", "preferred_language") if clean[name]]
    sent += [name for name in ("languages", "skills") if clean[name]]
    sent += [f"contact.{name}" for name in sorted(clean["contact"])]
    if clean["age_band"] in MINOR_BANDS:
        sent.append("guardian_consent")
    return sent


def require_guardian_consent(clean: dict[str, Any]) -> None:
    """A minor (by the attested band) acts only with their guardian's live consent at home."""
    if clean["age_band"] in MINOR_BANDS and not clean["guardian_consent"]:
        raise ProtocolError(
            "not_eligible",
            f"Volunteers under {ADULT_AGE} need their parent's or guardian's consent.",
            field="person.guardian_consent",
        )


def local_address(ref: str, peer: Peer) -> str:
    """The local account's address: made of the reference, under the reserved `.invalid`
    domain, so that it never reaches anyone (council.accounts.mail skips it)."""
    return f"{ref}@{peer.node_id}.node.invalid".lower()


def _account(peer: Peer, ref: str) -> tuple[RemotePerson | None, User]:
    """The person's record and account, locked; a new (unsaved-record) account if none."""
    existing = (
        RemotePerson.objects.select_for_update()
        .select_related("user")
        .filter(peer=peer, remote_ref=ref)
        .first()
    )
    if existing is not None:
        return existing, existing.user
    user = User(email=local_address(ref, peer), is_active=False, home_node=peer.node_id)
    user.set_unusable_password()
    return None, user


def _save_account(user: User, clean: dict[str, Any], peer: Peer) -> None:
    for name in NAME_FIELDS:
        setattr(user, name, clean[name])
    user.preferred_language = clean["preferred_language"]
    user.home_country_id = peer.country_id
    user.home_node = peer.node_id
    user.is_active = False
    user_refresh_search_key(user=user)
    try:
        user.full_clean(exclude=["password", "email"], validate_unique=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise _refuse(f"person.{field}", " ".join(messages)) from error
    user.save()


def _save_profile(user: User, clean: dict[str, Any]) -> None:
    profile, _created = VolunteerProfile.objects.select_for_update().get_or_create(user=user)
    if profile.date_of_birth is not None or profile.attested_age_band != clean["age_band"]:
        profile.date_of_birth = None
        profile.attested_age_band = clean["age_band"]
        profile.save(update_fields=["date_of_birth", "attested_age_band", "updated_at"])
    profile.skills.set(clean["skills"])
    wanted = dict(clean["languages"])
    LanguageSkill.objects.filter(profile=profile).exclude(language_id__in=wanted).delete()
    have = dict(LanguageSkill.objects.filter(profile=profile).values_list("language_id", "level"))
    for code, level in wanted.items():
        if have.get(code) != level:
            LanguageSkill.objects.update_or_create(
                profile=profile, language_id=code, defaults={"level": level}
            )


@transaction.atomic
def remote_person_upsert(*, peer: Peer, person: dict[str, Any], consent: dict[str, Any]) -> User:
    """The local account of the person the block describes, made or rewritten with what it
    carries (a field not sent any more is cleared). ProtocolError on a bad block."""
    clean = person_block_clean(person)
    consent_ref = _consent_ref(consent)
    fields = fields_sent(clean)
    remote, user = _account(peer, clean["ref"])
    created = remote is None
    if remote is None:
        try:
            # A savepoint: a parallel first action of the same person may insert first.
            with transaction.atomic():
                _save_account(user, clean, peer)
                remote = RemotePerson.objects.create(peer=peer, remote_ref=clean["ref"], user=user)
        except IntegrityError:
            remote, user = _account(peer, clean["ref"])
            if remote is None:
                raise
            created = False
            _save_account(user, clean, peer)
    else:
        _save_account(user, clean, peer)
    _save_profile(user, clean)
    remote.consent_ref = consent_ref
    remote.fields = fields
    remote.contact = clean["contact"]
    remote.updated_at = timezone.now()
    remote.erased_at = None
    remote.save(update_fields=["consent_ref", "fields", "contact", "updated_at", "erased_at"])
    record(
        actor=None,
        action="federation.person_received" if created else "federation.person_updated",
        target=remote,
        data={"peer": peer.node_id, "fields": fields},
    )
    return user


def clean_person_and_guardian(person: Any) -> None:
    """Refuse a bad block or a minor without their guardian's consent before anything is
    written (the checks `remote_person_upsert` repeats)."""
    require_guardian_consent(person_block_clean(person))


def transfer_in(*, peer: Peer, user: User, purpose: str) -> Transfer:
    """Log the personal data an action of `peer` brought about `user`."""
    remote = user.remote_person
    return Transfer.objects.create(
        direction=Direction.IN,
        peer=peer,
        person=user,
        person_ref=str(user.pk),
        purpose=purpose,
        fields=list(remote.fields),
        consent_ref=remote.consent_ref,
    )


def remote_account(*, peer: Peer, ref: Any) -> User | None:
    """The local account of the person `peer` knows by `ref` (None when unknown or erased)."""
    if not isinstance(ref, str):
        raise _refuse("person", "person must be the person's reference (psn_…).")
    remote = (
        RemotePerson.objects.select_related("user")
        .filter(peer=peer, remote_ref=ref.lower(), erased_at__isnull=True)
        .first()
    )
    return remote.user if remote is not None else None


@transaction.atomic
def remote_person_erase(*, peer: Peer, ref: Any, reason: str) -> bool:
    """Erase the person `peer` knows by `ref`: the account is erased as any account is
    (aggregates kept, the person gone), the record keeps no reference, contact or fields, and
    the transfer log keeps its rows without the person. Whether there was someone to erase."""
    if not isinstance(ref, str):
        raise _refuse("person", "person must be the person's reference (psn_…).")
    remote = (
        RemotePerson.objects.select_for_update()
        .select_related("user")
        .filter(peer=peer, remote_ref=ref.lower(), erased_at__isnull=True)
        .first()
    )
    if remote is None:
        return False
    user = remote.user
    if user.erased_at is None:
        user_erase(user=user)
    Transfer.objects.filter(person=user).update(person=None)
    # The reference is the person's pseudonym at home: without it nothing here leads back
    # to them (and should they come back, they get a new record).
    remote.remote_ref = f"erased-{remote.pk}"
    remote.contact = {}
    remote.fields = []
    remote.erased_at = timezone.now()
    remote.save(update_fields=["remote_ref", "contact", "fields", "erased_at"])
    record(
        actor=None,
        action="federation.person_erased",
        target=remote,
        data={"peer": peer.node_id, "reason": reason},
    )
    return True
