"""The one safe table reader: CSV in the encodings and with the delimiters people's programs
write, XLSX and ODS values (never formulas), merged cells, blank rows, and a clear TableError
for every file that is not a readable table."""

from __future__ import annotations

import ast
import codecs
import pickle
import tracemalloc
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from council.lib import spreadsheets
from council.lib.spreadsheets import MAX_UPLOAD_BYTES, Table, TableError, open_table
from council.lib.tests.spreadsheets import (
    COVERED,
    Formula,
    Repeated,
    Span,
    set_cached_values,
    write_ods,
    write_xlsx,
)

COUNCIL = Path(__file__).resolve().parents[2]

RUSSIAN = "ФИО;Город;Часы\nИванов Иван;Москва;5\nПетрова Анна;Казань;3,5\n"
KAZAKH = "Аты-жөні;Қала\nӘйгерім Сәрсенбаева;Өскемен\nҒалым Құрманұлы;Шымкент\n"


def table_of(tmp_path: Path, data: bytes | str, name: str = "people.csv", **options: str) -> Table:
    path = tmp_path / "upload"
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return open_table(path, filename=name, **options)


def refusal(tmp_path: Path, data: bytes | str, name: str = "people.csv") -> TableError:
    with pytest.raises(TableError) as caught:
        table_of(tmp_path, data, name)
    return caught.value


def all_rows(table: Table) -> list[tuple[int, list[object]]]:
    return list(table.rows())


# --- CSV: encodings ---------------------------------------------------------------------


def test_it_reads_utf8_with_semicolons(tmp_path: Path) -> None:
    table = table_of(tmp_path, RUSSIAN)
    assert (table.format, table.encoding, table.delimiter) == ("csv", "utf-8", ";")
    assert table.headers == ["ФИО", "Город", "Часы"]
    assert all_rows(table) == [
        (2, ["Иванов Иван", "Москва", "5"]),
        (3, ["Петрова Анна", "Казань", "3,5"]),
    ]
    assert table.sheet_name is None and table.sheet_names == []


def test_it_reads_utf8_with_a_byte_order_mark(tmp_path: Path) -> None:
    table = table_of(tmp_path, codecs.BOM_UTF8 + b"Name,City\r\nAigerim,Almaty\r\n")
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ",")
    assert table.headers == ["Name", "City"]  # no "\ufeff" stuck to the first name
    assert all_rows(table) == [(2, ["Aigerim", "Almaty"])]


def test_it_reads_russian_saved_by_excel_on_windows(tmp_path: Path) -> None:
    table = table_of(tmp_path, RUSSIAN.replace("\n", "\r\n").encode("windows-1251"))
    assert table.encoding == "windows-1251"
    assert table.headers == ["ФИО", "Город", "Часы"]
    assert all_rows(table)[1] == (3, ["Петрова Анна", "Казань", "3,5"])


def test_kazakh_text_must_be_utf8(tmp_path: Path) -> None:
    # Windows-1251 has no ә, ғ, қ, ң, ө, ұ, ү, һ (it has і, for Ukrainian): a Kazakh table
    # can only come as UTF-8.
    with pytest.raises(UnicodeEncodeError):
        KAZAKH.encode("windows-1251")
    table = table_of(tmp_path, KAZAKH)
    assert table.encoding == "utf-8"
    assert table.headers == ["Аты-жөні", "Қала"]
    assert all_rows(table) == [
        (2, ["Әйгерім Сәрсенбаева", "Өскемен"]),
        (3, ["Ғалым Құрманұлы", "Шымкент"]),
    ]


def test_a_windows_1251_letter_late_in_the_file_decides(tmp_path: Path) -> None:
    lines = ["Name;Number"] + [f"Volunteer {number};{number}" for number in range(20_000)]
    data = ("\r\n".join(lines) + "\r\nЖуков;20000\r\n").encode("windows-1251")
    assert len(data) > 300_000  # well past the first chunk
    table = table_of(tmp_path, data)
    assert table.encoding == "windows-1251"
    assert all_rows(table)[-1] == (20_002, ["Жуков", "20000"])


