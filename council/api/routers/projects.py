"""Projects, their opportunities and shifts; the opportunity search, "for you" and suggested
volunteers.

Reads of published projects are public; writes are for organisers (administrators and
coordinators) of the owner organisation and go through the services of
council/projects/services/projects.py, which hold the rules. The organiser pages' forms check
the input first, so that errors name the field as they do on the pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Annotated, Any, Literal, cast
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict, StrictFloat

from council.api.auth import PUBLIC
from council.api.pagination import (
    MAX_LIMIT,
    CursorParams,
    decode_cursor,
    encode_cursor,
    page_of,
    paginate,
)
from council.api.routers.orgs import CountryRef, PlaceRef
from council.api.schemas import (
    JSON_NUMBER,
    CountryCode,
    Day,
    Flag,
    Id,
    LanguageTag,
    LongText,
    Names,
    PlainText,
    PlanDate,
    SdgGoalNumber,
    SdgTargetCode,
    SearchText,
    Slug,
    StrictId,
    names_of,
)
from council.lib.pagination import MAX_ROWS
from council.orgs.models import Organisation
from council.projects.access import (
    get_opportunity_for_editor,
    get_opportunity_for_viewer,
    get_project_for_editor,
    get_project_for_viewer,
    get_shift_for_editor,
    organisations_for_organiser,
    visible_opportunities,
)
from council.projects.forms.manage import OpportunityForm, ProjectForm, language_formset
from council.projects.forms.search import MAX_RADIUS_KM, OpportunitySearchForm
from council.projects.models import (
    ApplicationMode,
    Opportunity,
    Project,
    ProjectStatus,
    RestrictedCategory,
    Shift,
)
from council.projects.selectors.applications import shifts_with_seats
from council.projects.selectors.matching import (
    OpportunityMatch,
    VolunteerMatch,
    opportunities_for_you,
    volunteers_suggested,
)
from council.projects.selectors.search import (
    FreeSeats,
    NextStart,
    opportunity_search,
)
from council.projects.services import projects as services
from council.projects.services.applications import free_seats
from council.projects.services.projects import MAX_AGE, MAX_CAPACITY, MAX_LANGUAGE_REQUIREMENTS
from council.reference.models import Cause, CefrLevel, Country, SdgTarget
from council.volunteers.models import AgeBand

router = Router(tags=["projects"])

MAX_MATCHES = 50


# --- schemas --------------------------------------------------------------------------------


class OrganisationRef(Schema):
    id: int
    name: str
    country: str = Field(description="ISO 3166-1 alpha-2 code")

    @staticmethod
    def resolve_country(obj: Organisation) -> str:
        return obj.country_id


class CauseRef(Schema):
    slug: str
    name: str


class SdgTargetRef(Schema):
    code: str
    goal: int
    title: str

    @staticmethod
    def resolve_goal(obj: SdgTarget) -> int:
        return obj.goal_id


class SkillRef(Schema):
    slug: str
    name: str


class LanguageRequirement(Schema):
    language: LanguageTag = Field(description="BCP 47 tag, as in /reference/languages")
    min_level: CefrLevel


class ProjectRef(Schema):
    id: int
    title: str
    status: ProjectStatus


class ProgrammeRef(Schema):
    id: int
    name: str


class ProjectOut(Schema):
    id: int
    status: ProjectStatus
    title: str = Field(description="In the request's language, falling back to another")
    titles: Names
    description: str
    descriptions: Names
    programmes: list[ProgrammeRef] = Field(description="The programmes it belongs to")
    owner: OrganisationRef
    partners: list[OrganisationRef]
    countries: list[CountryRef] = Field(description="Of the owner and the partners")
    is_joint: bool = Field(description="Its organisations span more than one country")
    is_flagship: bool
    causes: list[CauseRef]
    sdg_targets: list[SdgTargetRef]
    start_date: date | None
    end_date: date | None
    created_at: datetime

    @staticmethod
    def resolve_titles(obj: Project) -> dict[str, str | None]:
        return names_of(obj, "title")

    @staticmethod
    def resolve_description(obj: Project) -> str:
        return obj.description or ""

    @staticmethod
    def resolve_descriptions(obj: Project) -> dict[str, str | None]:
        return names_of(obj, "description")

    @staticmethod
    def resolve_partners(obj: Project) -> list[Organisation]:
        return sorted(obj.partners.all(), key=lambda partner: (str(partner.name), partner.pk))

    @staticmethod
    def resolve_countries(obj: Project) -> list[dict[str, str]]:
        names: dict[str, str] = getattr(obj, "country_names", {})
        return [{"code": code, "name": names.get(code, code)} for code in obj.countries]

    @staticmethod
    def resolve_causes(obj: Project) -> list[Cause]:
        return sorted(obj.causes.all(), key=lambda cause: (cause.position, cause.slug))

    @staticmethod
    def resolve_sdg_targets(obj: Project) -> list[SdgTarget]:
        return sorted(obj.sdg_targets.all(), key=lambda target: (target.goal_id, target.position))

    @staticmethod
    def resolve_programmes(obj: Project) -> list[dict[str, Any]]:
        programmes = obj.programmes.all()  # type: ignore[attr-defined]
        return [{"id": programme.pk, "name": str(programme.name)} for programme in programmes]


class ShiftOut(Schema):
    id: int
    start: datetime = Field(description="UTC")
    end: datetime = Field(description="UTC")
    timezone: str = Field(description="IANA time zone of the place, for showing local times")
    capacity: int
    confirmed: int
    waiting: int = Field(description="On the waiting list")
    free_seats: int

    @staticmethod
    def resolve_timezone(obj: Shift) -> str:
        return obj.opportunity.timezone

    @staticmethod
    def resolve_free_seats(obj: Any) -> int:
        return max(obj.capacity - obj.confirmed, 0)


class OpportunityOut(Schema):
    id: int
    project: ProjectRef
    title: str = Field(description="In the request's language, falling back to another")
    titles: Names
    is_online: bool
    country: str | None = Field(description="ISO 3166-1 alpha-2 code")
    region: int | None = Field(description="Region id")
    city: PlaceRef | None
    address: str
    latitude: float | None
    longitude: float | None
    timezone: str = Field(description="IANA time zone; shift times are shown in it")
    application_mode: ApplicationMode
    min_age: int
    medical_required: bool
    restricted_category: RestrictedCategory | None = Field(
        description="Work barred to volunteers under 18"
    )
    first_start: datetime | None = Field(description="Start of the first shift, UTC")
    last_end: datetime | None = Field(description="End of the last shift, UTC")
    next_start: datetime | None = Field(None, description="Start of the next upcoming shift")
    free_seats: int | None = Field(
        None, description="Over the upcoming shifts, or of the opportunity without shifts"
    )
    distance_km: float | None = Field(
        None, description="In search results, from the city or coordinates given"
    )

    @staticmethod
    def resolve_titles(obj: Opportunity) -> dict[str, str | None]:
        return names_of(obj, "title")

    @staticmethod
    def resolve_country(obj: Opportunity) -> str | None:
        return obj.country_id

    @staticmethod
    def resolve_region(obj: Opportunity) -> int | None:
        return obj.region_id

    @staticmethod
    def resolve_restricted_category(obj: Opportunity) -> str | None:
        return obj.restricted_category or None

    @staticmethod
    def resolve_next_start(obj: Opportunity) -> datetime | None:
        return getattr(obj, "next_start", None)

    @staticmethod
    def resolve_distance_km(obj: Opportunity) -> float | None:
        distance = getattr(obj, "distance_km", None)
        return round(distance, 1) if distance is not None else None


class OpportunityDetailOut(OpportunityOut):
    description: str
    descriptions: Names
    questions: list[str] = Field(description="Questions for applicants, one answer each")
    skills: list[SkillRef]
    languages: list[LanguageRequirement]
    capacity: int = Field(description="Used when the opportunity has no shifts")
    is_published: bool
    shifts: list[ShiftOut] = Field(description="Upcoming shifts, with their seats")

    @staticmethod
    def resolve_description(obj: Opportunity) -> str:
        return obj.description or ""

    @staticmethod
    def resolve_descriptions(obj: Opportunity) -> dict[str, str | None]:
        return names_of(obj, "description")

    @staticmethod
    def resolve_questions(obj: Opportunity) -> list[str]:
        return obj.question_list

    @staticmethod
    def resolve_skills(obj: Opportunity) -> list[Any]:
        return list(obj.skills.order_by("slug"))

    @staticmethod
    def resolve_languages(obj: Opportunity) -> list[dict[str, str]]:
        rows = obj.languages.order_by("language__position", "language_id")
        return [{"language": row.language_id, "min_level": row.min_level} for row in rows]

    @staticmethod
    def resolve_shifts(obj: Opportunity) -> list[Shift]:
        return cast(list[Shift], getattr(obj, "shift_rows", []))


class OpportunityMatchOut(Schema):
    opportunity: OpportunityOut
    score: int
    reasons: list[str] = Field(description="Why it fits, in the request's language")

    @staticmethod
    def resolve_opportunity(obj: OpportunityMatch) -> Opportunity:
        opportunity = obj.opportunity
        opportunity.next_start = obj.next_start  # type: ignore[attr-defined]
        return opportunity


class SuggestedVolunteer(Schema):
    id: int
    name: str
    city: PlaceRef | None
    age_band: AgeBand | None


class VolunteerMatchOut(Schema):
    volunteer: SuggestedVolunteer
    score: int
    reasons: list[str] = Field(description="Why they fit, in the request's language")

    @staticmethod
    def resolve_volunteer(obj: VolunteerMatch) -> dict[str, Any]:
        profile = obj.profile
        band = profile.age_band(timezone.localdate())
        return {
            "id": profile.user_id,
            "name": profile.user.display_name,
            "city": profile.city,
            "age_band": band,
        }


class ProjectFilter(CursorParams):
    country: CountryCode | None = Field(
        None, description="ISO 3166-1 alpha-2 code of the owner or a partner"
    )
    owner: Id | None = Field(None, description="Id of the owner organisation")


class _TextsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title_ru: PlainText | None = Field(None, max_length=200)
    title_kk: PlainText | None = Field(None, max_length=200)
    title_en: PlainText | None = Field(None, max_length=200)
    description_ru: LongText | None = None
    description_kk: LongText | None = None
    description_en: LongText | None = None


class ProjectPatch(_TextsIn):
    """The fields to change; fields left out keep their value, lists replace the whole list."""

    causes: list[Slug] = Field([], description="Cause slugs")
    sdg_targets: list[SdgTargetCode] = Field([], description="SDG target codes, such as 14.1")
    partners: list[StrictId] = Field([], description="Ids of verified partner organisations")
    start_date: PlanDate | None = None
    end_date: PlanDate | None = None
    is_flagship: Flag = False


class ProjectIn(ProjectPatch):
    """A new project, saved as a draft. Give the title in at least one language."""

    owner: StrictId = Field(description="Id of an organisation the caller organises for")


class OpportunityIn(_TextsIn):
    """A new opportunity: onsite in a city of the owner's or a partner's country, or online.
    Fields left out take their defaults."""

    questions_ru: LongText | None = Field(None, description="One question per line")
    questions_kk: LongText | None = None
    questions_en: LongText | None = None
    min_age: Annotated[int, Field(ge=0, le=MAX_AGE), JSON_NUMBER] = 0
    medical_required: Flag = False
    restricted_category: RestrictedCategory | None = None
    members_only: Flag = Field(False, description="Only the owner's members (employees) see it")
    is_online: Flag = False
    city: StrictId | None = Field(None, description="City id")
    address: PlainText = Field("", max_length=300)
    latitude: StrictFloat | None = Field(
        None, ge=-90, le=90, description="Taken from the city when left out"
    )
    longitude: StrictFloat | None = Field(None, ge=-180, le=180)
    timezone: str | None = Field(
        None, max_length=64, description="IANA time zone; from the city if left out"
    )
    application_mode: ApplicationMode = ApplicationMode.REVIEW
    capacity: Annotated[int, Field(ge=0, le=MAX_CAPACITY), JSON_NUMBER] = Field(
        0, description="Used when the opportunity has no shifts"
    )
    skills: list[Slug] = Field([], description="Skill slugs")
    languages: list[LanguageRequirement] = Field([], max_length=MAX_LANGUAGE_REQUIREMENTS)


class OpportunityPatch(OpportunityIn):
    """The fields to change; fields left out keep their value, lists replace the whole list."""


ShiftCapacity = Annotated[int, Field(ge=1, le=MAX_CAPACITY), JSON_NUMBER]


class ShiftIn(Schema):
    """Times in ISO 8601; a time without an offset is on the opportunity's local clock."""

    model_config = ConfigDict(extra="forbid")

    start: datetime
    end: datetime
    capacity: ShiftCapacity


