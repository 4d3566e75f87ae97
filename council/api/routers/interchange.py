"""Exchange format over the API (council/interchange/)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["interchange"])
