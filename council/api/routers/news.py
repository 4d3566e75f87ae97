"""News over the API: the public items (by publisher and language), an item, and the
editor's writes — a draft for an organisation or (the secretariat) a council, changes,
publishing now or at a time ahead, withdrawing — with the rules of the pages (council/news/)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from council.accounts.http import AuthenticatedRequest
from council.api.actions import Arguments, acts_on
from council.api.auth import PUBLIC
from council.api.pagination import CursorParams, page_of, paginate
from council.api.schemas import Id, LongText, Names, PlainText, StrictId, translated_text
from council.cooperation.models import Council
from council.lib.forms import valid_data
from council.news import access, selectors, services
from council.news.forms import NewsForm
from council.news.models import MAX_SUMMARY, NewsItem
from council.news.services import LINKS, TEXT_FIELDS
from council.orgs.models import Organisation

router = Router(tags=["news"])


class NewsOut(Schema):
    id: int
    organisation: int | None = Field(None, alias="organisation_id")
    council: int | None = Field(None, alias="council_id")
    title: str
    titles: Names
    summary: str
    summaries: Names
    body: str
    bodies: Names
    status: str = Field(
        description="draft or published (a published item ahead of its time is scheduled)"
    )
    published_at: datetime | None
    forums: list[int]
    agreements: list[int]
    projects: list[int]
    programmes: list[int]

    resolve_title, resolve_titles = translated_text("title")
    resolve_summary, resolve_summaries = translated_text("summary")
    resolve_body, resolve_bodies = translated_text("body")

    @staticmethod
    def resolve_forums(item: NewsItem) -> list[int]:
        return [row.pk for row in item.forums.all()]

    @staticmethod
    def resolve_agreements(item: NewsItem) -> list[int]:
        return [row.pk for row in item.agreements.all()]

    @staticmethod
    def resolve_projects(item: NewsItem) -> list[int]:
        return [row.pk for row in item.projects.all()]

    @staticmethod
    def resolve_programmes(item: NewsItem) -> list[int]:
        return [row.pk for row in item.programmes.all()]


ShortText = Field(None, max_length=MAX_SUMMARY)


class NewsPatch(Schema):
    """Each language's texts, each optional, and the ids of what the item is about."""

    model_config = ConfigDict(extra="forbid")

    title_ru: PlainText | None = Field(None, max_length=300)
    title_kk: PlainText | None = Field(None, max_length=300)
    title_en: PlainText | None = Field(None, max_length=300)
    summary_ru: str | None = ShortText
    summary_kk: str | None = ShortText
    summary_en: str | None = ShortText
    body_ru: LongText | None = None
    body_kk: LongText | None = None
    body_en: LongText | None = None
    forums: list[StrictId] | None = None
    agreements: list[StrictId] | None = None
    projects: list[StrictId] | None = None
    programmes: list[StrictId] | None = None


class NewsIn(NewsPatch):
    pass


class ScheduleIn(Schema):
    model_config = ConfigDict(extra="forbid")

    published_at: datetime = Field(description="A time ahead, with its offset")


class NewsFilter(CursorParams):
    organisation: Id | None = Field(None, description="The publishing organisation")
    council: Id | None = Field(None, description="The publishing council")
    language: Literal["ru", "kk", "en"] | None = Field(
        None, description="Only the items written in this language (with a title in it)"
    )


def _form(
    data: dict[str, Any],
    *,
    organisation: Organisation | None,
    council: Council | None,
    **kwargs: Any,
) -> NewsForm:
    """The editor page's form over the payload, checked (a ValidationError names the field)."""
    form = NewsForm(
        data={name: "" if value is None else value for name, value in data.items()},
        organisation=organisation,
        council=council,
        **kwargs,
    )
    valid_data(form)
    return form


@router.get("/news", response=page_of(NewsOut), auth=PUBLIC)
def news_list(request: HttpRequest, filters: Query[NewsFilter]) -> dict[str, Any]:
    """Published news whose time has come, newest first."""
    rows = selectors.public_news_of(
        organisation_id=filters.organisation,
        council_id=filters.council,
        language=filters.language,
    )
    return paginate(rows, key="-published_at", params=filters)


@router.get("/news/{news_id}", response=NewsOut, auth=PUBLIC)
def news_detail(request: HttpRequest, news_id: Id) -> NewsItem:
    """An item: public once published and its time has come; before, its publisher's."""
    return access.get_item_for_viewer(user=request.user, pk=news_id)


def _create(
    request: AuthenticatedRequest,
    payload: NewsIn,
    *,
    organisation: Organisation | None = None,
    council: Council | None = None,
) -> Status[NewsItem]:
    form = _form(payload.model_dump(), organisation=organisation, council=council)
    item = services.news_create(
        actor=request.user, organisation=organisation, council=council, **form.service_data()
    )
    return Status(201, item)


@router.post("/organisations/{organisation_id}/news", response={201: NewsOut})
def news_create_for_organisation(
    request: AuthenticatedRequest, organisation_id: Id, payload: NewsIn
) -> Status[NewsItem]:
    """A draft item of the organisation (its admins and coordinators)."""
    organisation = access.get_organisation_for_publisher(user=request.user, pk=organisation_id)
    return _create(request, payload, organisation=organisation)


@router.post("/councils/{council_id}/news", response={201: NewsOut})
def news_create_for_council(
    request: AuthenticatedRequest, council_id: Id, payload: NewsIn
) -> Status[NewsItem]:
    """A draft item of the council (the secretariat)."""
    council = access.get_council_for_publisher(user=request.user, pk=council_id)
    return _create(request, payload, council=council)


def _current(item: NewsItem) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(item, name) for name in TEXT_FIELDS}
    for name in LINKS:
        values[name] = [row.pk for row in getattr(item, name).all()]
    return values


@router.patch("/news/{news_id}", response=NewsOut)
def news_update(request: AuthenticatedRequest, news_id: Id, payload: NewsPatch) -> NewsItem:
    """Change texts and links; what the payload leaves out stays as it was."""
    item = access.get_item_for_editor(user=request.user, pk=news_id)
    data = {**_current(item), **payload.model_dump(exclude_unset=True)}
    form = _form(data, organisation=item.organisation, council=item.council, instance=item)
    return services.news_update(actor=request.user, item=item, **form.service_data())


@router.post("/news/{news_id}/publish", response=NewsOut)
@acts_on(access.get_item_for_editor, services.news_publish, "item", path_id="news_id")
def news_publish() -> Arguments:
    """Publish now (a draft, or a scheduled item brought forward)."""
    return {}


@router.post("/news/{news_id}/schedule", response=NewsOut)
@acts_on(access.get_item_for_editor, services.news_schedule, "item", path_id="news_id")
def news_schedule(payload: ScheduleIn) -> Arguments:
    """Publish at a time ahead: until then only the publisher sees the item."""
    return {"published_at": payload.published_at}


@router.post("/news/{news_id}/unpublish", response=NewsOut)
@acts_on(access.get_item_for_editor, services.news_unpublish, "item", path_id="news_id")
def news_unpublish() -> Arguments:
    """Back to draft: the item leaves the lists and feeds."""
    return {}
