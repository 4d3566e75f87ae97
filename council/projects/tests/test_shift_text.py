"""A shift's text (kept by the audit trail as the object's name) reads on the place's clock."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import translation

from council.projects.models import Shift


def test_a_shift_s_text_is_on_the_place_s_clock_not_in_utc(shift: Shift) -> None:
    shift.opportunity.timezone = "Europe/Moscow"
    shift.start = datetime(2026, 12, 8, 8, 0, tzinfo=UTC)
    with translation.override("ru"):
        text = str(shift)
    assert text.endswith(" 08.12.2026 11:00")
    assert "2026-12-08" not in text and "08:00" not in text
