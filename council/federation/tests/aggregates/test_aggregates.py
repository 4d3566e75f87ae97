"""This node's published aggregates against the hand-computed node (conftest.py): only
its own rows and the work done on it, small cells suppressed as in the open statistics; and
pulling a peer's, with a fake transport: a good answer, a bad one, none."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from council.federation import protocol
from council.federation.aggregates import (
    federation_aggregates,
    node_aggregates,
    pull_aggregates,
)
from council.federation.models import CallLog, CallOutcome, Peer, PeerAggregate, PeerStatus
from council.federation.protocol import ProtocolError, Received
from council.ops.jobs import JOBS_BY_NAME

TODAY = date(2026, 12, 7)


def test_the_year_counts_only_the_work_done_here(world: dict[str, Any]) -> None:
    year = node_aggregates(today=TODAY)["periods"]["year"]
    # r1–r6, x1 (a Kazakh volunteer's work here), t1, t2: not p1 (hours come home from the
    # Kazakh node), nor r1's hours on the Kazakh node's mirrored project.
    assert (year["volunteers"], year["hours"]) == (9, "23.00")
    assert year["value"] == {"RUB": "9200.00"}
    assert year["unvalued_hours"] == "0.00"
    # Organisations and projects with verified hours; the mirrored ones are not ours.
    assert (year["organisations"], year["projects"], year["opportunities"]) == (2, 2, 0)
    assert year["forums"] == 1


def test_all_time(world: dict[str, Any]) -> None:
    figures = node_aggregates(today=TODAY)
    assert figures["year"] == 2026
    everything = figures["periods"]["all_time"]
    assert (everything["volunteers"], everything["hours"]) == (9, "28.00")
    assert everything["value"] == {"RUB": "11200.00"}
    # Last year's figures: r1 alone (1 person): hidden.
    last_year = node_aggregates(today=date(2025, 12, 31))["periods"]["year"]
    assert (last_year["volunteers"], last_year["hours"], last_year["value"]) == (None, None, None)


def test_the_catalogue_is_our_own_rows(world: dict[str, Any]) -> None:
    assert node_aggregates(today=TODAY)["catalogue"] == {
        "organisations": 2,
        "projects": 2,
        "opportunities": 1,
        "forums": 1,
        # r1–r6, t1, t2, p1: not x1, the Kazakh node's person.
        "volunteers": 9,
    }


def test_small_cells_are_suppressed_as_in_the_open_statistics(world: dict[str, Any]) -> None:
    year = node_aggregates(today=TODAY)["periods"]["year"]
    # Tver's 2 people are hidden; Moscow's 7 would then give Tver away (23 − 15): hidden too.
    assert year["regions"] == {
        "RU-MOW": {"volunteers": None, "hours": None},
        "RU-TVE": {"volunteers": None, "hours": None},
    }
    # Goals are no partition (an hour for two goals counts for each): only goal 3 is hidden.
    assert year["goals"] == {
        "3": {"volunteers": None, "hours": None},
        "4": {"volunteers": 7, "hours": "15.00"},
    }


def test_no_personal_data_goes_out(world: dict[str, Any]) -> None:
    text = json.dumps(node_aggregates(today=TODAY), ensure_ascii=False)
    for person in world["people"].values():
        assert person.email not in text and f'"{person.given_name}"' not in text
    assert "Moscow Volunteer Centre" not in text and "Reading club" not in text


def test_the_read_handler_answers_who_and_when(world: dict[str, Any], kz_peer: Peer) -> None:
    handler = protocol.read_handler(protocol.AGGREGATES)
    assert handler is not None
    reply = handler(Received(peer=kz_peer, body={}))
    assert (reply["node"], reply["country"]) == ("ru", "RU")
    assert abs(datetime.fromisoformat(reply["as_of"]) - timezone.now()) < timedelta(minutes=1)
    assert reply["figures"]["periods"]["all_time"]["hours"] == "28.00"


# --- Pulling a peer's aggregates --------------------------------------------------------

AS_OF = "2026-12-07T12:00:00+00:00"


def _answer(**figures: Any) -> dict[str, Any]:
    period = {
        "volunteers": 40,
        "hours": "120.50",
        "value": {"KZT": "241000.00"},
        "unvalued_hours": "0.00",
        "organisations": 3,
        "projects": 4,
        "opportunities": 2,
        "forums": 1,
        "goals": {
            "3": {"volunteers": 12, "hours": "30.00"},
            "5": {"volunteers": None, "hours": None},
        },
        "regions": {"KZ-71": {"volunteers": 40, "hours": "120.50"}},
        "future_figure": "ignored",
    }
    body = {
        "year": 2026,
        "catalogue": {"organisations": 5, "projects": 6, "opportunities": 7, "forums": 1},
        "periods": {"year": period, "all_time": period},
        "something_new": {"a": 1},
    }
    body.update(figures)
    return {"node": "kz", "country": "KZ", "as_of": AS_OF, "figures": body}


def _fetching(answer: Any) -> Any:
    calls = []

    def fetch(peer: Peer, name: str, **kwargs: Any) -> Any:
        calls.append((peer.node_id, name))
        if isinstance(answer, BaseException):
            raise answer
        return answer

    fetch.calls = calls  # type: ignore[attr-defined]
    return fetch


def test_a_good_answer_is_kept_without_unknown_keys(kz_peer: Peer) -> None:
    fetch = _fetching(_answer())
    row = pull_aggregates(kz_peer, fetch)
    assert fetch.calls == [("kz", "aggregates")]
    assert row is not None
    row.refresh_from_db()
    assert row.as_of == datetime(2026, 12, 7, 12, tzinfo=UTC)
    assert "something_new" not in row.figures
    year = row.figures["periods"]["year"]
    assert "future_figure" not in year
    assert (year["volunteers"], year["hours"], year["value"]) == (
        40,
        "120.50",
        {"KZT": "241000.00"},
    )
    assert year["goals"]["5"] == {"volunteers": None, "hours": None}
    assert row.figures["catalogue"]["opportunities"] == 7
    assert not CallLog.objects.exists()


@pytest.mark.parametrize(
    ("figures", "field"),
    [
        ({"catalogue": {"projects": "many"}}, "figures.catalogue.projects"),
        ({"catalogue": {"projects": -3}}, "figures.catalogue.projects"),
        ({"catalogue": {"projects": 2.5}}, "figures.catalogue.projects"),
        ({"periods": {"year": {"hours": "1e9"}}}, "figures.periods.year.hours"),
        ({"periods": {"year": {"value": {"KZT": True}}}}, "figures.periods.year.value.KZT"),
        (
            {"periods": {"year": {"goals": {"3": {"volunteers": "x"}}}}},
            "figures.periods.year.goals.3.volunteers",
        ),
        ({"periods": {"year": {"goals": {"99": {}}}}}, "figures.periods.year.goals"),
        ({"periods": "none"}, "figures.periods"),
    ],
)
def test_a_figure_that_is_not_a_number_is_refused(
    kz_peer: Peer, figures: dict[str, Any], field: str
) -> None:
    PeerAggregate.objects.create(peer=kz_peer, figures={"year": 2025}, as_of=timezone.now())
    assert pull_aggregates(kz_peer, _fetching(_answer(**figures))) is None
    log = CallLog.objects.get()
    assert (log.peer, log.direction, log.outcome, log.reason) == (
        kz_peer,
        "out",
        CallOutcome.REFUSED,
        "invalid_body",
    )
    assert log.path == "/federation/v1/aggregates"
    assert log.detail.startswith(f"{field}:")
    # The last good figures stay.
    assert PeerAggregate.objects.get(peer=kz_peer).figures == {"year": 2025}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"node": "ru"}, "node"),
        ({"country": "RU"}, "country"),
        ({"as_of": "yesterday"}, "as_of"),
        ({"as_of": "2026-13-01T00:00:00+00:00"}, "as_of"),
        ({"as_of": "2026-12-07T12:00:00"}, "as_of"),
    ],
)
def test_an_answer_of_another_node_or_without_its_time_is_refused(
    kz_peer: Peer, change: dict[str, str], field: str
) -> None:
    assert pull_aggregates(kz_peer, _fetching({**_answer(), **change})) is None
    assert CallLog.objects.get().detail.startswith(f"{field}:")
    assert not PeerAggregate.objects.exists()


@pytest.mark.parametrize(
    "error",
    [ConnectionError("refused"), TimeoutError("slow"), ProtocolError("peer_not_live", "No")],
)
def test_an_unreachable_or_refusing_peer_keeps_the_old_figures(
    kz_peer: Peer, error: BaseException
) -> None:
    old = timezone.now() - timedelta(days=2)
    PeerAggregate.objects.create(peer=kz_peer, figures={"year": 2026}, as_of=old, fetched_at=old)
    assert pull_aggregates(kz_peer, _fetching(error)) is None
    row = PeerAggregate.objects.get(peer=kz_peer)
    assert (row.figures, row.as_of, row.fetched_at) == ({"year": 2026}, old, old)


def test_the_job_pulls_every_live_peer(kz_peer: Peer, kazakhstan: Any, node: None) -> None:
    Peer.objects.create(
        node_id="uz", country=kazakhstan, url="https://uz.example.org", status=PeerStatus.SUSPENDED
    )
    fetch = _fetching(_answer())
    assert federation_aggregates(fetch) == 1
    assert fetch.calls == [("kz", "aggregates")]
    job = JOBS_BY_NAME["federation_aggregates"]
    assert job.every == timedelta(hours=1)


def test_the_command_with_no_live_peer(db: Any, capsys: Any) -> None:
    call_command("federation_aggregates")
    assert "Peers' aggregates stored: 0." in capsys.readouterr().out
