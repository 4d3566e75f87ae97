"""Duplicates over the API (council/dedup/)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["dedup"])
