"""Names and titles show what they say; free text has a limit."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from council.lib.text import MAX_TEXT, text_limit, text_problem, validate_plain_text, visible


@pytest.mark.parametrize(
    "value",
    [
        "Алия",
        "Жұмабаева",
        "O'Brien-Smith",
        "Ёлки\u200dпалки",  # a joiner inside a word
        "می\u200cخواهم",  # ZWNJ is part of Persian spelling
        "Café ☕",
        "",
    ],
)
def test_ordinary_text_passes(value: str) -> None:
    assert text_problem(value) is None
    validate_plain_text(value)


@pytest.mark.parametrize(
    "value",
    [
        "\u200b",
        "\u200b\u200c\u200d\ufeff\u2060",
        "   \t ",
        "\u3164\u115f\u2800",
        "\u00ad\u034f\ufe0f",
        "\U000e0041\U000e0042",
    ],
)
def test_text_that_shows_nothing_is_refused(value: str) -> None:
    assert visible(value) == ""
    with pytest.raises(ValidationError) as caught:
        validate_plain_text(value)
    assert caught.value.messages == ["Enter visible characters, not only spaces or invisible ones."]


CONTROLS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068"]


@pytest.mark.parametrize("control", [*CONTROLS, "\u2069", "\u200e", "\u200f", "\u061c"])
def test_direction_controls_are_refused(control: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_plain_text(f"invoice{control}fdp.exe")
    assert caught.value.messages[0].startswith("Remove the text-direction control characters")


def test_free_text_has_a_limit() -> None:
    text_limit()("x" * MAX_TEXT)
    with pytest.raises(ValidationError):
        text_limit()("x" * (MAX_TEXT + 1))
