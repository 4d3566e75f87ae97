"""The catalogue change feed (the `feed` read): the public records this node owns, never the
copies it holds of other nodes' rows, page by page behind an opaque cursor.

A peer's first pull (`after=""`) starts a snapshot: every public row of each kind in the order
of council.federation.catalogue.ORDER (organisations before the projects that name them, …),
by id. The snapshot remembers the last audit event id at its start; once it is through, the
feed walks audit.AuditEvent by id from there, maps each event to the records it touched (an
application to its shift, a registration to its quota, a project to its opportunities) and
sends each one's state now: op "upsert" when it is public, op "delete" when it is gone or no
longer public. A change made during the snapshot is therefore sent again afterwards, never
lost.

Cursors (opaque to peers):
- "s:<kind>:<id>:<audit id>" — snapshot, in `kind` after row `id`;
- "a:<audit id>" — changes after that event;
- "a:<audit id>:<n>" — changes after that event, the next event's first `n` records sent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Max, Prefetch, QuerySet

from council.audit.models import AuditEvent
from council.federation.catalogue import (
    KINDS,
    KINDS_BY_NAME,
    LANGUAGES,
    ORDER,
    Kind,
    ref_of,
    visible,
)
from council.federation.protocol import FEED, ProtocolError, Received, register_read
from council.forums.models import Delegation, DelegationMember, Registration
from council.projects.models import Application

MAX_LIMIT = 500
DEFAULT_LIMIT = 200
# Events read at once in the change phase.
EVENT_BATCH = 500

Key = tuple[str, int]  # (kind, id)


# --- Records ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _texts(row: Any, names: Iterable[str]) -> dict[str, Any]:
    return {
        name: {language: getattr(row, f"{name}_{language}") or "" for language in LANGUAGES}
        for name in names
    }


def _code(row: Any, code: Any) -> Any:
    if code.lookup == "pk":
        value = getattr(row, f"{code.field}_id")
        return None if value is None else str(value)
    related = getattr(row, code.field)
    return None if related is None else str(getattr(related, code.lookup))


def _ref(row: Any, ref: Any) -> str | None:
    related = getattr(row, ref.field)
    return None if related is None else ref_of(related)


def _part(row: Any, fields: Iterable[str], texts: Iterable[str], codes: Any, refs: Any) -> dict:
    body: dict[str, Any] = {name: _plain(getattr(row, name)) for name in fields}
    body.update(_texts(row, texts))
    body.update({code.key: _code(row, code) for code in codes})
    body.update({ref.key: _ref(row, ref) for ref in refs})
    return body


def record_of(kind: Kind, row: Any) -> dict[str, Any]:
    """The record of a public row, read from a query of `rows_of(kind)`."""
    body = _part(row, kind.fields, kind.texts, kind.codes, kind.refs)
    for many in kind.many:
        body[many.key] = sorted(
            ref_of(other) for other in getattr(row, many.field).all() if visible(many.kind, other)
        )
    for code in kind.code_sets:
        body[code.key] = sorted(
            str(getattr(other, code.lookup)) for other in getattr(row, code.field).all()
        )
    for child in kind.children:
        body[child.key] = [
            _part(part, child.fields, child.texts, child.codes, child.refs)
            for part in getattr(row, child.related).all()
            # A signatory or member organisation peers may not know is left out.
            if all(visible(ref.kind, getattr(part, ref.field)) for ref in child.refs)
        ]
    if kind.taken is not None:
        body["taken"] = row.taken
    if kind.more is not None:
        body.update(kind.more(row))
    return body


def rows_of(kind: Kind) -> QuerySet[Any]:
    """The public rows of `kind` with everything their records read, in a fixed number of
    queries whatever their number."""
    rows = kind.public_rows()
    related = [ref.field for ref in kind.refs]
    related += [code.field for code in kind.codes if code.lookup != "pk"]
    rows = rows.select_related(*related, *kind.related) if related else rows
    prefetch: list[Any] = [many.field for many in kind.many]
    prefetch += [code.field for code in kind.code_sets]
    for child in kind.children:
        children = child.model._default_manager.order_by("pk")
        child_related = [ref.field for ref in child.refs]
        child_related += [code.field for code in child.codes if code.lookup != "pk"]
        if child_related:
            children = children.select_related(*child_related)
        prefetch.append(Prefetch(child.related, queryset=children))
    if kind.name == "forum":
        prefetch.append("quotas")
    if prefetch:
        rows = rows.prefetch_related(*prefetch)
    if kind.taken is not None:
        rows = rows.annotate(taken=kind.taken())
    return rows.order_by("pk")


def upsert(kind: Kind, row: Any) -> dict[str, Any]:
    return {"kind": kind.name, "id": str(row.pk), "op": "upsert", "record": record_of(kind, row)}


def delete(kind: str, pk: int) -> dict[str, Any]:
    return {"kind": kind, "id": str(pk), "op": "delete", "record": None}


# --- Cursors ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cursor:
    phase: str  # "s" snapshot, "a" audit changes
    kind: str = ""
    after: int = 0  # the last row id (snapshot) or event id (changes) done
    audit: int = 0  # snapshot: the last event before it started
    skip: int = 0  # changes: records of the next event already sent

    def encode(self) -> str:
        if self.phase == "s":
            return f"s:{self.kind}:{self.after}:{self.audit}"
        return f"a:{self.after}:{self.skip}" if self.skip else f"a:{self.after}"


def cursor_parse(text: str) -> Cursor:
    """The cursor a peer sent back; "" starts a snapshot. Anything else is refused."""
    if text == "":
        return Cursor("s", ORDER[0], 0, audit_head())
    parts = text.split(":")
    try:
        if parts[0] == "s" and len(parts) == 4 and parts[1] in KINDS_BY_NAME:
            return Cursor("s", parts[1], int(parts[2]), int(parts[3]))
        if parts[0] == "a" and len(parts) in (2, 3):
            skip = int(parts[2]) if len(parts) == 3 else 0
            if int(parts[1]) >= 0 and skip >= 0:
                return Cursor("a", after=int(parts[1]), skip=skip)
    except ValueError:
        pass
    raise ProtocolError("invalid_body", "The cursor is not one this feed gave.", field="after")


def audit_head() -> int:
    return AuditEvent.objects.aggregate(head=Max("pk"))["head"] or 0


def feed_head() -> str:
    """The cursor after which nothing has happened yet: what a peer that is up to date holds
    (the `changed` notice carries it)."""
    head = AuditEvent.objects.filter(target_type__in=TARGETS).aggregate(head=Max("pk"))["head"]
    return Cursor("a", after=head or 0).encode()


# --- Pages -----------------------------------------------------------------------------------


@dataclass
class Page:
    items: list[dict[str, Any]] = field(default_factory=list)
    next: str = ""
    has_more: bool = False


def feed_page(*, after: str, limit: int = DEFAULT_LIMIT) -> dict[str, Any]:
    """One page of the feed after the cursor `after` (at most `limit` items, ≤ 500)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ProtocolError(
            "invalid_body", f"The limit is between 1 and {MAX_LIMIT}.", field="limit"
        )
    cursor = cursor_parse(after)
    page = Page()
    if cursor.phase == "s":
        cursor = _snapshot(cursor, limit, page)
    if cursor.phase == "a" and len(page.items) < limit:
        cursor = _changes(cursor, limit, page)
    elif cursor.phase == "a":
        page.has_more = True
    page.next = cursor.encode()
    return {"from": after, "next": page.next, "has_more": page.has_more, "items": page.items}


