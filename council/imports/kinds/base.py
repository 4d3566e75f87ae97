"""What every kind of import is made of: its fields (label, required, parser, header aliases
in ru, kk and en), the guesses of a file's mapping from its headers, and the shape of a kind
(who may import it where, how a row is checked, how duplicates are found, how rows are
written, and what counts as "touched" for undo)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from rapidfuzz import fuzz, process

from council.imports.issues import Issue, Problem
from council.lib.text import text_problem
from council.lib.translit import fold

if TYPE_CHECKING:
    from council.accounts.http import Viewer
    from council.accounts.models import User
    from council.imports.models import ImportJob
    from council.orgs.models import Organisation

# A cell as the reader gives it: text, a number, a date or nothing.
Cell = Any
Parser = Callable[[Cell, "Context"], Any]
# How similar a header must be to an alias to be guessed as that field (0–100).
GUESS_CUTOFF = 80


def is_empty(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Cell) -> str:
    """A cell as text: a whole number without ".0" (spreadsheets keep numbers as floats)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def header_key(text: str) -> str:
    """A header folded for comparison: case, accents, punctuation and spacing ignored."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(str(text))).split())


@dataclass(frozen=True)
class Field:
    key: str
    label: Promise
    parse: Parser
    required: bool = False
    aliases: tuple[str, ...] = ()
    help: Promise | str = ""


@dataclass
class Context:
    """What a run knows beyond one row: the job, who runs it, the organisation, lookups
    loaded once (countries, regions…), and the keys of the rows seen so far (duplicates
    inside the file)."""

    job: ImportJob
    actor: User | None
    organisation: Organisation
    cache: dict[str, Any] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)
    # Called with the job after each batch (the management command prints it).
    progress: Callable[[ImportJob], None] | None = None
    # The local date, read again for each batch (`timezone.localdate` costs more than
    # checking a row's date does): what "in the future" and a date of birth are checked by.
    today: date = field(default_factory=timezone.localdate)

    def lookup(self, name: str, load: Callable[[], Any]) -> Any:
        if name not in self.cache:
            self.cache[name] = load()
        return self.cache[name]


@dataclass
class Candidate:
    """A record the platform holds that a row may duplicate."""

    row_number: int
    target: models.Model
    score: float
    reasons: list[str]
    certain: bool = False  # the same registration number or email: never imported again


Row = tuple[int, dict[str, Any]]


class Kind:
    """One kind of import. Subclasses give the fields and the rules."""

    key: str = ""
    label: Promise | str = ""
    fields: tuple[Field, ...] = ()
    # Rows checked and written together (one INSERT per model per batch).
    batch_size = 2000
    # The audit action of each created row.
    created_action = ""
    # The audited actions on a created row that do not count as touching it (undo.py).
    own_actions: tuple[str, ...] = ()

    def field(self, key: str) -> Field | None:
        return next((item for item in self.fields if item.key == key), None)

    def organisations(self, *, user: Viewer) -> models.QuerySet[Organisation]:
        """The organisations this person may import this kind into."""
        raise NotImplementedError

    def start(self, context: Context) -> None:
        """Load what the run looks up (once per run)."""

    def check(
        self, values: dict[str, Cell], context: Context
    ) -> tuple[dict[str, Any], list[Issue]]:
        """Each mapped field parsed, the required ones present; then the kind's rules."""
        clean: dict[str, Any] = {}
        issues: list[Issue] = []
        for item in self.fields:
            value = values.get(item.key)
            if is_empty(value):
                if item.required:
                    issues.append(Issue("required", field=item.key))
                continue
            try:
                clean[item.key] = item.parse(value, context)
            except Problem as problem:
                issues.append(Issue(problem.code, problem.params, field=item.key))
        if not issues:
            issues.extend(self.rules(clean, context))
        return clean, issues

    def rules(self, clean: dict[str, Any], context: Context) -> list[Issue]:
        """Rules across a row's fields."""
        return []

    def file_keys(self, clean: dict[str, Any]) -> list[str]:
        """Keys that two rows of one file must not share (the same person twice)."""
        return []

    def candidates(self, rows: Sequence[Row], context: Context) -> list[Candidate]:
        """Records the platform holds that rows of the batch may duplicate, found for the
        whole batch at once (a few queries, not one per row)."""
        return []

    def describe(self, clean: dict[str, Any]) -> str:
        """A row in a few words (shown beside a likely duplicate)."""
        return ""

    def describe_record(self, record: models.Model) -> str:
        """A record the platform holds, in a few words, for the person deciding whether a
        row duplicates it: read when shown, never stored."""
        return str(record)

    def write(self, rows: Sequence[Row], context: Context) -> list[tuple[int, models.Model]]:
        """Create the rows (through the owning app's services); answer (row number, the
        created record) for each, in order."""
        raise NotImplementedError

    def finish(self, job: ImportJob, context: Context) -> None:
        """After a run has committed (invitations go out here)."""

    def delete(self, model: type[models.Model], ids: Sequence[int]) -> None:
        """Delete created rows of `model` (undo); a kind whose rows feed aggregates deletes
        them through its app's service."""
        model._default_manager.filter(pk__in=ids).delete()

    def touched(self, job: ImportJob, created: dict[type[models.Model], list[int]]) -> list[str]:
        """Why the rows this import created may no longer be deleted (translated reasons);
        none when undo may go ahead. Audited changes after the import are found for every
        kind (council.imports.services.undo)."""
        return []


