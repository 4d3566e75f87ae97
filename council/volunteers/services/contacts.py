"""The organisation's contact list: people it imported or entered by hand, who are invited,
not signed up.

A contact has no account and no password. The organisation holds the row as its own contact
list; the person's data is processed by the platform only once they accept the invitation
and give their consent (`contact_accept`), which makes the account. Until then the row is
erased on the organisation's decision, on the person's request (the link in the invitation)
or when CONTACT_RETENTION_DAYS have passed (`contacts_expire`), leaving an anonymous
tombstone. Audit events name the contact by its id only: no name, address or number."""

from __future__ import annotations

import functools
import secrets
from datetime import date, timedelta
from typing import Any, TypedDict, Unpack

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Field
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.backend import DatabaseBackend

from council.accounts.mail import mail_send
from council.accounts.models import ConsentPurpose, User
from council.accounts.services import consent_give, user_refresh_search_key
from council.audit.records import audit_in_organisation, audit_organisation
from council.lib.phones import NOT_A_NUMBER, e164
from council.lib.translit import search_key
from council.orgs.models import Membership, MembershipRole, Organisation
from council.reference.models import Country
from council.volunteers.models import (
    CONTACT_INVITATION_DAYS,
    CONTACT_STATUS_FILTERS,
    Contact,
    ContactStatus,
    ErasureReason,
    contact_token_digest,
)
from council.volunteers.services import (
    check_date_of_birth,
    profile_locked,
    volunteer_profile_update,
)

# What an organisation may write about a contact.
CONTACT_FIELDS = (
    "given_name",
    "family_name",
    "patronymic",
    "given_name_latin",
    "family_name_latin",
    "email",
    "phone",
    "date_of_birth",
    "preferred_language",
    "home_country",
    "external_id",
)
NAME_FIELDS = CONTACT_FIELDS[:5]
# The contact's language when nobody says otherwise: the state language of the organisation's
# country where the platform speaks it (Kazakh in Kazakhstan, Russian in Russia); Russian,
# the council's common language, elsewhere. The importer sets it per row; the person reads
# the acceptance page in the language of their browser.
COUNTRY_LANGUAGES = {"KZ": "kk", "RU": "ru"}


class ContactFields(TypedDict, total=False):
    """What contact_update may change (CONTACT_FIELDS)."""

    given_name: str
    family_name: str
    patronymic: str
    given_name_latin: str
    family_name_latin: str
    email: str
    phone: str
    date_of_birth: date | None
    preferred_language: str
    home_country: Country | None
    external_id: str


def default_language(organisation: Organisation) -> str:
    return COUNTRY_LANGUAGES.get(organisation.country_id, settings.LANGUAGE_CODE)


def normalise_phone(phone: str, region: str | None) -> str:
    """The number in E.164 ("+77012345678"), read as a number of `region` (an ISO country
    code) unless it starts with "+"; a ValidationError naming `phone` if it is none."""
    phone = phone.strip()
    if not phone:
        return ""
    number, problem = e164(phone, region)
    if problem == NOT_A_NUMBER:
        raise ValidationError({"phone": _("Enter a valid phone number.")})
    if problem:
        raise ValidationError(
            {"phone": _("This is not a valid phone number: check the digits and the country.")}
        )
    return number


