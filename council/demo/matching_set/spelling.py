"""How people write one name in the three scripts, for the labelled set: Russian spelling of
Kazakh names, the 2021 Kazakh Latin alphabet, the published romanisations (through
`iuliia`), and the informal ones people type themselves.

Written apart from the matcher (council/lib/matching), from the conventions themselves, so
the set does not repeat the matcher's own rules back to it."""

from __future__ import annotations

import random

import iuliia

# Kazakh letters in Russian-language documents.
KAZAKH_TO_RUSSIAN = {
    "ә": "а",
    "ғ": "г",
    "қ": "к",
    "ң": "н",
    "ө": "о",
    "ұ": "у",
    "ү": "у",
    "һ": "х",
    "і": "и",
}
FRONT_VOWELS = set("әөүі")
RUSSIAN_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")

# The Kazakh Latin alphabet of 2021 (Presidential decree), letter by letter; the Russian
# letters it has no place for (ё, ц, щ, ъ, ь, э, ю, я) as the transition rules write them.
KAZAKH_2021 = {
    "а": "a",
    "ә": "ä",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "ğ",
    "д": "d",
    "е": "e",
    "ё": "io",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "ñ",
    "о": "o",
    "ө": "ö",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "ū",
    "ү": "ü",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ц": "ts",
    "ч": "ç",
    "ш": "ş",
    "щ": "şş",
    "ъ": "",
    "ы": "y",
    "і": "ı",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}

# Informal romanisation: for each letter, the spellings people use (the first the most
# common). A writer keeps one habit per letter through a name.
INFORMAL = {
    "а": ("a",),
    "б": ("b",),
    "в": ("v",),
    "г": ("g",),
    "д": ("d",),
    "е": ("e",),
    "ё": ("e", "yo", "io"),
    "ж": ("zh", "j"),
    "з": ("z",),
    "и": ("i",),
    "й": ("y", "i", "j"),
    "к": ("k",),
    "л": ("l",),
    "м": ("m",),
    "н": ("n",),
    "о": ("o",),
    "п": ("p",),
    "р": ("r",),
    "с": ("s",),
    "т": ("t",),
    "у": ("u",),
    "ф": ("f",),
    "х": ("kh", "h"),
    "ц": ("ts", "c"),
    "ч": ("ch",),
    "ш": ("sh",),
    "щ": ("shch", "sch"),
    "ъ": ("",),
    "ы": ("y", "i"),
    "ь": ("", "'"),
    "э": ("e",),
    "ю": ("yu", "iu", "ju"),
    "я": ("ya", "ia", "ja"),
    "ә": ("a", "ae"),
    "ғ": ("g", "gh"),
    "қ": ("k", "q"),
    "ң": ("n", "ng"),
    "ө": ("o", "oe"),
    "ұ": ("u",),
    "ү": ("u", "ue"),
    "һ": ("h",),
    "і": ("i",),
}
# е after a vowel or at the start of a word, "ye" or "e" (Yelena/Elena, Sergeyev/Sergeev).
IOTATED_E = ("e", "ye")
VOWELS = set("аеёиоуыэюяәөұүі")

# Published romanisations, with how often a Latin record in the set uses each: ICAO 9303
# (Russian and Kazakhstan passports since 2013/2014) most, then the ones people meet in
# older passports (GOST 52535, MVD), on Wikipedia, maps, the metro and in messengers.
SCHEMAS: tuple[tuple[str, iuliia.Schema, int], ...] = (
    ("icao", iuliia.ICAO_DOC_9303, 40),
    ("wikipedia", iuliia.WIKIPEDIA, 10),
    ("bgn_pcgn", iuliia.BGN_PCGN, 6),
    ("mvd_310", iuliia.MVD_310, 8),
    ("mvd_782", iuliia.MVD_782, 8),
    ("gost_52535", iuliia.GOST_52535, 6),
    ("yandex_maps", iuliia.YANDEX_MAPS, 5),
    ("mosmetro", iuliia.MOSMETRO, 5),
    ("telegram", iuliia.TELEGRAM, 5),
    ("yandex_money", iuliia.YANDEX_MONEY, 4),
    ("gost_7034", iuliia.GOST_7034, 2),
    ("scientific", iuliia.SCIENTIFIC, 1),
)


def russian_spelling(word: str, soft_l: bool) -> str:
    """A Kazakh word as Russian documents write it (Сәрсенбаева → Сарсенбаева); with
    `soft_l`, an л before a consonant or at the end of a word with front vowels takes a soft
    sign (Әсел → Асель, Гүлнар → Гульнар)."""
    front = any(c in FRONT_VOWELS for c in word.lower())
    out = []
    lower = word.lower()
    for index, char in enumerate(word):
        low = char.lower()
        mapped = KAZAKH_TO_RUSSIAN.get(low, low)
        out.append(mapped.upper() if char != low else mapped)
        following = lower[index + 1 : index + 2]
        if soft_l and front and low == "л" and (not following or following in RUSSIAN_CONSONANTS):
            out.append("ь")
    return "".join(out)


def kazakh_2021(text: str) -> str:
    out = []
    for char in text:
        low = char.lower()
        latin = KAZAKH_2021.get(low, low)
        out.append(latin[:1].upper() + latin[1:] if char != low else latin)
    return "".join(out)


def informal_habits(rng: random.Random) -> dict[str, str]:
    """One writer's habits: a spelling for each letter (the most common one more often)."""
    habits = {}
    for letter, options in INFORMAL.items():
        habits[letter] = options[0] if rng.random() < 0.55 else rng.choice(options)
    habits["iotated_e"] = rng.choice(IOTATED_E)
    habits["кс"] = "x" if rng.random() < 0.25 else "ks"
    return habits


def informal(text: str, habits: dict[str, str]) -> str:
    out = []
    lower = text.lower()
    index = 0
    while index < len(text):
        char, low = text[index], lower[index]
        if lower[index : index + 2] == "кс":
            latin, index = habits["кс"], index + 2
        else:
            previous = lower[index - 1] if index else " "
            if low == "е" and (previous in VOWELS or not previous.isalpha()):
                latin = habits["iotated_e"]
            else:
                latin = habits.get(low, low)
            index += 1
        out.append(latin[:1].upper() + latin[1:] if char != low else latin)
    return "".join(out)


def pick_schema(rng: random.Random) -> tuple[str, iuliia.Schema]:
    names = [(name, schema) for name, schema, _ in SCHEMAS]
    weights = [weight for _, _, weight in SCHEMAS]
    return rng.choices(names, weights=weights)[0]


def typo(word: str, kind: str, rng: random.Random) -> str:
    """One slip of the finger: a letter dropped or doubled (not the first: people check the
    first letter of a name), or two neighbouring letters swapped."""
    if len(word) < 3:
        return word
    if kind == "dropped":
        at = rng.randrange(1, len(word))
        return word[:at] + word[at + 1 :]
    if kind == "doubled":
        at = rng.randrange(1, len(word))
        return word[: at + 1] + word[at] + word[at + 1 :]
    at = rng.randrange(1, len(word) - 1)
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
