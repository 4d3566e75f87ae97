"""Finding duplicate candidates, and the coordinators' decisions on them.

People: each person's blocking keys are kept in `DedupKey`; a run takes the people who
changed since the last run (all of them the first time), in batches, and reads who shares a
key with them from the index, skipping keys so common that they say nothing (`MAX_BLOCK`).
Only those pairs are compared (council.lib.matching.compare), never everyone with everyone,
so a run over nine million people costs what their keys cost. Organisations are few: they
are grouped in memory by registration number, taxpayer number and name key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import combinations, islice
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.models import AuditEvent
from council.audit.services import record
from council.dedup.models import (
    UNDECIDED,
    AccountMerge,
    CandidateKind,
    CandidateStatus,
    DedupKey,
    DedupRun,
    DuplicateCandidate,
    MergeStatus,
)
from council.dedup.services.keys import keys_refresh, person_records
from council.dedup.services.merge import account_merge_request, account_merges_sweep
from council.dedup.services.organisations import organisation_merge
from council.lib.matching import Match, compare, compare_organisations, organisation_name_key
from council.lib.regnumbers import is_valid_registration_number, normalise_registration_number
from council.orgs.models import Organisation, OrganisationStatus
from council.volunteers.models import VolunteerProfile

# People per batch of a run.
BATCH = 500
# A key shared by more people than this is a common name, not evidence: its people are
# compared through their other keys (email, phone, date of birth) instead.
MAX_BLOCK = 50
# Keys per query (SQLite's limit on parameters).
KEYS_PER_QUERY = 500
# A dismissed pair comes back when a later run scores it this much higher.
REOPEN_MARGIN = 0.1
# What puts two people in front of a coordinator: more than the matcher's "likely" (0.5,
# which a name alone reaches). Among millions, namesakes are the rule, so the name must be
# joined by something else that agrees (a date of birth, an email, a phone): a shared name
# with different addresses scores 0.59, with nothing else known 0.74; with the same date of
# birth 0.96. Imports compare at the matcher's own threshold, with the rows in front of them.
QUEUE_THRESHOLD = 0.75


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _everyone(country: str | None, after: int | None = None) -> Iterator[int]:
    people = User.objects.filter(is_active=True)
    if country:
        people = people.filter(home_country_id=country)
    if after is not None:
        people = people.filter(pk__gt=after)
    yield from people.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=BATCH)


def _changed_people(*, since: datetime, country: str | None) -> list[int]:
    """Active people who joined, changed their names or their profile (date of birth) since
    `since`, in the order of their keys."""
    people = User.objects.filter(is_active=True)
    if country:
        people = people.filter(home_country_id=country)
    renamed = {
        int(pk)
        for pk in AuditEvent.objects.filter(
            action="user.profile_updated", at__gte=since, target_type=User._meta.label_lower
        ).values_list("target_id", flat=True)
    }
    changed = set(people.filter(date_joined__gte=since).values_list("pk", flat=True))
    changed |= set(
        people.filter(
            pk__in=VolunteerProfile.objects.filter(updated_at__gte=since).values("pk")
        ).values_list("pk", flat=True)
    )
    for chunk in _chunks(sorted(renamed), KEYS_PER_QUERY):
        changed |= set(people.filter(pk__in=chunk).values_list("pk", flat=True))
    return sorted(changed)


def _pairs_sharing_keys(batch: list[int]) -> set[tuple[int, int]]:
    """Pairs (smaller pk first) of a person of `batch` with anyone who shares a key of
    reasonable size with them."""
    keys = set(DedupKey.objects.filter(user_id__in=batch).values_list("key", flat=True))
    useful: list[str] = []
    for chunk in _chunks(sorted(keys), KEYS_PER_QUERY):
        useful += (
            DedupKey.objects.filter(key__in=chunk)
            .values("key")
            .annotate(people=Count("id"))
            .filter(people__gt=1, people__lte=MAX_BLOCK)
            .values_list("key", flat=True)
        )
    blocks: dict[str, list[int]] = defaultdict(list)
    for chunk in _chunks(useful, KEYS_PER_QUERY):
        for key, user_id in DedupKey.objects.filter(key__in=chunk).values_list("key", "user_id"):
            blocks[key].append(user_id)
    mine = set(batch)
    return {
        (a, b)
        for people in blocks.values()
        for a, b in combinations(sorted(set(people)), 2)
        if a in mine or b in mine
    }


def _existing(kind: str, pairs: Iterable[tuple[int, int]], left: str, right: str) -> dict[Any, Any]:
    pairs = list(pairs)
    found: dict[tuple[int, int], DuplicateCandidate] = {}
    for chunk in _chunks(sorted({a for a, _b in pairs}), KEYS_PER_QUERY):
        for candidate in DuplicateCandidate.objects.filter(kind=kind, **{f"{left}__in": chunk}):
            found[(getattr(candidate, f"{left}_id"), getattr(candidate, f"{right}_id"))] = candidate
    return found


def _keep(
    kind: str,
    pair: tuple[int, int],
    match: Match,
    existing: DuplicateCandidate | None,
    countries: tuple[str | None, str | None],
) -> bool:
    """Record a likely pair; True when it is new in the queue (or back in it)."""
    reasons = list(match.reasons)
    now = timezone.now()
    if existing is None:
        sides = ("left_user", "right_user") if kind == CandidateKind.PERSON else (
            "left_organisation", "right_organisation"
        )  # fmt: skip
        DuplicateCandidate.objects.create(
            kind=kind,
            **{f"{sides[0]}_id": pair[0], f"{sides[1]}_id": pair[1]},
            score=match.score,
            reasons=reasons,
            country_id=countries[0],
            other_country_id=countries[1],
        )
        return True
    if existing.status in UNDECIDED:
        if (existing.score, existing.reasons) != (match.score, reasons):
            DuplicateCandidate.objects.filter(pk=existing.pk).update(
                score=match.score, reasons=reasons, updated_at=now
            )
        return False
    if (
        existing.status == CandidateStatus.DISMISSED
        and match.score >= existing.score + REOPEN_MARGIN
    ):
        DuplicateCandidate.objects.filter(pk=existing.pk).update(
            score=match.score, reasons=reasons, updated_at=now, status=CandidateStatus.OPEN
        )
        return True
    return False  # decided: "different" is remembered, a merged pair is gone


# Decided for good: not compared again.
SETTLED = (CandidateStatus.DIFFERENT, CandidateStatus.MERGED)


def _people_batch(
    batch: list[int], looked_at: set[int] | None = None, country: str | None = None
) -> tuple[int, int]:
    """(pairs compared, candidates found) for one batch of a run that looks at `looked_at`
    (None: every active person, of `country` when given). Batches go in the order of keys,
    and a pair is compared once per run, in the batch of the later of its people that the run
    looks at: by then both people's keys are fresh."""
    keys_refresh(users=batch)
    shared = _pairs_sharing_keys(batch)
    existing = _existing(CandidateKind.PERSON, shared, "left_user", "right_user")
    mine = set(batch)

    def later(pk: int, records: dict[int, Any] | None = None) -> bool:
        """Whether this run looks at `pk` in a later batch (with the records: a person of
        `country` in a run of everyone there; without: everyone's run, or the changed)."""
        if looked_at is not None:
            return pk in looked_at
        if records is None:
            return not country
        return pk in records and (not country or records[pk].country == country)

    pairs = {
        (a, b)
        for a, b in shared
        if (a, b) not in existing or existing[a, b].status not in SETTLED
        if not (a in mine and b not in mine and later(b))
    }
    if not pairs:
        return 0, 0
    records = person_records({pk for pair in pairs for pk in pair})
    compared = found = 0
    for a, b in sorted(pairs):
        if a not in records or b not in records:
            continue
        if a in mine and b not in mine and later(b, records):
            continue
        compared += 1
        match = compare(records[a], records[b])
        if match.score >= QUEUE_THRESHOLD:
            countries = (records[a].country or None, records[b].country or None)
            found += _keep(CandidateKind.PERSON, (a, b), match, existing.get((a, b)), countries)
    return compared, found


