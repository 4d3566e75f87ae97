"""The node's published aggregates, and the peers' as last pulled (issue 21: "the council's
dashboards span nodes").

Each node publishes figures about the work done on it — never a person, an organisation or a
project by name — with small cells suppressed exactly as the open statistics suppress them
(council.reports.selectors.suppression). Peers pull them hourly (`federation_aggregates`) and
keep the last good answer in PeerAggregate; the council's side-by-side page shows this node's
figures next to them, each peer "as of" its last answer.

What a node counts (only what is its own, so that no hour is counted on two nodes):
- catalogue rows it owns (`origin_node == ""`): mirrored copies are the owner node's figures;
- hours of work done on it: verified entries of its own projects. Hours a person of this node
  worked on a peer's project come home signed (origin "peer:<node>") for the person's record
  book; the peer where the work was done publishes them, so they are left out here. Hours that
  a peer's volunteer (a remote account, `home_node` set) worked on this node's projects are
  work done here and count here — their home node leaves them out in turn;
- registered volunteers: people whose account is of this node (`home_node == ""`); a remote
  account is a copy of a person of another node.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from council.federation import protocol
from council.federation.aggregates_shape import ALL_TIME, YEAR, clean_reply
from council.federation.models import (
    CallLog,
    CallOutcome,
    Direction,
    Peer,
    PeerAggregate,
    PeerStatus,
)
from council.federation.protocol import ProtocolError, Received
from council.forums.models import Forum, ForumStatus
from council.hours.models import EntryStatus, HoursEntry
from council.orgs.models import Organisation, OrganisationStatus
from council.projects.models import Opportunity, Project, ProjectStatus
from council.reference.models import SdgGoal
from council.reports.selectors.sums import CENT, Sums
from council.reports.selectors.suppression import Cell, suppress
from council.volunteers.models import VolunteerProfile

logger = logging.getLogger(__name__)

# Hours entries brought home from a peer carry this origin prefix ("peer:<node id>").
PEER_ORIGIN = "peer:"

Fetch = Callable[..., dict[str, Any]]


# --- This node's figures -----------------------------------------------------------------


def local_entries() -> QuerySet[HoursEntry]:
    """Verified hours of volunteer work done on this node (see the module's docstring): not
    in paid work time (the ILO leaves it out), on this node's own projects, and not hours
    that came home from a peer."""
    return HoursEntry.objects.filter(
        status=EntryStatus.VERIFIED, during_paid_work=False, project__origin_node=""
    ).exclude(origin__startswith=PEER_ORIGIN)


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else str(Decimal(value).quantize(CENT))


def _cell(cell: Cell) -> dict[str, Any]:
    """A suppressed cell goes out as nulls: the receiver shows it as hidden."""
    return {"volunteers": cell.volunteers, "hours": _amount(cell.hours)}


def _has_goal(goal: int) -> Exists:
    return Exists(
        HoursEntry.sdg_targets.through.objects.filter(
            hoursentry_id=OuterRef("pk"), sdgtarget__goal_id=goal
        )
    )


def _goal_cells(entries: QuerySet[HoursEntry]) -> dict[str, dict[str, Any]]:
    """People and hours per SDG goal (an entry for two targets of one goal counts once for
    it, and once for each of its goals), in one statement; not a partition (an hour for two
    goals counts for each), so only the small cells are hidden."""
    goals = list(SdgGoal.objects.order_by("number").values_list("number", flat=True))
    if not goals:
        return {}
    figures = entries.aggregate(
        **{
            f"v{goal}": Count("volunteer_id", distinct=True, filter=Q(_has_goal(goal)))
            for goal in goals
        },
        **{f"h{goal}": Sum("hours", filter=Q(_has_goal(goal))) for goal in goals},
    )
    cells = [
        Cell(
            label=str(goal),
            key=str(goal),
            volunteers=figures[f"v{goal}"],
            hours=Decimal(figures[f"h{goal}"] or 0),
        )
        for goal in goals
        if figures[f"v{goal}"]
    ]
    return {cell.key: _cell(cell) for cell in suppress(cells, partition=False)}


def _region_cells(entries: QuerySet[HoursEntry]) -> dict[str, dict[str, Any]]:
    """People and hours per region where the work was done (ISO 3166-2 code; "" for work of
    no known region). The regions' hours add up to the total: a partition."""
    rows = (
        entries.values("region__code")
        .annotate(v=Count("volunteer_id", distinct=True), h=Sum("hours"))
        .order_by()
    )
    cells = [
        Cell(
            label=row["region__code"] or "",
            key=row["region__code"] or "",
            volunteers=row["v"],
            hours=Decimal(row["h"] or 0),
        )
        for row in rows
    ]
    return {cell.key: _cell(cell) for cell in suppress(cells, partition=True)}


def _period(entries: QuerySet[HoursEntry], forums: QuerySet[Forum]) -> dict[str, Any]:
    totals = entries.aggregate(
        volunteers=Count("volunteer_id", distinct=True),
        hours=Sum("hours"),
        organisations=Count("organisation_id", distinct=True),
        projects=Count("project_id", distinct=True),
        opportunities=Count("opportunity_id", distinct=True),
    )
    total = suppress(
        [Cell("", "", totals["volunteers"], Decimal(totals["hours"] or 0))], partition=False
    )[0]
    # The value of the hours by the ILO replacement-cost method, as the reports sum it: each
    # entry's value at verification, in the currency of its country's wage table.
    sums = Sums()
    for row in (
        entries.values("currency")
        .annotate(h=Sum("hours"), n=Count("pk"), v=Sum("value"))
        .order_by()
    ):
        sums.add(
            paid=False, currency=row["currency"], hours=row["h"], entries=row["n"], value=row["v"]
        )
    return {
        **_cell(total),
        # The value tells the hours (at a known wage): hidden with them.
        "value": None
        if total.suppressed
        else {currency: _amount(amount) for currency, amount in sorted(sums.values.items())},
        "unvalued_hours": None if total.suppressed else _amount(sums.unvalued_hours),
        "organisations": totals["organisations"],
        "projects": totals["projects"],
        "opportunities": totals["opportunities"],
        "forums": forums.count(),
        "goals": _goal_cells(entries),
        "regions": _region_cells(entries),
    }


def _catalogue() -> dict[str, Any]:
    """What this node's public catalogue holds now (its own rows, not mirrored ones)."""
    registered = VolunteerProfile.objects.filter(user__home_node="", user__is_active=True).count()
    people = suppress([Cell("", "", registered, None)], partition=False)[0]
    return {
        "organisations": Organisation.objects.filter(
            origin_node="", status=OrganisationStatus.VERIFIED
        ).count(),
        "projects": Project.objects.filter(origin_node="", status=ProjectStatus.PUBLISHED).count(),
        "opportunities": Opportunity.objects.filter(
            origin_node="",
            is_published=True,
            has_ended=False,
            project__status=ProjectStatus.PUBLISHED,
        ).count(),
        "forums": Forum.objects.filter(origin_node="", status=ForumStatus.PUBLISHED).count(),
        "volunteers": people.volunteers,
    }


def node_aggregates(*, today: date | None = None) -> dict[str, Any]:
    """This node's published figures: no personal data, small cells suppressed as in the
    open statistics (see the module's docstring for what counts). The shape (numbers are
    non-negative integers or decimal strings "12.50"; null is a hidden cell):

        {"year": 2026,
         "catalogue": {"organisations", "projects", "opportunities" (open), "forums"
                       (published), "volunteers" (registered, or null)},
         "periods": {"year" | "all_time": {
             "volunteers" (people with verified hours), "hours", "value": {"RUB": "…"}
             (null with hidden hours), "unvalued_hours", "organisations", "projects",
             "opportunities" (with verified hours), "forums" (held),
             "goals": {"<SDG goal number>": {"volunteers", "hours"}},
             "regions": {"<ISO 3166-2 code, or "" for none>": {"volunteers", "hours"}}}}}
    """
    today = today or timezone.localdate()
    entries = local_entries()
    forums = Forum.objects.filter(origin_node="", status=ForumStatus.PUBLISHED)
    in_year = {"date__gte": date(today.year, 1, 1), "date__lte": date(today.year, 12, 31)}
    held_in_year = {
        "starts_on__gte": date(today.year, 1, 1),
        "starts_on__lte": date(today.year, 12, 31),
    }
    return {
        "year": today.year,
        "catalogue": _catalogue(),
        "periods": {
            YEAR: _period(entries.filter(**in_year), forums.filter(**held_in_year)),
            ALL_TIME: _period(entries, forums),
        },
    }


def aggregates_reply(received: Received | None = None) -> dict[str, Any]:
    """The `aggregates` read: who we are, when, and the figures."""
    return {
        "node": settings.NODE_ID,
        "country": settings.NODE_COUNTRY,
        "as_of": timezone.now().isoformat(),
        "figures": node_aggregates(),
    }


protocol.register_read(protocol.AGGREGATES, aggregates_reply)


# --- Pulling ---------------------------------------------------------------------------


def _unavailable() -> tuple[type[BaseException], ...]:
    """The errors that mean "the peer cannot be reached now" (retried next hour): the
    transport's PeerUnavailable, and connection errors."""
    import importlib

    try:
        client = importlib.import_module("council.federation.client")
    except ImportError:  # pragma: no cover (before the transport is merged)
        return (OSError,)
    return (client.PeerUnavailable, OSError)


def _default_fetch() -> Fetch:
    import importlib

    client = importlib.import_module("council.federation.client")
    return client.call  # type: ignore[no-any-return]


def pull_aggregates(peer: Peer, fetch: Fetch | None = None) -> PeerAggregate | None:
    """Read the peer's aggregates and keep them. An answer of the wrong shape is refused
    (logged as a CallLog row, reason invalid_body); a peer that cannot be reached or refuses
    leaves the last good figures in place (shown "as of" their time). Returns the row kept,
    None when nothing new was stored."""
    fetch = fetch or _default_fetch()
    try:
        reply = fetch(peer, protocol.AGGREGATES)
    except ProtocolError as error:
        # The transport logged the refusal with its code.
        logger.warning("aggregates of %s refused: %s %s", peer.node_id, error.code, error)
        return None
    except _unavailable() as error:
        logger.warning("aggregates of %s unavailable: %s", peer.node_id, error)
        return None
    try:
        figures, as_of = clean_reply(reply, peer)
    except ProtocolError as error:
        CallLog.objects.create(
            direction=Direction.OUT,
            peer=peer,
            method="GET",
            path=protocol.path_of(protocol.AGGREGATES),
            status_code=200,
            outcome=CallOutcome.REFUSED,
            reason=error.code,
            detail=f"{error.field}: {error.message}"[:300],
        )
        return None
    with transaction.atomic():
        row, _created = PeerAggregate.objects.update_or_create(
            peer=peer, defaults={"figures": figures, "as_of": as_of, "fetched_at": timezone.now()}
        )
    return row


def live_peers() -> Iterable[Peer]:
    return Peer.objects.filter(status=PeerStatus.LIVE).select_related("country")


def federation_aggregates(fetch: Fetch | None = None) -> int:
    """The hourly job: pull every live peer's aggregates; how many were stored."""
    return sum(pull_aggregates(peer, fetch) is not None for peer in live_peers())
