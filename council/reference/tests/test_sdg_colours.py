"""The SDG goals' colours reach pages as classes of the stylesheet (no inline styles, so the
Content-Security-Policy needs no 'unsafe-inline'): one class per goal, in the goal's colour."""

import json
from pathlib import Path

from django.conf import settings


def test_every_goal_has_its_colour_in_the_stylesheet() -> None:
    base = Path(settings.BASE_DIR) / "council"
    goals = json.loads((base / "reference" / "data" / "sdg.json").read_text())["goals"]
    stylesheet = (base / "static" / "council" / "site.css").read_text()
    assert len(goals) == 17
    for goal in goals:
        assert f".sdg-{goal['number']} {{ background-color: {goal['colour']}; }}" in stylesheet