def _organisation_keys(row: dict[str, Any]) -> set[str]:
    country = row["country_id"] or ""
    keys = set()
    for field in ("registration_number", "tax_number"):
        number = row[field]
        if number and is_valid_registration_number(country, number):
            keys.add(f"r:{country}:{normalise_registration_number(country, number)}")
    for field in ("name_ru", "name_kk", "name_en"):
        name_key = organisation_name_key(row[field] or "")
        if name_key:
            keys.add(f"n:{country}:{name_key}")
    return keys


def _organisation_match(a: dict[str, Any], b: dict[str, Any]) -> Match:
    """The best of the comparisons of their names in each language, with their numbers."""
    best: Match | None = None
    for field in ("name_ru", "name_kk", "name_en"):
        if not a[field] or not b[field]:
            continue
        match = compare_organisations(
            a[field],
            a["registration_number"] or a["tax_number"],
            b[field],
            b["registration_number"] or b["tax_number"],
            a["country_id"] or "",
            b["country_id"] or "",
        )
        if best is None or match.score > best.score:
            best = match
    return best or Match(score=0.0, reasons=())


FIELDS = ("pk", "country_id", "registration_number", "tax_number", "name_ru", "name_kk", "name_en")


def _organisations(country: str | None) -> tuple[int, int]:
    organisations = Organisation.objects.exclude(status=OrganisationStatus.REJECTED)
    if country:
        organisations = organisations.filter(country_id=country)
    rows = {row["pk"]: row for row in organisations.values(*FIELDS)}
    blocks: dict[str, list[int]] = defaultdict(list)
    for pk, row in rows.items():
        for key in _organisation_keys(row):
            blocks[key].append(pk)
    pairs = {
        pair
        for members in blocks.values()
        if len(members) <= MAX_BLOCK
        for pair in combinations(sorted(members), 2)
    }
    existing = _existing(
        CandidateKind.ORGANISATION, pairs, "left_organisation", "right_organisation"
    )
    found = 0
    for a, b in sorted(pairs):
        match = _organisation_match(rows[a], rows[b])
        if match.is_likely:
            countries = (rows[a]["country_id"], rows[b]["country_id"])
            found += _keep(
                CandidateKind.ORGANISATION, (a, b), match, existing.get((a, b)), countries
            )
    return len(pairs), found


