"""Calls for exchanges over the API: the calls once open, and applying to one, with the rules
of the pages (council/exchanges/)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from council.api.actions import Arguments, signs_up
from council.api.auth import PUBLIC
from council.api.routers.cooperation import council_item
from council.api.routers.deployments import CandidacyOut
from council.api.schemas import Flag, Names
from council.exchanges import access, selectors, services
from council.exchanges.models import Exchange

router = Router(tags=["cooperation"])


class ExchangeOut(Schema):
    id: int
    council: int = Field(alias="council_id")
    title: str
    titles: Names
    status: str
    starts_on: date
    ends_on: date
    applications_close: date
    quotas: dict[str, int] = Field(description="Seats per country")
    criteria: list[str]


class ExchangeApplicationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    motivation: str = Field(max_length=4000)
    cross_border_consent: Flag = Field(
        False, description="Required once: the panel has members from the other countries"
    )


# What a call answers as the exchange has it.
EXCHANGE_FIELDS = ("status", "starts_on", "ends_on", "applications_close")


def _exchange(exchange: Exchange) -> dict[str, Any]:
    return {
        **council_item(exchange),
        **{name: getattr(exchange, name) for name in EXCHANGE_FIELDS},
        "quotas": selectors.exchange_quotas(exchange=exchange),
        "criteria": [str(criterion.name) for criterion in exchange.criteria.all()],
    }


@router.get("/exchanges", response=list[ExchangeOut], auth=PUBLIC)
def exchange_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Calls for exchanges once open, newest first."""
    return [_exchange(exchange) for exchange in selectors.open_exchanges_with_terms()]


@router.post("/exchanges/{exchange_id}/applications", response={201: CandidacyOut})
@signs_up(access.get_exchange_for_viewer, services.application_submit, "exchange")
def exchange_apply(payload: ExchangeApplicationIn) -> Arguments:
    """Apply to an open call (volunteers of the countries taking part)."""
    return {"motivation": payload.motivation, "cross_border_consent": payload.cross_border_consent}
