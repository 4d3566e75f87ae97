"""Moving a merged account's rows to the account that stays, relation by relation.

Every relation to the user model (council.dedup.relations) is moved with one UPDATE unless a
unique constraint would break: then the policy registered for that relation decides (below,
and docs/merging-accounts.md). A relation with a unique constraint and no policy is moved when
nothing collides and refuses the merge, naming the rows, when something does: it never
deletes what nobody decided may go.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import Consent, User
from council.dedup.models import (
    AccountMerge,
    CandidateStatus,
    DedupKey,
    DuplicateCandidate,
    MergeStatus,
)
from council.dedup.relations import Relation, relations_to
from council.forums.models import Registration, RegistrationStatus
from council.forums.services.registrations import registration_cancel
from council.hours.models import HoursEntry
from council.hours.services.rollups import rollups_maintained
from council.orgs.models import Membership, MembershipRole
from council.projects.models import Application, ApplicationStatus
from council.projects.services.applications import application_withdraw
from council.volunteers.models import CEFR_ORDER, LanguageSkill, VolunteerProfile


@dataclass
class Move:
    """One merge in progress: who stays, who goes, who acts, and what was done."""

    survivor: User
    merged: User
    actor: User | None
    counts: dict[str, int] = field(default_factory=dict)
    resolved: list[dict[str, Any]] = field(default_factory=list)

    def count(self, label: str, number: int) -> None:
        if number:
            self.counts[label] = self.counts.get(label, 0) + number

    def note(self, relation: Relation, how: str, kept: Any = None, closed: Any = None) -> None:
        self.resolved.append(
            {"relation": relation.label, "how": how, "kept": kept, "closed": closed}
        )


Policy = Callable[[Move, Relation], None]


def collisions(relation: Relation, survivor_pk: Any, merged_pk: Any) -> list[tuple[Model, Model]]:
    """(merged's row, survivor's row) pairs that cannot both point at the survivor under one
    of the relation's unique constraints."""
    found: dict[Any, tuple[Model, Model]] = {}
    meta = relation.model._meta
    for fields, condition in relation.unique_sets():
        others = [meta.get_field(name).attname for name in fields if name != relation.field.name]
        theirs = relation.of(survivor_pk)
        mine = relation.of(merged_pk)
        if condition is not None:
            theirs, mine = theirs.filter(condition), mine.filter(condition)
        by_key = {tuple(getattr(row, name) for name in others): row for row in theirs}
        for row in mine.order_by("pk"):
            match = by_key.get(tuple(getattr(row, name) for name in others))
            if match is not None:
                found.setdefault(row.pk, (row, match))
    return list(found.values())


def move_rows(move: Move, relation: Relation) -> None:
    """Point every row of the merged account at the survivor (one UPDATE)."""
    moved = relation.of(move.merged.pk).update(**{relation.field.attname: move.survivor.pk})
    move.count(relation.label, moved)


def refuse(relation: Relation, pairs: list[tuple[Model, Model]]) -> ValidationError:
    names = ", ".join(str(row) for row, _theirs in pairs[:5])
    return ValidationError(
        _(
            "Both accounts have %(things)s that cannot be joined: %(names)s. Close one of them "
            "(withdraw, cancel or replace it) and merge again."
        )
        % {"things": relation.model._meta.verbose_name_plural, "names": names}
    )


def move_unless_collides(move: Move, relation: Relation) -> None:
    """The default: move; refuse the merge when a unique constraint would break."""
    pairs = collisions(relation, move.survivor.pk, move.merged.pk)
    if pairs:
        raise refuse(relation, pairs)
    move_rows(move, relation)


def drop_duplicates(move: Move, relation: Relation) -> None:
    """Links that mean the same on both accounts (a group, a role on a council, a second
    calendar feed): the merged account's copy goes, the survivor's stays."""
    for mine, theirs in collisions(relation, move.survivor.pk, move.merged.pk):
        mine.delete()
        move.count(f"{relation.label}:dropped", 1)
        move.note(relation, "dropped", kept=theirs.pk, closed=mine.pk)
    move_rows(move, relation)


