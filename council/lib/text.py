"""Rules for the text people type: names and titles must show something, must not carry
text-direction controls, and free text has a length limit.

One place for the rules, used by the model fields (so every service that runs `full_clean`
applies them), the forms and the API schemas."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _

# Free text (descriptions, bios, notes, messages): about four printed pages.
MAX_TEXT = 10_000
# Short notes and reasons (rejections, disputes, feedback).
MAX_NOTE = 2_000

# Controls that reorder what follows them (embeddings, overrides, isolates) and the invisible
# direction marks: a name holding one can show as something else than it says ("Trojan
# Source"). Russian, Kazakh and English text never needs them.
BIDI_CONTROLS = frozenset(
    [
        "\u061c",  # ARABIC LETTER MARK
        "\u200e",  # LEFT-TO-RIGHT MARK
        "\u200f",  # RIGHT-TO-LEFT MARK
        *(chr(code) for code in range(0x202A, 0x202F)),  # LRE RLE PDF LRO RLO
        *(chr(code) for code in range(0x2066, 0x206A)),  # LRI RLI FSI PDI
    ]
)

# Characters that draw nothing though Unicode does not file them as spaces or format
# characters (Default_Ignorable_Code_Point fillers, variation selectors, the blank Braille
# pattern).
_BLANK = frozenset(
    [
        "\u034f",
        "\u115f",
        "\u1160",
        "\u17b4",
        "\u17b5",
        "\u2800",
        "\u3164",
        "\uffa0",
        *(chr(code) for code in range(0x180B, 0x1810)),
        *(chr(code) for code in range(0xFE00, 0xFE10)),
    ]
)
_INVISIBLE_CATEGORIES = frozenset(["Cc", "Cf", "Zs", "Zl", "Zp"])


def is_invisible(char: str) -> bool:
    """A space, a control or format character (zero-width space, joiners, marks) or a
    filler: nothing a reader can see."""
    return (
        char.isspace()
        or char in _BLANK
        or unicodedata.category(char) in _INVISIBLE_CATEGORIES
        or 0xE0000 <= ord(char) <= 0xE0FFF  # tags and supplementary variation selectors
    )


def visible(value: str) -> str:
    """The text without its invisible characters."""
    return "".join(char for char in value if not is_invisible(char))


def text_problem(value: str) -> str | None:
    """What is wrong with a name or title, translated; None when it is fine. Empty text is
    the caller's business (required or not)."""
    if not value:
        return None
    if not BIDI_CONTROLS.isdisjoint(value):
        return _(
            "Remove the text-direction control characters: they can make the text show "
            "differently from what it says."
        )
    # Stops at the first visible character: this runs on every name of an import.
    if all(is_invisible(char) for char in value):
        return _("Enter visible characters, not only spaces or invisible ones.")
    return None


def validate_plain_text(value: str) -> None:
    """Validator for names and titles (model and form fields)."""
    problem = text_problem(value or "")
    if problem is not None:
        raise ValidationError(problem, code="invisible_text")


def text_limit(limit: int = MAX_TEXT) -> MaxLengthValidator:
    """The length limit of a free-text field, as a model or form validator."""
    return MaxLengthValidator(limit)
