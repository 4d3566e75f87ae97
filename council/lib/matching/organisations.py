"""Is this the same organisation? By registration number first, then by name with its legal
form left out ("ООО «Ромашка»", "Romashka LLC" and "Ромашка" are one name)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from council.lib.matching.skeleton import skeleton
from council.lib.regnumbers import is_valid_registration_number, normalise_registration_number

if TYPE_CHECKING:
    from council.lib.matching import Match

# Legal forms, written out and abbreviated, in Russian, Kazakh and English: dropped from the
# name. Longest first, so "публичное акционерное общество" goes before "акционерное общество".
LEGAL_FORMS = tuple(
    sorted(
        (
            # Russian
            "общество с ограниченной ответственностью",
            "публичное акционерное общество",
            "непубличное акционерное общество",
            "закрытое акционерное общество",
            "открытое акционерное общество",
            "акционерное общество",
            "автономная некоммерческая организация",
            "некоммерческая организация",
            "некоммерческое партнерство",
            "региональная общественная организация",
            "межрегиональная общественная организация",
            "общероссийская общественная организация",
            "местная общественная организация",
            "общественная организация",
            "общественное объединение",
            "общественный фонд",
            "благотворительный фонд",
            "частное учреждение",
            "индивидуальный предприниматель",
            "товарищество с ограниченной ответственностью",
            "ооо",
            "оао",
            "зао",
            "пао",
            "нао",
            "ао",
            "ано",
            "нко",
            "нп",
            "роо",
            "мроо",
            "оoo",
            "оо",
            "оф",
            "бф",
            "ип",
            "тоо",
            "чу",
            # Kazakh
            "жауапкершілігі шектеулі серіктестік",
            "акционерлік қоғам",
            "коммерциялық емес ұйым",
            "қоғамдық бірлестік",
            "қоғамдық қор",
            "қайырымдылық қоры",
            "жшс",
            "ақ",
            "қб",
            "ққ",
            # English
            "limited liability partnership",
            "limited liability company",
            "joint stock company",
            "public joint stock company",
            "non-profit organisation",
            "non-profit organization",
            "non-governmental organisation",
            "non-governmental organization",
            "public association",
            "public foundation",
            "charitable foundation",
            "autonomous non-profit organisation",
            "autonomous non-profit organization",
            "llp",
            "llc",
            "ltd",
            "jsc",
            "pjsc",
            "ojsc",
            "cjsc",
            "ano",
            "ngo",
            "npo",
            "inc",
        ),
        key=len,
        reverse=True,
    )
)
_QUOTES = re.compile(r"[«»“”„\"'‘’`]")
_PUNCTUATION = re.compile(r"[^\w\s-]+")
_LEGAL = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in LEGAL_FORMS) + r")(?![\w-])")
_SPACES = re.compile(r"[\s-]+")

# Bits, as for people (see council/lib/matching/__init__.py).
NUMBER_SAME = 20.0  # the registry's own identity: certain
NUMBER_DIFFERS = -10.0  # two registered bodies, even under one name (branches, namesakes)
NAME_SAME = 3.0  # one name with its legal form left out: likely, not certain
NAME_FUZZY = -0.5  # a letter or two apart ("Добрые руки" / "Добрые руки+"): shown, not likely
FUZZY_RATIO = 92


def organisation_name_key(name: str) -> str:
    """The name folded for comparison: lower case, no quotes, punctuation or legal form
    (ООО, ТОО, ЖШС, LLP, Public Foundation…), each word as its phonetic skeleton."""
    text = _QUOTES.sub(" ", (name or "").lower().replace("ё", "е"))
    text = _PUNCTUATION.sub(" ", text)
    text = _LEGAL.sub(" ", text)
    return " ".join(filter(None, (skeleton(word) for word in _SPACES.split(text) if word)))


def _number(country: str, number: str) -> str:
    if not number or not is_valid_registration_number(country, number):
        return ""
    return normalise_registration_number(country, number)


def compare_organisations(
    a_name: str,
    a_number: str,
    b_name: str,
    b_number: str,
    country: str = "",
    b_country: str | None = None,
) -> Match:
    """Same valid registration number: certain. Different valid numbers: two bodies. Else
    the name: the same key is likely, a near one is shown but not likely.

    `country` is the numbers' country (KZ, RU: their check digits; another: as written);
    `b_country` the second one's when it differs."""
    from council.lib.matching import Match

    reasons: list[str] = []
    bits = 0.0
    first = _number(country, a_number)
    second = _number(country if b_country is None else b_country, b_number)
    if first and second:
        if first == second:
            bits += NUMBER_SAME
            reasons.append("registration_number")
        else:
            bits += NUMBER_DIFFERS
            reasons.append("registration_number_differs")
    a_key, b_key = organisation_name_key(a_name), organisation_name_key(b_name)
    if a_key and a_key == b_key:
        bits += NAME_SAME
        reasons.append("organisation_name")
    elif a_key and b_key and fuzz.ratio(a_key, b_key) >= FUZZY_RATIO:
        bits += NAME_FUZZY
        reasons.append("organisation_name_fuzzy")
    elif not reasons:
        bits += NUMBER_DIFFERS
    score = 1.0 / (1.0 + 2.0 ** (-bits))
    return Match(score=round(score, 4), reasons=tuple(reasons))
