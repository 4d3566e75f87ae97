"""The keyword arguments of translated texts, each language's column (`title_ru`,
`title_kk`, `title_en`), typed once for the services that take them: a service declares
`**values: Unpack[...]` with a TypedDict extending `Texts`, and mypy checks each caller's
types as if the columns were spelled out in the signature."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

from django.conf import settings


class Texts(TypedDict, total=False):
    """The translated texts services take, each language's column: a service's TypedDict
    extends it with its other fields, and the model refuses (TypeError) a text it lacks."""

    name_ru: str | None
    name_kk: str | None
    name_en: str | None
    title_ru: str | None
    title_kk: str | None
    title_en: str | None
    description_ru: str | None
    description_kk: str | None
    description_en: str | None
    agenda_ru: str | None
    agenda_kk: str | None
    agenda_en: str | None
    minutes_ru: str | None
    minutes_kk: str | None
    minutes_en: str | None
    directions_ru: str | None
    directions_kk: str | None
    directions_en: str | None
    funding_source_ru: str | None
    funding_source_kk: str | None
    funding_source_en: str | None
    founded_at_ru: str | None
    founded_at_kk: str | None
    founded_at_en: str | None


def stripped_texts(texts: Mapping[str, object], name: str) -> dict[str, str]:
    """Each language's column of the translated text `name` from `texts`, stripped, and ""
    for a language not given: `{"position_ru": "Chair", "position_kk": "", …}`."""
    return {
        column: str(texts.get(column) or "").strip()
        for column in (f"{name}_{code}" for code in settings.MODELTRANSLATION_LANGUAGES)
    }
