"""Reading CSV: the encoding and the delimiter are found from the file itself, and the rows
are read as a stream.

The encoding is decided by decoding the whole file once, in chunks, before any row is read:
a Windows-1251 letter may first appear on the last line of a file whose beginning is plain
ASCII, so the first kilobytes cannot decide. A file that is valid UTF-8 is UTF-8; otherwise
Windows-1251, unless it already held Cyrillic letters written in UTF-8 (a file pasted
together from two sources), which is refused naming the first line that is not UTF-8."""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from django.utils.translation import gettext as _

from council.lib.spreadsheets.common import NumberedRows, TableError, clean

UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
WINDOWS_1251 = "windows-1251"
DELIMITERS = (";", ",", "\t")
CHUNK = 64 * 1024
# Lines of the beginning the delimiter is sniffed from: csv.Sniffer is slow on long samples.
SNIFF_LINES = 20
SNIFF_CHARACTERS = 16 * 1024

_CYRILLIC = re.compile("[\u0400-\u04ff]")
# Control characters that no text table holds (a tab, a line feed, a carriage return and a
# form feed may appear).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Excel writes and reads a first line "sep=;" naming the delimiter.
_SEPARATOR_LINE = re.compile(r"^sep=(.)\r?\n", re.IGNORECASE)


def _encoding_error() -> TableError:
    return TableError(
        "encoding",
        _(
            "The file is not text in UTF-8 or Windows-1251. In your spreadsheet program "
            "choose “Save as”, then “CSV UTF-8 (comma delimited)”."
        ),
    )


def check_text_start(head: bytes) -> None:
    """Refuse a file whose first bytes show it is UTF-16 or UTF-32 text, or not text."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or head.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        raise TableError(
            "encoding",
            _(
                "The file is saved as UTF-16 (“Unicode text”). Save it again as "
                "“CSV UTF-8 (comma delimited)”."
            ),
        )
    if b"\x00" in head:
        raise _encoding_error()


def _line_of(data: bytes, position: int, lines_before: int) -> int:
    return lines_before + data[:position].count(b"\n") + 1


def detect_encoding(path: Path) -> str:
    """The file's encoding: "utf-8-sig" (UTF-8 with a byte-order mark), "utf-8" or
    "windows-1251"; TableError("encoding") for anything else."""
    decoder = codecs.getincrementaldecoder(UTF8)()
    cyrillic = False
    lines = 0
    bom = False
    with path.open("rb") as file:
        first = True
        while True:
            chunk = file.read(CHUNK)
            if first:
                bom = chunk.startswith(codecs.BOM_UTF8)
                first = False
            if b"\x00" in chunk:
                raise _encoding_error()
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                # The decoder's position counts the up to three bytes it held back from the
                # chunk before; a line number one off at a chunk's edge is good enough.
                position = max(error.start - len(decoder.getstate()[0]), 0)
                if cyrillic or _CYRILLIC.search(chunk[:position].decode(UTF8, "ignore")):
                    raise TableError(
                        "encoding",
                        _(
                            "Line %(line)s is not in UTF-8, but the lines before it are: the "
                            "file mixes two encodings. Save it again as “CSV UTF-8 (comma "
                            "delimited)”."
                        )
                        % {"line": _line_of(chunk, position, lines)},
                    ) from error
                break
            if not chunk:
                return UTF8_BOM if bom else UTF8
            cyrillic = cyrillic or bool(_CYRILLIC.search(text))
            lines += chunk.count(b"\n")
    _check_windows_1251(path)
    return WINDOWS_1251


def _check_windows_1251(path: Path) -> None:
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            try:
                chunk.decode(WINDOWS_1251)  # one byte, one letter: chunks split nothing
            except UnicodeDecodeError as error:
                raise _encoding_error() from error


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count = 0
    quoted = False
    for character in line:
        if character == '"':
            quoted = not quoted
        elif character == delimiter and not quoted:
            count += 1
    return count


def sniff_delimiter(sample: str) -> str:
    """Semicolon, comma or tab, whichever separates the header line's columns: csv.Sniffer's
    guess when the header holds it, else the one the header holds most."""
    lines = sample.splitlines()[:SNIFF_LINES]
    header = lines[0] if lines else ""
    counts = {delimiter: _count_outside_quotes(header, delimiter) for delimiter in DELIMITERS}
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines)[:SNIFF_CHARACTERS], "".join(DELIMITERS))
    except csv.Error:
        dialect = None
    if dialect is not None and counts.get(dialect.delimiter):
        return str(dialect.delimiter)
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    if counts[best]:
        return best
    # One column: the candidate the data uses least, so that "Ivanov, Ivan" stays one cell.
    return min(DELIMITERS, key=lambda delimiter: sample.count(delimiter))


def read_head(path: Path, encoding: str) -> str:
    """The beginning of the file as text."""
    with path.open("rb") as file:
        head = file.read(CHUNK)
    text = codecs.getincrementaldecoder(encoding)().decode(head)
    if _CONTROL.search(text):
        raise TableError(
            "format",
            _("The file is not a table: it holds characters that text never has."),
        )
    return text


def separator_line(head: str) -> str | None:
    """The delimiter a first line "sep=;" names, if there is one."""
    match = _SEPARATOR_LINE.match(head)
    return match.group(1) if match else None


def csv_rows(path: Path, *, encoding: str, delimiter: str, skip_lines: int = 0) -> NumberedRows:
    """Every record with its number as a spreadsheet program shows it (the line number,
    unless a quoted value holds a line break): blank lines count, and are yielded empty."""
    with path.open("rb") as binary:
        text = io.TextIOWrapper(binary, encoding=encoding, newline="")
        for _skipped in range(skip_lines):
            text.readline()
        reader = csv.reader(text, delimiter=delimiter, quotechar='"', strict=True)
        number = skip_lines
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise TableError(
                    "row",
                    _(
                        "Row %(row)s cannot be read: a quotation mark is not closed, text "
                        "follows a closing one, or a value is far too long."
                    )
                    % {"row": number + 1},
                ) from error
            except UnicodeDecodeError as error:
                raise _encoding_error() from error
            number += 1
            yield number, [clean(value) for value in record]
