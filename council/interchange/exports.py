"""Writing exchange files: the records of a scope, built row by row from the database (read
in chunks, so memory stays flat however many there are), as signed JSON Lines or as CSV
through the one table writer (council.lib.tables). See docs/exchange-format.md."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from council.accounts.models import Consent, ConsentPurpose, User
from council.hours.models import EntryStatus, HoursEntry
from council.hours.services.signing import document_sign, platform_key
from council.interchange.ids import node, person_id, record_id
from council.interchange.models import ExchangeFormat, ExchangeKind
from council.interchange.validation import RECORD_KINDS, VERSION
from council.lib import tables
from council.lib.signing import canonical_json
from council.orgs.models import Organisation, OrganisationStatus
from council.projects.models import Opportunity, ProjectStatus
from council.reference.models import SdgTarget

FORMAT = "council.exchange"
CHUNK = 1000
# Lines are handed to the response in blocks of about this many bytes.
BLOCK = 64 * 1024
SIGNATURE_ROW = "#signature"


@dataclass(frozen=True)
class Scope:
    """What to export: one organisation, one country's organisations (a national network's),
    or everything; hours of a period; people named only as `personal_data` and the rules
    allow (see `_named`)."""

    organisation_id: int | None = None
    country: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    kind: str = ExchangeKind.ALL
    personal_data: bool = False
    recipient_country: str | None = None

    @property
    def kinds(self) -> list[str]:
        """The record kinds the file carries: the organisations always (the other records
        name them), then what was asked for."""
        if self.kind == ExchangeKind.ALL:
            return list(RECORD_KINDS)
        if self.kind == ExchangeKind.ORGANISATIONS:
            return ["organisation"]
        return ["organisation", self.kind]


def _texts(row: Any, field: str) -> dict[str, str]:
    """A translated field as {language: text}, the languages that have one."""
    texts = {}
    for code in settings.MODELTRANSLATION_LANGUAGES:
        value = getattr(row, f"{field}_{code}", None)
        if value:
            texts[code] = str(value)
    return texts or {settings.MODELTRANSLATION_DEFAULT_LANGUAGE: str(getattr(row, field) or "—")}


def _instant(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).replace(microsecond=0).isoformat()


def _region(row: Any) -> str | None:
    return row.region.code if row.region_id else None


# --- Scopes -----------------------------------------------------------------------------------


def organisations_in(scope: Scope) -> QuerySet[Organisation]:
    rows = Organisation.objects.exclude(status=OrganisationStatus.REJECTED)
    if scope.organisation_id is not None:
        rows = rows.filter(pk=scope.organisation_id)
    if scope.country:
        rows = rows.filter(country_id=scope.country)
    return rows


def hours_in(scope: Scope) -> QuerySet[HoursEntry]:
    rows = HoursEntry.objects.filter(
        status=EntryStatus.VERIFIED, organisation__in=organisations_in(scope)
    )
    if scope.date_from:
        rows = rows.filter(date__gte=scope.date_from)
    if scope.date_to:
        rows = rows.filter(date__lte=scope.date_to)
    return rows


def opportunities_in(scope: Scope) -> QuerySet[Opportunity]:
    rows = Opportunity.objects.filter(project__owner__in=organisations_in(scope)).exclude(
        project__status=ProjectStatus.DRAFT
    )
    if scope.date_to:
        rows = rows.filter(Q(first_start__isnull=True) | Q(first_start__date__lte=scope.date_to))
    if scope.date_from:
        rows = rows.filter(Q(last_end__isnull=True) | Q(last_end__date__gte=scope.date_from))
    return rows


def _organisations_named(scope: Scope) -> QuerySet[Organisation]:
    """The organisations the file names: all of the scope, or (for a file of hours or of
    opportunities) those its records belong to."""
    rows = organisations_in(scope)
    if scope.kind == ExchangeKind.HOURS:
        rows = rows.filter(pk__in=hours_in(scope).values("organisation_id"))
    elif scope.kind == ExchangeKind.OPPORTUNITIES:
        rows = rows.filter(pk__in=opportunities_in(scope).values("project__owner_id"))
    return rows


# --- Records ----------------------------------------------------------------------------------


def organisation_ref(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": record_id("organisation", organisation.pk),
        "name": _texts(organisation, "name"),
        "country": organisation.country_id,
        "registration_number": organisation.registration_number,
    }


def organisation_record(organisation: Organisation) -> dict[str, Any]:
    return {
        "type": "organisation",
        "id": record_id("organisation", organisation.pk),
        "name": _texts(organisation, "name"),
        "kind": organisation.kind,
        "country": organisation.country_id,
        "region": _region(organisation),
        "registration_number": organisation.registration_number,
        "tax_number": organisation.tax_number,
        "website": organisation.website,
        "status": (
            OrganisationStatus.VERIFIED
            if organisation.status == OrganisationStatus.VERIFIED
            else OrganisationStatus.PENDING
        ),
        "network": record_id("organisation", organisation.parent_id)
        if organisation.parent_id
        else None,
    }


def _sdg(targets: Iterable[SdgTarget]) -> tuple[list[str], list[int]]:
    codes = [target.code for target in targets]
    goals = sorted({target.goal_id for target in targets})
    return codes, goals


def opportunity_record(opportunity: Opportunity) -> dict[str, Any]:
    project = opportunity.project
    codes, goals = _sdg(project.sdg_targets.all())
    return {
        "type": "opportunity",
        "id": record_id("opportunity", opportunity.pk),
        "organisation": organisation_ref(project.owner),
        "project": {
            "id": record_id("project", project.pk),
            "title": _texts(project, "title"),
            "sdg_targets": codes,
            "sdg_goals": goals,
            "start_date": project.start_date.isoformat() if project.start_date else None,
            "end_date": project.end_date.isoformat() if project.end_date else None,
        },
        "title": _texts(opportunity, "title"),
        "description": {
            code: text for code, text in _texts(opportunity, "description").items() if text != "—"
        },
        "is_online": opportunity.is_online,
        "country": opportunity.country_id or project.owner.country_id,
        "region": _region(opportunity),
        "isco_group": opportunity.isco_group_id,
        "first_start": _instant(opportunity.first_start),
        "last_end": _instant(opportunity.last_end),
    }


def _named(user: User, consented: bool, scope: Scope) -> bool:
    """Whether the file may carry the person's name and email address: the export asked for
    personal data, the person's account is not erased, and either the receiving side is in
    the person's home country or the person has a live cross-border consent."""
    if not scope.personal_data or user.erased_at is not None:
        return False
    home = user.home_country_id
    return consented or (bool(home) and home == scope.recipient_country)