def _snapshot(cursor: Cursor, limit: int, page: Page) -> Cursor:
    """Public rows kind after kind until the page is full; the change phase after the last."""
    position = ORDER.index(cursor.kind)
    after = cursor.after
    while position < len(ORDER):
        kind = KINDS[position]
        room = limit - len(page.items)
        rows = list(rows_of(kind).filter(pk__gt=after)[: room + 1])
        page.items.extend(upsert(kind, row) for row in rows[:room])
        if len(rows) > room:
            page.has_more = True
            return Cursor("s", kind.name, rows[room - 1].pk if room else after, cursor.audit)
        position, after = position + 1, 0
        if len(page.items) >= limit:
            following = ORDER[position] if position < len(ORDER) else None
            page.has_more = True
            if following is None:
                return Cursor("a", after=cursor.audit)
            return Cursor("s", following, 0, cursor.audit)
    return Cursor("a", after=cursor.audit)


def _changes(cursor: Cursor, limit: int, page: Page) -> Cursor:
    """Records touched by the events after the cursor, each once per page, in event order."""
    after, skip = cursor.after, cursor.skip
    sent: set[Key] = set()
    wanted: list[Key] = []
    while True:
        events = list(
            AuditEvent.objects.filter(pk__gt=after, target_type__in=TARGETS)
            .order_by("pk")
            .values_list("pk", "target_type", "target_id")[:EVENT_BATCH]
        )
        touched = touched_by(events)
        for event_id, _type, _target in events:
            keys = touched.get(event_id, [])
            for position, key in enumerate(keys[skip:], start=skip):
                if key in sent:
                    continue
                if len(wanted) >= limit - len(page.items):
                    page.has_more = True
                    page.items.extend(_states(wanted))
                    return Cursor("a", after=after, skip=position)
                sent.add(key)
                wanted.append(key)
            after, skip = event_id, 0
        if len(events) < EVENT_BATCH:
            break
    page.items.extend(_states(wanted))
    return Cursor("a", after=after)


