"""Webhooks over the API (council/webhooks/)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["webhooks"])
