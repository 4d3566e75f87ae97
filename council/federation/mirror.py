"""The feed's applier: a page of a peer's catalogue feed written into the local copies of its
records (mirrored rows: `origin_node` = the peer, `origin_key` = the record's id there).

One transaction per page; each item in its own savepoint, so that a record breaking our rules
is refused alone — skipped, logged as a refused CallLog row with its reason code — and the rest
of the page still applies. Refusals: `capacity_below_taken` (a shift, an opportunity without
shifts or a quota with fewer seats than its owner has taken), `forum_without_quota`,
`text_without_language` (a required translated text empty in every language),
`unknown_reference` (a required reference to a record or reference row we do not have),
`foreign_country` (an organisation of another country than the peer's), `invalid_body` (a
record our models' validation refuses).

Deletions (op "delete", or a record no longer public on its owner node): the copy is deleted,
unless local rows of people hang on it, then it is unpublished instead and kept:
- a project with applications to its opportunities: back to draft, its opportunities hidden;
- an opportunity with applications: hidden from lists and search (`is_published` false);
- a shift or a quota with applications or registrations: kept as it was;
- a forum with registrations, an exchange call with applications, an assignment with
  candidacies: back to draft;
- an organisation still named by other rows: back to "pending verification" (not listed);
- a council still named by other rows: kept.

After the page, every opportunity it touched is refreshed as council.projects does after an
edit (`opportunity_refresh`: search index, dates, "for you" signals), and one audit event
"federation.mirror_applied" records the counts."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import ProtectedError
from django.utils.timezone import now

from council.audit.services import record as audit_record
from council.deployments.models import AssignmentStatus, Candidacy
from council.exchanges.models import ExchangeApplication, ExchangeStatus
from council.federation.catalogue import KINDS_BY_NAME, LANGUAGES, ORDER, Child, Code, Kind, Ref
from council.federation.models import CallLog, CallOutcome, Direction, Peer
from council.federation.protocol import FEED, path_of
from council.forums.models import ForumStatus, Registration
from council.orgs.models import OrganisationStatus
from council.projects.models import Application, Opportunity, ProjectStatus
from council.projects.search_backend import index_opportunity
from council.projects.services.index import opportunity_refresh

log = logging.getLogger(__name__)


class Refused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class MirrorResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unpublished: int = 0
    kept: int = 0
    refused: int = 0
    refusals: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, id, code)

    def counts(self) -> dict[str, int]:
        return {
            name: getattr(self, name)
            for name in ("created", "updated", "deleted", "unpublished", "kept", "refused")
        }


class _Page:
    """What one page's items share: the peer, the time, caches of resolved references, and
    the opportunities to refresh (with whether each should stay listed)."""

    def __init__(self, peer: Peer, at: datetime) -> None:
        self.peer = peer
        self.at = at
        self.refs: dict[tuple[str, str], int] = {}
        self.codes: dict[tuple[type[models.Model], str, str], Any] = {}
        # opportunity pk → True (listed), False (withdrawn), None (as it is)
        self.opportunities: dict[int, bool | None] = {}
        # Optional references to records not known yet (a parent network later in the page):
        # tried again once the page is through. `pending` holds the current item's.
        self.deferred: list[tuple[Any, Ref, str]] = []
        self.pending: list[tuple[Any, Ref, str]] = []

    def touch(self, opportunity_pk: int, listed: bool | None = None) -> None:
        if listed is not None or opportunity_pk not in self.opportunities:
            self.opportunities[opportunity_pk] = listed

    def resolve(self, kind: str, ref: Any) -> int | None:
        """The local pk of the record `ref` names (see catalogue: "<id>" of the peer, or
        "<node>:<id>"), or None."""
        if not isinstance(ref, str | int) or ref == "":
            return None
        ref = str(ref)
        if (kind, ref) in self.refs:
            return self.refs[(kind, ref)]
        node, _, key = ref.rpartition(":")
        node = node or self.peer.node_id
        rows = KINDS_BY_NAME[kind].model._default_manager
        if node == settings.NODE_ID:
            found = rows.filter(pk=key, origin_node="") if key.isdigit() else rows.none()
        else:
            found = rows.filter(origin_node=node, origin_key=key)
        pk = found.values_list("pk", flat=True).first()
        if pk is not None:
            self.refs[(kind, ref)] = pk
        return pk

    def code(self, model: type[models.Model], lookup: str, value: Any) -> Any:
        """The reference row (country, city, skill…) with that public code, or None."""
        if value in (None, ""):
            return None
        key = (model, lookup, str(value))
        if key not in self.codes:
            try:
                self.codes[key] = model._default_manager.filter(**{lookup: value}).first()
            except (ValueError, ValidationError):
                self.codes[key] = None
        return self.codes[key]


def mirror_apply(peer: Peer, page: dict[str, Any], *, at: datetime | None = None) -> MirrorResult:
    """Apply one page of `peer`'s feed (see the module's docstring for what is refused and
    what a deletion does); returns the counts."""
    result = MirrorResult()
    state = _Page(peer, at or now())
    items = page.get("items") or []
    with transaction.atomic():
        for item in items:
            kind_name, key = str(item.get("kind", "")), str(item.get("id", ""))
            state.pending = []
            try:
                with transaction.atomic():
                    _apply_item(state, item, result)
                state.deferred += state.pending
            except Refused as refusal:
                state.refs.pop((kind_name, key), None)  # its savepoint is rolled back
                result.refused += 1
                result.refusals.append((kind_name, key, refusal.code))
                _log_refusal(peer, kind_name, key, refusal)
        _resolve_deferred(state)
        _refresh_opportunities(state)
        if items:
            audit_record(
                actor=None,
                action="federation.mirror_applied",
                target=peer,
                data={"items": len(items), **result.counts()},
            )
    return result


def mirror_sweep(
    peer: Peer, *, before: datetime, spare: set[tuple[str, str]] | None = None
) -> MirrorResult:
    """After a whole snapshot of `peer`'s feed (begun at `before`): its copies that the
    snapshot did not bring again are of records the owner no longer publishes, whose `delete`
    never reached us (a feed reset on the owner's side, say). Each goes as a `delete` would
    (deleted, or unpublished and kept when local rows of people hang on it), the smallest
    kinds first; `spare` names the records the snapshot brought but we refused, which keep
    their copy as it was."""
    result = MirrorResult()
    state = _Page(peer, now())
    spare = spare or set()
    with transaction.atomic():
        for name in reversed(ORDER):
            kind = KINDS_BY_NAME[name]
            stale = kind.model._default_manager.filter(origin_node=peer.node_id).filter(
                models.Q(origin_synced_at__lt=before) | models.Q(origin_synced_at__isnull=True)
            )
            for key in stale.values_list("origin_key", flat=True):
                if (name, key) not in spare:
                    _delete(state, kind, key, result)
        _refresh_opportunities(state)
        if result.deleted or result.unpublished:
            audit_record(
                actor=None,
                action="federation.mirror_swept",
                target=peer,
                data=result.counts(),
            )
    return result


def _log_refusal(peer: Peer, kind: str, key: str, refusal: Refused) -> None:
    log.warning("Refused %s %s from %s: %s", kind, key, peer.node_id, refusal.code)
    CallLog.objects.create(
        direction=Direction.OUT,
        peer=peer,
        method="GET",
        path=path_of(FEED),
        outcome=CallOutcome.REFUSED,
        reason=refusal.code,
        detail=f"{kind} {key}: {refusal.message}"[:300],
    )


def _apply_item(state: _Page, item: dict[str, Any], result: MirrorResult) -> None:
    kind = KINDS_BY_NAME.get(str(item.get("kind", "")))
    key = str(item.get("id", ""))
    if kind is None or not key or len(key) > 64:
        raise Refused("invalid_body", "An item names no known kind and id.")
    op = item.get("op")
    if op == "delete":
        _delete(state, kind, key, result)
    elif op == "upsert" and isinstance(item.get("record"), dict):
        _upsert(state, kind, key, item["record"], result)
    else:
        raise Refused("invalid_body", "An item is an upsert with a record or a delete.")


# --- Upserts ---------------------------------------------------------------------------------


def _texts(row: Any, names: tuple[str, ...], record: dict[str, Any], required: set[str]) -> None:
    for name in names:
        value = record.get(name) or {}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise Refused("invalid_body", f"{name}: a text in each language.")
        texts = {language: (value.get(language) or "").strip() for language in LANGUAGES}
        if name in required and not any(texts.values()):
            raise Refused("text_without_language", f"{name}: no language is filled.")
        for language, text in texts.items():
            setattr(row, f"{name}_{language}", text)


def _required_texts(model: type[models.Model], names: tuple[str, ...]) -> set[str]:
    return {name for name in names if not model._meta.get_field(name).blank}


def _fields(row: Any, model: type[models.Model], names: tuple[str, ...], record: dict) -> None:
    for name in names:
        if name not in record:
            continue
        model_field = model._meta.get_field(name)
        try:
            value = model_field.to_python(record[name])
        except ValidationError as error:
            raise Refused("invalid_body", f"{name}: {'; '.join(error.messages)}") from None
        if value is None and not model_field.null:
            value = "" if isinstance(model_field, models.CharField | models.TextField) else value
        setattr(row, name, value)


def _codes(
    state: _Page, row: Any, model: type[models.Model], codes: tuple[Code, ...], record: dict
) -> None:
    for code in codes:
        model_field: Any = model._meta.get_field(code.field)
        value = record.get(code.key)
        lookup = "pk" if code.lookup == "pk" else code.lookup
        found = state.code(model_field.related_model, lookup, value)
        if found is None and not model_field.null:
            raise Refused("unknown_reference", f"{code.key}: {value!r} is not known here.")
        setattr(row, code.field, found)


def _refs(state: _Page, row: Any, refs: tuple[Ref, ...], record: dict) -> None:
    for ref in refs:
        value = record.get(ref.key)
        pk = state.resolve(ref.kind, value)
        if pk is None and ref.required:
            raise Refused("unknown_reference", f"{ref.key}: {value} is not known here.")
        if pk is None and isinstance(value, str | int) and value != "":
            state.pending.append((row, ref, str(value)))
        setattr(row, f"{ref.field}_id", pk)


def _check(state: _Page, kind: Kind, row: Any, record: dict[str, Any]) -> None:
    """The rules a peer's record must keep besides our models' validation."""
    taken = record.get("taken")
    if kind.taken is not None:
        if not isinstance(taken, int) or taken < 0:
            raise Refused("invalid_body", "taken: a number of seats.")
        capacity = row.size if kind.name == "quota" else row.capacity
        if capacity is not None and capacity < taken:
            raise Refused("capacity_below_taken", f"{capacity} seats, {taken} already taken.")
        row.remote_taken = taken
    if kind.name == "organisation":
        if row.country_id != state.peer.country_id:
            raise Refused(
                "foreign_country",
                f"An organisation of {row.country_id} from the {state.peer.country_id} node.",
            )
        row.status = OrganisationStatus.VERIFIED
    if kind.name == "forum" and not record.get("quotas"):
        raise Refused("forum_without_quota", "A forum without quotas.")
    if kind.name == "opportunity":
        row.members_only = False


def _upsert(
    state: _Page, kind: Kind, key: str, record: dict[str, Any], result: MirrorResult
) -> None:
    model = kind.model
    manager = model._default_manager
    row: Any = manager.filter(origin_node=state.peer.node_id, origin_key=key).first()
    created = row is None
    if row is None:
        row = model(origin_node=state.peer.node_id, origin_key=key)
    _fields(row, model, kind.fields, record)
    _texts(row, kind.texts, record, _required_texts(model, kind.texts))
    _codes(state, row, model, kind.codes, record)
    _refs(state, row, kind.refs, record)
    _check(state, kind, row, record)
    row.origin_synced_at = state.at
    _save(row)
    state.refs[(kind.name, key)] = row.pk
    for many in kind.many:
        wanted = [state.resolve(many.kind, ref) for ref in _list(record, many.key)]
        getattr(row, many.field).set([pk for pk in wanted if pk is not None])
    for code in kind.code_sets:
        related: Any = model._meta.get_field(code.field).related_model
        found = [state.code(related, code.lookup, value) for value in _list(record, code.key)]
        getattr(row, code.field).set([other for other in found if other is not None])
    for child in kind.children:
        _children(state, row, child, _list(record, child.key))
    if kind.name == "opportunity":
        state.touch(row.pk, listed=True)
    elif kind.name == "shift":
        state.touch(row.opportunity_id)
    result.created += created
    result.updated += not created


def _list(record: dict[str, Any], key: str) -> list[Any]:
    value = record.get(key) or []
    if not isinstance(value, list):
        raise Refused("invalid_body", f"{key}: a list.")
    return value


def _children(state: _Page, row: Any, child: Child, parts: list[Any]) -> None:
    getattr(row, child.related).all().delete()
    required = _required_texts(child.model, child.texts)
    made = []
    for part in parts:
        if not isinstance(part, dict):
            raise Refused("invalid_body", f"{child.key}: a list of objects.")
        if any(state.resolve(ref.kind, part.get(ref.key)) is None for ref in child.refs):
            continue  # names a record we do not have (not public on its node): left out
        made_row = child.model(**{f"{child.parent}_id": row.pk})
        _fields(made_row, child.model, child.fields, part)
        _texts(made_row, child.texts, part, required)
        _codes(state, made_row, child.model, child.codes, part)
        _refs(state, made_row, child.refs, part)
        _validate(made_row, exclude=[child.parent])
        made.append(made_row)
    try:
        child.model._default_manager.bulk_create(made)
    except IntegrityError as error:
        raise Refused("invalid_body", f"{child.key}: {error}") from None


def _validate(row: Any, exclude: list[str] | None = None) -> None:
    try:
        row.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise Refused("invalid_body", "; ".join(_messages(error))) from None


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{name}: {' '.join(message for e in errors for message in e.messages)}"
            for name, errors in error.error_dict.items()
        ]
    return list(error.messages)


def _save(row: Any) -> None:
    _validate(row)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as error:
        raise Refused("invalid_body", str(error)[:200]) from None


# --- Deletions -------------------------------------------------------------------------------


def _hangs(kind: str, row: Any) -> bool:
    """Whether local rows of people (applications, registrations…) hang on the copy."""
    if kind == "project":
        return Application.objects.filter(opportunity__project=row).exists()
    if kind == "opportunity":
        return Application.objects.filter(opportunity=row).exists()
    if kind == "shift":
        return Application.objects.filter(shift=row).exists()
    if kind == "forum":
        return Registration.objects.filter(forum=row).exists()
    if kind == "quota":
        return Registration.objects.filter(quota=row).exists()
    if kind == "exchange":
        return ExchangeApplication.objects.filter(exchange=row).exists()
    if kind == "assignment":
        return Candidacy.objects.filter(assignment=row).exists()
    return False


# The status that takes a copy off the lists when it cannot be deleted.
UNPUBLISHED = {
    "organisation": OrganisationStatus.PENDING,
    "project": ProjectStatus.DRAFT,
    "forum": ForumStatus.DRAFT,
    "exchange": ExchangeStatus.DRAFT,
    "assignment": AssignmentStatus.DRAFT,
}


def _delete(state: _Page, kind: Kind, key: str, result: MirrorResult) -> None:
    row: Any = kind.model._default_manager.filter(
        origin_node=state.peer.node_id, origin_key=key
    ).first()
    if row is None:
        return
    if kind.name == "project":
        for pk in row.opportunities.values_list("pk", flat=True):
            state.touch(pk)
    if kind.name == "shift":
        state.touch(row.opportunity_id)
    if not _hangs(kind.name, row):
        try:
            with transaction.atomic():
                row.delete()
        except ProtectedError:
            pass
        else:
            state.refs.pop((kind.name, key), None)
            result.deleted += 1
            return
    row.origin_synced_at = state.at
    if kind.name == "opportunity":
        state.touch(row.pk, listed=False)
        row.save(update_fields=["origin_synced_at"])
        result.unpublished += 1
    elif kind.name in UNPUBLISHED:
        row.status = UNPUBLISHED[kind.name]
        row.save(update_fields=["status", "origin_synced_at"])
        result.unpublished += 1
    else:
        row.save(update_fields=["origin_synced_at"])
        result.kept += 1


def _resolve_deferred(state: _Page) -> None:
    """Optional references whose record came later in the page."""
    for row, ref, value in state.deferred:
        pk = state.resolve(ref.kind, value)
        if pk is not None:
            type(row)._default_manager.filter(pk=row.pk).update(**{f"{ref.field}_id": pk})


def _refresh_opportunities(state: _Page) -> None:
    """Refresh each opportunity the page touched, as council.projects does after an edit; a
    withdrawn one (or one already off the lists, unless upserted again) stays unlisted."""
    if not state.opportunities:
        return
    rows = Opportunity.objects.select_related("project__owner", "city").filter(
        pk__in=list(state.opportunities)
    )
    for opportunity in rows:
        listed = state.opportunities[opportunity.pk]
        keep = opportunity.is_published if listed is None else listed
        opportunity_refresh(opportunity=opportunity)
        if opportunity.is_published and not keep:
            opportunity.is_published = False
            opportunity.save(update_fields=["is_published"])
            index_opportunity(opportunity)