# --- Parsers ----------------------------------------------------------------------------------


def text(max_length: int, *, plain: bool = True) -> Parser:
    """Text of at most `max_length` characters; without `plain`, the kind's own checks (a
    model's full_clean) look for invisible characters instead, once."""

    def parse(value: Cell, context: Context) -> str:
        shown = cell_text(value)
        problem = text_problem(shown) if plain else None
        if problem is not None:
            raise Problem("not_written", text=problem)
        if len(shown) > max_length:
            raise Problem("too_long", limit=max_length, length=len(shown))
        return shown

    return parse


def email(value: Cell, context: Context) -> str:
    shown = cell_text(value).lower()
    try:
        validate_email(shown)
    except ValidationError:
        raise Problem("email", value=shown) from None
    return shown


def phone(value: Cell, context: Context) -> str:
    """E.164, a number without a country code taken as of the organisation's country."""
    shown = cell_text(value)
    try:
        number = phonenumbers.parse(shown, context.organisation.country_id)
    except phonenumbers.NumberParseException:
        raise Problem("phone", value=shown) from None
    if not phonenumbers.is_possible_number(number):
        raise Problem("phone", value=shown)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def website(value: Cell, context: Context) -> str:
    shown = cell_text(value)
    if "://" not in shown:
        shown = "https://" + shown
    try:
        URLValidator(schemes=["http", "https"])(shown)
    except ValidationError:
        raise Problem("url", value=cell_text(value)) from None
    return shown


def day(value: Cell, context: Context) -> date:
    """A date: a spreadsheet's own date, or a text date in a ru, kk or en format."""
    from council.lib.spreadsheets import parse_date

    try:
        return parse_date(value)
    except ValueError:
        raise Problem("date", value=cell_text(value)) from None


def past_day(value: Cell, context: Context) -> date:
    parsed = day(value, context)
    if parsed > context.today:
        raise Problem("future_date", value=parsed.isoformat())
    return parsed


def number(value: Cell, context: Context) -> Decimal:
    from council.lib.spreadsheets import parse_decimal

    try:
        return parse_decimal(value)
    except ValueError:
        raise Problem("number", value=cell_text(value)) from None


def yes_no(value: Cell, context: Context) -> bool:
    from council.lib.spreadsheets import parse_bool

    try:
        return parse_bool(value)
    except ValueError:
        raise Problem("yes_no", value=cell_text(value)) from None


def choice(options: Mapping[str, Iterable[str]]) -> Parser:
    """One of `options` (value → the words that name it, in any language), by its value or
    one of those words, folded."""
    known: dict[str, str] = {}
    for value, words in options.items():
        known[header_key(value)] = value
        for word in words:
            known[header_key(str(word))] = value

    def parse(value: Cell, context: Context) -> str:
        found = known.get(header_key(cell_text(value)))
        if found is None:
            raise Problem("choice", value=cell_text(value), choices=", ".join(options))
        return found

    return parse