def _clean(
    contact: Contact, *, external_id_checked: bool = False, today: date | None = None
) -> None:
    """Normalise the contact's fields and check them, every problem named by its field
    (translated); raises before anything is written. `external_id_checked`: the caller
    has looked the external id up already (an import, for a whole batch at once); `today`:
    the local date, read by the caller once for many contacts."""
    for name in (*NAME_FIELDS, "external_id"):
        setattr(contact, name, " ".join(str(getattr(contact, name) or "").split()))
    contact.email = str(contact.email or "").strip().lower()
    errors: dict[str, list[str]] = {}

    def problem(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not any(getattr(contact, name) for name in NAME_FIELDS if name != "patronymic"):
        problem("given_name", _("Enter a given or family name, in Cyrillic or in Latin."))
    if contact.email:
        try:
            validate_email(contact.email)
        except ValidationError:
            problem("email", _("Enter a valid email address."))
    region = contact.home_country_id or contact.organisation.country_id
    try:
        contact.phone = normalise_phone(str(contact.phone or ""), region)
    except ValidationError as error:
        problem("phone", error.message_dict["phone"][0])
    try:
        check_date_of_birth(contact.date_of_birth, today or timezone.localdate())
    except ValidationError as error:
        problem("date_of_birth", error.message_dict["date_of_birth"][0])
    if not contact.preferred_language:
        contact.preferred_language = default_language(contact.organisation)
    elif contact.preferred_language not in settings.LANGUAGE_CODES:
        problem("preferred_language", _("Choose Russian, Kazakh or English."))
    if contact.external_id and not external_id_checked:
        taken = Contact.objects.filter(
            organisation_id=contact.organisation_id,
            source=contact.source,
            external_id=contact.external_id,
        ).exclude(pk=contact.pk)
        if taken.exists():
            problem("external_id", _("Another contact of this source has this id."))
    if errors:
        raise ValidationError(errors)
    _check_fields(contact)
    contact.name_search = search_key(
        *(getattr(contact, name) for name in NAME_FIELDS if name != "patronymic")
    )


# The fields a caller writes (CONTACT_FIELDS but the home country, an instance already)
# and the source: what `full_clean` found wrong in a contact being checked, the platform
# setting the others. Their lengths, plain text, the address, the language among the choices.
_CHECKED_FIELDS = (
    *NAME_FIELDS,
    "email",
    "phone",
    "date_of_birth",
    "preferred_language",
    "external_id",
    "source",
)


@functools.cache
def _checked_fields() -> tuple[tuple[Field[Any, Any], tuple[Any, ...]], ...]:
    """The fields in the model's order (as full_clean names them), each with its validators;
    the address's without `validate_email`, which `_clean` has run already."""
    return tuple(
        (field, tuple(item for item in field.validators if item is not validate_email))
        for field in Contact._meta.fields
        if field.name in _CHECKED_FIELDS
    )


def _check_fields(contact: Contact) -> None:
    """`full_clean`'s field checks (`Field.clean`: its messages, by field) for the fields a
    caller writes, a contact in a few microseconds: an import makes it twice a row."""
    errors: dict[str, list[ValidationError]] = {}
    for field, validators in _checked_fields():
        raw = getattr(contact, field.attname)
        if field.blank and raw in field.empty_values:
            continue
        try:
            value = field.to_python(raw)
            if field.choices:
                # Not empty, so only the choices can be wrong.
                field.validate(value, contact)
            problems: list[ValidationError] = []
            for validator in validators:
                try:
                    validator(value)
                except ValidationError as error:
                    if hasattr(error, "code") and error.code in field.error_messages:
                        error.message = field.error_messages[error.code]
                    problems.extend(error.error_list)
            if problems:
                raise ValidationError(problems)
            setattr(contact, field.attname, value)
        except ValidationError as error:
            errors[field.name] = error.error_list
    if errors:
        raise ValidationError(errors)


def _retention_end(start: date) -> date:
    return start + timedelta(days=settings.CONTACT_RETENTION_DAYS)


def _audit(actor: User | None, action: str, contact: Contact, **data: Any) -> None:
    audit_in_organisation(actor, action, contact, **data)


def contact_check(
    *, organisation: Organisation, actor: User | None, source: str = "manual", **fields: Any
) -> Contact:
    """The contact `contact_create` would write, normalised (names trimmed, the address in
    lower case, the phone number in E.164, the language chosen) but not saved; a
    ValidationError naming each bad field otherwise. For an import's dry run: it reads the
    database only to check that the external id is free."""
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"not a contact field: {', '.join(sorted(unknown))}")
    contact = Contact(
        organisation=organisation,
        created_by=actor,
        source=source.strip()[:40] or "manual",
        **fields,
    )
    _clean(contact)
    return contact


@transaction.atomic
def contact_create(
    *,
    organisation: Organisation,
    actor: User | None,
    given_name: str = "",
    family_name: str = "",
    patronymic: str = "",
    given_name_latin: str = "",
    family_name_latin: str = "",
    email: str = "",
    phone: str = "",
    date_of_birth: date | None = None,
    preferred_language: str = "",
    home_country: Country | None = None,
    external_id: str = "",
    source: str = "manual",
) -> Contact:
    """Put a person on the organisation's contact list (no account, no password). Every
    problem is a ValidationError naming its field; nothing is written then. The contact is
    erased CONTACT_RETENTION_DAYS after today unless the person accepts an invitation."""
    contact = contact_check(
        organisation=organisation,
        actor=actor,
        source=source,
        given_name=given_name,
        family_name=family_name,
        patronymic=patronymic,
        given_name_latin=given_name_latin,
        family_name_latin=family_name_latin,
        email=email,
        phone=phone,
        date_of_birth=date_of_birth,
        preferred_language=preferred_language,
        home_country=home_country,
        external_id=external_id,
    )
    contact.erase_after = _retention_end(timezone.localdate())
    contact.save()
    _audit(actor, "contact.created", contact, source=contact.source)
    return contact


