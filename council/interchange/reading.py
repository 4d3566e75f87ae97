"""Reading an exchange file (JSON Lines) and checking it before anything is written: each
line against its schema, the counts and digest of the signature line, and the signature with
the issuer's public key. Problems are named by line and field, in the reader's language."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _

from council.hours.services.signing import published_keys
from council.interchange.validation import RECORD_KINDS, problems
from council.lib.signing import key_id, verify

# A record is a few hundred bytes; a line this long is not one.
MAX_LINE_BYTES = 64 * 1024
# Past this many problems the rest are counted, not listed.
MAX_ERRORS = 100


@dataclass(frozen=True)
class LineError:
    line: int  # 0: the file as a whole
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "field": self.field, "message": self.message}


@dataclass
class Errors:
    listed: list[LineError] = field(default_factory=list)
    more: int = 0

    def add(self, line: int, field: str, message: str) -> None:
        if len(self.listed) < MAX_ERRORS:
            self.listed.append(LineError(line, field, str(message)))
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.listed)


class _Duplicate(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Two readers could take different values from one object with a key given twice.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Duplicate(key)
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are not JSON


def parse(raw: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """The line's object, or the reason it is not one."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, _("The line is not UTF-8 text.")
    if not text.strip():
        return None, _("The line is empty.")
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except _Duplicate as error:
        return None, _("The field %(field)s is given twice.") % {"field": str(error)}
    except (ValueError, RecursionError):
        return None, _("The line is not valid JSON.")
    if not isinstance(value, dict) or not isinstance(value.get("type"), str):
        return None, _("Each line is a JSON object with a “type”.")
    return value, None


def lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """Each line's bytes without its line end (LF or CR LF), numbered from 1; None for a
    line longer than MAX_LINE_BYTES (which is skipped to its end without being kept)."""
    number = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 2)
        if not raw:
            return
        number += 1
        if len(raw) >= MAX_LINE_BYTES + 2 and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(MAX_LINE_BYTES)
            yield number, None
            continue
        content = raw.removesuffix(b"\n").removesuffix(b"\r")
        yield number, content if len(content) <= MAX_LINE_BYTES else None


# --- Keys -----------------------------------------------------------------------------------


def _raw_key(text: str) -> bytes | None:
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=False)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == 32 else None


def issuer_keys(text: str) -> dict[str, str]:
    """The Ed25519 public keys given as text: a base64 key (standard or URL-safe), a JSON
    Web Key (RFC 8037) or a key set ({"keys": [...]}); {key id: standard base64}. Raises
    ValueError with a translated reason when the text is none of these."""
    text = text.strip()
    if not text:
        return {}
    if text.startswith("{"):
        try:
            value = json.loads(text)
        except ValueError:
            raise ValueError(_("The public key is not valid JSON.")) from None
        found = value.get("keys", [value]) if isinstance(value, dict) else None
        if not isinstance(found, list):
            raise ValueError(_("Give a public key, a JSON Web Key or a key set."))
        candidates = [
            key.get("x", "")
            for key in found
            if isinstance(key, dict) and key.get("kty") == "OKP" and key.get("crv") == "Ed25519"
        ]
    else:
        candidates = [text]
    keys = {}
    for candidate in candidates:
        raw = _raw_key(str(candidate)) if isinstance(candidate, str) else None
        if raw is None:
            raise ValueError(_("The public key is not a 32-byte Ed25519 key in base64."))
        public = base64.b64encode(raw).decode("ascii")
        keys[key_id(public)] = public
    if not keys:
        raise ValueError(_("The key set holds no Ed25519 key."))
    return keys


def platform_keys() -> dict[str, str]:
    """This platform's own public keys (every one it ever signed with)."""
    keys = {}
    for jwk in published_keys():
        raw = _raw_key(jwk["x"])
        if raw is not None:
            public = base64.b64encode(raw).decode("ascii")
            keys[key_id(public)] = public
    return keys


# --- Checking -------------------------------------------------------------------------------