class ShiftPatch(Schema):
    """The fields to change; fields left out keep their value."""

    model_config = ConfigDict(extra="forbid")

    start: datetime | None = None
    end: datetime | None = None
    capacity: ShiftCapacity | None = None


SearchSort = Literal["relevance", "date", "distance"]


class SearchParams(CursorParams):
    """The search page's filters, by the same names."""

    q: SearchText | None = Field(
        None, description="Words, in any form, in Russian, Kazakh or English"
    )
    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 code")
    region: Id | None = Field(None, description="Region id")
    city: Id | None = Field(None, description="City id")
    radius: int | None = Field(
        None, ge=1, le=MAX_RADIUS_KM, description="Kilometres around the city"
    )
    cause: Slug | None = Field(None, description="Cause slug")
    sdg: SdgGoalNumber | None = Field(None, description="SDG goal number")
    skill: Slug | None = Field(None, description="Skill slug")
    language: LanguageTag | None = Field(None, description="Working language, BCP 47 tag")
    date_from: Day | None = None
    date_to: Day | None = None
    online: bool = Field(False, description="Online only")
    minors: bool = Field(False, description="Open to volunteers under 18")
    free: bool = Field(False, description="With free seats")
    sort: SearchSort | None = Field(None, description="Relevance (the default) needs `q`")


