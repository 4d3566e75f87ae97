"""`seed_demo --scale N`: synthetic volunteers and organisations for benchmarks, and (in
`council.demo.activity`) their profiles, projects, opportunities, shifts and applications.

N volunteers (`v0000001@scale.example` …) and N/50 organisations (`o0000001@scale.example` …;
Russia has about 8 million volunteers and 160,000 organisations), each organisation with one
administrator drawn from the volunteers, a live processing consent and a verified email address
for every volunteer. Row i is a pure function of (seed, i), so a run tops up what an earlier run
made: rows already there are kept and only the missing indices are written. `--scale N` twice
therefore writes nothing the second time, and `--scale 2N` after `--scale N` adds the second
half.

PostgreSQL gets the rows through COPY, SQLite through bulk_create; both in chunks, so memory
does not grow with N.
"""

from __future__ import annotations

import bisect
import itertools
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from council.accounts.consents import current_version
from council.accounts.models import Consent, ConsentPurpose, User
from council.demo import names
from council.demo.bulk import CHUNK_SIZE, Sink, Table, band, chunks, make_sink, mix
from council.demo.personas import DEMO_PASSWORD
from council.lib.translit import search_key, to_latin
from council.orgs.models import (
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
)
from council.reference.models import City

DOMAIN = "scale.example"
VOLUNTEERS_PER_ORGANISATION = 50
MAX_SCALE = 9_999_999  # emails carry a 7-digit index
DEFAULT_SEED = 2026
KZ_PERCENT = 10
HISTORY = timedelta(days=3 * 365)


class ScaleError(Exception):
    pass


def volunteer_email(index: int) -> str:
    return f"v{index:07d}@{DOMAIN}"


def organisation_email(index: int) -> str:
    return f"o{index:07d}@{DOMAIN}"


_mix = mix


@cache
def _latin_and_search(given: str, family: str) -> tuple[str, str, str]:
    given_latin, family_latin = to_latin(given), to_latin(family)
    return given_latin, family_latin, search_key(given, family, given_latin, family_latin)


# --- Generating rows -------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    city_id: int
    region_id: int | None
    country: str
    name_ru: str
    name_kk: str
    name_en: str


@dataclass
class Places:
    """Cities of a country, picked with a probability proportional to population."""

    cities: list[Place]
    cumulative: list[int]

    def pick(self, draw: int) -> Place:
        return self.cities[bisect.bisect_right(self.cumulative, draw % self.cumulative[-1])]


def _places(country: str, limit: int = 200) -> Places:
    rows = list(
        City.objects.filter(country_id=country)
        .order_by("-population", "pk")
        .values("pk", "region_id", "name_ru", "name_kk", "name_en", "population")[:limit]
    )
    cities = [
        Place(
            row["pk"],
            row["region_id"],
            country,
            row["name_ru"] or row["name_en"] or "",
            row["name_kk"] or row["name_ru"] or "",
            row["name_en"] or row["name_ru"] or "",
        )
        for row in rows
    ]
    if not cities:
        raise ScaleError(f"No cities for {country}: run `manage.py load_reference` first.")
    weights = [max(row["population"], 1) for row in rows]
    return Places(cities, list(itertools.accumulate(weights)))


def _existing(model: type[models.Model], prefix: str) -> int:
    """How many scale rows are there; they must be indices 1..count."""
    qs = model._default_manager.filter(email__startswith=prefix, email__endswith=f"@{DOMAIN}")
    count = qs.count()
    if count:
        last = qs.order_by("-email").values_list("email", flat=True).first() or ""
        if last != f"{prefix}{count:07d}@{DOMAIN}":
            raise ScaleError(
                f"{model._meta.db_table} has {count} scale rows but the last one is {last}; "
                "remove the scale rows by hand and run again."
            )
    return count


