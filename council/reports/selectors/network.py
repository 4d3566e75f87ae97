"""A national network's dashboard: its country by region and by organisation."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from council.hours.models import HoursRollup, RollupKind, VolunteerCount
from council.orgs.models import Organisation, OrganisationStatus
from council.reference.models import Region
from council.reports.selectors.filters import Filters
from council.reports.selectors.sums import CENT, facet_rows


@dataclass
class PlaceRow:
    key: int
    name: str
    hours: Decimal
    volunteers: int


def network_figures(*, country: str, filters: Filters, top: int | None = 20) -> dict[str, Any]:
    """A country by region and by organisation (the `top` organisations by hours), from the
    aggregate tables; and the organisations waiting for the network's verification."""
    scoped = filters.without(countries=(country,), organisation=None)
    period, start = scoped.period
    regions: dict[int, Decimal] = defaultdict(Decimal)
    for row in (
        facet_rows(scoped.without(region=None), RollupKind.ALL, "")
        .filter(during_paid_work=False)
        .values("region")
        .annotate(h=Sum("hours"))
        .order_by()
    ):
        regions[row["region"]] += row["h"] or 0
    region_people = dict(
        VolunteerCount.objects.filter(
            period=period, start=start, country=country, kind=RollupKind.ALL, region__gt=0
        ).values_list("region", "volunteers")
    )
    names = dict(Region.objects.filter(country_id=country).values_list("pk", "name"))
    by_region = sorted(
        (
            PlaceRow(
                pk,
                str(names.get(pk, "—")),
                Decimal(h).quantize(CENT),
                region_people.get(pk, 0),
            )
            for pk, h in regions.items()
            if pk
        ),
        key=lambda row: (-row.hours, row.name),
    )
    organisations = list(
        HoursRollup.objects.filter(
            country=country,
            month__gte=scoped.start,
            month__lte=scoped.end,
            during_paid_work=False,
            **({"region": scoped.region} if scoped.region else {}),
        )
        .values("organisation")
        .annotate(h=Sum("hours"))
        .order_by("-h", "organisation")[:top]
    )
    ids = [row["organisation"] for row in organisations]
    org_people = dict(
        VolunteerCount.objects.filter(
            period=period,
            start=start,
            country=country,
            kind=RollupKind.ORGANISATION,
            key__in=[str(pk) for pk in ids],
        ).values_list("key", "volunteers")
    )
    org_names = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))
    by_organisation = [
        PlaceRow(
            row["organisation"],
            str(org_names.get(row["organisation"], "")),
            Decimal(row["h"] or 0).quantize(CENT),
            org_people.get(str(row["organisation"]), 0),
        )
        for row in organisations
    ]
    pending = Organisation.objects.filter(country_id=country, status=OrganisationStatus.PENDING)
    return {
        "by_region": by_region,
        # Hours of organisations that gave no region: in the country's total, in no region.
        "no_region_hours": Decimal(
            sum((h for pk, h in regions.items() if not pk), Decimal(0))
        ).quantize(CENT),
        "by_organisation": by_organisation,
        "pending": pending.count(),
    }
