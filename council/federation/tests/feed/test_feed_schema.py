"""Real feed pages, built by the feed over a small catalogue, match feed.reply.json."""

from __future__ import annotations

from typing import Any

from council.audit.services import record
from council.federation.catalogue import KINDS
from council.federation.feed import feed_page
from council.federation.tests.wire import violations


def test_a_whole_feed_matches_the_schema_kind_by_kind(catalogue: dict[str, Any]) -> None:
    page = feed_page(after="", limit=500)
    assert violations("feed.reply", page) == []
    assert {item["kind"] for item in page["items"]} == {kind.name for kind in KINDS}


def test_pages_and_their_cursors_match_the_schema(catalogue: dict[str, Any]) -> None:
    after, pages = "", 0
    while True:
        page = feed_page(after=after, limit=3)
        assert violations("feed.reply", page) == []
        assert page["from"] == after and page["next"]
        pages += 1
        if not page["has_more"]:
            break
        after = page["next"]
    assert pages > 1 and page["next"].startswith("a:")


def test_a_deleted_record_matches_the_schema(catalogue: dict[str, Any]) -> None:
    head = feed_page(after="", limit=500)["next"]
    shift = catalogue["shift"]
    shift_id = str(shift.pk)
    record(actor=None, action="shift.deleted", target=shift)
    shift.delete()
    page = feed_page(after=head, limit=500)
    assert violations("feed.reply", page) == []
    assert {"kind": "shift", "id": shift_id, "op": "delete", "record": None} in page["items"]