class Generator:
    def __init__(self, *, seed: int, anchor: datetime) -> None:
        self.seed = seed
        self.anchor = anchor
        self.password = make_password(DEMO_PASSWORD)
        self.consent_version = current_version(ConsentPurpose.PROCESSING)

    def _volunteer_draws(self, index: int) -> tuple[int, int, int, int, int, int]:
        h = _mix(self.seed, index, 1)
        h, country_draw = divmod(h, 100)
        h, female = divmod(h, 2)
        h, given_draw = divmod(h, 1 << 12)
        h, family_draw = divmod(h, 1 << 12)
        h, language_draw = divmod(h, 100)
        seconds = h % int(HISTORY.total_seconds())
        return country_draw, female, given_draw, family_draw, language_draw, seconds

    def volunteer_country(self, index: int) -> str:
        return "KZ" if _mix(self.seed, index, 1) % 100 < KZ_PERCENT else "RU"

    def volunteer_joined(self, index: int) -> datetime:
        return self.anchor - timedelta(seconds=self._volunteer_draws(index)[-1])

    def volunteer_female(self, index: int) -> bool:
        return bool(self._volunteer_draws(index)[1])

    def volunteer(self, index: int) -> tuple[Any, ...]:
        (
            country_draw,
            female,
            given_draw,
            family_draw,
            language_draw,
            seconds,
        ) = self._volunteer_draws(index)
        if country_draw < KZ_PERCENT:
            country = "KZ"
            givens = names.KZ_FEMALE if female else names.KZ_MALE
            family = names.KZ_FAMILY[family_draw % len(names.KZ_FAMILY)]
            language = "kk" if language_draw < 45 else "ru" if language_draw < 95 else "en"
        else:
            country = "RU"
            givens = names.RU_FEMALE if female else names.RU_MALE
            family = names.RU_FAMILY[family_draw % len(names.RU_FAMILY)]
            language = "ru" if language_draw < 97 else "en"
        given = givens[given_draw % len(givens)]
        if female:
            family = names.feminine(family)
        given_latin, family_latin, name_search = _latin_and_search(given, family)
        joined = self.anchor - timedelta(seconds=seconds)
        return (
            volunteer_email(index),
            self.password,
            given,
            family,
            given_latin,
            family_latin,
            name_search,
            language,
            country,
            joined,
        )

    def organisation(self, index: int, places: dict[str, Places]) -> SyntheticOrganisation:
        h = _mix(self.seed, index, 2)
        h, country_draw = divmod(h, 100)
        h, kind_draw = divmod(h, 100)
        h, motto_draw = divmod(h, len(names.MOTTOS))
        h, status_draw = divmod(h, 100)
        h, admin_offset = divmod(h, VOLUNTEERS_PER_ORGANISATION)
        h, city_draw = divmod(h, 1 << 32)
        admin = (index - 1) * VOLUNTEERS_PER_ORGANISATION + 1 + admin_offset
        # Registered by its administrator, so not before that person joined.
        joined: datetime = self.volunteer(admin)[-1]
        created = joined + timedelta(
            seconds=h % max(int((self.anchor - joined).total_seconds()), 1)
        )
        place = places["KZ" if country_draw < KZ_PERCENT else "RU"].pick(city_draw)
        kind, kind_ru, kind_kk, kind_en = _kind(kind_draw)
        motto_ru, motto_kk, motto_en = names.MOTTOS[motto_draw]
        status = band(
            status_draw,
            (90, OrganisationStatus.VERIFIED),
            (98, OrganisationStatus.PENDING),
            otherwise=OrganisationStatus.REJECTED,
        )
        return SyntheticOrganisation(
            index=index,
            kind=kind,
            name_ru=f"{kind_ru} «{motto_ru}», {place.name_ru}",
            name_kk=f"{place.name_kk} «{motto_kk}» {kind_kk}",
            name_en=f"{motto_en} {kind_en}, {place.name_en}",
            place=place,
            status=status,
            created_at=created,
            verified_at=min(created + timedelta(days=3), self.anchor)
            if status != OrganisationStatus.PENDING
            else None,
            admin=admin,
        )


@dataclass(frozen=True)
class SyntheticOrganisation:
    index: int
    kind: str
    name_ru: str
    name_kk: str
    name_en: str
    place: Place
    status: str
    created_at: datetime
    verified_at: datetime | None
    admin: int  # index of the volunteer who administers it

    def row(self, pk: int, admin_id: int, parent_id: int | None) -> tuple[Any, ...]:
        rejected = self.status == OrganisationStatus.REJECTED
        return (
            pk,
            self.kind,
            self.name_ru,
            self.name_ru,
            self.name_kk,
            self.name_en,
            self.place.country,
            self.place.region_id,
            self.place.city_id,
            parent_id,
            organisation_email(self.index),
            self.status,
            "Not a volunteer organisation." if rejected else "",
            self.verified_at,
            admin_id,
            self.created_at,
        )


def _kind(draw: int) -> tuple[str, str, str, str]:
    for kind, share, kind_ru, kind_kk, kind_en in names.KINDS:
        if draw < share:
            return kind, kind_ru, kind_kk, kind_en
        draw -= share
    kind, _share, kind_ru, kind_kk, kind_en = names.KINDS[0]
    return kind, kind_ru, kind_kk, kind_en


USER_FIELDS = (
    "id",
    "email",
    "password",
    "given_name",
    "family_name",
    "given_name_latin",
    "family_name_latin",
    "name_search",
    "preferred_language",
    "home_country_id",
    "date_joined",
)
CONSENT_FIELDS = ("user_id", "purpose", "text_version", "given_at")
EMAIL_FIELDS = ("user_id", "email", "verified", "primary")
ORGANISATION_FIELDS = (
    "id",
    "kind",
    "name",
    "name_ru",
    "name_kk",
    "name_en",
    "country_id",
    "region_id",
    "city_id",
    "parent_id",
    "email",
    "status",
    "rejection_reason",
    "verified_at",
    "created_by_id",
    "created_at",
)
MEMBERSHIP_FIELDS = ("organisation_id", "user_id", "role", "created_at")