def _locked(contact: Contact) -> Contact:
    return Contact.objects.select_for_update().select_related("organisation").get(pk=contact.pk)


def _refuse_closed(contact: Contact) -> None:
    if contact.erased_at is not None:
        raise ValidationError(_("This contact has been erased."))
    if contact.accepted_at is not None:
        raise ValidationError(
            _("This person has accepted the invitation: their data is now theirs to change.")
        )


@transaction.atomic
def contact_update(
    *, contact: Contact, actor: User | None, **fields: Unpack[ContactFields]
) -> Contact:
    """Change any of CONTACT_FIELDS of a contact not yet accepted nor erased. A new email
    address closes an open invitation (its link was sent to the old address): invite again."""
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"not a contact field: {', '.join(sorted(unknown))}")
    contact = _locked(contact)
    _refuse_closed(contact)
    before = {name: getattr(contact, name) for name in CONTACT_FIELDS}
    for name, value in fields.items():
        setattr(contact, name, value)
    _clean(contact)
    changed = [name for name in CONTACT_FIELDS if getattr(contact, name) != before[name]]
    if not changed:
        return contact
    update = [*changed, "name_search"]
    if "email" in changed and contact.invitation_token:
        contact.invitation_token = ""
        contact.invitation_expires_at = None
        update += ["invitation_token", "invitation_expires_at"]
    contact.save(update_fields=update)
    _audit(actor, "contact.updated", contact, fields=changed)
    return contact


@transaction.atomic
def contact_invite(*, contact: Contact, actor: User | None) -> None:
    """Mail the person an invitation in their language: who holds their data and what, what
    the platform is, a link to accept and a link to have the data deleted. Inviting again
    sends a new link; the earlier one stops working."""
    contact = _locked(contact)
    _refuse_closed(contact)
    if not contact.email:
        raise ValidationError({"email": _("Add an email address to invite this person.")})
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    contact.invitation_token = contact_token_digest(token)
    contact.invited_at = now
    contact.invitation_expires_at = now + timedelta(days=CONTACT_INVITATION_DAYS)
    contact.invitation_count += 1
    # An open invitation outlives the retention period: the contact is kept while it is open.
    open_until = timezone.localdate(contact.invitation_expires_at)
    if contact.erase_after is None or contact.erase_after <= open_until:
        contact.erase_after = open_until + timedelta(days=1)
    contact.save(
        update_fields=[
            "invitation_token",
            "invited_at",
            "invitation_expires_at",
            "invitation_count",
            "erase_after",
        ]
    )
    _audit(actor, "contact.invited", contact, count=contact.invitation_count)
    # The token travels to the mail task (and, in production, sits in its row until the
    # task is pruned); only its digest is kept with the contact.
    mail_send(
        to=contact.email,
        template="volunteers/mail/contact_invitation",
        language=contact.preferred_language or default_language(contact.organisation),
        context={
            "contact": contact,
            "organisation": contact.organisation,
            "token": token,
            "days": CONTACT_INVITATION_DAYS,
        },
    )


def contacts_not_invited(*, organisation: Organisation) -> Any:
    """The organisation's contacts never invited that have an email address."""
    return (
        Contact.objects.filter(organisation=organisation)
        .filter(CONTACT_STATUS_FILTERS[ContactStatus.NOT_INVITED])
        .exclude(email="")
    )


@transaction.atomic
def contacts_invite_all(*, organisation: Organisation, actor: User) -> int:
    """Queue the invitation of every contact not yet invited that has an email address (sent
    in the background by `contacts_invite_pending`); returns how many there are now."""
    from council.volunteers.tasks import contacts_invite_run

    count: int = contacts_not_invited(organisation=organisation).count()
    if count == 0:
        return 0
    audit_organisation(actor, "contact.invitations_queued", organisation, count=count)

    def enqueue() -> None:
        contacts_invite_run.enqueue(organisation_id=organisation.pk, actor_id=actor.pk)

    if isinstance(contacts_invite_run.get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)
    return count


def contacts_invite_pending(*, organisation: Organisation, actor: User | None) -> int:
    """Invite, one transaction each, the organisation's contacts not yet invited that have an
    email address; returns how many were invited. Run again, it invites only those still
    waiting."""
    invited = 0
    pks = list(contacts_not_invited(organisation=organisation).values_list("pk", flat=True))
    for pk in pks:
        contact = Contact.objects.filter(pk=pk).first()
        if contact is None:
            continue
        try:
            with transaction.atomic():
                if (
                    Contact.objects.select_for_update()
                    .filter(CONTACT_STATUS_FILTERS[ContactStatus.NOT_INVITED], pk=pk)
                    .exists()
                ):
                    contact_invite(contact=contact, actor=actor)
                    invited += 1
        except ValidationError:
            continue
    return invited