def in_every_language(model: type[models.Model], name: str = "name") -> Callable[[], dict]:
    """Lookup of a reference model: its code fields and its names in ru, kk and en, folded
    → its pk."""

    def load() -> dict[str, Any]:
        found: dict[str, Any] = {}
        columns = [f"{name}_{code}" for code in ("ru", "kk", "en")]
        for row in model._default_manager.values("pk", *columns):  # type: ignore[attr-defined]
            for column in columns:
                if row[column]:
                    found.setdefault(header_key(row[column]), row["pk"])
        return found

    return load


def country(value: Cell, context: Context) -> str:
    """A country by its ISO code (2 or 3 letters) or its name in ru, kk or en."""
    from council.reference.models import Country

    def load() -> dict[str, str]:
        found = in_every_language(Country)()
        for code, code3 in Country.objects.values_list("code", "code3"):
            found[header_key(code)] = code
            found[header_key(code3)] = code
        return found

    shown = cell_text(value)
    code = context.lookup("countries", load).get(header_key(shown))
    if code is None:
        raise Problem("country", value=shown)
    return code  # type: ignore[no-any-return]


def sdg_goals(value: Cell, context: Context) -> list[int]:
    """SDG goal numbers, "3; 4, 17" (a goal written "SDG 3" or "Goal 3" too)."""
    shown = cell_text(value)
    goals: list[int] = []
    for part in re.split(r"[;,/\s]+", shown):
        digits = re.sub(r"\D", "", part)
        if not part or not digits:
            continue
        goal = int(digits)
        if not 1 <= goal <= 17:
            raise Problem("sdg_goal", value=part)
        if goal not in goals:
            goals.append(goal)
    return goals


LANGUAGES = {
    "ru": ("русский", "орыс", "орысша", "russian", "рус", "ru-RU"),
    "kk": ("казахский", "қазақ", "қазақша", "kazakh", "каз", "kk-KZ", "қаз"),
    "en": ("английский", "ағылшын", "english", "англ", "en-GB", "en-US"),
}


_LANGUAGE = choice(LANGUAGES)


def language(value: Cell, context: Context) -> str:
    try:
        return _LANGUAGE(value, context)
    except Problem:
        raise Problem("language", value=cell_text(value)) from None


# --- Mapping guesses -------------------------------------------------------------------------


def _words_of(item: Field) -> list[str]:
    from django.utils import translation

    words = [*list(item.aliases), item.key]
    for code in ("ru", "kk", "en"):
        with translation.override(code):
            words.append(str(item.label))
    return [header_key(word) for word in words if word]


def guess_mapping(
    kind: Kind, headers: Sequence[str], remembered: dict[str, str] | None = None
) -> dict[str, str]:
    """Column index (text) → field key ("" to ignore): from the mapping remembered for this
    organisation and source first, then a header equal to a field's label or alias in ru, kk
    or en (folded), then the most similar alias (rapidfuzz). A field is guessed for one
    column at most."""
    keys = [header_key(header) for header in headers]
    fields = {item.key for item in kind.fields}
    mapping = {str(index): "" for index in range(len(headers))}
    taken: set[str] = set()
    for index, key in enumerate(keys):
        field_key = (remembered or {}).get(key, "")
        if field_key in fields and field_key not in taken:
            mapping[str(index)] = field_key
            taken.add(field_key)
    aliases: dict[str, str] = {}
    for item in kind.fields:
        for word in _words_of(item):
            aliases.setdefault(word, item.key)
    for index, key in enumerate(keys):
        if mapping[str(index)] or not key:
            continue
        field_key = aliases.get(key, "")
        if field_key and field_key not in taken:
            mapping[str(index)] = field_key
            taken.add(field_key)
    for index, key in enumerate(keys):
        if mapping[str(index)] or not key:
            continue
        choices = [word for word, owner in aliases.items() if owner not in taken]
        best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=GUESS_CUTOFF)
        if best is not None:
            field_key = aliases[best[0]]
            mapping[str(index)] = field_key
            taken.add(field_key)
    return mapping


def mapping_to_remember(headers: Sequence[str], mapping: dict[str, str]) -> dict[str, str]:
    """The mapping by folded header, to apply to the next file of the same source."""
    remembered: dict[str, str] = {}
    for index, header in enumerate(headers):
        key = header_key(header)
        if key:
            remembered[key] = mapping.get(str(index), "")
    return remembered