@dataclass
class Checked:
    """What the first reading of a file found."""

    header: dict[str, Any] | None = None
    trailer: dict[str, Any] | None = None
    counts: Counter[str] = field(default_factory=Counter)
    lines: int = 0
    errors: Errors = field(default_factory=Errors)
    sha256: str = ""
    # Signed with one of this platform's own keys.
    own: bool = False

    @property
    def issuer(self) -> str:
        return str((self.header or {}).get("issuer", {}).get("node", ""))

    @property
    def key_id(self) -> str:
        return str((self.header or {}).get("key_id", ""))


def _schema_errors(errors: Errors, number: int, name: str, record: dict[str, Any]) -> bool:
    found = problems(name, record)
    for problem in found:
        errors.add(number, problem.field, problem.message)
    return not found


def check(stream: IO[bytes], keys: dict[str, str]) -> Checked:
    """Read the whole file once (constant memory) and check it; `keys` are the issuer's
    public keys given with it, besides the platform's own."""
    checked = Checked()
    errors = checked.errors
    digest = hashlib.sha256()
    whole = hashlib.sha256()
    for number, raw in lines(stream):
        checked.lines = number
        if raw is None:
            errors.add(
                number,
                "",
                _("The line is longer than %(limit)d bytes.") % {"limit": MAX_LINE_BYTES},
            )
            continue
        whole.update(raw + b"\n")
        if checked.trailer is not None:
            errors.add(number, "", _("Nothing may follow the signature line."))
            continue
        record, problem = parse(raw)
        if record is None:
            errors.add(number, "", problem or "")
            digest.update(raw + b"\n")
            continue
        kind = record["type"]
        if number == 1:
            if kind != "header":
                errors.add(1, "type", _("The first line is the header."))
            elif _schema_errors(errors, 1, "header", record):
                checked.header = record
        elif kind == "signature":
            if _schema_errors(errors, number, "signature", record):
                checked.trailer = record
            else:
                checked.trailer = {}
            continue  # the signature line is not part of what it signs
        elif kind in RECORD_KINDS:
            _schema_errors(errors, number, kind, record)
            checked.counts[kind] += 1
        else:
            errors.add(
                number,
                "type",
                _("Expected one of: %(values)s.")
                % {"values": ", ".join(("header", *RECORD_KINDS, "signature"))},
            )
        digest.update(raw + b"\n")
    checked.sha256 = whole.hexdigest()
    if checked.lines == 0:
        errors.add(0, "", _("The file is empty."))
        return checked
    if checked.trailer is None:
        errors.add(0, "", _("The file has no signature line at its end: it may be cut short."))
    elif checked.trailer and checked.header is not None and not errors:
        _check_signature(checked, digest.hexdigest(), keys)
    return checked


def _check_signature(checked: Checked, digest: str, keys: dict[str, str]) -> None:
    trailer = checked.trailer or {}
    header = checked.header or {}
    errors = checked.errors
    signature = trailer["signature"]
    number = checked.lines
    if signature["key_id"] != header["key_id"]:
        errors.add(number, "signature.key_id", _("The header names another key."))
        return
    ours = platform_keys()
    public = keys.get(signature["key_id"]) or ours.get(signature["key_id"])
    if public is None:
        errors.add(
            number,
            "signature.key_id",
            _(
                "The file is signed with a key this platform does not know (key id %(key)s): "
                "give the issuer's public key."
            )
            % {"key": signature["key_id"]},
        )
        return
    signed = {name: value for name, value in trailer.items() if name != "signature"}
    if not verify(signed, signature, public):
        errors.add(number, "signature.value", _("The signature does not verify with the key."))
        return
    # Signed by the key: now the counts and the digest say whether the lines were changed.
    if trailer["lines"] != number - 1 or trailer["sha256"] != digest:
        errors.add(
            number,
            "sha256",
            _("The file was changed after it was signed (or its lines were cut or reordered)."),
        )
    elif any(trailer["counts"][kind] != checked.counts[kind] for kind in RECORD_KINDS):
        errors.add(number, "counts", _("The counts do not match the records in the file."))
    checked.own = signature["key_id"] in ours