class MatchParams(Schema):
    limit: int = Field(20, ge=1, le=MAX_MATCHES)


# --- helpers --------------------------------------------------------------------------------


def _project_details() -> list[Any]:
    return [
        Prefetch("partners", Organisation.objects.order_by("name", "pk")),
        "causes",
        Prefetch("sdg_targets", SdgTarget.objects.order_by("goal_id", "position")),
        "programmes",
    ]


def _with_country_names(projects: Iterable[Project]) -> None:
    """Give each project the names of its countries, with one query for all."""
    projects = list(projects)
    codes = {code for project in projects for code in project.countries}
    names = dict(Country.objects.filter(code__in=codes).values_list("code", "name"))
    for project in projects:
        project.country_names = names  # type: ignore[attr-defined]


def _project_out(project: Project) -> Project:
    _with_country_names([project])
    return project


def _valid(form: BaseForm) -> None:
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())


def _slugs_of(rows: Iterable[Any], field: str = "slug") -> list[str]:
    return [getattr(row, field) for row in rows]


def _project_form(data: dict[str, Any], **kwargs: Any) -> ProjectForm:
    form = ProjectForm(data=data, **kwargs)
    # Causes by slug and targets by code, as the reference endpoints give them.
    form.fields["causes"].to_field_name = "slug"  # type: ignore[attr-defined]
    form.fields["sdg_targets"].to_field_name = "code"  # type: ignore[attr-defined]
    return form