def test_kazakh_letters_lost_to_windows_1251_are_caught(tmp_path: Path) -> None:
    # What Excel writes when it saves a Kazakh table as "CSV (comma delimited)".
    lost = KAZAKH.encode("windows-1251", errors="replace")
    assert b"?" in lost
    error = refusal(tmp_path, lost)
    assert error.code == "encoding"
    assert str(error) == (
        "The file was saved as Windows-1251, which has no Kazakh letters: line 1 reads "
        "“ж?ні”. Save it again as “CSV UTF-8 (comma delimited)”."
    )
    late = ('Имя;Вопрос\r\nАнна;Придёте?\r\nИван;"?"\r\n' + "Әлия;ok\r\n").encode(
        "windows-1251", errors="replace"
    )
    error = refusal(tmp_path, late)
    assert "line 4 reads “?лия”" in str(error)


def test_a_file_mixing_two_encodings_names_the_line(tmp_path: Path) -> None:
    data = "ФИО;Город\nИванов;Москва\n".encode() + "Петров;Тверь\n".encode("windows-1251")
    error = refusal(tmp_path, data)
    assert error.code == "encoding"
    assert str(error).startswith("Line 3 is not in UTF-8, but the lines before it are")


@pytest.mark.parametrize(
    "data",
    [
        "Name;City\nAnna;Almaty\n".encode("utf-16"),  # "Unicode text" with its BOM
        "Name;City\nAnna;Almaty\n".encode("utf-16-le"),  # without: every other byte is 0
        b"Name;City\nAnna;Alm\x00aty\n",
    ],
)
def test_utf16_and_nul_bytes_are_refused(tmp_path: Path, data: bytes) -> None:
    error = refusal(tmp_path, data)
    assert error.code == "encoding"
    assert "UTF-8" in str(error)


def test_bytes_no_encoding_knows_are_refused(tmp_path: Path) -> None:
    # 0x98 is the one byte Windows-1251 leaves undefined.
    error = refusal(tmp_path, b"Name;City\nAnna;Alm\x98aty\n")
    assert error.code == "encoding"
    assert str(error) == (
        "The file is not text in UTF-8 or Windows-1251. In your spreadsheet program choose "
        "“Save as”, then “CSV UTF-8 (comma delimited)”."
    )


def test_control_characters_are_not_a_table(tmp_path: Path) -> None:
    assert refusal(tmp_path, b"Name;City\x01\x02\nAnna;Almaty\n").code == "format"


# --- CSV: delimiters, quotes, rows ------------------------------------------------------


def test_it_finds_a_tab(tmp_path: Path) -> None:
    table = table_of(tmp_path, "Name\tCity, region\nAnna\tAlmaty, Almaty\n", "people.tsv")
    assert table.delimiter == "\t"
    assert all_rows(table) == [(2, ["Anna", "Almaty, Almaty"])]


def test_commas_in_the_data_do_not_beat_the_headers_semicolons(tmp_path: Path) -> None:
    text = "ФИО;Адрес\nИванов, Иван;г. Москва, ул. Ленина, 1\nПетрова, Анна;Казань, 2\n"
    table = table_of(tmp_path, text)
    assert table.delimiter == ";"
    assert all_rows(table)[0] == (2, ["Иванов, Иван", "г. Москва, ул. Ленина, 1"])


def test_a_comma_table_with_semicolons_inside_quotes(tmp_path: Path) -> None:
    table = table_of(tmp_path, 'Name,Note\n"Anna","a; b; c"\n"Ivan","d; e"\n')
    assert table.delimiter == ","
    assert all_rows(table) == [(2, ["Anna", "a; b; c"]), (3, ["Ivan", "d; e"])]


def test_a_single_column_keeps_its_commas(tmp_path: Path) -> None:
    table = table_of(tmp_path, "ФИО\nИванов, Иван\nПетрова, Анна\n")
    assert table.headers == ["ФИО"]
    assert all_rows(table) == [(2, ["Иванов, Иван"]), (3, ["Петрова, Анна"])]


