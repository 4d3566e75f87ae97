"""The shape of a peer's aggregates that we accept (council.federation.aggregates publishes
ours in it): numbers are non-negative integers or decimal strings, null only for a hidden
cell; unknown keys are left out; anything else refuses the whole answer (invalid_body,
naming the field)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from council.federation.models import Peer
from council.federation.protocol import ProtocolError

# The periods every node publishes: the current calendar year, and all time.
YEAR, ALL_TIME = "year", "all_time"
PERIODS = (YEAR, ALL_TIME)

DECIMAL = re.compile(r"^\d{1,15}(\.\d{1,4})?$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
GOAL = re.compile(r"^(?:[1-9]|1[0-7])$")
REGION = re.compile(r"^(?:[A-Z]{2}-[A-Z0-9]{1,3})?$")


def _refuse(field: str, message: str) -> ProtocolError:
    return ProtocolError("invalid_body", message, field=field)


def _number(value: Any, field: str, *, hidden: bool = False) -> int | str | None:
    """A non-negative integer or a decimal string ("12.50"); None only for a hidden cell."""
    if value is None and hidden:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and DECIMAL.match(value):
        return value
    raise _refuse(field, f"{field} is not a non-negative number")


def _mapping(value: Any, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _refuse(field, f"{field} is not an object")
    return value


CELL_FIELDS = ("volunteers", "hours")
PERIOD_NUMBERS = ("unvalued_hours", "organisations", "projects", "opportunities", "forums")
CATALOGUE_NUMBERS = ("organisations", "projects", "opportunities", "forums")


def _cell_of(value: Any, field: str) -> dict[str, Any]:
    cell = _mapping(value, field)
    return {name: _number(cell.get(name), f"{field}.{name}", hidden=True) for name in CELL_FIELDS}


def _cells(value: Any, field: str, key: re.Pattern[str]) -> dict[str, Any]:
    cells = {}
    for name, cell in _mapping(value, field).items():
        if not isinstance(name, str) or not key.match(name):
            raise _refuse(field, f"{field} has an unknown key {str(name)[:20]!r}")
        cells[name] = _cell_of(cell, f"{field}.{name}")
    return cells


def _period_of(value: Any, field: str) -> dict[str, Any]:
    period = _mapping(value, field)
    clean: dict[str, Any] = _cell_of(period, field)
    for name in PERIOD_NUMBERS:
        if name in period:
            clean[name] = _number(period[name], f"{field}.{name}", hidden=True)
    if period.get("value") is not None:
        values = _mapping(period["value"], f"{field}.value")
        for currency in values:
            if not CURRENCY.match(currency):
                raise _refuse(f"{field}.value", f"{field}.value has an unknown currency")
        clean["value"] = {
            currency: _number(amount, f"{field}.value.{currency}")
            for currency, amount in values.items()
        }
    else:
        clean["value"] = None
    clean["goals"] = _cells(period.get("goals", {}), f"{field}.goals", GOAL)
    clean["regions"] = _cells(period.get("regions", {}), f"{field}.regions", REGION)
    return clean


def clean_figures(value: Any) -> dict[str, Any]:
    """A peer's figures in the shape we publish ours, unknown keys left out; a figure that is
    not a number (or null for a hidden cell) refuses the whole answer (ProtocolError
    invalid_body naming the field)."""
    figures = _mapping(value, "figures")
    clean: dict[str, Any] = {}
    year = figures.get("year")
    if year is not None:
        if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
            raise _refuse("figures.year", "figures.year is not a year")
        clean["year"] = year
    catalogue = _mapping(figures.get("catalogue", {}), "figures.catalogue")
    clean["catalogue"] = {
        name: _number(catalogue[name], f"figures.catalogue.{name}")
        for name in CATALOGUE_NUMBERS
        if name in catalogue
    }
    if "volunteers" in catalogue:
        clean["catalogue"]["volunteers"] = _number(
            catalogue["volunteers"], "figures.catalogue.volunteers", hidden=True
        )
    periods = _mapping(figures.get("periods", {}), "figures.periods")
    clean["periods"] = {
        name: _period_of(periods[name], f"figures.periods.{name}")
        for name in PERIODS
        if name in periods
    }
    return clean


def clean_reply(reply: Any, peer: Peer) -> tuple[dict[str, Any], datetime]:
    """The figures and their time from a peer's `aggregates` answer, checked."""
    body = _mapping(reply, "body")
    if body.get("node") != peer.node_id:
        raise _refuse("node", "node is not the peer's node id")
    if body.get("country") != peer.country_id:
        raise _refuse("country", "country is not the peer's country")
    try:
        as_of = parse_datetime(body["as_of"]) if isinstance(body.get("as_of"), str) else None
    except ValueError:  # well formed, but no such date ("2026-13-01T…")
        as_of = None
    if as_of is None or timezone.is_naive(as_of):
        raise _refuse("as_of", "as_of is not a date and time with its offset")
    return clean_figures(body.get("figures")), as_of