def _keep_one(
    move: Move,
    relation: Relation,
    rank: Callable[[Any], tuple[Any, ...]],
    close: Callable[[Any], str],
) -> None:
    """For each colliding pair keep the better row (lowest `rank`) and `close` the other (it
    stops counting for the constraint), then move every row."""
    for mine, theirs in collisions(relation, move.survivor.pk, move.merged.pk):
        kept, closed = sorted((mine, theirs), key=rank)
        how = close(closed)
        move.note(relation, how, kept=kept.pk, closed=closed.pk)
    move_rows(move, relation)


# --- Policies of the relations that have unique constraints --------------------------------


def consents(move: Move, relation: Relation) -> None:
    """One live consent per purpose: the older stays live (consent has held since then); the
    other is moved as withdrawn at the merge."""

    def close(consent: Consent) -> str:
        Consent.objects.filter(pk=consent.pk).update(withdrawn_at=timezone.now())
        return "withdrawn"

    _keep_one(move, relation, lambda c: (c.given_at, c.pk), close)


ROLE_RANK: dict[str, int] = {
    MembershipRole.ADMIN: 0,
    MembershipRole.COORDINATOR: 1,
    MembershipRole.MEMBER: 2,
}


def memberships(move: Move, relation: Relation) -> None:
    """One membership per organisation: the survivor's stays with the higher of the two roles
    and the earlier start; the merged account's goes."""
    for mine, theirs in collisions(relation, move.survivor.pk, move.merged.pk):
        assert isinstance(mine, Membership) and isinstance(theirs, Membership)
        role = min((mine.role, theirs.role), key=lambda r: ROLE_RANK.get(r, 9))
        Membership.objects.filter(pk=theirs.pk).update(
            role=role, created_at=min(mine.created_at, theirs.created_at)
        )
        mine.delete()
        move.note(relation, f"joined as {role}", kept=theirs.pk, closed=mine.pk)
    move_rows(move, relation)


APPLICATION_RANK: dict[str, int] = {
    ApplicationStatus.CONFIRMED: 0,
    ApplicationStatus.WAITLISTED: 1,
    ApplicationStatus.PENDING: 2,
}


def applications(move: Move, relation: Relation) -> None:
    """One live application per shift: the better status stays (confirmed, then waitlisted,
    then pending; the earlier on a tie); the other is withdrawn as the person would withdraw
    it, which frees its seat for the waiting list, and is moved."""

    def close(application: Application) -> str:
        application_withdraw(volunteer=application.volunteer, application=application)
        return "withdrawn"

    _keep_one(
        move,
        relation,
        lambda a: (APPLICATION_RANK.get(a.status, 9), a.created_at, a.pk),
        close,
    )


REGISTRATION_RANK: dict[str, int] = {
    RegistrationStatus.CONFIRMED: 0,
    RegistrationStatus.OFFERED: 1,
    RegistrationStatus.WAITLISTED: 2,
}


def registrations(move: Move, relation: Relation) -> None:
    """One live registration per forum: the better one stays (confirmed, offered, waiting);
    the other is cancelled, which offers its seat on, and is moved. A delegation's seat is
    not cancelled here: the merge is refused until the head replaces the member."""

    def close(registration: Registration) -> str:
        registration_cancel(actor=move.actor or move.survivor, registration=registration)
        return "cancelled"

    _keep_one(
        move,
        relation,
        lambda r: (REGISTRATION_RANK.get(r.status, 9), r.created_at, r.pk),
        close,
    )


def hours_entries(move: Move, relation: Relation) -> None:
    """Hours move with their rollups kept right: the person counted once where both
    accounts counted (docs/reports.md)."""
    ids = list(relation.of(move.merged.pk).values_list("pk", flat=True))
    if not ids:
        return
    with rollups_maintained(ids, volunteer_ids=[move.survivor.pk, move.merged.pk]):
        move.count(
            relation.label, HoursEntry.objects.filter(pk__in=ids).update(volunteer=move.survivor)
        )