def test_excels_separator_line_is_honoured(tmp_path: Path) -> None:
    table = table_of(tmp_path, "sep=,\nName;Surname,City\nAnna;Li,Almaty\n")
    assert table.delimiter == ","
    assert table.headers == ["Name;Surname", "City"]
    assert all_rows(table) == [(3, ["Anna;Li", "Almaty"])]


def test_quoted_values_hold_line_breaks_and_quotes(tmp_path: Path) -> None:
    text = 'Name;Address;Note\r\n"Анна";"ул. Абая, 1\r\nкв. 5";"Say ""hi"""\r\nИван;Москва;-\r\n'
    table = table_of(tmp_path, text)
    assert all_rows(table) == [
        (2, ["Анна", "ул. Абая, 1\r\nкв. 5", 'Say "hi"']),
        # Row 3, as a spreadsheet program numbers it: a line break in quotes is one row.
        (3, ["Иван", "Москва", "-"]),
    ]


def test_blank_rows_are_skipped_and_their_numbers_not_reused(tmp_path: Path) -> None:
    text = "Name;City;Note\n\nAnna;Almaty\n ; ;\t\n;;\nIvan ; Moscow ;x;extra;more\n"
    table = table_of(tmp_path, text)
    assert all_rows(table) == [
        (3, ["Anna", "Almaty", None]),  # padded to the headers
        (6, ["Ivan", "Moscow", "x"]),  # stripped, and cut to the headers
    ]


def test_rows_can_be_read_again(tmp_path: Path) -> None:
    table = table_of(tmp_path, RUSSIAN)
    assert all_rows(table) == all_rows(table)


def test_an_unclosed_quotation_mark_names_its_row(tmp_path: Path) -> None:
    table = table_of(tmp_path, 'Name;City\nAnna;Almaty\n"Ivan;Moscow\nPetr;Tver\n')
    rows = table.rows()
    assert next(rows) == (2, ["Anna", "Almaty"])
    with pytest.raises(TableError) as caught:
        next(rows)
    assert caught.value.code == "row"
    assert str(caught.value).startswith("Row 3 cannot be read: a quotation mark is not closed")


# --- headers ----------------------------------------------------------------------------


def test_trailing_blank_headers_are_dropped(tmp_path: Path) -> None:
    table = table_of(tmp_path, " Name ;;City;;;\nAnna;x;Almaty;;;\n")
    assert table.headers == ["Name", "", "City"]
    assert all_rows(table) == [(2, ["Anna", "x", "Almaty"])]


def test_a_blank_first_row_is_no_header(tmp_path: Path) -> None:
    error = refusal(tmp_path, "\nName;City\nAnna;Almaty\n")
    assert error.code == "no_header"
    assert str(error) == (
        "The first row is empty. It must hold the names of the columns, such as “Name” or “Email”."
    )
    assert refusal(tmp_path, ";;;\nAnna;Almaty\n").code == "no_header"


def test_two_columns_of_one_name_are_refused(tmp_path: Path) -> None:
    error = refusal(tmp_path, "Email;Name;email ;Phone;Name\na;b;c;d;e\n")
    assert error.code == "duplicate_header"
    assert str(error) == (
        "Two columns have the same name: “Email”, “Name”. Give each column its own name."
    )


def test_a_header_without_rows_reads_no_rows(tmp_path: Path) -> None:
    table = table_of(tmp_path, "Name;City\n\n\n")
    assert table.headers == ["Name", "City"]
    assert all_rows(table) == []


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n  \n"])
def test_an_empty_file_is_refused(tmp_path: Path, data: bytes) -> None:
    error = refusal(tmp_path, data)
    assert (error.code, str(error)) == ("empty", "The file is empty.")


def test_an_error_survives_a_trip_through_pickle(tmp_path: Path) -> None:
    error = pickle.loads(pickle.dumps(refusal(tmp_path, b"")))  # noqa: S301
    assert (error.code, str(error)) == ("empty", "The file is empty.")


# --- size -------------------------------------------------------------------------------


