from __future__ import annotations

from typing import Any, TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.mail import mail_send
from council.accounts.models import User
from council.accounts.personal_mail import mail_person
from council.audit.records import (
    audit_in_organisation,
    audit_organisation,
    create_audited,
    update_audited,
)
from council.audit.services import record_many
from council.lib.changes import assign, assign_changed
from council.lib.mirrors import ensure_local
from council.orgs.access import can_verify
from council.orgs.models import (
    Invitation,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
)
from council.reference.models import City, Country, Region

EDITABLE_FIELDS = (
    "kind",
    "name_ru",
    "name_kk",
    "name_en",
    "description_ru",
    "description_kk",
    "description_en",
    "country",
    "region",
    "city",
    "parent",
    "registration_number",
    "tax_number",
    "website",
    "email",
    "logo",
)


class OrganisationFields(TypedDict, total=False):
    """What organisation_register and organisation_update take (EDITABLE_FIELDS)."""

    kind: str
    name_ru: str | None
    name_kk: str | None
    name_en: str | None
    description_ru: str | None
    description_kk: str | None
    description_en: str | None
    country: Country
    region: Region | None
    city: City | None
    parent: Organisation | None
    registration_number: str
    tax_number: str
    website: str
    email: str
    logo: File[bytes] | None


def _check_places(organisation: Organisation) -> None:
    errors: dict[str, str] = {}
    if not any(getattr(organisation, f"name_{code}") for code in ("ru", "kk", "en")):
        errors["name_ru"] = _("Enter the name in at least one language.")
    region, city, parent = organisation.region, organisation.city, organisation.parent
    if region is not None and region.country_id != organisation.country_id:
        errors["region"] = _("This region is not in the chosen country.")
    if city is not None and city.country_id != organisation.country_id:
        errors["city"] = _("This city is not in the chosen country.")
    if parent is not None:
        if parent.pk == organisation.pk:
            errors["parent"] = _("An organisation cannot be its own parent.")
        elif parent.status != OrganisationStatus.VERIFIED:
            errors["parent"] = _("The parent network must be a verified organisation.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def organisation_register(*, actor: User, **fields: Unpack[OrganisationFields]) -> Organisation:
    """Anyone signed in registers an organisation; it waits for verification and its
    registrant becomes its first administrator."""
    organisation = Organisation(created_by=actor, status=OrganisationStatus.PENDING)
    assign(organisation, fields, EDITABLE_FIELDS)
    _check_places(organisation)
    registered = {"kind": organisation.kind, "country": organisation.country_id}
    create_audited(
        organisation,
        actor=actor,
        action="organisation.registered",
        data=registered,
        audit=audit_organisation,
    )
    membership = Membership.objects.create(
        organisation=organisation, user=actor, role=MembershipRole.ADMIN
    )
    audit_in_organisation(
        actor, "membership.added", membership, user=actor.pk, role=membership.role
    )
    return organisation


def organisation_check(organisation: Organisation) -> None:
    """The checks of a new organisation's fields, places and parent (a ValidationError by
    field), without saving it."""
    _check_places(organisation)
    organisation.full_clean(exclude=["logo", "status"], validate_unique=False)


@transaction.atomic
def organisations_import(
    *,
    actor: User | None,
    organisations: list[Organisation],
    verified: bool,
    audit_data: dict[str, Any],
) -> list[Organisation]:
    """Create organisations from an import in one INSERT per batch: each checked like a
    registration (its fields, places and parent), none gets an administrator (invite one);
    verified at once when the importer verifies organisations of that country (a national
    coordinator, the secretariat). Each gets an `organisation.imported` event naming the
    import."""
    at = timezone.now()
    for organisation in organisations:
        organisation.created_by = actor
        organisation.created_at = at
        if verified:
            organisation.status = OrganisationStatus.VERIFIED
            organisation.verified_at = at
            organisation.verified_by = actor
        organisation_check(organisation)
    created = Organisation.objects.bulk_create(organisations)
    record_many(
        actor=actor,
        action="organisation.imported",
        targets=created,
        organisation="pk",
        data=audit_data,
    )
    return created


@transaction.atomic
def organisation_update(
    *, actor: User, organisation: Organisation, **fields: Unpack[OrganisationFields]
) -> Organisation:
    ensure_local(organisation)
    changed = assign_changed(organisation, fields, EDITABLE_FIELDS)
    if not changed:
        return organisation
    _check_places(organisation)
    organisation.full_clean()
    organisation.save(update_fields=changed)
    audit_organisation(actor, "organisation.updated", organisation, fields=changed)
    return organisation


def _decide(actor: User, organisation: Organisation, status: str, reason: str) -> Organisation:
    """Verify or reject a pending organisation (the reason is kept for a rejection), audited
    as `organisation.verified` or `organisation.rejected`."""
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    ensure_local(locked)  # another node verifies its own organisations
    if locked.status != OrganisationStatus.PENDING:
        raise ValidationError(_("This organisation has already been decided on."))
    decision = {"rejection_reason": reason, "verified_at": timezone.now(), "verified_by": actor}
    return update_audited(
        locked,
        {"status": status, **decision},
        actor=actor,
        action=f"organisation.{status}",
        data={"reason": reason} if reason else None,
        audit=audit_organisation,
    )


@transaction.atomic
def organisation_verify(*, actor: User, organisation: Organisation) -> Organisation:
    if not can_verify(user=actor, organisation=organisation):
        raise PermissionDenied
    organisation = _decide(actor, organisation, OrganisationStatus.VERIFIED, "")
    _mail_registrant(organisation, "orgs/mail/verified")
    return organisation


@transaction.atomic
def organisation_reject(*, actor: User, organisation: Organisation, reason: str) -> Organisation:
    if not can_verify(user=actor, organisation=organisation):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the rejection.")})
    organisation = _decide(actor, organisation, OrganisationStatus.REJECTED, reason.strip())
    _mail_registrant(organisation, "orgs/mail/rejected")
    return organisation


def _mail_registrant(organisation: Organisation, template: str) -> None:
    registrant = organisation.created_by
    if registrant is None or not registrant.is_active:
        return
    mail_person(registrant, template, {"organisation": organisation, "person": registrant})


@transaction.atomic
def invitation_create(
    *, actor: User, organisation: Organisation, email: str, role: str
) -> Invitation:
    ensure_local(organisation)  # another node's organisation has its members there
    email = email.strip().lower()
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Choose a valid role.")})
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    Invitation.objects.filter(
        organisation=organisation, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, role=role, invited_by=actor
    )
    audit_in_organisation(actor, "membership.invited", invitation, email=email, role=role)
    mail_send(
        to=email,
        template="orgs/mail/invitation",
        context={"invitation": invitation, "organisation": organisation, "inviter": actor},
    )
    return invitation


@transaction.atomic
def invitation_accept(*, user: User, invitation: Invitation) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation is no longer valid."))
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(_("This invitation was sent to another email address."))
    membership, created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    if created:
        added = {"user": user.pk, "role": membership.role, "invitation": invitation.pk}
        audit_in_organisation(user, "membership.added", membership, **added)
    return membership


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        update_audited(
            invitation,
            {"revoked_at": timezone.now()},
            actor=actor,
            action="membership.invitation_revoked",
            audit=audit_in_organisation,
        )
    return invitation


def _ensure_an_admin_remains(membership: Membership) -> None:
    admins = Membership.objects.select_for_update().filter(
        organisation_id=membership.organisation_id, role=MembershipRole.ADMIN
    )
    if membership.role == MembershipRole.ADMIN and admins.count() <= 1:
        raise ValidationError(_("An organisation must keep at least one administrator."))


@transaction.atomic
def membership_change_role(*, actor: User, membership: Membership, role: str) -> Membership:
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Choose a valid role.")})
    if role == membership.role:
        return membership
    _ensure_an_admin_remains(membership)
    change = {"user": membership.user_id, "from": membership.role, "to": role}
    return update_audited(
        membership,
        {"role": role},
        actor=actor,
        action="membership.role_changed",
        data=change,
        audit=audit_in_organisation,
    )


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    _ensure_an_admin_remains(membership)
    _remove(actor, membership)


def _remove(actor: User | None, membership: Membership, **why: str) -> None:
    """Audit the membership's end, then end it."""
    ended = {"user": membership.user_id, "role": membership.role, **why}
    audit_in_organisation(actor, "membership.removed", membership, **ended)
    membership.delete()


def is_national_network(organisation: Organisation) -> bool:
    return organisation.kind == OrganisationKind.NATIONAL_NETWORK


def memberships_export(user: User) -> list[dict[str, Any]]:
    return [
        {
            "organisation": m.organisation_id,
            "organisation_name": str(m.organisation.name),
            "role": m.role,
            "since": m.created_at.isoformat(),
        }
        for m in Membership.objects.filter(user=user).select_related("organisation")
    ]


def memberships_erase(user: User) -> None:
    """Leave every organisation. The audit trail keeps that the person was a member."""
    for membership in Membership.objects.filter(user=user):
        _remove(None, membership, reason="account erased")
    Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).update(
        revoked_at=timezone.now()
    )