def person_record(user: User, *, named: bool) -> dict[str, Any]:
    person: dict[str, Any] = {"id": person_id(user.pk), "home_country": user.home_country_id}
    if named:
        name = f"{user.given_name} {user.family_name}".strip()
        latin = f"{user.given_name_latin} {user.family_name_latin}".strip()
        if name:
            person["name"] = name
        if latin:
            person["name_latin"] = latin
        person["email"] = user.email
    return person


def hours_record(entry: HoursEntry, *, scope: Scope) -> dict[str, Any]:
    codes, goals = _sdg(entry.sdg_targets.all())
    opportunity = entry.opportunity
    return {
        "type": "hours",
        # Hours brought in from another issuer keep that issuer's id, so that it knows them.
        "id": entry.external_id or record_id("hours", entry.pk),
        "person": person_record(
            entry.volunteer,
            named=_named(entry.volunteer, bool(getattr(entry, "consented", False)), scope),
        ),
        "organisation": organisation_ref(entry.organisation),
        "project": {
            "id": record_id("project", entry.project_id),
            "title": _texts(entry.project, "title"),
        },
        "opportunity": {
            "id": record_id("opportunity", opportunity.pk),
            "title": _texts(opportunity, "title"),
        }
        if opportunity is not None
        else None,
        "date": entry.date.isoformat(),
        "hours": str(entry.hours),
        "country": entry.country_id,
        "region": _region(entry),
        "isco_group": entry.isco_group_id,
        "sdg_targets": codes,
        "sdg_goals": goals,
        "verified_at": _instant(entry.decided_at or entry.created_at),
        "verified_by": record_id("organisation", entry.organisation_id),
        "mode": entry.mode,
        "during_paid_work": entry.during_paid_work,
    }


