"""The public catalogue a node shares with its peers, kind by kind: which rows of each table
are public, and which of their fields, references and child rows go on the wire. The feed's
builder (feed.py) writes records from it and the applier (mirror.py) reads them back with it,
so both sides of the format are the one description below.

A record is a JSON object: plain fields as JSON values (dates and times in ISO 8601, amounts as
strings), translated texts as {"ru", "kk", "en"}, reference data by its public code (country
and language codes, a region's ISO 3166-2 code, a city's GeoNames id, skill and cause codes,
SDG target and ISCO-08 codes), and other records by their owner's id. A record the sender holds
as a copy of a third node's row is named "<node>:<id>" (its id on that node)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from council.cooperation.models import (
    Agreement,
    AgreementExtension,
    AgreementStatus,
    Council,
    CouncilMember,
    Programme,
    Signatory,
)
from council.deployments.models import Assignment, AssignmentLanguage, AssignmentStatus
from council.exchanges.models import (
    Exchange,
    ExchangeCountry,
    ExchangeCriterion,
    ExchangeStatus,
)
from council.forums.models import (
    MEMBER_PENDING,
    SEAT_TAKING,
    DelegationMember,
    Forum,
    ForumSession,
    ForumStatus,
    Quota,
    Registration,
)
from council.orgs.models import Organisation, OrganisationStatus
from council.projects.models import (
    Application,
    ApplicationStatus,
    Opportunity,
    OpportunityLanguage,
    Project,
    ProjectStatus,
    Shift,
)

LANGUAGES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)


@dataclass(frozen=True)
class Ref:
    """A reference to another record of the catalogue (`kind`) held in the foreign key
    `field`; `required` references must resolve on the receiving node."""

    key: str
    field: str
    kind: str
    required: bool = False


@dataclass(frozen=True)
class Code:
    """Reference data (countries, cities, skills…) named by its public code: the field
    `lookup` of the related row ("pk" when the primary key is the code)."""

    key: str
    field: str
    lookup: str = "pk"


@dataclass(frozen=True)
class Child:
    """Rows that belong to a record and travel inside it (an opportunity's language
    requirements, an agreement's signatories): replaced as a whole on the receiving node."""

    key: str
    related: str  # the accessor on the record: `opportunity.languages`
    model: type[models.Model]
    parent: str  # the child's foreign key to the record
    fields: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    codes: tuple[Code, ...] = ()
    refs: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[models.Model]
    # The local rows that are public (the row's own `origin_node == ""` is added to it).
    public: Q
    fields: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    refs: tuple[Ref, ...] = ()
    many: tuple[Ref, ...] = ()  # many-to-many references: `field` is the accessor
    codes: tuple[Code, ...] = ()
    code_sets: tuple[Code, ...] = ()  # many-to-many reference data
    children: tuple[Child, ...] = ()
    # The seats taken now, as an annotation (shifts, opportunities without shifts, quotas).
    taken: Callable[[], Any] | None = None
    more: Callable[[Any], dict[str, Any]] | None = None
    related: tuple[str, ...] = field(default=())  # more select_related for `more`

    def public_rows(self) -> models.QuerySet[Any]:
        return self.model._default_manager.filter(self.public, origin_node="")


def _count(model: type[models.Model], outer: str, **conditions: Any) -> Coalesce:
    rows = (
        model._default_manager.filter(**{outer: OuterRef("pk")}, **conditions)
        .order_by()
        .values(outer)
        .annotate(number=Count("pk"))
        .values("number")
    )
    return Coalesce(Subquery(rows, output_field=models.IntegerField()), Value(0))


def _shift_taken() -> Any:
    return _count(Application, "shift", status=ApplicationStatus.CONFIRMED)


def _opportunity_taken() -> Any:
    return _count(
        Application, "opportunity", status=ApplicationStatus.CONFIRMED, shift__isnull=True
    )


def _quota_taken() -> Any:
    """As the forum's pages count it: confirmed registrations and live holds, and delegation
    members invited or nominated (council.forums.selectors.quota_availability)."""
    return _count(Registration, "quota", status__in=SEAT_TAKING) + _count(
        DelegationMember, "delegation__quota", status__in=MEMBER_PENDING
    )


def _forum_quotas(forum: Any) -> dict[str, Any]:
    """The ids of the forum's quotas: a forum without any is refused by peers."""
    return {"quotas": [str(quota.pk) for quota in forum.quotas.all()]}


VERIFIED = Q(status=OrganisationStatus.VERIFIED)
PUBLISHED_PROJECT = Q(status=ProjectStatus.PUBLISHED, owner__status=OrganisationStatus.VERIFIED)
PUBLIC_OPPORTUNITY = Q(
    is_published=True,
    members_only=False,  # a company's employee programme is not listed to the public
    project__status=ProjectStatus.PUBLISHED,
    project__owner__status=OrganisationStatus.VERIFIED,
)
PUBLISHED_FORUM = Q(status=ForumStatus.PUBLISHED, host__status=OrganisationStatus.VERIFIED)


def _under(prefix: str, condition: Q) -> Q:
    """`condition` on the row that `prefix` leads to."""
    children: list[Any] = []
    for child in condition.children:
        if isinstance(child, Q):
            children.append(_under(prefix, child))
        else:
            name, value = cast(tuple[str, Any], child)
            children.append((f"{prefix}__{name}", value))
    return Q(*children, _connector=condition.connector, _negated=condition.negated)


LANGUAGE_LEVELS = (Code("language", "language"),)

KINDS: tuple[Kind, ...] = (
    # The public profile, as the organisation's page shows it (no contact email, no
    # taxpayer number, no logo file).
    Kind(
        "organisation",
        Organisation,
        VERIFIED,
        fields=("kind", "status", "registration_number", "website", "created_at"),
        texts=("name", "description"),
        refs=(Ref("parent", "parent", "organisation"),),
        codes=(
            Code("country", "country"),
            Code("region", "region", "code"),
            Code("city", "city", "geonames_id"),
        ),
    ),
    Kind(
        "project",
        Project,
        PUBLISHED_PROJECT,
        fields=("status", "start_date", "end_date", "is_flagship", "countries", "created_at"),
        texts=("title", "description"),
        refs=(Ref("owner", "owner", "organisation", required=True),),
        many=(Ref("partners", "partners", "organisation"),),
        code_sets=(Code("causes", "causes", "slug"), Code("sdg_targets", "sdg_targets", "code")),
    ),
    Kind(
        "opportunity",
        Opportunity,
        PUBLIC_OPPORTUNITY,
        fields=(
            "min_age",
            "medical_required",
            "restricted_category",
            "is_online",
            "address",
            "latitude",
            "longitude",
            "timezone",
            "application_mode",
            "capacity",
            "created_at",
        ),
        texts=("title", "description", "questions"),
        refs=(Ref("project", "project", "project", required=True),),
        codes=(Code("city", "city", "geonames_id"), Code("isco_group", "isco_group")),
        code_sets=(Code("skills", "skills", "slug"),),
        children=(
            Child(
                "languages",
                "languages",
                OpportunityLanguage,
                "opportunity",
                fields=("min_level",),
                codes=LANGUAGE_LEVELS,
            ),
        ),
        taken=_opportunity_taken,
    ),
    Kind(
        "shift",
        Shift,
        _under("opportunity", PUBLIC_OPPORTUNITY),
        fields=("start", "end", "capacity"),
        refs=(Ref("opportunity", "opportunity", "opportunity", required=True),),
        taken=_shift_taken,
    ),
    Kind(
        "forum",
        Forum,
        PUBLISHED_FORUM,
        fields=(
            "timezone",
            "starts_on",
            "ends_on",
            "capacity",
            "registration_opens",
            "registration_closes",
            "substitution_deadline",
            "hold_hours",
            "status",
            "created_at",
        ),
        texts=("title", "description", "venue"),
        refs=(
            Ref("host", "host", "organisation", required=True),
            Ref("volunteer_project", "volunteer_project", "project"),
        ),
        many=(Ref("co_hosts", "co_hosts", "organisation"),),
        codes=(Code("city", "city", "geonames_id"),),
        code_sets=(Code("languages", "languages"),),
        more=_forum_quotas,
    ),
    Kind(
        "quota",
        Quota,
        _under("forum", PUBLISHED_FORUM),
        fields=("kind", "size", "close_when_full"),
        texts=("name",),
        refs=(
            Ref("forum", "forum", "forum", required=True),
            Ref("organisation", "organisation", "organisation"),
        ),
        codes=(Code("country", "country"),),
        taken=_quota_taken,
    ),
    Kind(
        "forum_session",
        ForumSession,
        _under("forum", PUBLISHED_FORUM),
        fields=("track", "room", "start", "end", "capacity"),
        texts=("title",),
        refs=(Ref("forum", "forum", "forum", required=True),),
    ),
    # Councils and their member organisations are public (council.cooperation.access).
    Kind(
        "council",
        Council,
        Q(),
        fields=("founded_on",),
        texts=("name", "description", "founded_at"),
        children=(
            Child(
                "members",
                "members",
                CouncilMember,
                "council",
                fields=("joined_on",),
                refs=(Ref("organisation", "organisation", "organisation", required=True),),
            ),
        ),
    ),
    # An agreement past its draft, as its public page shows it: parties, term, funding,
    # directions, signatories and extensions (not the signed copies).
    Kind(
        "agreement",
        Agreement,
        ~Q(status=AgreementStatus.DRAFT),
        fields=(
            "signed_on",
            "starts_on",
            "ends_on",
            "funding_amount",
            "funding_currency",
            "status",
        ),
        texts=("title", "directions", "signed_at", "funding_source"),
        refs=(Ref("council", "council", "council", required=True),),
        many=(Ref("parties", "parties", "organisation"),),
        children=(
            Child(
                "signatories",
                "signatories",
                Signatory,
                "agreement",
                fields=("name",),
                texts=("position",),
                refs=(Ref("organisation", "organisation", "organisation", required=True),),
            ),
            Child(
                "extensions",
                "extensions",
                AgreementExtension,
                "agreement",
                fields=("previous_ends_on", "ends_on", "signed_on", "note"),
            ),
        ),
    ),
    Kind(
        "programme",
        Programme,
        Q(),
        fields=("started_on",),
        texts=("name", "description"),
        refs=(
            Ref("council", "council", "council"),
            Ref("agreement", "agreement", "agreement"),
        ),
        many=(
            Ref("organisations", "organisations", "organisation"),
            Ref("projects", "projects", "project"),
        ),
        code_sets=(Code("countries", "countries"),),
    ),
    Kind(
        "exchange",
        Exchange,
        ~Q(status=ExchangeStatus.DRAFT),
        fields=("starts_on", "ends_on", "applications_close", "status"),
        texts=("title", "description"),
        refs=(
            Ref("council", "council", "council", required=True),
            Ref("programme", "programme", "programme"),
            Ref("project", "project", "project"),
        ),
        children=(
            Child(
                "countries",
                "countries",
                ExchangeCountry,
                "exchange",
                fields=("quota",),
                codes=(Code("country", "country"),),
                refs=(Ref("network", "network", "organisation", required=True),),
            ),
            Child(
                "criteria",
                "criteria",
                ExchangeCriterion,
                "exchange",
                fields=("max_score",),
                texts=("name",),
            ),
        ),
    ),
    Kind(
        "assignment",
        Assignment,
        ~Q(status=AssignmentStatus.DRAFT) & Q(host__status=OrganisationStatus.VERIFIED),
        fields=("duty_station", "starts_on", "months", "funding_line", "status"),
        texts=("title", "description"),
        refs=(
            Ref("council", "council", "council", required=True),
            Ref("host", "host", "organisation", required=True),
            Ref("funding_agreement", "funding_agreement", "agreement"),
            Ref("programme", "programme", "programme"),
        ),
        codes=(Code("country", "country"),),
        code_sets=(Code("skills", "skills", "slug"),),
        children=(
            Child(
                "languages",
                "languages",
                AssignmentLanguage,
                "assignment",
                fields=("min_level",),
                codes=LANGUAGE_LEVELS,
            ),
        ),
    ),
)

KINDS_BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}
ORDER: tuple[str, ...] = tuple(kind.name for kind in KINDS)


def visible(kind: str, row: Any) -> bool:
    """Whether a row named by an optional reference is one peers may know: a verified
    organisation, a published project; other kinds are public when they exist."""
    if kind == "organisation":
        return bool(row.status == OrganisationStatus.VERIFIED)
    if kind == "project":
        return bool(row.status == ProjectStatus.PUBLISHED)
    return True


def ref_of(row: Any) -> str:
    """A record's name on the wire: its id here, or "<node>:<id>" for a copy of another
    node's row."""
    if row.origin_node:
        return f"{row.origin_node}:{row.origin_key}"
    return str(row.pk)
