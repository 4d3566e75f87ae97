import io
import re
from datetime import UTC, datetime
from typing import Any

from pypdf import PdfReader

from council.lib.pdf import Document
from council.lib.qr import qr_png

NAME = "Әсел Ғалымжанқызы Құрманғалиева"
TEXT = f"{NAME} — сертификат участника, Өскемен, Үштөбе, Һ, Ң, і"
KAZAKH_LETTERS = "әғқңөұүһі" + "ӘҒҚҢӨҰҮҺІ"
CREATED = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def _without_whitespace(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def test_russian_and_kazakh_text_survives_into_the_pdf() -> None:
    document = Document("Сертификат", created=CREATED)
    document.heading("Сертификат участника")
    document.paragraph(TEXT)
    document.table([["Дата", "Часы", "Проект"], ["01.03.2025", "4", "Қайырымдылық ұйымы"]])
    data = document.output()

    text = _reader(data).pages[0].extract_text()
    squeezed = _without_whitespace(text)
    assert _without_whitespace(NAME) in squeezed
    assert _without_whitespace(TEXT) in squeezed
    for letter in KAZAKH_LETTERS:
        if letter in TEXT:
            assert letter in text, letter
    assert "Қайырымдылықұйымы" in squeezed
    assert "Сертификатучастника" in squeezed


def test_every_kazakh_letter_is_in_the_font() -> None:
    document = Document("Әліпби")
    document.paragraph(KAZAKH_LETTERS)
    text = _reader(document.output()).pages[0].extract_text()
    assert _without_whitespace(text) == KAZAKH_LETTERS


def test_the_title_and_creation_date_are_in_the_metadata() -> None:
    metadata = _reader(Document("Сертификат", created=CREATED).output()).metadata
    assert metadata is not None
    assert metadata.title == "Сертификат"
    assert metadata.creation_date == CREATED


def test_a_fixed_creation_date_makes_the_output_reproducible() -> None:
    def build() -> bytes:
        document = Document("Сертификат", created=CREATED)
        document.paragraph(TEXT)
        return document.output()

    assert build() == build()


def test_a_long_table_continues_on_new_pages_with_its_header() -> None:
    document = Document("Книжка")
    rows = [["№", "Запись"]] + [[str(n), f"Запись {n}"] for n in range(1, 81)]
    document.table(rows, widths=[20, 100])
    reader = _reader(document.output())
    assert len(reader.pages) > 1
    last = reader.pages[-1].extract_text()
    assert "Запись 80" in last
    assert last.lstrip().startswith("№")


def test_a_table_without_header_and_with_long_cells_wraps() -> None:
    document = Document("Таблица")
    long_cell = "ұзын мәтін " * 30
    document.table([["1", long_cell], ["2", "қысқа"]], widths=[15, 60], header=False)
    text = _reader(document.output()).pages[0].extract_text()
    assert _without_whitespace(long_cell) in _without_whitespace(text)


def test_a_png_qr_code_is_embedded_as_an_image() -> None:
    document = Document("QR")
    document.image_png(qr_png("https://example.org/verify/1"), x=150, y=240, w=35)
    page = _reader(document.output()).pages[0]
    assert len(page.images) == 1


def test_a_bar_chart_is_drawn_as_filled_rectangles_with_its_labels() -> None:
    document = Document("Chart")
    document.bar_chart(
        "Hours by goal",
        ["3", "4"],
        [("Hours", [15.0, 7.5], ["#4C9F38", "#C5192D"])],
    )
    document.table([["after", "the chart"]], header=False)
    reader = _reader(document.output())
    drawing = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert "0.298 0.6235 0.2196 rg" in drawing and "0.7725 0.098 0.1765 rg" in drawing
    assert drawing.count(" re f") == 2  # two bars, nothing else filled
    text = reader.pages[0].extract_text()
    assert "Hours by goal" in text and "15" in text and "7.5" in text


def test_a_bar_chart_breaks_long_labels_into_lines_clear_of_each_other() -> None:
    labels = ["14 жасқа дейін", "14–17 жас", "18–54", "55 және одан жоғары («күміс»)", "жасы"]
    document = Document("Chart")
    document.bar_chart(
        "Жас топтары",
        labels,
        [("Қазақстан", [1.0] * 5, ["#1f5fa8"]), ("Ресей", [2.0] * 5, ["#c0392b"])],
    )
    page = _reader(document.output()).pages[0]
    pieces: list[tuple[float, float, str]] = []

    def visit(text: str, _cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        if text.strip():
            pieces.append((round(tm[5], 1), tm[4], text.strip()))

    page.extract_text(visitor_text=visit)
    # The long band is on two lines of whole words, each within its group's place (A4, 20 mm
    # margins, 12 mm for the axis values).
    lines = [text for _y, _x, text in pieces if text in ("55 және одан жоғары", "(«күміс»)")]
    assert lines == ["55 және одан жоғары", "(«күміс»)"]
    group = (210 - 2 * 20 - 12) / len(labels) * 72 / 25.4
    fourth = [x for _y, x, text in pieces if text in lines]
    left_of_group = (20 + 12) * 72 / 25.4 + 3 * group
    assert all(left_of_group <= x < left_of_group + group for x in fourth)
    # The legend comes after the last line of the labels.
    legend = next(y for y, _x, text in pieces if text.startswith("Қазақстан"))
    assert legend < min(y for y, _x, text in pieces if text in lines)