def _project_data(project: Project) -> dict[str, Any]:
    """The project's stored values, as the organiser form takes them."""
    data = {name: getattr(project, name) for name in services.PROJECT_FIELDS if name != "cover"}
    data["causes"] = _slugs_of(project.causes.all())
    data["sdg_targets"] = _slugs_of(project.sdg_targets.all(), "code")
    data["partners"] = [partner.pk for partner in project.partners.all()]
    return data


def _opportunity_data(opportunity: Opportunity) -> dict[str, Any]:
    """The opportunity's stored values, as the organiser form takes them."""
    data = {name: getattr(opportunity, name) for name in services.OPPORTUNITY_FIELDS}
    data["city"] = opportunity.city_id
    data["skills"] = _slugs_of(opportunity.skills.all())
    return data


def _opportunity_form(data: dict[str, Any], **kwargs: Any) -> OpportunityForm:
    form = OpportunityForm(data={k: "" if v is None else v for k, v in data.items()}, **kwargs)
    form.fields["skills"].to_field_name = "slug"  # type: ignore[attr-defined]
    return form


def _languages(requirements: list[LanguageRequirement]) -> list[Any]:
    """(language, level) pairs checked by the organiser page's formset; errors name the row."""
    data: dict[str, Any] = {
        "languages-TOTAL_FORMS": str(len(requirements)),
        "languages-INITIAL_FORMS": "0",
    }
    for number, item in enumerate(requirements):
        data[f"languages-{number}-language"] = item.language
        data[f"languages-{number}-min_level"] = item.min_level
    formset = language_formset(data)
    if not formset.is_valid():
        errors: dict[str, list[ValidationError]] = {}
        for number, form in enumerate(formset.forms):
            for field, messages in form.errors.as_data().items():
                errors[f"languages.{number}.{field}"] = messages
        if formset.non_form_errors():
            errors["languages"] = formset.non_form_errors().as_data()
        raise ValidationError(errors)
    return formset.requirements()