def email_addresses(move: Move, relation: Relation) -> None:
    """The merged account's addresses become the survivor's secondary ones (one the survivor
    already has is dropped, its verification kept)."""
    theirs = {
        row.email.lower(): row for row in EmailAddress.objects.filter(user_id=move.survivor.pk)
    }
    for row in EmailAddress.objects.filter(user_id=move.merged.pk).order_by("pk"):
        same = theirs.get(row.email.lower())
        if same is not None:
            if row.verified and not same.verified:
                EmailAddress.objects.filter(pk=same.pk).update(verified=True)
            row.delete()
            move.count(f"{relation.label}:dropped", 1)
            continue
        EmailAddress.objects.filter(pk=row.pk).update(user_id=move.survivor.pk, primary=False)
        move.count(relation.label, 1)


def api_tokens(move: Move, relation: Relation) -> None:
    """The merged account's tokens are revoked, then moved (their history stays): a token
    made for one account does not silently reach the other's data."""
    relation.of(move.merged.pk).filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    move_rows(move, relation)


def profiles(move: Move, relation: Relation) -> None:
    """The survivor's volunteer profile keeps what it has and takes from the merged one what
    it lacks (date of birth, city, about me, guardian); skills, causes, goals and
    availability are joined, the higher of two levels of one language kept; then the merged
    profile goes. Both profiles exist: the merge made them, locking them first."""
    survivor = VolunteerProfile.objects.get(pk=move.survivor.pk)
    merged = VolunteerProfile.objects.filter(pk=move.merged.pk).first()
    if merged is None:
        return
    filled = []
    for name in ("date_of_birth", "city_id", "bio", "guardian_name", "guardian_contact"):
        if not getattr(survivor, name) and getattr(merged, name):
            setattr(survivor, name, getattr(merged, name))
            filled.append(name)
    availability = list(dict.fromkeys([*survivor.availability, *merged.availability]))
    if availability != survivor.availability:
        survivor.availability = availability
        filled.append("availability")
    if merged.medical_qualification and not survivor.medical_qualification:
        survivor.medical_qualification = True
        filled.append("medical_qualification")
    if filled:
        survivor.save(update_fields=[name.removesuffix("_id") for name in filled])
    for name in ("skills", "causes", "sdg_goals"):
        getattr(survivor, name).add(*getattr(merged, name).all())
    levels = {row.language_id: row for row in survivor.languages.all()}
    for row in merged.languages.all():
        own = levels.get(row.language_id)
        if own is None:
            LanguageSkill.objects.filter(pk=row.pk).update(profile_id=move.survivor.pk)
        elif CEFR_ORDER.get(row.level, 0) > CEFR_ORDER.get(own.level, 0):
            LanguageSkill.objects.filter(pk=own.pk).update(level=row.level)
    # What else points at the merged profile moves too, by the same rules as people's rows.
    for nested in relations_to(VolunteerProfile):
        if nested.is_auto_through or nested.model is LanguageSkill:
            continue
        move_unless_collides(
            Move(survivor=move.survivor, merged=move.merged, actor=move.actor, counts=move.counts),
            nested,
        )
    merged.delete()
    move.count(relation.label, 1)
    if filled:
        move.resolved.append({"relation": relation.label, "how": "filled", "fields": filled})


