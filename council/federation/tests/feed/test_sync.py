"""Pulling a peer's feed: pages applied with the cursor, a skipped cursor refused, a peer that
cannot be reached left "as of" its last sync, the `changed` notice and our own notices."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from council.audit.services import record
from council.conftest import reader
from council.federation.feed import feed_head, feed_page
from council.federation.models import CallLog, OutboxMessage, Peer, PeerStatus
from council.federation.protocol import Received
from council.federation.services.sync import changed_received, feed_notify, peer_pull
from council.projects.models import Project


def own_feed(limit: int = 4) -> Any:
    """The peer's feed, served by this database's own builder."""

    def fetch(peer: Peer, cursor: str) -> dict[str, Any]:
        return feed_page(after=cursor, limit=limit)

    return fetch


def test_a_pull_walks_every_page_and_keeps_the_cursor(catalogue: Any, peer: Any) -> None:
    result = peer_pull(peer, fetch=own_feed())
    assert result.ok and result.pages > 3 and result.refused == 0
    peer.refresh_from_db()
    assert peer.feed_cursor.startswith("a:") and peer.last_pull_ok_at is not None
    assert peer.last_error == ""
    assert Project.objects.filter(origin_node="kz").count() == 1
    # Up to date: the next pull reads one empty page and changes nothing.
    again = peer_pull(peer, fetch=own_feed())
    assert (again.pages, again.items) == (1, 0)


def test_a_page_that_skips_our_cursor_is_refused(catalogue: Any, peer: Any) -> None:
    def skipping(peer: Peer, cursor: str) -> dict[str, Any]:
        page = feed_page(after="", limit=2)
        return {**page, "from": "s:project:0:0", "next": page["next"]}

    result = peer_pull(peer, fetch=skipping)
    assert result.error == "cursor_skipped"
    peer.refresh_from_db()
    assert peer.feed_cursor == "" and peer.last_error.startswith("cursor_skipped")
    assert CallLog.objects.get(reason="cursor_skipped").outcome == "refused"
    assert not Project.objects.filter(origin_node="kz").exists()


def test_a_peer_that_cannot_be_reached_leaves_its_rows_as_of_the_last_sync(
    catalogue: Any, peer: Any
) -> None:
    peer_pull(peer, fetch=own_feed(limit=500))
    peer.refresh_from_db()
    cursor, synced = peer.feed_cursor, Project.objects.get(origin_node="kz").origin_synced_at
    good = peer.last_pull_ok_at

    def down(peer: Peer, cursor: str) -> dict[str, Any]:
        raise ConnectionRefusedError("connection refused")

    assert peer_pull(peer, fetch=down).error == "unavailable"
    peer.refresh_from_db()
    assert peer.feed_cursor == cursor and peer.last_pull_ok_at == good
    assert peer.last_error.startswith("unavailable") and peer.last_pull_at > good
    assert Project.objects.get(origin_node="kz").origin_synced_at == synced
    # Its copies say so, besides "as of".
    page = _project_page()
    assert "as of" in page and "its node cannot be reached at the moment" in page
    # Back up: the pull goes on from where it stopped.
    project = catalogue["project"]
    project.title_en = "Clean shores of the Ishim"
    project.save()
    record(actor=None, action="project.updated", target=project)
    assert peer_pull(peer, fetch=own_feed()).ok
    copy = Project.objects.get(origin_node="kz")
    assert copy.title_en == "Clean shores of the Ishim" and copy.origin_synced_at > synced
    assert "cannot be reached" not in _project_page()


def _project_page(language: str = "en") -> str:
    copy = Project.objects.get(origin_node="kz")
    answer = reader(language).get(reverse("projects:project", args=[copy.pk]))
    assert answer.status_code == 200
    return answer.content.decode()


def test_the_copies_of_a_suspended_peer_say_so_in_every_language(catalogue: Any, peer: Any) -> None:
    peer_pull(peer, fetch=own_feed(limit=500))
    assert "data-node-state" not in _project_page()
    peer.status = PeerStatus.SUSPENDED
    peer.save(update_fields=["status"])
    assert "the link with its node is suspended" in _project_page()
    assert "связь с его узлом приостановлена" in _project_page("ru")
    assert "оның түйінімен байланыс тоқтатылған" in _project_page("kk")


def test_the_changed_notice_pulls_soon_and_answers_ok(
    peer: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    with django_capture_on_commit_callbacks(execute=True):
        answer = changed_received(Received(peer=peer, body={"cursor": "a:7"}))
    assert answer == {"ok": True}
    assert [r.kwargs for r in default_task_backend.results] == [{"peer_id": peer.pk}]


def test_peers_are_told_once_each_time_our_feed_moves(catalogue: Any, peer: Any) -> None:
    def enqueue(*, peer: Peer, kind: str, payload: dict[str, Any]) -> OutboxMessage:
        return OutboxMessage.objects.create(
            peer=peer, kind=kind, payload=payload, idempotency_key=f"{kind}-{payload['cursor']}"
        )

    record(actor=None, action="project.updated", target=catalogue["project"])
    assert feed_notify(enqueue=enqueue) == 1
    assert feed_notify(enqueue=enqueue) == 0
    assert OutboxMessage.objects.get().payload == {"cursor": feed_head()}
    record(actor=None, action="opportunity.updated", target=catalogue["opportunity"])
    assert feed_notify(enqueue=enqueue) == 1
    assert timezone.now() >= OutboxMessage.objects.latest("pk").created_at


def test_the_notice_goes_through_the_transports_outbox(catalogue: Any, peer: Any) -> None:
    pytest.importorskip(
        "council.federation.services.outbox", reason="the outbox comes with the transport"
    )
    record(actor=None, action="project.updated", target=catalogue["project"])
    assert feed_notify() == 1
    message = OutboxMessage.objects.get(kind="changed")
    assert message.peer == peer and message.payload == {"cursor": feed_head()}


def test_the_transports_peer_unavailable_leaves_the_rows_as_they_were(
    catalogue: Any, peer: Any
) -> None:
    client = pytest.importorskip(
        "council.federation.client", reason="PeerUnavailable comes with the transport"
    )

    def down(peer: Peer, cursor: str) -> dict[str, Any]:
        raise client.PeerUnavailable("timeout", "timed out")

    assert peer_pull(peer, fetch=down).error == "unavailable"
    peer.refresh_from_db()
    assert peer.feed_cursor == "" and peer.last_error.startswith("unavailable")


def test_a_cursor_the_owner_no_longer_reads_starts_a_new_snapshot(
    catalogue: Any, peer: Any
) -> None:
    from council.federation.protocol import ProtocolError

    Peer.objects.filter(pk=peer.pk).update(feed_cursor="a:999999")
    peer.refresh_from_db()

    def refusing(peer: Peer, cursor: str) -> dict[str, Any]:
        raise ProtocolError("invalid_body", "The cursor is not one this feed gave.", field="after")

    assert peer_pull(peer, fetch=refusing).error == "invalid_body"
    peer.refresh_from_db()
    assert peer.feed_cursor == ""
    # The next pull walks the whole feed again and copies it (upserts: nothing doubled).
    assert peer_pull(peer, fetch=own_feed()).ok
    assert Project.objects.filter(origin_node="kz").count() == 1


def test_a_whole_new_snapshot_sweeps_the_copies_it_no_longer_brings(
    catalogue: Any, peer: Any
) -> None:
    from council.deployments.models import Assignment
    from council.forums.models import Forum, ForumSession

    first = peer_pull(peer, fetch=own_feed(limit=500))
    assert first.swept is not None and first.swept.deleted == 0  # the first snapshot
    assert Assignment.objects.filter(origin_node="kz").count() == 1
    assert ForumSession.objects.filter(origin_node="kz").count() == 1

    def without_some(peer: Peer, cursor: str) -> dict[str, Any]:
        """The owner's feed started again, whose deletes of an assignment and a session never
        reached us, and whose forum now breaks our rules."""
        page = feed_page(after=cursor, limit=3)
        items = []
        for item in page["items"]:
            if item["kind"] in ("assignment", "forum_session"):
                continue
            if item["kind"] == "forum":
                item = {**item, "record": {**item["record"], "quotas": []}}
            items.append(item)
        return {**page, "items": items}

    Peer.objects.filter(pk=peer.pk).update(feed_cursor="")
    peer.refresh_from_db()
    result = peer_pull(peer, fetch=without_some)
    assert result.ok and result.swept is not None
    assert not Assignment.objects.filter(origin_node="kz").exists()
    assert not ForumSession.objects.filter(origin_node="kz").exists()
    # Refused in this snapshot, not swept: the copy stays as it was.
    assert Forum.objects.filter(origin_node="kz").count() == 1
    assert Project.objects.filter(origin_node="kz").count() == 1
    assert result.swept.deleted == 2

    # A pull that goes on from a cursor (no snapshot) sweeps nothing.
    assert peer_pull(peer, fetch=without_some).swept is None
