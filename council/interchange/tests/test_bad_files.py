"""Malformed files get their problem by line and field, in the reader's language, and write
nothing — never a 500."""

from __future__ import annotations

import json
from typing import Any

from django.utils import translation

from council.hours.models import HoursEntry
from council.interchange.reading import MAX_LINE_BYTES
from council.interchange.tests.conftest import export_bytes, import_bytes, jsonl
from council.orgs.models import Organisation


def problems(data: bytes) -> list[tuple[int, str, str]]:
    report = import_bytes(data)
    assert not report.written
    return [(e.line, e.field, e.message) for e in report.errors.listed]


def lines_of(records: list[dict[str, Any]]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def test_bad_json_lines(db: Any) -> None:
    assert problems(b"") == [(0, "", "The file is empty.")]
    found = problems(b'{"type": "header"\n\xff\xfe\n[1]\n{"a": 1, "a": 2}\n\n')
    assert found[:5] == [
        (1, "", "The line is not valid JSON."),
        (2, "", "The line is not UTF-8 text."),
        (3, "", "Each line is a JSON object with a “type”."),
        (4, "", "The field a is given twice."),
        (5, "", "The line is empty."),
    ]
    assert found[-1] == (0, "", "The file has no signature line at its end: it may be cut short.")
    deep = b"[" * 60_000
    assert problems(deep + b"\n")[0] == (1, "", "The line is not valid JSON.")
    assert problems(b'{"type": "x", "n": NaN}\n')[0] == (1, "", "The line is not valid JSON.")


def test_a_huge_line_is_refused_without_being_kept(db: Any) -> None:
    huge = b'{"type": "organisation", "x": "' + b"a" * (5 * MAX_LINE_BYTES) + b'"}\n'
    found = problems(b'{"type": "header"}\n' + huge + b'{"type": "signature"}')
    assert (2, "", f"The line is longer than {MAX_LINE_BYTES} bytes.") in found


def test_schema_violations_are_named_by_line_and_field(hours: Any) -> None:
    records = jsonl(export_bytes())
    hours_line = next(i for i, r in enumerate(records) if r["type"] == "hours")
    records[hours_line]["hours"] = 5.5
    del records[hours_line]["date"]
    records[hours_line]["person"]["name"] = "Someone"
    records[hours_line]["extra"] = 1
    records[1]["kind"] = "club"
    records.insert(2, {"type": "volunteer"})

    found = problems(lines_of(records))

    assert (
        2,
        "kind",
        'Expected one of: "national_network", "volunteer_centre", "ngo", '
        '"company", "government", "education", "international", '
        '"informal_group".',
    ) in found
    assert (
        3,
        "type",
        "Expected one of: header, organisation, opportunity, hours, signature.",
    ) in found
    number = hours_line + 2
    assert (number, "date", "This field is required.") in found
    assert (number, "hours", "Expected text.") in found
    assert (number, "extra", "This field is not part of the format.") in found
    assert HoursEntry.objects.count() == 6


def test_problems_are_told_in_the_readers_language(db: Any) -> None:
    with translation.override("ru"):
        found = problems(b'{"type": "header"}\n')
    assert found[0][1] == "format"
    assert found[0][2] == "Обязательное поле."


def test_a_record_problem_found_while_writing_writes_nothing(hours: Any) -> None:
    """The file is sound and signed, but one hours record names an SDG target this platform
    does not know: no organisation, project or hours of the file is written."""
    from council.reference.models import SdgTarget

    data = export_bytes()
    HoursEntry.objects.all().delete()
    SdgTarget.objects.filter(code="4.6").update(code="4.7")
    organisations = Organisation.objects.count()

    found = problems(data)

    assert found and all(field == "sdg_targets" for _line, field, _m in found)
    assert found[0][2] == "Unknown SDG target: 4.6."
    assert HoursEntry.objects.count() == 0
    assert Organisation.objects.count() == organisations