def candidates(move: Move, relation: Relation) -> None:
    """Pairs of the duplicates queue: the pair of these two accounts is merged (its merged
    side emptied, the merge record keeps who it was); a pair of the merged account with a
    third person becomes the survivor's pair with them unless there is one already (a
    "different" decision carries over to it)."""
    for candidate in DuplicateCandidate.objects.filter(
        Q(left_user_id=move.merged.pk) | Q(right_user_id=move.merged.pk)
    ).order_by("pk"):
        other = (
            candidate.right_user_id
            if candidate.left_user_id == move.merged.pk
            else candidate.left_user_id
        )
        if other is None or other == move.survivor.pk:
            side = "left_user" if candidate.left_user_id == move.merged.pk else "right_user"
            DuplicateCandidate.objects.filter(pk=candidate.pk).update(
                **{side: None},
                status=CandidateStatus.MERGED,
                decided_at=candidate.decided_at or timezone.now(),
            )
            continue
        left, right = sorted((move.survivor.pk, other))
        existing = DuplicateCandidate.objects.filter(
            kind=candidate.kind, left_user_id=left, right_user_id=right
        ).first()
        if existing is None:
            DuplicateCandidate.objects.filter(pk=candidate.pk).update(
                left_user_id=left, right_user_id=right
            )
        else:
            if candidate.status == CandidateStatus.DIFFERENT and existing.is_undecided:
                DuplicateCandidate.objects.filter(pk=existing.pk).update(
                    status=CandidateStatus.DIFFERENT
                )
            candidate.delete()
        move.count("dedup.duplicatecandidate", 1)


def keys(move: Move, relation: Relation) -> None:
    """Blocking keys are the merged account's search keys: they go (the survivor's are made
    again after the merge)."""
    DedupKey.objects.filter(user_id=move.merged.pk).delete()


def merge_records(move: Move, relation: Relation) -> None:
    """Earlier merges into the merged account now lead to the survivor; proposals still
    open about the merged account are cancelled (the caller's own proposal is done first)."""
    AccountMerge.objects.filter(status=MergeStatus.PROPOSED).filter(
        Q(survivor_id=move.merged.pk) | Q(merged_user_id=move.merged.pk)
    ).update(status=MergeStatus.CANCELLED)
    move_rows(move, relation)


POLICIES: dict[str, Policy] = {
    "accounts.consent.user": consents,
    "accounts.user_groups.user": drop_duplicates,
    "accounts.user_user_permissions.user": drop_duplicates,
    "orgs.membership.user": memberships,
    "volunteers.volunteerprofile.user": profiles,
    "projects.application.volunteer": applications,
    "projects.calendarfeed.user": drop_duplicates,
    "accounts.notificationoptout.user": drop_duplicates,
    # Both accounts holding one credential: the survivor's record stays.
    "volunteers.volunteercredential.volunteer": drop_duplicates,
    "hours.hoursentry.volunteer": hours_entries,
    "forums.registration.person": registrations,
    "cooperation.councilrole.user": drop_duplicates,
    "deployments.talentpoolentry.user": drop_duplicates,
    "account.emailaddress.user": email_addresses,
    "mfa.authenticator.user": drop_duplicates,
    "api.apitoken.user": api_tokens,
    "dedup.duplicatecandidate.left_user": candidates,
    "dedup.duplicatecandidate.right_user": candidates,
    "dedup.dedupkey.user": keys,
    "dedup.accountmerge.survivor": merge_records,
    # Refused when both accounts hold one (move_unless_collides): a delegation's member, an
    # exchange's applicant or panel member, an assignment's candidate. Each has its own
    # history (scores, travel, reports) that a coordinator must not lose by a merge.
}


def register_policy(label: str, policy: Policy) -> None:
    """How the rows of a relation with a unique constraint move (for apps above this one)."""
    POLICIES[label] = policy


def in_merge_order(relations: list[Relation]) -> list[Relation]:
    """Audit events last: closing a colliding row (a withdrawal, a cancellation) writes
    events of its own, which must move too."""
    return sorted(
        relations, key=lambda r: (r.model._meta.label_lower == "audit.auditevent", r.label)
    )


def policy_for(relation: Relation) -> Policy:
    policy = POLICIES.get(relation.label)
    if policy is not None:
        return policy
    if relation.is_auto_through:
        return drop_duplicates
    return move_unless_collides
