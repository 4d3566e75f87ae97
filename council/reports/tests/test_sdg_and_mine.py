"""The SDG report and a volunteer's own figures."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from council.reports.selectors.filters import Filters
from council.reports.selectors.sdg import sdg_breakdown


def test_targets_and_goals(world: dict[str, Any]) -> None:
    targets = sdg_breakdown(Filters(year=2026), level="target")
    assert {key: (s.hours, s.volunteers, s.values) for key, s in targets.items()} == {
        ("3.4", "KZ"): (Decimal("15.00"), 3, {"KZT": Decimal("30000.00")}),
        ("4.6", "RU"): (Decimal("15.00"), 6, {"RUB": Decimal("6000.00")}),
        ("11.7", "RU"): (Decimal("15.00"), 6, {"RUB": Decimal("6000.00")}),
    }
    # The same from the entries, when a cause is chosen too.
    scoped = sdg_breakdown(Filters(year=2026, cause="education"), level="target")
    assert {key: (s.hours, s.volunteers) for key, s in scoped.items()} == {
        ("4.6", "RU"): (Decimal("15.00"), 6),
        ("11.7", "RU"): (Decimal("15.00"), 6),
    }


def test_the_sdg_page(client: Any, world: dict[str, Any], secretariat: Any) -> None:
    client.force_login(secretariat)
    page = client.get("/reports/sdg/?year=2026").content.decode()
    assert "Contribution to the Sustainable Development Goals" in page
    assert '4.6 <span class="muted">Literacy</span>' in page
    assert "30,000.00\xa0KZT" in page
    assert "Verified hours by SDG goal. Hours: most in 3 (15.0 h)." in page
    body = client.get("/api/v1/reports/sdg?year=2026").json()
    assert body["goals"][0]["code"] == "11" or {g["code"] for g in body["goals"]} == {
        "3",
        "4",
        "11",
    }


def test_my_figures(client: Any, world: dict[str, Any]) -> None:
    r2 = world["people"]["r2"]
    client.force_login(r2)
    page = client.get("/reports/me/?year=2026").content.decode()
    assert "My figures" in page
    assert "My verified hours by month. Hours: 2.00 h in all, most in Mar (2.0)." in page
    body = client.get("/api/v1/reports/me?year=2026").json()
    assert body == {
        "year": 2026,
        "hours": "2.00",
        "paid_work_hours": "4.00",
        "values": {"RUB": "800.00"},
        "hours_by_month": {"2026-03": "2.00"},
        "hours_by_goal": {"4": "2.00", "11": "2.00"},
    }
    assert client.get("/reports/me/?year=2026").status_code == 200
    client.logout()
    assert client.get("/reports/me/").status_code == 302