def test_a_file_over_50_mb_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as file:
        file.truncate(MAX_UPLOAD_BYTES + 1)  # sparse: nothing is written
    with pytest.raises(TableError) as caught:
        open_table(path, filename="big.csv")
    assert caught.value.code == "too_large"
    assert str(caught.value) == ("The file is 50.0 MB; the largest file this site reads is 50 MB.")


def test_a_file_of_exactly_50_mb_is_read_as_a_stream(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    line = "Айгерим Сарсенбаева;user@example.org;+7 701 000 00 00;Алматы;01.01.1990\n"
    size = len(line.encode())
    count = (MAX_UPLOAD_BYTES - 100) // size
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write("Name;Email;Phone;City;Born\n")
        for _row in range(count):
            file.write(line)
        file.write("Last;x;x;x;x".ljust(MAX_UPLOAD_BYTES - file.tell() - 1) + "\n")
    assert path.stat().st_size == MAX_UPLOAD_BYTES
    table = open_table(path, filename="big.csv")
    rows = 0
    last: tuple[int, list[object]] | None = None
    for row in table.rows():
        rows += 1
        last = row
    assert rows == count + 1
    assert last is not None and last[0] == count + 2 and last[1][0] == "Last"


def test_reading_keeps_memory_flat(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    with path.open("w", encoding="windows-1251", newline="") as file:
        file.write("Имя;Город\r\n")
        for number in range(100_000):
            file.write(f"Человек {number};Город {number}\r\n")
    assert path.stat().st_size > 2_500_000
    tracemalloc.start()
    try:
        table = open_table(path, filename="people.csv")
        for _row in table.rows():
            pass
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000  # a few 64 KB chunks, not the file


# --- what is not a table ----------------------------------------------------------------


def test_a_pdf_renamed_csv_is_refused(tmp_path: Path) -> None:
    error = refusal(tmp_path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "people.csv")
    assert error.code == "format"
    assert str(error) == "This is a PDF file, not a table. Upload a CSV, XLSX or ODS file."


def test_an_old_excel_file_is_refused(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    for name in ("people.xls", "people.xlsx", "people.csv"):
        error = refusal(tmp_path, ole, name)
        assert error.code == "format"
        assert "Excel 97–2003 workbook (.xls)" in str(error)
    assert refusal(tmp_path, "Name\nAnna\n", "people.xls").code == "format"


def test_a_truncated_workbook_is_damaged(tmp_path: Path) -> None:
    whole = write_xlsx(tmp_path / "whole.xlsx", [["Name"], ["Anna"]]).read_bytes()
    error = refusal(tmp_path, whole[: len(whole) // 2], "people.xlsx")
    assert error.code == "damaged"
    assert str(error).startswith("The file is damaged or incomplete and cannot be opened.")


def test_a_workbook_whose_sheet_is_garbage_is_damaged(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", [["Name"], ["Anna"]])
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    contents["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row><c r="
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    with pytest.raises(TableError) as caught:
        table = open_table(path, filename="book.xlsx")
        all_rows(table)
    assert caught.value.code == "damaged"


def test_a_name_that_does_not_match_the_content_is_refused(tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path / "a.xlsx", [["Name"], ["Anna"]]).read_bytes()
    ods = write_ods(tmp_path / "a.ods", {"Sheet1": [["Name"], ["Anna"]]}).read_bytes()
    error = refusal(tmp_path, xlsx, "people.csv")
    assert error.code == "format"
    assert str(error) == (
        "The file is named “people.csv” but is an Excel workbook (.xlsx). Save it again as "
        "CSV, or upload it under a name ending in .xlsx."
    )
    assert refusal(tmp_path, ods, "people.xlsx").code == "format"
    assert refusal(tmp_path, "Name\nAnna\n", "people.ods").code == "format"


def test_a_file_without_an_extension_is_read_by_its_content(tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path / "a.xlsx", [["Name"], ["Anna"]]).read_bytes()
    assert table_of(tmp_path, xlsx, "people").format == "xlsx"
    assert table_of(tmp_path, "Name\nAnna\n", "people").format == "csv"


@pytest.mark.parametrize("name", ["people.docx", "people.pdf", "people.json", "people.numbers"])
def test_other_extensions_are_refused(tmp_path: Path, name: str) -> None:
    error = refusal(tmp_path, "Name\nAnna\n", name)
    assert error.code == "format"
    assert str(error) == (
        f"“{name}” is not a table this site reads. Upload a CSV, XLSX or ODS file."
    )


def test_other_archives_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "letter.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    error = refusal(tmp_path, path.read_bytes(), "people.xlsx")
    assert error.code == "format"
    assert str(error).startswith("This is a text document, not a spreadsheet.")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", "…")
    assert refusal(tmp_path, path.read_bytes(), "people.xlsx").code == "format"


def test_a_workbook_that_unpacks_too_far_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheets.workbooks, "MAX_UNPACKED_BYTES", 1000)
    path = write_xlsx(tmp_path / "a.xlsx", [["Name"], ["Anna " * 1000]])
    with pytest.raises(TableError) as caught:
        open_table(path, filename="a.xlsx")
    assert caught.value.code == "too_large"


# --- XLSX -------------------------------------------------------------------------------


def test_it_reads_xlsx_values(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "people.xlsx",
        [
            ["  Name ", "Phone", "Hours", "Born", "Arrived", "Active", "Start", "Worked"],
            [
                " Айгерим ",
                77010000000,
                2.5,
                date(1990, 1, 31),
                datetime(2025, 1, 1, 10, 30),
                True,
                time(9, 30),
                timedelta(hours=27, minutes=15),
            ],
            ["Иван", 1.0, 3, None, None, False, None, None],
        ],
        title="Волонтёры",
    )
    table = open_table(path, filename="people.xlsx")
    assert (table.format, table.encoding, table.delimiter) == ("xlsx", None, None)
    assert (table.sheet_name, table.sheet_names) == ("Волонтёры", ["Волонтёры"])
    assert table.headers == [
        "Name",
        "Phone",
        "Hours",
        "Born",
        "Arrived",
        "Active",
        "Start",
        "Worked",
    ]
    rows = all_rows(table)
    assert rows[0] == (
        2,
        [
            "Айгерим",
            77010000000,
            2.5,
            date(1990, 1, 31),
            datetime(2025, 1, 1, 10, 30),
            True,
            "9:30",
            "27:15",
        ],
    )
    assert rows[1] == (3, ["Иван", 1, 3, None, None, False, None, None])
    assert type(rows[1][1][1]) is int  # 1.0 becomes 1


def test_formulas_are_never_evaluated(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "sums.xlsx",
        [["Name", "Sum", "Link", "Broken"], ["Anna", "=2+2", "=1+1", "=1/0"], ["Ivan", 1, 2, 3]],
    )
    # A spreadsheet program stored 4 with the first formula, and #DIV/0! with the last; the
    # second was written by a script that never calculated it.
    set_cached_values(path, {"B2": "4"})
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    xml = xml.replace('<c r="D2">', '<c r="D2" t="e">').replace(
        "<f>1/0</f><v />", "<f>1/0</f><v>#DIV/0!</v>"
    )
    contents = {}
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    contents["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    rows = all_rows(open_table(path, filename="sums.xlsx"))
    assert rows[0] == (2, ["Anna", 4, None, None])


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text('Name;Note\nAnna;"=HYPERLINK(""http://evil.example"")"\n', encoding="utf-8")
    assert all_rows(open_table(path, filename="people.csv")) == [
        (2, ["Anna", '=HYPERLINK("http://evil.example")'])
    ]


def test_merged_cells_fill_their_range(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "merged.xlsx",
        [
            ["Organisation", "Name", "Phone", None, "City"],
            ["Красный Крест", "Анна", "+7 701", "+7 702", "Алматы"],
            [None, "Иван", "+7 703", None, None],
            [None, "Пётр", None, None, None],
            ["Волонтёры Победы", "Асель", "+7 704", None, "Итоги"],
        ],
        merged=("C1:D1", "A2:A4", "E2:E3", "E5:E5"),
    )
    table = open_table(path, filename="merged.xlsx")
    # A merged header names each column it spans.
    assert table.headers == ["Organisation", "Name", "Phone", "Phone (2)", "City"]
    assert all_rows(table) == [
        (2, ["Красный Крест", "Анна", "+7 701", "+7 702", "Алматы"]),
        (3, ["Красный Крест", "Иван", "+7 703", None, "Алматы"]),
        (4, ["Красный Крест", "Пётр", None, None, None]),
        (5, ["Волонтёры Победы", "Асель", "+7 704", None, "Итоги"]),
    ]


def test_a_header_merged_downwards_does_not_reach_the_data(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "merged.xlsx",
        [["Name", "City"], [None, "Almaty"], ["Ivan", "Moscow"]],
        merged=("A1:A2",),
    )
    assert all_rows(open_table(path, filename="merged.xlsx")) == [
        (2, [None, "Almaty"]),
        (3, ["Ivan", "Moscow"]),
    ]


def test_blank_rows_in_a_workbook_are_skipped(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "people.xlsx",
        [["Name", "City"], [None, None], ["  ", ""], ["Anna", "Almaty"], [], ["Ivan"]],
    )
    assert all_rows(open_table(path, filename="people.xlsx")) == [
        (4, ["Anna", "Almaty"]),
        (6, ["Ivan", None]),
    ]


def test_a_sheet_whose_first_row_is_blank_has_no_header(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "people.xlsx", [[None], ["Name", "City"], ["Anna", "Almaty"]])
    with pytest.raises(TableError) as caught:
        open_table(path, filename="people.xlsx")
    assert caught.value.code == "no_header"


def test_a_table_may_start_in_a_later_column(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "people.xlsx",
        [[None, "Name", "City"], [None, "Anna", "Almaty"], [None, "Ivan", "Moscow"]],
        merged=("C2:C3",),
    )
    table = open_table(path, filename="people.xlsx")
    assert table.headers == ["Name", "City"]
    assert all_rows(table) == [(2, ["Anna", "Almaty"]), (3, ["Ivan", "Almaty"])]


def test_an_empty_workbook_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "empty.xlsx", [])
    with pytest.raises(TableError) as caught:
        open_table(path, filename="empty.xlsx")
    assert caught.value.code == "empty"


def test_it_reads_the_sheet_asked_for(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "book.xlsx",
        [["Lookup"], ["x"]],
        title="Lists",
        more_sheets={"Люди": [["Name"], ["Anna"]], "Hours": [["Hours"], [3]]},
        hidden_first=True,
    )
    table = open_table(path, filename="book.xlsx")
    # The first sheet is hidden (a list for drop-downs): the first visible one is read.
    assert (table.sheet_name, table.headers) == ("Люди", ["Name"])
    assert table.sheet_names == ["Lists", "Люди", "Hours"]
    hours = open_table(path, filename="book.xlsx", sheet="Hours")
    assert (hours.sheet_name, all_rows(hours)) == ("Hours", [(2, [3])])
    with pytest.raises(TableError) as caught:
        open_table(path, filename="book.xlsx", sheet="Volunteers")
    assert caught.value.code == "sheet"
    assert str(caught.value) == (
        "The workbook has no sheet “Volunteers”. Its sheets: “Lists”, “Люди”, “Hours”."
    )


def test_duplicate_headers_in_a_workbook(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "people.xlsx", [["ФИО", "Телефон", "фио"], ["a", "b", "c"]])
    with pytest.raises(TableError) as caught:
        open_table(path, filename="people.xlsx")
    assert caught.value.code == "duplicate_header"
    assert "“ФИО”" in str(caught.value)


# --- ODS --------------------------------------------------------------------------------


def test_it_reads_ods_values(tmp_path: Path) -> None:
    path = write_ods(
        tmp_path / "people.ods",
        {
            "Лист1": [
                ["Name", "Phone", "Hours", "Born", "Active", "Total"],
                [" Әйгерім ", 77010000000, 2.5, date(1990, 1, 31), True, Formula("C2*2", 5)],
                Repeated(3),
                ["Ivan", 1, 3, datetime(2025, 1, 1, 10, 30), False, Formula("C3*2")],
            ],
            "Second": [["Other"], ["x"]],
        },
    )
    table = open_table(path, filename="people.ods")
    assert (table.format, table.sheet_name, table.sheet_names) == (
        "ods",
        "Лист1",
        ["Лист1", "Second"],
    )
    assert table.headers == ["Name", "Phone", "Hours", "Born", "Active", "Total"]
    assert all_rows(table) == [
        (2, ["Әйгерім", 77010000000, 2.5, date(1990, 1, 31), True, 5]),
        (6, ["Ivan", 1, 3, datetime(2025, 1, 1, 10, 30), False, None]),
    ]
    second = open_table(path, filename="people.ods", sheet="Second")
    assert all_rows(second) == [(2, ["x"])]


def test_ods_merged_cells_fill_their_range(tmp_path: Path) -> None:
    path = write_ods(
        tmp_path / "merged.ods",
        {
            "Other": [[Span("Not this sheet", 2, 2), COVERED], [COVERED, COVERED]],
            "Люди & друзья": [
                ["Organisation", Span("Phone", 2), COVERED, "City"],
                [Span("Красный Крест", 1, 3), "+7 701", "+7 702", Span("Алматы", 1, 2)],
                Repeated(1),
                [COVERED, "+7 703", None, COVERED],
                ["Волонтёры Победы", Span("+7 704", 2), COVERED, "Астана"],
            ],
        },
    )
    table = open_table(path, filename="merged.ods", sheet="Люди & друзья")
    assert table.headers == ["Organisation", "Phone", "Phone (2)", "City"]
    assert all_rows(table) == [
        (2, ["Красный Крест", "+7 701", "+7 702", "Алматы"]),
        (4, ["Красный Крест", "+7 703", None, None]),
        (5, ["Волонтёры Победы", "+7 704", "+7 704", "Астана"]),
    ]


def test_ods_merged_cells_far_down_the_sheet(tmp_path: Path) -> None:
    rows: list[object] = [["Name", "Team"]]
    rows += [[f"Volunteer {number}", f"Team {number}"] for number in range(3000)]
    rows += [["Anna", Span("Late team", 1, 2)], ["Ivan", COVERED]]
    path = write_ods(tmp_path / "long.ods", {"S": rows})
    assert path.stat().st_size > 10_000 and len(_content(path)) > 3 * 64 * 1024
    assert all_rows(open_table(path, filename="long.ods"))[-2:] == [
        (3002, ["Anna", "Late team"]),
        (3003, ["Ivan", "Late team"]),
    ]


def _content(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("content.xml")


def test_an_ods_without_its_mimetype_is_damaged(tmp_path: Path) -> None:
    # Known as a spreadsheet by its manifest, but calamine needs the mimetype member.
    path = write_ods(tmp_path / "a.ods", {"S": [["Name"], ["Anna"]]}, with_mimetype=False)
    with pytest.raises(TableError) as caught:
        open_table(path, filename="a.ods")
    assert caught.value.code == "damaged"


def test_an_ods_expands_no_entities(tmp_path: Path) -> None:
    # The start of a "billion laughs": nothing of it is expanded, and the file is refused.
    doctype = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    rows = [[Span("Name", 2), COVERED], ["LAUGH", "x"]]
    path = write_ods(tmp_path / "a.ods", {"S": rows}, doctype=doctype, raw={"LAUGH": "&b;"})
    with pytest.raises(TableError) as caught:
        open_table(path, filename="a.ods")
    assert caught.value.code == "damaged"


# --- one reader -------------------------------------------------------------------------


def test_no_other_module_reads_a_workbook() -> None:
    """Every XLSX and ODS upload is read through council/lib/spreadsheets: a second reader
    might evaluate formulas or load a whole file into memory."""
    offenders = []
    package = COUNCIL / "lib" / "spreadsheets"
    for path in sorted(COUNCIL.rglob("*.py")):
        relative = path.relative_to(COUNCIL.parent)
        if package in path.parents or "tests" in relative.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [alias.name for alias in node.names]
                module = getattr(node, "module", None) or ""
                if "calamine" in module or any("calamine" in name for name in names):
                    offenders.append(f"{relative}, line {node.lineno}")
    assert offenders == []
