"""Merging two accounts of one person into one (docs/merging-accounts.md).

`account_merge_request` is what a coordinator's "same person" does: the merge at once, or,
when the person has signed in to both accounts, a proposal they confirm from each account
(`account_merge_confirm`) or decline. `account_merge` moves everything in one transaction.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.mail import mail_send
from council.accounts.models import User
from council.accounts.services import user_refresh_search_key
from council.audit.models import AuditEvent
from council.audit.services import record
from council.dedup.models import (
    AccountMerge,
    CandidateStatus,
    DuplicateCandidate,
    MergeStatus,
)
from council.dedup.relations import relations_to_people
from council.dedup.services.keys import keys_refresh
from council.dedup.services.moves import Move, in_merge_order, policy_for
from council.lib.locks import lock_row
from council.volunteers.services import profile_locked

# The tombstone's address: never a real one (RFC 2606), unique per account.
MERGED_EMAIL = "merged-{pk}@merged.invalid"
# Filled on the survivor from the merged account where the survivor has nothing.
NAME_FIELDS = ("given_name", "family_name", "given_name_latin", "family_name_latin")


def needs_confirmation(*, survivor: User, merged: User) -> bool:
    """The person has signed in to both accounts: only they may join them."""
    return survivor.last_login is not None and merged.last_login is not None


def _check_pair(survivor: User, merged: User) -> None:
    if survivor.pk == merged.pk:
        raise ValidationError(_("An account cannot be merged into itself."))
    for user in (survivor, merged):
        if not user.is_active or user.erased_at is not None:
            raise ValidationError(
                _("%(email)s is no longer an active account.") % {"email": user.email}
            )
    if merged.is_staff or merged.is_superuser or merged.is_secretariat:
        raise ValidationError(
            _(
                "%(email)s has staff rights (secretariat or Django admin). Take them away "
                "before merging it into another account."
            )
            % {"email": merged.email}
        )


def _locked_pair(survivor: User, merged: User) -> tuple[User, User]:
    """Both profiles, then both accounts, locked in the order of their keys (the profile is
    the first lock of every service that changes a person's seats)."""
    for person in sorted((survivor, merged), key=lambda user: user.pk):
        profile_locked(person)
    locked = {}
    for pk in sorted((survivor.pk, merged.pk)):
        row = lock_row(User, pk)
        if row is None:
            raise ValidationError(_("This account no longer exists."))
        locked[pk] = row
    return locked[survivor.pk], locked[merged.pk]


def _merge_account_fields(survivor: User, merged: User) -> list[str]:
    """The survivor keeps its own; what it lacks comes from the merged account: names, home
    country, a password (an invited account that never set one takes the one the person
    uses), the first sign-in and the earlier joining date."""
    changed = []
    for name in (*NAME_FIELDS, "home_country_id"):
        if not getattr(survivor, name) and getattr(merged, name):
            setattr(survivor, name, getattr(merged, name))
            changed.append(name.removesuffix("_id"))
    if not survivor.has_usable_password() and merged.has_usable_password():
        survivor.password = merged.password
        changed.append("password")
    if survivor.last_login is None and merged.last_login is not None:
        survivor.last_login = merged.last_login
        changed.append("last_login")
    if merged.date_joined < survivor.date_joined:
        survivor.date_joined = merged.date_joined
        changed.append("date_joined")
    user_refresh_search_key(user=survivor)
    survivor.save(update_fields=[*changed, "name_search"])
    return changed


def _sign_in_address(survivor: User, email: str) -> None:
    """The merged account's address signs in to the survivor: a verified, secondary allauth
    address (allauth's sign-in by e-mail looks through every address)."""
    row = EmailAddress.objects.filter(user=survivor, email__iexact=email).first()
    if row is None:
        EmailAddress.objects.create(user=survivor, email=email, verified=True, primary=False)
    elif not row.verified:
        EmailAddress.objects.filter(pk=row.pk).update(verified=True)


def _retire(merged: User) -> None:
    """The merged row stays as a tombstone: inactive, no password (its sessions end), no
    name, an address that is nobody's."""
    merged.email = MERGED_EMAIL.format(pk=merged.pk)
    for name in NAME_FIELDS:
        setattr(merged, name, "")
    merged.name_search = ""
    merged.is_active = False
    merged.set_unusable_password()
    merged.save()


def _mail_merged(survivor: User, merged_email: str) -> None:
    """Both addresses are told, in the person's language."""
    context = {"kept_email": survivor.email, "merged_email": merged_email}
    for address in dict.fromkeys([survivor.email, merged_email]):
        mail_send(
            to=address,
            template="dedup/mail/account_merged",
            language=survivor.preferred_language,
            context=context,
        )


@transaction.atomic
def account_merge(
    *,
    survivor: User,
    merged: User,
    actor: User | None,
    candidate: DuplicateCandidate | None = None,
    proposal: AccountMerge | None = None,
) -> AccountMerge:
    """Move every row of `merged` to `survivor`, retire `merged`, tell the person, audit it.

    Without a confirmed `proposal`, a person who signed in to both accounts is refused (see
    `account_merge_request`)."""
    survivor, merged = _locked_pair(survivor, merged)
    _check_pair(survivor, merged)
    confirmed = (
        proposal is not None and proposal.survivor_confirmed_at and proposal.merged_confirmed_at
    )
    if needs_confirmation(survivor=survivor, merged=merged) and not confirmed:
        raise ValidationError(
            _("The person has signed in to both accounts: they must confirm the merge.")
        )
    merged_email = merged.email
    now = timezone.now()
    if proposal is None:
        proposal = AccountMerge(
            survivor=survivor,
            merged_user_id=merged.pk,
            merged_email=merged_email,
            candidate=candidate,
            proposed_by=actor,
        )
    proposal.status = MergeStatus.DONE
    proposal.done_at = now
    proposal.save()
    move = Move(survivor=survivor, merged=merged, actor=actor)
    _move_everything(move)
    filled = _merge_account_fields(survivor, merged)
    _sign_in_address(survivor, merged_email)
    _retire(merged)
    keys_refresh(users=[survivor])
    proposal.counts = {"moved": move.counts, "resolved": move.resolved, "filled": filled}
    proposal.save(update_fields=["counts"])
    data: dict[str, Any] = {
        "merge": proposal.pk,
        "merged_user": merged.pk,
        "survivor": survivor.pk,
        "moved": move.counts,
        "resolved": len(move.resolved),
    }
    record(actor=actor, action="account.merged", target=survivor, data=data)
    record(actor=actor, action="account.merged_away", target=merged, data=data)
    _mail_merged(survivor, merged_email)
    return proposal


def _move_everything(move: Move) -> None:
    """Every relation to people, then the audit events about the merged account (but the
    one that says where it went)."""
    for relation in in_merge_order(relations_to_people()):
        policy_for(relation)(move, relation)
    move.count(
        "audit.auditevent.target",
        AuditEvent.objects.filter(target_type=User._meta.label_lower, target_id=str(move.merged.pk))
        .exclude(action="account.merged_away")
        .update(target_id=str(move.survivor.pk), target_repr=str(move.survivor)[:200]),
    )


@transaction.atomic
def account_merge_sweep(*, merge: AccountMerge) -> dict[str, int]:
    """Move what was written for the merged account after its merge — by a request that was
    already under way while the merge ran (an application sent from the old account that
    waited for the merge's locks). Returns the rows moved per relation."""
    survivor, merged = merge.survivor, User.objects.get(pk=merge.merged_user_id)
    profile_locked(survivor)
    for pk in sorted((survivor.pk, merged.pk)):
        lock_row(User, pk)
    move = Move(survivor=survivor, merged=merged, actor=None)
    _move_everything(move)
    if move.counts:
        record(
            actor=None,
            action="account_merge.swept",
            target=survivor,
            data={"merge": merge.pk, "moved": move.counts},
        )
    return move.counts


def account_merges_sweep(*, since: Any = None) -> int:
    """Sweep the merges done since `since` (all without it); returns the rows moved."""
    merges = AccountMerge.objects.filter(status=MergeStatus.DONE).select_related("survivor")
    if since is not None:
        merges = merges.filter(done_at__gte=since)
    moved = 0
    for merge in merges.order_by("done_at", "pk").iterator():
        moved += sum(account_merge_sweep(merge=merge).values())
    return moved


def _check_actor(actor: User, survivor: User, merged: User) -> None:
    if actor.pk in (survivor.pk, merged.pk):
        raise ValidationError(
            _("You cannot merge your own account: another coordinator decides this pair.")
        )


@transaction.atomic
def account_merge_request(
    *,
    actor: User,
    survivor: User,
    merged: User,
    candidate: DuplicateCandidate | None = None,
) -> AccountMerge:
    """A coordinator's "same person, keep `survivor`": the merge now, or a proposal mailed to
    both addresses when the person signed in to both accounts."""
    _check_actor(actor, survivor, merged)
    if not needs_confirmation(survivor=survivor, merged=merged):
        merge = account_merge(survivor=survivor, merged=merged, actor=actor, candidate=candidate)
        if candidate is not None:
            _decided(candidate, CandidateStatus.MERGED, actor)
        return merge
    _check_pair(survivor, merged)
    AccountMerge.objects.filter(
        status=MergeStatus.PROPOSED, merged_user_id__in=[survivor.pk, merged.pk]
    ).update(status=MergeStatus.CANCELLED)
    proposal = AccountMerge.objects.create(
        survivor=survivor,
        merged_user_id=merged.pk,
        merged_email=merged.email,
        status=MergeStatus.PROPOSED,
        candidate=candidate,
        proposed_by=actor,
    )
    if candidate is not None:
        _decided(candidate, CandidateStatus.AWAITING, actor)
    record(
        actor=actor,
        action="account_merge.proposed",
        target=proposal,
        data={"survivor": survivor.pk, "merged_user": merged.pk},
    )
    link = reverse("dedup:merge", args=[proposal.pk])
    context = {"kept_email": survivor.email, "merged_email": merged.email, "link": link}
    for address in (survivor.email, merged.email):
        mail_send(
            to=address,
            template="dedup/mail/merge_proposed",
            language=survivor.preferred_language,
            context=context,
        )
    return proposal


def _decided(candidate: DuplicateCandidate, status: str, actor: User | None) -> None:
    candidate.status = status
    candidate.decided_by = actor
    candidate.decided_at = timezone.now()
    candidate.save(update_fields=["status", "decided_by", "decided_at"])


def merge_party(merge: AccountMerge, person: User) -> str | None:
    """ "survivor" or "merged": which account of the proposal `person` is; None for anyone
    else."""
    if person.pk == merge.survivor_id:
        return "survivor"
    if person.pk == merge.merged_user_id:
        return "merged"
    return None


def _locked_proposal(merge: AccountMerge, person: User) -> tuple[AccountMerge, str]:
    merge = AccountMerge.objects.select_for_update().get(pk=merge.pk)
    party = merge_party(merge, person)
    if party is None:
        raise ValidationError(_("This merge is about other accounts."))
    if merge.status != MergeStatus.PROPOSED:
        raise ValidationError(_("This merge is no longer waiting for a confirmation."))
    return merge, party


@transaction.atomic
def account_merge_confirm(*, person: User, merge: AccountMerge) -> AccountMerge:
    """The person, signed in to one of the two accounts, confirms from it; once confirmed
    from both, the merge runs."""
    merge, party = _locked_proposal(merge, person)
    setattr(merge, f"{party}_confirmed_at", timezone.now())
    merge.save(update_fields=[f"{party}_confirmed_at"])
    record(actor=person, action="account_merge.confirmed", target=merge, data={"by": party})
    if merge.survivor_confirmed_at is None or merge.merged_confirmed_at is None:
        return merge
    merged = User.objects.get(pk=merge.merged_user_id)
    done = account_merge(
        survivor=merge.survivor,
        merged=merged,
        actor=person,
        candidate=merge.candidate,
        proposal=merge,
    )
    if merge.candidate is not None:
        _decided(merge.candidate, CandidateStatus.MERGED, merge.proposed_by)
    return done


@transaction.atomic
def account_merge_decline(*, person: User, merge: AccountMerge) -> AccountMerge:
    """The person says these accounts stay apart: the proposal ends and the pair is
    remembered as two different people."""
    merge, party = _locked_proposal(merge, person)
    merge.status = MergeStatus.DECLINED
    merge.save(update_fields=["status"])
    if merge.candidate is not None:
        _decided(merge.candidate, CandidateStatus.DIFFERENT, person)
    record(actor=person, action="account_merge.declined", target=merge, data={"by": party})
    return merge
