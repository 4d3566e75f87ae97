"""Credentials: defined by an organisation's organisers (or, council-wide, the secretariat),
earned by passing a training module or confirmed for a volunteer by an organiser with an
expiry date. One row per volunteer and credential, renewed in place; each grant is audited
under the granting organisation, and a confirmation is mailed in the volunteer's language."""

from __future__ import annotations

from datetime import date
from typing import Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.mail import mail_send
from council.accounts.models import User
from council.audit.records import audit_for
from council.lib.dates import validate_plan_date
from council.lib.forms import translated_fields
from council.lib.locks import lock_row
from council.lib.mirrors import ensure_local
from council.lib.translated import Texts
from council.orgs.models import Organisation
from council.volunteers.models import Credential, CredentialSource, VolunteerCredential

CREDENTIAL_TEXTS = tuple(translated_fields("name", "description"))

_audit = audit_for(organisation="organisation_id")


class CredentialFields(Texts, total=False):
    validity_months: int | None


def _has_name(credential: Credential) -> bool:
    return any(getattr(credential, column) for column in translated_fields("name"))


def _check(credential: Credential) -> None:
    if not _has_name(credential):
        raise ValidationError({"name_ru": _("Name the credential in at least one language.")})
    credential.full_clean(exclude=["organisation"])


def _texts(fields: CredentialFields) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, value in fields.items():
        values[name] = str(value or "").strip() if name in CREDENTIAL_TEXTS else value
    return values


@transaction.atomic
def credential_create(
    *, actor: User, organisation: Organisation | None, **fields: Unpack[CredentialFields]
) -> Credential:
    """A credential of the organisation, or (none given) of the whole council."""
    if organisation is not None:
        ensure_local(organisation)
    credential = Credential(organisation=organisation, **_texts(fields))
    _check(credential)
    credential.save()
    _audit(actor, "credential.created", credential, name=str(credential.name))
    return credential


@transaction.atomic
def credential_update(
    *, actor: User, credential: Credential, **fields: Unpack[CredentialFields]
) -> Credential:
    """New names, description or validity; credentials already held keep their expiry."""
    credential = lock_row(Credential, credential.pk) or credential
    for name, value in _texts(fields).items():
        setattr(credential, name, value)
    _check(credential)
    credential.save()
    _audit(actor, "credential.updated", credential, fields=sorted(fields))
    return credential


def credential_grant(
    *,
    volunteer: User,
    credential: Credential,
    source: str,
    organisation: Organisation,
    expires_on: date | None,
    actor: User | None,
    on: date | None = None,
) -> VolunteerCredential:
    """Record that the volunteer holds the credential from `on` (today) until `expires_on`
    (None: for good): a new row, or the held one renewed. Call inside a transaction."""
    day = on or timezone.localdate()
    held, created = VolunteerCredential.objects.select_for_update().get_or_create(
        volunteer=volunteer,
        credential=credential,
        defaults={
            "source": source,
            "earned_on": day,
            "expires_on": expires_on,
            "organisation": organisation,
            "confirmed_by": actor if source == CredentialSource.ORGANISER else None,
        },
    )
    if not created:
        held.source = source
        held.earned_on = day
        held.expires_on = expires_on
        held.organisation = organisation
        held.confirmed_by = actor if source == CredentialSource.ORGANISER else None
        held.updated_at = timezone.now()
        held.save()
    _audit(
        actor,
        "credential.granted" if source == CredentialSource.ORGANISER else "credential.earned",
        held,
        volunteer=volunteer.pk,
        credential=credential.pk,
        expires_on=expires_on.isoformat() if expires_on else None,
        renewed=not created,
    )
    return held


def _volunteer(email: str) -> User:
    person = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if person is None or not email.strip():
        raise ValidationError({"email": _("No volunteer has an account with this address.")})
    return person


@transaction.atomic
def credential_confirm(
    *,
    actor: User,
    organisation: Organisation,
    credential: Credential,
    email: str,
    expires_on: date | None = None,
) -> VolunteerCredential:
    """An organiser confirms that a volunteer holds the credential (a certificate they have
    seen), until `expires_on` — by default the credential's validity from today. The
    volunteer is told by mail in their language."""
    ensure_local(organisation)
    if credential.organisation_id not in (None, organisation.pk):
        raise ValidationError({"credential": _("Choose a credential of this organisation.")})
    today = timezone.localdate()
    if expires_on is None:
        expires_on = credential.expiry_from(today)
    else:
        try:
            validate_plan_date(expires_on)
        except ValidationError as error:
            raise ValidationError({"expires_on": error.messages}) from None
        if expires_on < today:
            raise ValidationError({"expires_on": _("Choose a date from today on.")})
    volunteer = _volunteer(email)
    held = credential_grant(
        volunteer=volunteer,
        credential=credential,
        source=CredentialSource.ORGANISER,
        organisation=organisation,
        expires_on=expires_on,
        actor=actor,
        on=today,
    )
    mail_send(
        to=volunteer.email,
        template="training/mail/credential_confirmed",
        language=volunteer.preferred_language,
        context={"held": held, "credential": credential, "organisation": organisation},
    )
    return held
