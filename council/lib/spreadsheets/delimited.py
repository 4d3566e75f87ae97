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
DELIMITERS = (";", "\t", ",")  # in order of preference
CHUNK = 64 * 1024
# How much of the beginning the delimiter is found from.
SNIFF_LINES = 20
SNIFF_CHARACTERS = 16 * 1024

_CYRILLIC = re.compile("[\u0400-\u04ff]")
# A question mark inside a Cyrillic word: what Excel writes for a Kazakh letter (ә, қ, ү, ...)
# when it saves a table as Windows-1251, as "С?рсенбаева" or "?йгерім".
_LOST_LETTER = re.compile(r"[а-яА-ЯёЁ]\?[а-яё]|(?:^|(?<=[\s;,\t\"]))\?[а-яё]", re.MULTILINE)
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
    lines = 0
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            try:
                text = chunk.decode(WINDOWS_1251)  # one byte, one letter: chunks split nothing
            except UnicodeDecodeError as error:
                raise _encoding_error() from error
            if lost := _LOST_LETTER.search(text):
                raise TableError(
                    "encoding",
                    _(
                        "The file was saved as Windows-1251, which has no Kazakh letters: "
                        "line %(line)s reads “%(word)s”. Save it again as “CSV UTF-8 (comma "
                        "delimited)”."
                    )
                    % {
                        "line": _line_of(chunk, lost.start(), lines),
                        "word": _word_around(text, lost.start() + 1),
                    },
                )
            lines += chunk.count(b"\n")


def _word_around(text: str, position: int) -> str:
    start = position
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "?"):
        start -= 1
    end = position
    while end < len(text) and (text[end].isalpha() or text[end] == "?"):
        end += 1
    return text[start:end][:40]


def _records(sample: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    records = []
    try:
        for record in reader:
            if any(value.strip() for value in record):
                records.append(record)
            if len(records) == SNIFF_LINES:
                break
    except csv.Error:
        pass
    return records


def sniff_delimiter(sample: str) -> str:
    """Semicolon, tab or comma: the one that splits the header line into columns and every
    line after it into as many. When two do equally well, a semicolon comes first (Excel
    writes it wherever the decimal mark is a comma, as in Russia and Kazakhstan), then a tab;
    a comma, common in names and addresses, last. csv.Sniffer is not used: it happily picks
    a comma that occurs once in every line of a semicolon table ("Ivanov, Ivan;...")."""
    if "\n" in sample:
        sample = sample[: sample.rindex("\n") + 1]  # whole lines only
    sample = sample[:SNIFF_CHARACTERS]
    best: tuple[float, int] | None = None
    chosen = None
    for preference, delimiter in enumerate(DELIMITERS):
        records = _records(sample, delimiter)
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        consistent = sum(len(record) == width for record in records) / len(records)
        score = (consistent, -preference)
        if best is None or score > best:
            best, chosen = score, delimiter
    if chosen is not None:
        return chosen
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