def _opportunity_out(opportunity: Opportunity) -> Opportunity:
    """The opportunity with its upcoming shifts and free seats, as the page shows them."""
    shifts = list(shifts_with_seats(opportunity=opportunity))
    opportunity.shift_rows = shifts  # type: ignore[attr-defined]
    if opportunity.first_start is None:
        opportunity.free_seats = free_seats(  # type: ignore[attr-defined]
            opportunity=opportunity, shift=None
        )
    else:
        opportunity.free_seats = sum(  # type: ignore[attr-defined]
            max(shift.capacity - shift.confirmed, 0)  # type: ignore[attr-defined]
            for shift in shifts
        )
    opportunity.next_start = shifts[0].start if shifts else None  # type: ignore[attr-defined]
    return opportunity


def _shift_out(shift: Shift) -> Shift:
    return shifts_with_seats(opportunity=shift.opportunity, upcoming_only=False).get(pk=shift.pk)


def _local(moment: datetime, zone: str) -> datetime:
    """A time without an offset is on the place's clock."""
    if timezone.is_naive(moment):
        return timezone.make_aware(moment, ZoneInfo(zone))
    return moment


def _paginate_by_position(
    queryset: QuerySet[Any], *, key: str, params: CursorParams
) -> dict[str, Any]:
    """A page of a list in an order that is not one column (relevance, distance): the cursor
    holds the position of the next item."""
    limit = min(params.limit, MAX_LIMIT)
    offset = 0
    if params.cursor:
        offset, _pk = decode_cursor(params.cursor, key)
        if not isinstance(offset, int) or not 0 <= offset <= MAX_ROWS:
            raise ValidationError(
                {"cursor": _("This cursor is not valid; start from the first page.")}
            )
    rows = list(queryset[offset : offset + limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(key, offset + limit, 0)
    return {"items": rows, "next_cursor": next_cursor}


# --- projects -------------------------------------------------------------------------------


@router.get("/projects", response=page_of(ProjectOut), auth=PUBLIC)
def project_list(request: HttpRequest, filters: Query[ProjectFilter]) -> dict[str, Any]:
    """Published projects, newest first."""
    projects = (
        Project.objects.filter(status=ProjectStatus.PUBLISHED)
        .select_related("owner")
        .prefetch_related(*_project_details())
    )
    if filters.country:
        code = filters.country.upper()
        partnered = Project.partners.through.objects.filter(
            project_id=OuterRef("pk"), organisation__country_id=code
        )
        projects = projects.filter(Q(owner__country_id=code) | Q(Exists(partnered)))
    if filters.owner:
        projects = projects.filter(owner_id=filters.owner)
    page = paginate(projects, key="-created_at", params=filters)
    _with_country_names(page["items"])
    return page


@router.get("/projects/{project_id}", response=ProjectOut, auth=PUBLIC)
def project_detail(request: HttpRequest, project_id: Id) -> Project:
    """A published, completed or cancelled project; a draft only to its owner's members."""
    return _project_out(get_project_for_viewer(user=request.user, pk=project_id))


@router.post("/projects", response={201: ProjectOut})
def project_create(request: HttpRequest, payload: ProjectIn) -> Status[Project]:
    """Create a draft project for an organisation the caller administers or coordinates."""
    owners = organisations_for_organiser(user=request.user)
    if not owners.exists():
        raise PermissionDenied
    form = _project_form(payload.model_dump(), owners=owners)
    _valid(form)
    project = services.project_create(actor=request.user, **form.service_kwargs())
    return Status(201, _project_out(project))


@router.patch("/projects/{project_id}", response=ProjectOut)
def project_update(request: HttpRequest, project_id: Id, payload: ProjectPatch) -> Project:
    """Change a project's texts, dates, causes, SDG targets and partners (organisers)."""
    project = get_project_for_editor(user=request.user, pk=project_id)
    data = {**_project_data(project), **payload.model_dump(exclude_unset=True)}
    form = _project_form(data, instance=project)
    _valid(form)
    project = services.project_update(actor=request.user, project=project, **form.service_kwargs())
    return _project_out(project)


def _transition(request: HttpRequest, project_id: Id, service: Callable[..., Project]) -> Project:
    project = get_project_for_editor(user=request.user, pk=project_id)
    return _project_out(service(actor=request.user, project=project))


@router.post("/projects/{project_id}/publish", response=ProjectOut)
def project_publish(request: HttpRequest, project_id: Id) -> Project:
    """Publish a draft: its opportunities become searchable and open for applications."""
    return _transition(request, project_id, services.project_publish)


@router.post("/projects/{project_id}/complete", response=ProjectOut)
def project_complete(request: HttpRequest, project_id: Id) -> Project:
    return _transition(request, project_id, services.project_complete)


@router.post("/projects/{project_id}/cancel", response=ProjectOut)
def project_cancel(request: HttpRequest, project_id: Id) -> Project:
    return _transition(request, project_id, services.project_cancel)


# --- opportunities --------------------------------------------------------------------------


@router.get("/projects/{project_id}/opportunities", response=page_of(OpportunityOut), auth=PUBLIC)
def project_opportunities(
    request: HttpRequest, project_id: Id, page: Query[CursorParams]
) -> dict[str, Any]:
    """The project's opportunities, in the order they were added."""
    project = get_project_for_viewer(user=request.user, pk=project_id)
    at = timezone.now()
    opportunities = (
        visible_opportunities(user=request.user, project=project)
        .select_related("city")
        .annotate(next_start=NextStart(at=at), free_seats=FreeSeats(at=at))
        .order_by()
    )
    result = paginate(opportunities, key="created_at", params=page)
    for opportunity in result["items"]:
        opportunity.project = project
    return result


# Before /opportunities/{opportunity_id}, whose path they would otherwise look like.
@router.get("/opportunities/search", response=page_of(OpportunityOut), auth=PUBLIC, tags=["search"])
def opportunity_search_list(request: HttpRequest, filters: Query[SearchParams]) -> dict[str, Any]:
    """Open opportunities matching every filter given, as on the search page: full text in
    Russian, Kazakh and English (any word form), place (a city, optionally with a radius),
    cause, SDG goal, skill, language, dates, online, open to minors, with free seats."""
    data = filters.model_dump(exclude={"cursor", "limit"}, exclude_none=True)
    if "country" in data:
        data["country"] = data["country"].upper()
    form = OpportunitySearchForm(data=data)
    _valid(form)
    search = form.search_filters()
    opportunities = opportunity_search(**search)
    return _paginate_by_position(opportunities, key=f"search-{search['sort']}", params=filters)


@router.get("/opportunities/for-you", response=list[OpportunityMatchOut], tags=["search"])
def opportunity_for_you(request: HttpRequest, params: Query[MatchParams]) -> list[OpportunityMatch]:
    """Open opportunities that fit the caller's volunteer profile, best first, with the
    reasons; empty without a profile."""
    return opportunities_for_you(user=request.user, limit=params.limit)


@router.get("/opportunities/{opportunity_id}", response=OpportunityDetailOut, auth=PUBLIC)
def opportunity_detail(request: HttpRequest, opportunity_id: Id) -> Opportunity:
    """An opportunity with its upcoming shifts and their free seats."""
    opportunity = get_opportunity_for_viewer(user=request.user, pk=opportunity_id)
    return _opportunity_out(opportunity)


@router.get(
    "/opportunities/{opportunity_id}/suggestions",
    response=list[VolunteerMatchOut],
    tags=["search"],
)
def opportunity_suggestions(
    request: HttpRequest, opportunity_id: Id, params: Query[MatchParams]
) -> list[VolunteerMatch]:
    """Volunteers who let organisers find them and fit this opportunity, best first
    (organisers of the project)."""
    opportunity = get_opportunity_for_editor(user=request.user, pk=opportunity_id)
    return volunteers_suggested(opportunity=opportunity, limit=params.limit)


@router.post("/projects/{project_id}/opportunities", response={201: OpportunityDetailOut})
def opportunity_create(
    request: HttpRequest, project_id: Id, payload: OpportunityIn
) -> Status[Opportunity]:
    """Add an opportunity to a draft or published project (organisers)."""
    project = get_project_for_editor(user=request.user, pk=project_id)
    form = _opportunity_form(payload.model_dump(exclude={"languages"}), project=project)
    _valid(form)
    languages = _languages(payload.languages)
    opportunity = services.opportunity_create(
        actor=request.user, project=project, languages=languages, **form.service_kwargs()
    )
    return Status(201, _opportunity_out(opportunity))


@router.patch("/opportunities/{opportunity_id}", response=OpportunityDetailOut)
def opportunity_update(
    request: HttpRequest, opportunity_id: Id, payload: OpportunityPatch
) -> Opportunity:
    """Change an opportunity (organisers). When the city changes and the coordinates or time
    zone are not given, they follow the new city."""
    opportunity = get_opportunity_for_editor(user=request.user, pk=opportunity_id)
    given = payload.model_dump(exclude_unset=True, exclude={"languages"})
    form = _opportunity_form(
        {**_opportunity_data(opportunity), **given},
        instance=opportunity,
        project=opportunity.project,
    )
    _valid(form)
    languages = None
    if "languages" in payload.model_fields_set:
        languages = _languages(payload.languages)
    opportunity = services.opportunity_update(
        actor=request.user, opportunity=opportunity, languages=languages, **form.service_kwargs()
    )
    return _opportunity_out(opportunity)


# --- shifts ---------------------------------------------------------------------------------


@router.post("/opportunities/{opportunity_id}/shifts", response={201: ShiftOut})
def shift_create(request: HttpRequest, opportunity_id: Id, payload: ShiftIn) -> Status[Shift]:
    """Add a shift (organisers). It must start in the future and end after it starts."""
    opportunity = get_opportunity_for_editor(user=request.user, pk=opportunity_id)
    zone = opportunity.timezone
    shift = services.shift_create(
        actor=request.user,
        opportunity=opportunity,
        start=_local(payload.start, zone),
        end=_local(payload.end, zone),
        capacity=payload.capacity,
    )
    return Status(201, _shift_out(shift))


@router.patch("/shifts/{shift_id}", response=ShiftOut)
def shift_update(request: HttpRequest, shift_id: Id, payload: ShiftPatch) -> Shift:
    """Move or resize a shift that has not started (organisers); not below its confirmed
    volunteers."""
    shift = get_shift_for_editor(user=request.user, pk=shift_id)
    zone = shift.opportunity.timezone
    shift = services.shift_update(
        actor=request.user,
        shift=shift,
        start=_local(payload.start, zone) if payload.start else shift.start,
        end=_local(payload.end, zone) if payload.end else shift.end,
        capacity=payload.capacity if payload.capacity is not None else shift.capacity,
    )
    return _shift_out(shift)


@router.delete("/shifts/{shift_id}", response={204: None})
def shift_delete(request: HttpRequest, shift_id: Id) -> Status[None]:
    """Delete a shift without live applications (organisers)."""
    shift = get_shift_for_editor(user=request.user, pk=shift_id)
    services.shift_delete(actor=request.user, shift=shift)
    return Status(204, None)