def _states(keys: list[Key]) -> list[dict[str, Any]]:
    """The current state of each record: upsert when public here, delete when gone or not
    public; copies of other nodes' rows are left out."""
    ids: dict[str, list[int]] = defaultdict(list)
    for name, pk in keys:
        ids[name].append(pk)
    found: dict[Key, dict[str, Any]] = {}
    for name, pks in ids.items():
        kind = KINDS_BY_NAME[name]
        for row in rows_of(kind).filter(pk__in=pks):
            found[(name, row.pk)] = upsert(kind, row)
        missing = [pk for pk in pks if (name, pk) not in found]
        if missing:
            mirrored = set(
                kind.model._default_manager.filter(pk__in=missing)
                .exclude(origin_node="")
                .values_list("pk", flat=True)
            )
            for pk in missing:
                if pk not in mirrored:
                    found[(name, pk)] = delete(name, pk)
    return [found[key] for key in keys if key in found]


# --- Events → records ------------------------------------------------------------------------

# The audit target types (model labels) the feed reads, and the kind each one names directly.
DIRECT = {
    "orgs.organisation": "organisation",
    "projects.project": "project",
    "projects.opportunity": "opportunity",
    "projects.shift": "shift",
    "forums.forum": "forum",
    "forums.quota": "quota",
    "forums.forumsession": "forum_session",
    "cooperation.council": "council",
    "cooperation.agreement": "agreement",
    "cooperation.programme": "programme",
    "exchanges.exchange": "exchange",
    "deployments.assignment": "assignment",
}
# Events on rows that change a record they belong to.
INDIRECT = (
    "projects.application",
    "forums.registration",
    "forums.delegation",
    "forums.delegationmember",
    "cooperation.councilmember",
    "cooperation.signatory",
    "cooperation.agreementextension",
)
TARGETS = (*DIRECT, *INDIRECT)


def _ids(events: list[tuple[int, str, str]], target_type: str) -> list[int]:
    return [int(target) for _pk, kind, target in events if kind == target_type and target.isdigit()]


def touched_by(events: list[tuple[int, str, str]]) -> dict[int, list[Key]]:
    """The records each event touched (event id → keys, the event's own record first), read
    with one query per target type whatever the number of events."""
    lookup: dict[tuple[str, int], list[Key]] = {}
    # A project's opportunities take its state (published or not), an opportunity's shifts
    # follow it, and a forum's quotas and sessions follow it.
    for parent, model, field_name, kind in (
        ("projects.project", "projects.opportunity", "project", "opportunity"),
        ("projects.opportunity", "projects.shift", "opportunity", "shift"),
        ("forums.forum", "forums.quota", "forum", "quota"),
        ("forums.forum", "forums.forumsession", "forum", "forum_session"),
    ):
        pks = _ids(events, parent)
        if pks:
            children = _model(model).objects.filter(**{f"{field_name}_id__in": pks})
            for pk, parent_pk in children.values_list("pk", f"{field_name}_id").order_by("pk"):
                lookup.setdefault((parent, parent_pk), []).append((kind, pk))
    pks = _ids(events, "projects.application")
    for pk, shift, opportunity in Application.objects.filter(pk__in=pks).values_list(
        "pk", "shift_id", "opportunity_id"
    ):
        key = ("shift", shift) if shift else ("opportunity", opportunity)
        lookup[("projects.application", pk)] = [key]
    for target_type, rows in (
        ("forums.registration", Registration.objects.values_list("pk", "quota_id")),
        ("forums.delegation", Delegation.objects.values_list("pk", "quota_id")),
        (
            "forums.delegationmember",
            DelegationMember.objects.values_list("pk", "delegation__quota_id"),
        ),
    ):
        pks = _ids(events, target_type)
        if pks:
            for pk, quota in rows.filter(pk__in=pks):
                lookup[(target_type, pk)] = [("quota", quota)]
    for target_type, model, field_name, kind in (
        ("cooperation.councilmember", "cooperation.councilmember", "council", "council"),
        ("cooperation.signatory", "cooperation.signatory", "agreement", "agreement"),
        (
            "cooperation.agreementextension",
            "cooperation.agreementextension",
            "agreement",
            "agreement",
        ),
    ):
        pks = _ids(events, target_type)
        if pks:
            for pk, parent_pk in (
                _model(model).objects.filter(pk__in=pks).values_list("pk", f"{field_name}_id")
            ):
                lookup[(target_type, pk)] = [(kind, parent_pk)]
    touched: dict[int, list[Key]] = {}
    for event_id, target_type, target in events:
        if not target.isdigit():
            continue
        own = [(DIRECT[target_type], int(target))] if target_type in DIRECT else []
        touched[event_id] = own + lookup.get((target_type, int(target)), [])
    return touched


def _model(label: str) -> Any:
    from django.apps import apps

    return apps.get_model(label)


# --- The read --------------------------------------------------------------------------------


def feed_read(received: Received) -> dict[str, Any]:
    """The `feed` read: `?after=<cursor>&limit=<n>`."""
    after = str(received.body.get("after", "") or "")
    raw = received.body.get("limit", DEFAULT_LIMIT)
    try:
        limit = int(raw)
    except (TypeError, ValueError):
        raise ProtocolError("invalid_body", "The limit is a number.", field="limit") from None
    return feed_page(after=after, limit=limit)


register_read(FEED, feed_read)
