"""Reads of the exchanges: the calls open to all, an applicant's own application, the
panel's scoring sheet and the ranking per country."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet, Sum

from council.accounts.http import Viewer
from council.accounts.models import User
from council.exchanges.models import (
    ApplicationStatus,
    Exchange,
    ExchangeApplication,
    ExchangeCountry,
    ExchangeCriterion,
    ExchangeStatus,
    PanelMember,
    Score,
)
from council.lib.people import own_row

# A spread of the panel members' totals of at least this share of the highest possible total
# is shown as a disagreement.
DISAGREEMENT_SHARE = Decimal("0.3")


@dataclass
class Ranked:
    application: ExchangeApplication
    totals: list[int] = field(default_factory=list)
    mean: Decimal | None = None
    spread: int = 0
    disagreement: bool = False
    complete: bool = False
    rank: int | None = None


def ranking(*, exchange: Exchange) -> dict[str, list[Ranked]]:
    """Each country's nominated candidates in ranking order, with the panel members' totals,
    their mean (2 decimals), the spread and whether the panel disagrees. A candidate not yet
    scored by the whole panel is listed last, without a rank."""
    criteria = exchange.criteria.count()
    most = sum(exchange.criteria.values_list("max_score", flat=True))
    panel = exchange.panel.count()
    nominated = list(
        exchange.applications.filter(
            status__in=(
                ApplicationStatus.NOMINATED,
                ApplicationStatus.SELECTED,
                ApplicationStatus.RESERVE,
                ApplicationStatus.NOT_SELECTED,
            )
        )
        # After the selection: not the applicants left undecided by their network (not
        # selected, never scored).
        .exclude(scores__isnull=True, status=ApplicationStatus.NOT_SELECTED)
        .select_related("person")
        .distinct()
    )
    totals: dict[int, list[int]] = defaultdict(list)
    for sums in (
        Score.objects.filter(application__in=nominated)
        .values("application_id", "panel_member_id")
        .annotate(total=Sum("value"), scored=Count("pk"))
        .order_by("application_id", "panel_member_id")
    ):
        if sums["scored"] == criteria:
            totals[sums["application_id"]].append(sums["total"])
    by_country: dict[str, list[Ranked]] = defaultdict(list)
    for application in nominated:
        own = totals.get(application.pk, [])
        ranked = Ranked(application, totals=own)
        if own:
            ranked.mean = (Decimal(sum(own)) / len(own)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
            ranked.spread = max(own) - min(own)
            ranked.disagreement = most > 0 and ranked.spread >= DISAGREEMENT_SHARE * most
        ranked.complete = panel > 0 and len(own) == panel
        by_country[application.country_id].append(ranked)
    for rows in by_country.values():
        rows.sort(
            key=lambda r: (
                not r.complete,
                -(r.mean or Decimal(0)),
                r.spread,
                r.application.created_at,
                r.application.pk,
            )
        )
        for number, row in enumerate((r for r in rows if r.complete), start=1):
            row.rank = number
    return dict(by_country)


def open_exchanges() -> QuerySet[Exchange]:
    """The calls once open (a call being prepared is the secretariat's), newest first."""
    return Exchange.objects.exclude(status=ExchangeStatus.DRAFT).order_by("-starts_on", "pk")


def open_exchanges_with_terms() -> QuerySet[Exchange]:
    """The open calls with their quotas and criteria (for the API)."""
    return open_exchanges().prefetch_related("countries", "criteria")


def open_exchanges_with_countries() -> QuerySet[Exchange]:
    """The open calls with their council and countries (for the list page)."""
    return open_exchanges().select_related("council").prefetch_related("countries__country")


def own_application(*, exchange: Exchange, user: Viewer) -> ExchangeApplication | None:
    """This person's application to the call, if they sent one."""
    return own_row(exchange.applications.all(), user)


def exchange_countries(
    *, exchange: Exchange, with_network: bool = True
) -> QuerySet[ExchangeCountry]:
    """The call's countries with their quotas (and their nominating organisations)."""
    related = ("country", "network") if with_network else ("country",)
    return exchange.countries.select_related(*related)


def exchange_panel(*, exchange: Exchange) -> QuerySet[PanelMember]:
    return exchange.panel.select_related("user", "country")


def application_count(*, exchange: Exchange) -> int:
    return exchange.applications.count()


def applications_of_countries(
    *, exchange: Exchange, countries: list[str]
) -> QuerySet[ExchangeApplication]:
    """The call's applications from these countries, in the order they came."""
    return (
        exchange.applications.filter(country_id__in=countries)
        .select_related("person")
        .order_by("created_at", "pk")
    )


@dataclass
class SheetRow:
    """A nominated candidate on a panel member's scoring sheet, with the scores they gave."""

    application: ExchangeApplication
    initial: dict[str, int | None]
    scored: bool


def panel_sheet(
    *, exchange: Exchange, user: User, criteria: list[ExchangeCriterion]
) -> list[SheetRow]:
    """The nominated candidates of the call, each with this panel member's scores so far
    (`criterion_<id>`, None where not scored yet) and whether all are given."""
    mine = {
        (score.application_id, score.criterion_id): score.value
        for score in Score.objects.filter(application__exchange=exchange, panel_member__user=user)
    }
    rows = []
    for application in (
        exchange.applications.filter(status=ApplicationStatus.NOMINATED)
        .select_related("person", "country")
        .order_by("country_id", "created_at", "pk")
    ):
        initial = {
            f"criterion_{criterion.pk}": mine.get((application.pk, criterion.pk))
            for criterion in criteria
        }
        scored = all(value is not None for value in initial.values())
        rows.append(SheetRow(application, initial, scored))
    return rows


def exchange_quotas(*, exchange: Exchange) -> dict[str, int]:
    """The call's seats per country."""
    return dict(exchange.countries.values_list("country_id", "quota"))
