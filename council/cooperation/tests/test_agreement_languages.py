"""An agreement's page reads in the reader's language: the place and event of signing, the
source of funding and each signatory's position, and a term without an end date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.test import Client

from council.cooperation.models import Agreement
from council.cooperation.services.agreements import agreement_create, signatory_add
from council.cooperation.tests.conftest import draft_agreement, sign_on_founding_day
from council.forums.tests.test_registration import signed_in


def _page(agreement: Agreement, language: str, client: Client | None = None) -> str:
    client = client or Client()
    client.cookies["django_language"] = language
    response = client.get(f"/agreements/{agreement.pk}/")
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def _open_ended_agreement(council: Any, actor: Any, parties: list[Any]) -> Agreement:
    agreement = draft_agreement(
        council,
        actor,
        parties,
        title_ru="Соглашение о создании Волонтерского совета",
        title_kk="Еріктілер кеңесін құру туралы келісім",
        title_en="Agreement on the establishment of the Volunteer Council",
        funding_amount=Decimal("1000"),
        funding_currency="RUB",
        funding_source_ru="Средства сторон",
        funding_source_kk="Тараптардың қаражаты",
        funding_source_en="The parties' own funds",
    )
    signatory_add(
        actor=actor,
        agreement=agreement,
        name="Артём Метелев",
        position_ru="Председатель совета Ассоциации волонтерских центров",
        position_kk="Еріктілік орталықтар қауымдастығы кеңесінің төрағасы",
        position_en="Chair of the Board of the Association of Volunteer Centres",
        organisation=parties[0],
    )
    return sign_on_founding_day(
        actor,
        agreement,
        date(2026, 12, 6),
        signed_at_ru="Омск, Форум молодежных лидеров России и Казахстана",
        signed_at_kk="Омбы, Ресей мен Қазақстан жастар көшбасшылары форумы",
        signed_at_en="Omsk, Forum of Youth Leaders of Russia and Kazakhstan",
    )


def _shows_without_russian(page: str, *texts: str) -> None:
    """The page shows each of ``texts`` and none of the Russian originals."""
    for text in texts:
        assert text in page
    for russian in ("Омск", "Председатель совета", "Средства сторон"):
        assert russian not in page


def test_the_agreement_page_reads_in_kazakh_and_english(
    council: Any, ru_network: Any, kz_network: Any, secretariat: Any
) -> None:
    agreement = _open_ended_agreement(council, secretariat, [ru_network, kz_network])

    kazakh = _page(agreement, "kk")
    _shows_without_russian(
        kazakh,
        "Омбы, Ресей мен Қазақстан жастар көшбасшылары форумы",
        "Еріктілік орталықтар қауымдастығы кеңесінің төрағасы",
        "Тараптардың қаражаты",
        "бастап, мерзімсіз",
    )

    english = _page(agreement, "en")
    _shows_without_russian(
        english,
        "Omsk, Forum of Youth Leaders of Russia and Kazakhstan",
        "Chair of the Board of the Association of Volunteer Centres",
        "The parties&#x27; own funds",
        "from 8 November 2019, open-ended",
    )

    russian_page = _page(agreement, "ru")
    assert "Омск, Форум молодежных лидеров России и Казахстана" in russian_page
    assert "Председатель совета Ассоциации волонтерских центров" in russian_page
    assert "с 8 ноября 2019 г., бессрочно" in russian_page
    for page in (kazakh, english, russian_page):
        assert "– —" not in page


def test_the_keeper_gives_the_place_and_position_in_each_language(
    council: Any, ru_network: Any, kz_network: Any, secretariat: Any
) -> None:
    agreement = agreement_create(
        actor=secretariat,
        council=council,
        parties=[ru_network, kz_network],
        title_en="Agreement on the Volunteer Council",
        starts_on=date(2019, 11, 8),
        ends_on=date(2029, 11, 8),
    )
    keeper = signed_in(secretariat)
    form = _page(agreement, "en", keeper)
    assert "Place in Kazakh" in form and "Position in English" in form
    keeper.post(
        f"/agreements/{agreement.pk}/signatories/",
        {
            "name": "Татьяна Миронюк",
            "position_ru": "Исполнительный директор",
            "position_kk": "Атқарушы директор",
            "position_en": "Executive Director",
            "organisation": kz_network.pk,
        },
    )
    keeper.post(
        f"/agreements/{agreement.pk}/sign/",
        {"signed_on": "2019-11-08", "signed_at_ru": "Омск", "signed_at_kk": "Омбы"},
    )
    kazakh = _page(agreement, "kk")
    assert "Атқарушы директор" in kazakh and "Омбы" in kazakh
    assert "Исполнительный директор" not in kazakh
    english = _page(agreement, "en")
    # No English place given: the Russian one stands in, as for every translated text.
    assert "Executive Director" in english and "Омск" in english