@transaction.atomic
def contact_erase(*, contact: Contact, actor: User | None, reason: str) -> None:
    """Remove every personal field of the contact, keeping an anonymous tombstone (id,
    organisation, source, when and why). `reason` is an ErasureReason: the organisation's
    decision, the person's request (by the link in the invitation: no actor), the end of
    the retention period, or the person's own account being erased. Erasing again changes
    nothing. An account the person made by accepting is theirs and stays."""
    if reason not in ErasureReason.values:
        raise ValidationError({"reason": _("Choose a reason for the erasure.")})
    contact = _locked(contact)
    if contact.erased_at is not None:
        return
    for name in (*NAME_FIELDS, "name_search", "email", "phone", "external_id"):
        setattr(contact, name, "")
    contact.preferred_language = ""
    contact.date_of_birth = None
    contact.home_country = None
    contact.user = None
    contact.invited_at = contact.invitation_expires_at = None
    contact.invitation_count = 0
    contact.erase_after = None
    contact.erased_at = timezone.now()
    contact.erasure_reason = reason
    contact.save()
    _audit(actor, "contact.erased", contact, reason=reason)


def _refuse_unless_open(contact: Contact) -> None:
    _refuse_closed(contact)
    if not contact.invitation_is_open:
        raise ValidationError(
            _("This invitation has expired. Ask the organisation to send you a new one.")
        )


def _new_account(contact: Contact, password: str) -> User:
    person = User(
        email=contact.email,
        given_name=contact.given_name,
        family_name=contact.family_name,
        given_name_latin=contact.given_name_latin,
        family_name_latin=contact.family_name_latin,
        home_country_id=contact.home_country_id or contact.organisation.country_id,
        preferred_language=contact.preferred_language or default_language(contact.organisation),
    )
    try:
        validate_password(password, person)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    person.set_password(password)
    user_refresh_search_key(user=person)
    person.full_clean(exclude=["password"])
    person.save()
    # The address is proven: the link that led here was mailed to it.
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    return person


@transaction.atomic
def contact_accept(
    *,
    contact: Contact,
    password: str,
    ip: str | None,
    consent: bool = False,
    user: User | None = None,
) -> User:
    """The person accepts the invitation and consents to the processing of their data
    (`consent`): an account with the address the invitation went to and the `password` they
    chose (or, when that address has an account already, that `user`, signed in: no new
    account), the consent row, the volunteer profile with the date of birth, membership of
    the organisation. A minor then needs a guardian's consent on their profile, as after any
    sign-up."""
    contact = _locked(contact)
    _refuse_unless_open(contact)
    if not consent:
        raise ValidationError({"consent": _("Agree to the processing of your data to go on.")})
    existing = User.objects.filter(email__iexact=contact.email).first()
    if user is None:
        if existing is not None:
            raise ValidationError(
                _(
                    "An account with this email address exists already: sign in, then open "
                    "the link again."
                ),
                code="existing_account",
            )
        person = _new_account(contact, password)
    else:
        if existing is None or existing.pk != user.pk:
            raise ValidationError(
                _("This invitation was sent to another email address than your account's.")
            )
        person = user
    consent_give(user=person, purpose=ConsentPurpose.PROCESSING, ip_address=ip)
    profile = profile_locked(person)
    if contact.date_of_birth is not None and profile.date_of_birth is None:
        volunteer_profile_update(user=person, actor=person, date_of_birth=contact.date_of_birth)
    membership, created = Membership.objects.get_or_create(
        organisation=contact.organisation, user=person, defaults={"role": MembershipRole.MEMBER}
    )
    if created:
        audit_in_organisation(
            person, "membership.added", membership, user=person.pk, role=membership.role
        )
    contact.accepted_at = timezone.now()
    contact.user = person
    contact.erase_after = None
    contact.save(update_fields=["accepted_at", "user", "erase_after"])
    _audit(person, "contact.accepted", contact, user=person.pk, new_account=user is None)
    return person


@transaction.atomic
def contacts_exported(*, organisation: Organisation, actor: User) -> None:
    """Audit that someone took the contact list away as a file: it holds personal data."""
    audit_organisation(actor, "contact.list_exported", organisation)
