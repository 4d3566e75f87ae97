"""The council's and the IYV 2026 reports as PDF: the totals as text, the charts as vector
drawings in the goals' colours, in the reader's language."""

from __future__ import annotations

import io
from typing import Any

import pypdf

from council.reports.documents import COUNCIL, IYV, report_pdf
from council.reports.selectors.filters import Filters


def _text_and_drawing(content: bytes) -> tuple[str, str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    drawing = b"".join(page.get_contents().get_data() for page in reader.pages).decode("latin-1")
    return " ".join(text.split()), drawing


def test_the_council_report_has_the_totals_and_the_charts(world: dict[str, Any]) -> None:
    content = report_pdf(filters=Filters(year=2026), kind=COUNCIL, language="en", currency="USD")
    text, drawing = _text_and_drawing(content)
    assert "Report of the Volunteer Council" in text
    assert "Verified hours of volunteer work 15.00 15.00" in text
    assert "6,000.00 RUB" in text and "30,000.00 KZT" in text
    assert "60.00 USD" in text and "66.00 USD" in text
    for title in (
        "Verified hours by month",
        "Verified hours by SDG goal",
        "Volunteers by age band",
    ):
        assert title in text
    # Bars filled in SDG goal 3's green (#4C9F38) and goal 4's red (#C5192D).
    assert "0.298 0.6235 0.2196 rg" in drawing and "0.7725 0.098 0.1765 rg" in drawing
    assert drawing.count(" re") >= 6  # rectangles: the bars
    assert "Rate: 1 KZT = 0.002 USD" in text
    assert "Demo wage table KZ 2026" in text


def test_the_iyv_report_in_kazakh(world: dict[str, Any]) -> None:
    content = report_pdf(filters=Filters(year=2026), kind=IYV, language="kk", currency="USD")
    text, _drawing = _text_and_drawing(content)
    assert "A/RES/78/127" in text
    assert ("2026" in text and "Қазақстан" in text) or "Kazakhstan" in text


def test_the_pdf_pages(
    client: Any, world: dict[str, Any], secretariat: Any, volunteer: Any
) -> None:
    client.force_login(volunteer)
    assert client.get("/reports/council.pdf?year=2026").status_code == 404
    client.force_login(secretariat)
    response = client.get("/reports/iyv-2026.pdf?year=2026&country=KZ")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="iyv-2026-report.pdf"' in response["Content-Disposition"]
    text, _drawing = _text_and_drawing(response.content)
    assert "Countries: Kazakhstan." in text
    assert client.get("/reports/council.pdf?year=abc").status_code == 400


def test_the_report_pdf_is_in_the_language_the_page_is_read_in(
    client: Any, world: dict[str, Any], secretariat: Any, settings: Any
) -> None:
    """Not the account's stored language (Russian here): the one chosen in the switcher."""
    settings.LANGUAGE_CODE = "ru"
    secretariat.preferred_language = "ru"
    secretariat.save()
    client.force_login(secretariat)
    titles = {"kk": "кеңесінің есебі", "en": "Report of the Volunteer Council"}
    for language, title in titles.items():
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = " ".join(client.get("/reports/?year=2026").content.decode().split())
        assert f'lang="{language}"' in page
        text, _drawing = _text_and_drawing(client.get("/reports/council.pdf?year=2026").content)
        assert title in text, language
        assert "Отчёт Волонтёрского совета" not in text
