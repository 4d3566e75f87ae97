"""The aggregates this node publishes (the `aggregates` read) match aggregates.reply.json."""

from __future__ import annotations

from typing import Any

from council.federation.aggregates import aggregates_reply
from council.federation.aggregates_shape import clean_figures
from council.federation.tests.wire import violations


def test_the_published_aggregates_match_the_schema(world: dict[str, Any]) -> None:
    reply = aggregates_reply(None)
    assert violations("aggregates.reply", reply) == []
    assert reply["figures"]["periods"]["all_time"]["hours"] is not None
    # And what a peer keeps of them is the same shape.
    assert clean_figures(reply["figures"]) == reply["figures"]
