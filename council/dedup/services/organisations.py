"""Merging a duplicate organisation into the one that stays.

Only the simple case is done here: the duplicate is not verified and holds nothing but
memberships and invitations (an organisation registered twice, or imported once more). Its
people join the one that stays (the higher role where both hold one), it is marked rejected as
a duplicate, and both are audited. A duplicate with projects, hours or anything else is
refused with what it holds, so the coordinator knows what to move or close first: those rows
carry counts and verified history that a merge must not rewrite behind the organisations'
backs.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.services import record
from council.dedup.models import CandidateStatus, DuplicateCandidate
from council.dedup.relations import relations_to
from council.dedup.services.moves import ROLE_RANK
from council.lib.locks import lock_row
from council.orgs.models import Invitation, Membership, Organisation, OrganisationStatus

# What a duplicate may hold and still be merged here.
MOVABLE = {
    "orgs.membership.organisation",
    "orgs.invitation.organisation",
    "dedup.duplicatecandidate.left_organisation",
    "dedup.duplicatecandidate.right_organisation",
}


def organisation_merge_blockers(*, organisation: Organisation) -> list[str]:
    """What the organisation holds that this merge does not move ("projects: 3")."""
    blockers = []
    for relation in relations_to(Organisation):
        if relation.label in MOVABLE:
            continue
        rows = relation.of(organisation.pk).count()
        if rows:
            blockers.append(f"{relation.model._meta.verbose_name_plural}: {rows}")
    return sorted(set(blockers))


def _locked(survivor: Organisation, merged: Organisation) -> tuple[Organisation, Organisation]:
    rows = {}
    for pk in sorted((survivor.pk, merged.pk)):
        row = lock_row(Organisation, pk)
        if row is None:
            raise ValidationError(_("This organisation no longer exists."))
        rows[pk] = row
    return rows[survivor.pk], rows[merged.pk]


@transaction.atomic
def organisation_merge(
    *,
    actor: User,
    survivor: Organisation,
    merged: Organisation,
    candidate: DuplicateCandidate | None = None,
) -> Organisation:
    """Join an unverified duplicate with nothing but people into `survivor`."""
    survivor, merged = _locked(survivor, merged)
    if survivor.pk == merged.pk:
        raise ValidationError(_("An organisation cannot be merged into itself."))
    if merged.status == OrganisationStatus.VERIFIED:
        raise ValidationError(
            _(
                "%(name)s is verified: keep it, or ask the secretariat to merge two verified "
                "organisations."
            )
            % {"name": merged.name}
        )
    blockers = organisation_merge_blockers(organisation=merged)
    if blockers:
        raise ValidationError(
            _(
                "%(name)s holds %(what)s. Move or close them first (or keep both and mark the "
                "pair as different)."
            )
            % {"name": merged.name, "what": "; ".join(blockers)}
        )
    theirs = {m.user_id: m for m in Membership.objects.filter(organisation=survivor)}
    joined = 0
    for membership in Membership.objects.filter(organisation=merged).order_by("pk"):
        own = theirs.get(membership.user_id)
        if own is None:
            Membership.objects.filter(pk=membership.pk).update(organisation=survivor)
        else:
            role = min((own.role, membership.role), key=lambda r: ROLE_RANK.get(r, 9))
            Membership.objects.filter(pk=own.pk).update(role=role)
            membership.delete()
        joined += 1
    invitations = Invitation.objects.filter(organisation=merged).update(organisation=survivor)
    merged.status = OrganisationStatus.REJECTED
    merged.rejection_reason = _("Duplicate of %(name)s (number %(pk)s).") % {
        "name": survivor.name,
        "pk": survivor.pk,
    }
    merged.save(update_fields=["status", "rejection_reason"])
    now = timezone.now()
    DuplicateCandidate.objects.filter(
        Q(left_organisation=merged, right_organisation=survivor)
        | Q(left_organisation=survivor, right_organisation=merged)
    ).update(status=CandidateStatus.MERGED, decided_by=actor, decided_at=now)
    data = {
        "survivor": survivor.pk,
        "merged": merged.pk,
        "members": joined,
        "invitations": invitations,
    }
    record(
        actor=actor,
        action="organisation.merged",
        target=survivor,
        organisation_id=survivor.pk,
        data=data,
    )
    record(
        actor=actor,
        action="organisation.merged_away",
        target=merged,
        organisation_id=merged.pk,
        data=data,
    )
    return survivor
