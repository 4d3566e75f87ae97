"""Opportunity search: full text in ru/kk/en (see council/projects/search_backend.py) with
filters and three orders. The page and the API share `opportunity_search`."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connections, router
from django.db.models import (
    DateTimeField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone

from council.lib.geo import bounding_box, distance_km_expression
from council.lib.stemming import query_keys
from council.projects.models import (
    ApplicationStatus,
    Opportunity,
    OpportunityLanguage,
    Project,
    Shift,
)
from council.projects.search_backend import (
    IndexRank,
    Relevance,
    filter_hints,
    matching_ids,
)
from council.reference.models import Cause, City
from council.reference.selectors import reference_rows
from council.volunteers.models import ADULT_AGE

PAGE_SIZE = 25
SORTS = ("relevance", "date", "distance")


def open_opportunities(*, at: datetime | None = None) -> QuerySet[Opportunity]:
    """Published opportunities that have not ended (or have no shifts: open-ended). The
    `has_ended` mark only narrows the read (to the rows of the date-order index): `last_end`
    decides."""
    at = at or timezone.now()
    return Opportunity.objects.filter(
        Q(last_end__gt=at) | Q(last_end__isnull=True),
        is_published=True,
        has_ended=False,
        members_only=False,  # a company's employee programme is not listed to the public
    )


class _SeatSql(Func):
    """An expression on the outer opportunity written as one SQL template: the ORM builds and
    compiles it in microseconds, where the equivalent nested subqueries cost milliseconds on
    every search page."""

    template_sql = ""
    output_field: Any = IntegerField()

    def __init__(self, *, at: datetime) -> None:
        super().__init__(
            F("pk"), F("first_start"), F("capacity"), F("origin_node"), F("remote_taken")
        )
        self.at = at

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        pk, first_start, capacity, origin_node, remote_taken = (
            compiler.compile(expression)[0] for expression in self.source_expressions
        )
        greatest = "GREATEST" if connection.vendor == "postgresql" else "MAX"
        at = connection.ops.adapt_datetimefield_value(self.at)
        sql = self.template_sql.format(
            pk=pk,
            first_start=first_start,
            capacity=capacity,
            origin_node=origin_node,
            remote_taken=remote_taken,
            greatest=greatest,
        )
        return sql, [ApplicationStatus.CONFIRMED, ApplicationStatus.CONFIRMED, at]


class FreeSeats(_SeatSql):
    """Free seats of the outer opportunity: over its upcoming shifts, or in its one pool when
    it has no shifts. Computed from confirmed applications, never from a counter; on another
    node's (mirrored) opportunity or shift, from the seats its owner node had taken
    (`remote_taken`), as in `council.projects.selectors.seats.seats`."""

    template_sql = (
        "(CASE WHEN {first_start} IS NULL THEN {greatest}({capacity} - (CASE WHEN "
        "{origin_node} <> '' THEN COALESCE({remote_taken}, 0) ELSE (SELECT COUNT(*) "
        "FROM projects_application a WHERE a.opportunity_id = {pk} AND a.shift_id IS NULL "
        "AND a.status = %s) + (SELECT COALESCE(SUM(t.seats_held), 0) FROM projects_team t "
        "WHERE t.opportunity_id = {pk} AND t.shift_id IS NULL AND t.seats_held > 0) END), 0) "
        "ELSE COALESCE((SELECT SUM({greatest}(s.capacity - (CASE WHEN s.origin_node <> '' "
        "THEN COALESCE(s.remote_taken, 0) ELSE (SELECT COUNT(*) "
        "FROM projects_application a WHERE a.shift_id = s.id AND a.status = %s) + "
        "(SELECT COALESCE(SUM(t.seats_held), 0) FROM projects_team t "
        "WHERE t.shift_id = s.id AND t.seats_held > 0) END), 0)) "
        "FROM projects_shift s WHERE s.opportunity_id = {pk} AND s.start > %s), 0) END)"
    )


class NextStart(Func):
    """Start of the next upcoming shift of the outer opportunity."""

    output_field = DateTimeField()

    def __init__(self, *, at: datetime) -> None:
        super().__init__(F("pk"))
        self.at = at

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        pk = compiler.compile(self.source_expressions[0])[0]
        sql = (
            "(SELECT s.start FROM projects_shift s WHERE s.opportunity_id = "  # noqa: S608
            f"{pk} AND s.start > %s ORDER BY s.start LIMIT 1)"
        )
        return sql, [connection.ops.adapt_datetimefield_value(self.at)]


# Result rows (and matches) never show the long texts: they stay in the database.
LONG_TEXTS = [
    f"{prefix}{name}{suffix}"
    for prefix in ("", "project__")
    for name in ("description", "questions")
    for suffix in ("", "_ru", "_kk", "_en")
    if not (prefix and name == "questions")
]


def with_display_columns(
    opportunities: QuerySet[Opportunity], *, at: datetime
) -> QuerySet[Opportunity]:
    """What a result row shows besides the opportunity: project, city, next shift, free seats."""
    return (
        opportunities.select_related("project", "city")
        .defer(*LONG_TEXTS)
        .annotate(next_start=NextStart(at=at), free_seats=FreeSeats(at=at))
    )


# What a result card shows (projects/search/_results.html), and nothing else.
RESULT_ROW_FIELDS = [
    "id",
    "project_id",
    "city_id",
    "is_online",
    "timezone",
    "first_start",
    "capacity",
    "origin_node",  # another node's opportunity: its seats, and its card's badge
    "origin_synced_at",
    "remote_taken",
    *(f"title{suffix}" for suffix in ("", "_ru", "_kk", "_en")),
    "project__id",
    *(f"project__title{suffix}" for suffix in ("", "_ru", "_kk", "_en")),
    "city__id",
    *(f"city__name{suffix}" for suffix in ("", "_ru", "_kk", "_en")),
]


def opportunity_rows(
    ids: list[int],
    *,
    city: int | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    **_filters: object,
) -> list[Opportunity]:
    """The result rows of the opportunities `ids` (a page found with `display=False`), in
    that order, with the distance from the same origin as the search (takes the search's
    keyword arguments)."""
    if (latitude is None or longitude is None) and city:
        place = reference_rows(City).get(city)
        if place is not None:
            latitude, longitude = place.latitude, place.longitude
    rows = with_display_columns(Opportunity.objects.filter(pk__in=ids), at=timezone.now()).only(
        *RESULT_ROW_FIELDS
    )
    if latitude is not None and longitude is not None:
        rows = rows.annotate(
            distance_km=distance_km_expression("latitude", "longitude", latitude, longitude)
        )
    by_pk = {row.pk: row for row in rows}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _within(
    opportunities: QuerySet[Opportunity],
    centre: tuple[float, float],
    radius_km: float,
    origin: tuple[float | None, float | None],
) -> QuerySet[Opportunity]:
    """The bounding box narrows through the (is_published, latitude, longitude) index; the
    exact distance then cuts its corners."""
    box = bounding_box(centre[0], centre[1], radius_km)
    longitudes = Q()
    for west, east in box.longitude_ranges:
        longitudes |= Q(longitude__gte=west, longitude__lte=east)
    opportunities = opportunities.filter(
        longitudes, latitude__gte=box.min_latitude, latitude__lte=box.max_latitude
    )
    if origin == centre:
        return opportunities.filter(Q(distance_km__lte=radius_km))
    distance = distance_km_expression("latitude", "longitude", *centre)
    return opportunities.alias(centre_distance_km=distance).filter(
        centre_distance_km__lte=radius_km
    )


# How a related row points at the opportunity searched: by its own key or by its project's.
_LINKS = {"opportunity": ("opportunity_id", "pk"), "project": ("project_id", "project_id")}


def _having(rows: Any, link: str, **match: object) -> Exists:
    """An opportunity with a row of `rows` that belongs to it (`link`: to the opportunity or
    to its project) and matches."""
    column, outer = _LINKS[link]
    return Exists(rows.objects.filter(**{column: OuterRef(outer)}, **match))


def _filter_hints(
    country: str | None,
    cause: str | None,
    centre: tuple[float, float] | None,
    radius_km: float | None,
) -> list[str]:
    cause_row = reference_rows(Cause, "slug").get(cause) if cause else None
    cause_id = cause_row.pk if cause_row is not None else None
    box = None
    if centre is not None and radius_km:
        bounds = bounding_box(centre[0], centre[1], radius_km)
        if len(bounds.longitude_ranges) == 1:
            west, east = bounds.longitude_ranges[0]
            box = (bounds.min_latitude, bounds.max_latitude, west, east)
    return filter_hints(country=country, cause_id=cause_id, box=box)


def opportunity_search(
    *,
    query: str = "",
    country: str | None = None,
    region: int | None = None,
    city: int | None = None,
    radius_km: float | None = None,
    cause: str | None = None,
    sdg_goal: int | None = None,
    skill: str | None = None,
    language: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    online_only: bool = False,
    open_to_minors: bool = False,
    has_free_seats: bool = False,
    sort: str = "relevance",
    latitude: float | None = None,
    longitude: float | None = None,
    display: bool = True,
) -> QuerySet[Opportunity]:
    """Open opportunities matching every given filter, in the order asked for.

    `cause` and `skill` are slugs, `language` a language code, `country` an ISO code,
    `region`/`city` primary keys. With `city` and `radius_km` the filter is a circle around the
    city (a bounding box on the indexed coordinates, then the exact distance); with `city` alone
    it is that city. Dates are days in the current time zone; an opportunity matches when one
    of its shifts overlaps them, or when it has no shifts (open-ended). Distance is measured
    from `latitude`/`longitude`, or else from the city; rows carry `distance_km`, `rank` (with
    a query), `next_start` and `free_seats` (with `display=False` only the first two: for
    `opportunity_rows` to fill in one page).
    """
    at = timezone.now()
    opportunities = open_opportunities(at=at)
    if country:
        opportunities = opportunities.filter(country_id=country.upper())
    if region:
        opportunities = opportunities.filter(region_id=region)
    centre: tuple[float, float] | None = None
    if city:
        found = reference_rows(City).get(city)
        if found is None:
            return opportunities.none()
        place = (found.latitude, found.longitude)
        if radius_km:
            centre = place
        else:
            opportunities = opportunities.filter(city_id=city)
        if latitude is None or longitude is None:
            latitude, longitude = place
    elif radius_km and latitude is not None and longitude is not None:
        centre = (latitude, longitude)
    if latitude is not None and longitude is not None:
        opportunities = opportunities.annotate(
            distance_km=distance_km_expression("latitude", "longitude", latitude, longitude)
        )
    if centre is not None and radius_km:
        opportunities = _within(opportunities, centre, radius_km, (latitude, longitude))
    terms = query_keys(query) if query else []
    postgres = connections[router.db_for_read(Opportunity)].vendor == "postgresql"
    if cause and cause not in reference_rows(Cause, "slug"):
        return opportunities.none()
    # On PostgreSQL a search with words checks the cause with the index's exact cause key.
    if cause and not (terms and postgres):
        opportunities = opportunities.filter(
            _having(Project.causes.through, "project", cause__slug=cause)
        )
    if sdg_goal:
        opportunities = opportunities.filter(
            _having(Project.sdg_targets.through, "project", sdgtarget__goal_id=sdg_goal)
        )
    if skill:
        opportunities = opportunities.filter(
            _having(Opportunity.skills.through, "opportunity", skill__slug=skill)
        )
    if language:
        opportunities = opportunities.filter(
            _having(OpportunityLanguage, "opportunity", language_id=language)
        )
    if date_from or date_to:
        # A shift ends after the first day when the last one does, and starts before the
        # end of the last day when the first one does: alone, each bound is one column.
        after = _day_start(date_from) if date_from else None
        before = _day_start(date_to + timedelta(days=1)) if date_to else None
        within = Q()
        if after is not None:
            within &= Q(last_end__gt=after)
        if before is not None:
            within &= Q(first_start__lt=before)
        if after is not None and before is not None:
            shifts = Shift.objects.filter(
                opportunity=OuterRef("pk"), end__gt=after, start__lt=before
            )
            within &= Q(Exists(shifts))
        opportunities = opportunities.filter(within | Q(first_start__isnull=True))
    if online_only:
        opportunities = opportunities.filter(is_online=True)
    if open_to_minors:
        opportunities = opportunities.filter(min_age__lt=ADULT_AGE, restricted_category="")
    if has_free_seats:
        # The same rule as the column shown: any free seat now.
        opportunities = opportunities.alias(free_now=FreeSeats(at=at)).filter(free_now__gt=0)
    if terms:
        if postgres:
            hints = _filter_hints(country, cause, centre, radius_km)
            opportunities = opportunities.filter(
                pk__in=matching_ids(terms, "postgresql", hints)
            ).annotate(rank=IndexRank(terms))
        else:
            opportunities = opportunities.filter(pk__in=matching_ids(terms, "sqlite")).annotate(
                rank=Relevance(terms)
            )
    if display:
        opportunities = with_display_columns(opportunities, at=at)
    by_date = (F("first_start").asc(nulls_last=True), "pk")
    if sort == "relevance" and terms:
        return opportunities.order_by(F("rank").desc(nulls_last=True), *by_date)
    if sort == "distance" and latitude is not None and longitude is not None:
        return opportunities.order_by(F("distance_km").asc(nulls_last=True), *by_date)
    return opportunities.order_by(*by_date)