def duplicates_find(
    *, country: str | None = None, since: datetime | None = None, resume: DedupRun | None = None
) -> DedupRun:
    """Look for duplicate people (those changed since `since`; everyone without it) and
    organisations (of `country` when given), record the likely pairs in the queue and the
    run. Each batch commits on its own with the run's progress, so a run over everyone that
    stops (a timeout, a restart) is taken up where it stopped (`resume`)."""
    run = resume or DedupRun.objects.create(since=since, country=country or "")
    country = run.country or None
    looked_at = None if run.since is None else _changed_people(since=run.since, country=country)
    if looked_at is None:
        people: Iterator[int] = _everyone(country, after=run.last_user)
    else:
        people = iter(looked_at)
    looked_at_set = None if looked_at is None else set(looked_at)
    for batch in _chunks(people, BATCH):
        with transaction.atomic():
            pairs, found = _people_batch(batch, looked_at_set, country)
            run.people += len(batch)
            run.pairs += pairs
            run.found += found
            run.last_user = batch[-1]
            run.save(update_fields=["people", "pairs", "found", "last_user"])
    with transaction.atomic():
        pairs, found = _organisations(country)
    run.pairs += pairs
    run.found += found
    run.finished_at = timezone.now()
    run.save()
    return run


def duplicates_find_since_last_run() -> int:
    """The periodic job: people changed since the last finished run began, every
    organisation; the first time everyone, taken up again where a run that stopped left off.
    Returns the pairs new in the queue."""
    runs = DedupRun.objects.filter(country="")
    last = runs.filter(finished_at__isnull=False).first()
    since = last.started_at if last is not None else None
    # Rows a request wrote for an account while it was being merged move on too.
    account_merges_sweep(since=since)
    stopped = runs.filter(finished_at__isnull=True, since__isnull=True, last_user__isnull=False)
    if last is not None:
        stopped = stopped.filter(started_at__gt=last.started_at)
    unfinished = stopped.first()
    if unfinished is not None:
        return duplicates_find(resume=unfinished).found
    return duplicates_find(since=since).found


# --- Decisions ------------------------------------------------------------------------------


class Decision:
    MERGE = "merge"
    DIFFERENT = "different"
    DISMISS = "dismiss"
    ALL = (MERGE, DIFFERENT, DISMISS)


def _sides(candidate: DuplicateCandidate) -> tuple[Any, Any]:
    if candidate.kind == CandidateKind.PERSON:
        return candidate.left_user, candidate.right_user
    return candidate.left_organisation, candidate.right_organisation


@transaction.atomic
def candidate_decide(
    *,
    actor: User,
    candidate: DuplicateCandidate,
    decision: str,
    survivor: int | None = None,
) -> DuplicateCandidate:
    """A coordinator's decision on a pair: "merge" (into `survivor`, the pk of one of the two
    records), "different" (remembered: the pair never comes back) or "dismiss" (back only if
    a later run scores it clearly higher). A pair waiting for the person's confirmation may
    still be called different or dismissed, which cancels the proposal."""
    candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    if decision not in Decision.ALL:
        raise ValidationError({"decision": _("Choose merge, different or dismiss.")})
    if candidate.status not in UNDECIDED or (
        decision == Decision.MERGE and candidate.status != CandidateStatus.OPEN
    ):
        raise ValidationError(_("This pair has already been decided."))
    left, right = _sides(candidate)
    if decision == Decision.MERGE:
        if left is None or right is None or survivor not in (left.pk, right.pk):
            raise ValidationError({"survivor": _("Choose which of the two records to keep.")})
        kept, gone = (left, right) if survivor == left.pk else (right, left)
        if candidate.kind == CandidateKind.PERSON:
            account_merge_request(actor=actor, survivor=kept, merged=gone, candidate=candidate)
        else:
            organisation_merge(actor=actor, survivor=kept, merged=gone, candidate=candidate)
        candidate.refresh_from_db()
        return candidate
    AccountMerge.objects.filter(candidate=candidate, status=MergeStatus.PROPOSED).update(
        status=MergeStatus.CANCELLED
    )
    different = decision == Decision.DIFFERENT
    candidate.status = CandidateStatus.DIFFERENT if different else CandidateStatus.DISMISSED
    candidate.decided_by = actor
    candidate.decided_at = timezone.now()
    candidate.save(update_fields=["status", "decided_by", "decided_at"])
    record(
        actor=actor,
        action="duplicate.different" if different else "duplicate.dismissed",
        target=candidate,
        data={
            "kind": candidate.kind,
            "left": getattr(left, "pk", None),
            "right": getattr(right, "pk", None),
        },
    )
    return candidate


def candidates_forget_person(user: User) -> None:
    """Erasure: the person's keys and pairs go."""
    DedupKey.objects.filter(user=user).delete()
    DuplicateCandidate.objects.filter(Q(left_user=user) | Q(right_user=user)).delete()
