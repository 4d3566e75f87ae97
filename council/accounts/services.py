from __future__ import annotations

from typing import Any, TypedDict, Unpack

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.consents import current_version
from council.accounts.mfa import authenticator_data_reencrypt
from council.accounts.models import Consent, ConsentPurpose, User
from council.accounts.registry import CONSENT_WITHDRAWN, ERASERS, EXPORTERS
from council.audit.models import AuditEvent
from council.audit.records import update_audited
from council.audit.services import record
from council.lib.changes import assign_changed
from council.lib.translit import search_key
from council.reference.models import Country

PROFILE_FIELDS = (
    "given_name",
    "family_name",
    "given_name_latin",
    "family_name_latin",
    "preferred_language",
    "home_country",
)


class ProfileFields(TypedDict, total=False):
    """What user_update_profile may change (PROFILE_FIELDS)."""

    given_name: str
    family_name: str
    given_name_latin: str
    family_name_latin: str
    preferred_language: str
    home_country: Country | None


def user_refresh_search_key(*, user: User) -> None:
    user.name_search = search_key(
        user.given_name, user.family_name, user.given_name_latin, user.family_name_latin
    )


@transaction.atomic
def user_update_profile(*, user: User, actor: User, **fields: Unpack[ProfileFields]) -> User:
    changed = assign_changed(user, fields, PROFILE_FIELDS)
    if not changed:
        return user
    user_refresh_search_key(user=user)
    user.full_clean(exclude=["password"])
    user.save(update_fields=[*changed, "name_search"])
    record(actor=actor, action="user.profile_updated", target=user, data={"fields": changed})
    return user


def user_set_language(*, user: User, language: str) -> None:
    if language not in settings.LANGUAGE_CODES or user.preferred_language == language:
        return
    with transaction.atomic():
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        record(actor=user, action="user.language_changed", target=user, data={"to": language})


@transaction.atomic
def consent_give(
    *, user: User, purpose: str, ip_address: str | None = None, guardian_name: str = ""
) -> Consent:
    """Record a consent; giving one that is already live changes nothing."""
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": _("Unknown consent purpose.")})
    if purpose == ConsentPurpose.GUARDIAN and not guardian_name.strip():
        raise ValidationError({"guardian_name": _("Enter the guardian's full name.")})
    live = (
        Consent.objects.select_for_update()
        .filter(user=user, purpose=purpose, withdrawn_at__isnull=True)
        .first()
    )
    if live is not None:
        return live
    consent = Consent.objects.create(
        user=user,
        purpose=purpose,
        text_version=current_version(purpose),
        given_ip=ip_address,
        guardian_name=guardian_name.strip(),
    )
    record(
        actor=user,
        action="consent.given",
        target=consent,
        data={"purpose": purpose, "version": consent.text_version},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, user: User, purpose: str) -> Consent | None:
    live = (
        Consent.objects.select_for_update()
        .filter(user=user, purpose=purpose, withdrawn_at__isnull=True)
        .first()
    )
    if live is None:
        return None
    live.withdrawn_at = timezone.now()
    live.save(update_fields=["withdrawn_at"])
    record(actor=user, action="consent.withdrawn", target=live, data={"purpose": purpose})
    for _name, hook in sorted(CONSENT_WITHDRAWN.items()):
        hook(user, live)
    return live


def has_live_consent(*, user: User, purpose: str) -> bool:
    return Consent.objects.filter(user=user, purpose=purpose, withdrawn_at__isnull=True).exists()


def ensure_cross_border_consent(*, person: User, given: bool, refusal: str) -> None:
    """The one cross-border consent check: the person's live consent, recorded now if they have
    just given it (`given`); otherwise a ValidationError naming `cross_border_consent` with the
    `refusal` that says why this action needs it. A person of another node (`home_node`)
    gave theirs at home: their home node checked it before sending the action, and this node
    keeps its id with their remote record (council.federation)."""
    if person.home_node or has_live_consent(user=person, purpose=ConsentPurpose.CROSS_BORDER):
        return
    if not given:
        raise ValidationError({"cross_border_consent": refusal})
    consent_give(user=person, purpose=ConsentPurpose.CROSS_BORDER)


def user_export_data(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about this person, as JSON-ready data."""
    data: dict[str, Any] = {
        "format": "volunteer-council-my-data/1",
        "exported_at": timezone.now().isoformat(),
        "account": {
            "id": user.pk,
            "email": user.email,
            "given_name": user.given_name,
            "family_name": user.family_name,
            "given_name_latin": user.given_name_latin,
            "family_name_latin": user.family_name_latin,
            "preferred_language": user.preferred_language,
            "home_country": user.home_country_id,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "consents": [
            {
                "purpose": c.purpose,
                "text_version": c.text_version,
                "given_at": c.given_at.isoformat(),
                "given_ip": c.given_ip,
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
                "guardian_name": c.guardian_name,
            }
            for c in user.consents.order_by("given_at", "pk")
        ],
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        "audit_events_by_me": [
            {"at": e["at"].isoformat(), "action": e["action"], "target": e["target_type"]}
            for e in _audit_events_by(user)
        ],
    }
    for name, exporter in sorted(EXPORTERS.items()):
        data[name] = exporter(user)
    return data


def _audit_events_by(user: User) -> list[Any]:
    return list(
        AuditEvent.objects.filter(actor=user)
        .order_by("at", "pk")
        .values("at", "action", "target_type")
    )


@transaction.atomic
def user_erase(*, user: User) -> User:
    """Delete the account: personal fields anonymised, aggregate history kept.

    Consents are withdrawn but kept (they prove what was agreed, when); memberships and
    other personal rows go through the erasers that higher apps register.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    now = timezone.now()
    Consent.objects.filter(user=user, withdrawn_at__isnull=True).update(withdrawn_at=now)
    Consent.objects.filter(user=user).update(given_ip=None, guardian_name="")
    for _name, eraser in sorted(ERASERS.items()):
        eraser(user)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.email = f"erased-{user.pk}@erased.invalid"
    user.given_name = user.family_name = ""
    user.given_name_latin = user.family_name_latin = ""
    user.name_search = ""
    user.is_active = False
    user.is_staff = user.is_superuser = user.is_secretariat = False
    user.erased_at = now
    user.set_unusable_password()
    # A new (unusable) password changes the session hash, so every open session ends.
    user.save()
    # Events about this person named them in target_repr; keep the events, drop the name.
    AuditEvent.objects.filter(target_type=user._meta.label_lower, target_id=str(user.pk)).update(
        target_repr=user.email
    )
    record(actor=None, action="user.erased", target=user)
    return user


def authenticator_secrets_rotate() -> int:
    """Re-encrypt every two-factor secret under the newest key of MFA_ENCRYPTION_KEYS (and
    encrypt any still in clear); returns how many authenticators were rewritten. Each row is
    locked while it is rewritten, so a sign-in that marks a recovery code used is not lost;
    each rewrite is audited (by the operator's command, so with no actor)."""
    rewritten = 0
    for pk in Authenticator.objects.order_by("pk").values_list("pk", flat=True).iterator():
        with transaction.atomic():
            authenticator = Authenticator.objects.select_for_update().filter(pk=pk).first()
            if authenticator is None:
                continue
            data = authenticator_data_reencrypt(authenticator.data)
            if data != authenticator.data:
                update_audited(
                    authenticator,
                    {"data": data},
                    actor=None,
                    action="authenticator.reencrypted",
                    data={"type": authenticator.type, "user": authenticator.user_id},
                )
                rewritten += 1
    return rewritten