class Tables:
    """Made per run, so that callable defaults (timestamps) are fresh."""

    def __init__(self) -> None:
        self.user = Table(User, USER_FIELDS)
        self.consent = Table(Consent, CONSENT_FIELDS)
        self.email = Table(EmailAddress, EMAIL_FIELDS)
        self.organisation = Table(Organisation, ORGANISATION_FIELDS)
        self.membership = Table(Membership, MEMBERSHIP_FIELDS)


_chunks = chunks


def seed_scale(
    volunteers: int,
    *,
    seed: int = DEFAULT_SEED,
    chunk_size: int = CHUNK_SIZE,
    activity: bool = True,
    progress: Callable[[str], None] | None = None,
) -> Counter[str]:
    """Write the missing scale rows up to `volunteers`; return rows written per table. With
    `activity` (the default) also the profiles, projects, opportunities, shifts and applications
    that go with them (see `council.demo.activity`); `progress` gets a line per phase."""
    from council.demo.activity import write_activity

    postgres = connection.vendor == "postgresql"
    sink = make_sink()
    tables = Tables()
    anchor = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    generator = Generator(seed=seed, anchor=anchor)
    organisations = volunteers // VOLUNTEERS_PER_ORGANISATION
    with transaction.atomic():
        started = time.perf_counter()
        _write_volunteers(sink, tables, generator, volunteers, chunk_size)
        _write_organisations(sink, tables, generator, organisations, chunk_size)
        if progress:
            progress(
                f"volunteers and organisations: {sum(sink.rows.values()):,} rows "
                f"in {time.perf_counter() - started:.1f} s"
            )
        if activity:
            write_activity(sink, generator, volunteers, chunk_size=chunk_size, progress=progress)
    if postgres and sink.rows:
        # Fresh statistics and visibility maps (index-only scans), as autovacuum would leave
        # them, so that benchmarks right after the load get realistic plans.
        with connection.cursor() as cursor:
            written = list(sink.rows)
            if "projects_opportunity" in sink.rows:
                written.append("projects_opportunity_search")  # filled beside the sink
            # VACUUM cannot run inside a transaction (a caller's, or a test's): ANALYZE then.
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            for table in written:
                cursor.execute(f"{command} {connection.ops.quote_name(table)}")
    return sink.rows


def _write_volunteers(
    sink: Sink, tables: Tables, generator: Generator, total: int, chunk_size: int
) -> None:
    first = _existing(User, "v") + 1
    for indices in _chunks(first, total, chunk_size):
        ids = sink.reserve_ids(User, len(indices))
        users = [(pk, *generator.volunteer(i)) for pk, i in zip(ids, indices, strict=True)]
        sink.write(tables.user, users)
        version = generator.consent_version
        sink.write(
            tables.consent, ((u[0], ConsentPurpose.PROCESSING, version, u[-1]) for u in users)
        )
        sink.write(tables.email, ((u[0], u[1], True, True) for u in users))


def _write_organisations(
    sink: Sink, tables: Tables, generator: Generator, total: int, chunk_size: int
) -> None:
    first = _existing(Organisation, "o") + 1
    if first > total:
        return
    places = {country: _places(country) for country in ("RU", "KZ")}
    networks = dict(
        Organisation.objects.filter(
            kind=OrganisationKind.NATIONAL_NETWORK, status=OrganisationStatus.VERIFIED
        )
        .order_by("-pk")
        .values_list("country_id", "pk")
    )
    for indices in _chunks(first, total, chunk_size):
        specs = [generator.organisation(i, places) for i in indices]
        admin_emails = {volunteer_email(s.admin) for s in specs}
        admin_ids = dict(User.objects.filter(email__in=admin_emails).values_list("email", "pk"))
        if len(admin_ids) != len(admin_emails):
            raise ScaleError("Some scale volunteers are missing; they must be indices 1..N.")
        ids = sink.reserve_ids(Organisation, len(indices))
        rows = []
        memberships = []
        for pk, spec in zip(ids, specs, strict=True):
            admin_id = admin_ids[volunteer_email(spec.admin)]
            in_network = (
                spec.kind == OrganisationKind.VOLUNTEER_CENTRE
                and spec.status == OrganisationStatus.VERIFIED
            )
            parent_id = networks.get(spec.place.country) if in_network else None
            rows.append(spec.row(pk, admin_id, parent_id))
            memberships.append((pk, admin_id, MembershipRole.ADMIN, spec.created_at))
        sink.write(tables.organisation, rows)
        sink.write(tables.membership, memberships)