def _ordered_targets() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch("sdg_targets", queryset=SdgTarget.objects.order_by("goal_id", "position"))


def records(scope: Scope, kinds: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every record of the scope (of `kinds`, else of the scope's kinds), kind after kind,
    each kind in key order."""
    kinds = kinds or scope.kinds
    if "organisation" in kinds:
        for organisation in (
            _organisations_named(scope)
            .select_related("region")
            .order_by("pk")
            .iterator(chunk_size=CHUNK)
        ):
            yield organisation_record(organisation)
    if "opportunity" in kinds:
        for opportunity in (
            opportunities_in(scope)
            .select_related("project__owner", "region")
            .prefetch_related(
                Prefetch(
                    "project__sdg_targets",
                    queryset=SdgTarget.objects.order_by("goal_id", "position"),
                )
            )
            .order_by("pk")
            .iterator(chunk_size=CHUNK)
        ):
            yield opportunity_record(opportunity)
    if "hours" in kinds:
        consented = Consent.objects.filter(
            user=OuterRef("volunteer_id"),
            purpose=ConsentPurpose.CROSS_BORDER,
            withdrawn_at__isnull=True,
        )
        for entry in (
            hours_in(scope)
            .select_related("volunteer", "organisation", "project", "opportunity", "region")
            .annotate(consented=Exists(consented))
            .prefetch_related(_ordered_targets())
            .order_by("pk")
            .iterator(chunk_size=CHUNK)
        ):
            yield hours_record(entry, scope=scope)


def header(scope: Scope, kinds: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "header",
        "format": FORMAT,
        "version": VERSION,
        "issuer": {
            "node": node(),
            "url": settings.SITE_URL,
            "country": getattr(settings, "EXCHANGE_COUNTRY", "") or None,
        },
        "generated_at": _instant(timezone.now()),
        "filters": {
            "organisation": record_id("organisation", scope.organisation_id)
            if scope.organisation_id
            else None,
            "country": scope.country or None,
            "from": scope.date_from.isoformat() if scope.date_from else None,
            "to": scope.date_to.isoformat() if scope.date_to else None,
            "kinds": kinds or scope.kinds,
        },
        "recipient_country": scope.recipient_country or None,
        "personal_data": scope.personal_data,
        "key_id": platform_key().key_id,
        "public_keys": settings.SITE_URL + reverse("hours:signing_keys"),
    }


def signed_trailer(
    *, lines: int, counts: Counter[str], digest: str, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The signature line: what came before it, signed by the platform's key over the
    canonical JSON of this object without its `signature` member."""
    trailer: dict[str, Any] = {
        "type": "signature",
        "lines": lines,
        "counts": {kind: counts.get(kind, 0) for kind in RECORD_KINDS},
        "sha256": digest,
        **(extra or {}),
    }
    trailer["signature"] = document_sign(trailer)
    return trailer


def _blocks(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """The pieces joined into blocks of about BLOCK bytes (fewer, larger writes)."""
    block: list[bytes] = []
    size = 0
    for piece in pieces:
        block.append(piece)
        size += len(piece)
        if size >= BLOCK:
            yield b"".join(block)
            block, size = [], 0
    if block:
        yield b"".join(block)


def jsonl_lines(scope: Scope) -> Iterator[bytes]:
    """The file as JSON Lines: the header, the records, the signature (each line canonical
    JSON, RFC 8785)."""
    digest = hashlib.sha256()
    counts: Counter[str] = Counter()
    lines = 0
    for record in _with_header(scope):
        line = canonical_json(record) + b"\n"
        digest.update(line)
        lines += 1
        if record["type"] != "header":
            counts[record["type"]] += 1
        yield line
    trailer = signed_trailer(lines=lines, counts=counts, digest=digest.hexdigest())
    yield canonical_json(trailer) + b"\n"


def _with_header(scope: Scope) -> Iterator[dict[str, Any]]:
    yield header(scope)
    yield from records(scope)


# --- CSV --------------------------------------------------------------------------------------

_TEXT = [f"{{}}.{code}" for code in ("ru", "kk", "en")]


def _texts_columns(prefix: str) -> list[str]:
    return [pattern.format(prefix) for pattern in _TEXT]


COLUMNS: dict[str, list[str]] = {
    "organisation": [
        "id",
        *_texts_columns("name"),
        "kind",
        "country",
        "region",
        "registration_number",
        "tax_number",
        "website",
        "status",
        "network",
    ],
    "opportunity": [
        "id",
        "organisation.id",
        *_texts_columns("organisation.name"),
        "organisation.country",
        "organisation.registration_number",
        "project.id",
        *_texts_columns("project.title"),
        "project.sdg_targets",
        "project.sdg_goals",
        "project.start_date",
        "project.end_date",
        *_texts_columns("title"),
        *_texts_columns("description"),
        "is_online",
        "country",
        "region",
        "isco_group",
        "first_start",
        "last_end",
    ],
    "hours": [
        "id",
        "person.id",
        "person.home_country",
        "person.name",
        "person.name_latin",
        "person.email",
        "organisation.id",
        *_texts_columns("organisation.name"),
        "organisation.country",
        "organisation.registration_number",
        "project.id",
        *_texts_columns("project.title"),
        "opportunity.id",
        *_texts_columns("opportunity.title"),
        "date",
        "hours",
        "country",
        "region",
        "isco_group",
        "sdg_targets",
        "sdg_goals",
        "verified_at",
        "verified_by",
        "mode",
        "during_paid_work",
    ],
}


def _cell(record: dict[str, Any], column: str) -> Any:
    value: Any = record
    for part in column.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def csv_lines(scope: Scope) -> Iterator[bytes]:
    """One kind of record as a CSV table (columns: the record's fields, nested names joined
    with dots), then a last row `#signature` whose second cell is the signature object."""
    kind = scope.kind
    if kind == ExchangeKind.ALL:
        raise ValueError("a CSV file holds one kind of record")
    columns = COLUMNS[kind]
    digest = hashlib.sha256()
    counts: Counter[str] = Counter()

    def rows() -> Iterator[list[Any]]:
        for record in records(scope, [kind]):
            counts[kind] += 1
            yield [_cell(record, column) for column in columns]

    for text in tables.csv_lines(columns, rows()):
        piece = text.encode("utf-8")
        digest.update(piece)
        yield piece
    trailer = signed_trailer(
        lines=counts[kind] + 1,
        counts=counts,
        digest=digest.hexdigest(),
        extra={"header": header(scope, [kind])},
    )
    row = json.dumps(trailer, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    yield tables.csv_text([SIGNATURE_ROW, row], []).encode("utf-8")


def file_lines(scope: Scope, export_format: str) -> Iterator[bytes]:
    lines = jsonl_lines(scope) if export_format == ExchangeFormat.JSONL else csv_lines(scope)
    return _blocks(lines)


def filename(scope: Scope, export_format: str) -> str:
    stamp = timezone.now().strftime("%Y%m%d")
    return f"exchange-{scope.kind}-{stamp}.{export_format}"
