"""The host's writes: a forum, its quotas and its sessions, validated whole and audited."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, Required, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import translation
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.services import record
from council.forums.models import (
    Forum,
    ForumSession,
    ForumStatus,
    Question,
    QuestionKind,
    Quota,
    QuotaKind,
)
from council.lib.forms import translated_fields
from council.lib.mirrors import ensure_local
from council.lib.translated import Texts
from council.lib.updates import save_fields
from council.orgs.access import organises
from council.orgs.models import Organisation
from council.projects.models import Project
from council.projects.services.projects import project_create
from council.reference.models import City, Country, Language

FORUM_FIELDS = (
    *translated_fields("title", "description"),
    "city",
    *translated_fields("venue"),
    "starts_on",
    "ends_on",
    "capacity",
    "registration_opens",
    "registration_closes",
    "substitution_deadline",
    "hold_hours",
)


# Set after the forum is saved; the host is never its own co-host.
MANY_FIELDS = ("co_hosts", "languages")


class ForumValues(Texts, total=False):
    city: City | None
    venue_ru: str
    venue_kk: str
    venue_en: str
    starts_on: date | None
    ends_on: date | None
    capacity: int | None
    registration_opens: datetime | None
    registration_closes: datetime | None
    substitution_deadline: datetime | None
    hold_hours: int
    co_hosts: Iterable[Organisation] | None
    languages: Iterable[Language] | None


class QuotaValues(Texts, total=False):
    kind: Required[str]
    country: Country | None
    organisation: Organisation | None
    size: int | None
    close_when_full: bool


class SessionValues(Texts, total=False):
    start: Required[datetime]
    end: Required[datetime]
    track: str
    room: str
    capacity: int | None


class QuestionValues(TypedDict, total=False):
    kind: Required[str]
    text_ru: str
    text_kk: str
    text_en: str
    choices_ru: str
    choices_kk: str
    choices_en: str
    required: bool


def _with_blank_texts(values: Mapping[str, Any], *texts: str) -> dict[str, Any]:
    """The values given, with "" for each language of the translated `texts` left out."""
    return {**dict.fromkeys(translated_fields(*texts), ""), **values}


def _set_many(
    forum: Forum,
    co_hosts: Iterable[Organisation] | None,
    languages: Iterable[Language] | None,
) -> None:
    if co_hosts is not None:
        forum.co_hosts.set([org for org in co_hosts if org.pk != forum.host_id])
    if languages is not None:
        forum.languages.set(list(languages))


def _audit(actor: User, action: str, forum: Forum, **data: Any) -> None:
    """An event of the forum, for its host's log."""
    record(
        actor=actor, action=action, target=forum, organisation_id=forum.host_id, data=data or None
    )


def _check_forum(forum: Forum) -> None:
    if not any(getattr(forum, f"title_{code}") for code in ("ru", "kk", "en")):
        raise ValidationError({"title_ru": _("Give the forum a title in at least one language.")})
    if forum.starts_on and forum.ends_on and forum.starts_on > forum.ends_on:
        raise ValidationError({"ends_on": _("The forum ends before it starts.")})
    if (
        forum.registration_opens
        and forum.registration_closes
        and forum.registration_opens >= forum.registration_closes
    ):
        raise ValidationError({"registration_closes": _("Registration must close after it opens.")})
    forum.full_clean(exclude=["host", "volunteer_project"])


@transaction.atomic
def forum_create(*, actor: User, host: Organisation, **values: Unpack[ForumValues]) -> Forum:
    """A draft forum of the host; the values are the forum's own fields (FORUM_FIELDS) and its
    co-hosts and languages."""
    ensure_local(host)
    co_hosts, languages = values.pop("co_hosts", None), values.pop("languages", None)
    fields = _with_blank_texts(values, "title", "description", "venue")
    forum = Forum(host=host, status=ForumStatus.DRAFT, **fields)
    if forum.city_id:
        forum.timezone = forum.city.timezone or "UTC"
    _check_forum(forum)
    forum.save()
    _set_many(forum, co_hosts, languages)
    _audit(actor, "forum.created", forum)
    return forum


@transaction.atomic
def forum_update(*, actor: User, forum: Forum, **values: Unpack[ForumValues]) -> Forum:
    """Save the forum's fields (FORUM_FIELDS) given, and its co-hosts and languages when
    given."""
    co_hosts, languages = values.pop("co_hosts", None), values.pop("languages", None)
    forum = Forum.objects.select_for_update().get(pk=forum.pk)
    ensure_local(forum)
    for name, value in values.items():
        setattr(forum, name, value)
    if forum.city_id:
        forum.timezone = forum.city.timezone or "UTC"
    _check_forum(forum)
    total = forum.quotas.aggregate(total=Sum("size"))["total"] or 0
    if total > forum.capacity:
        raise ValidationError(
            {"capacity": _("The quotas already hold %(seats)d seats.") % {"seats": total}}
        )
    forum.save()
    _set_many(forum, co_hosts, languages)
    many = {"co_hosts": co_hosts, "languages": languages}
    changed = [
        *(name for name in FORUM_FIELDS if name in values),
        *(name for name in MANY_FIELDS if many[name] is not None),
    ]
    _audit(actor, "forum.updated", forum, fields=changed)
    return forum


@transaction.atomic
def forum_publish(*, actor: User, forum: Forum) -> Forum:
    forum = Forum.objects.select_for_update().get(pk=forum.pk)
    ensure_local(forum)
    if not forum.quotas.exists():
        raise ValidationError(_("Add at least one quota before publishing."))
    save_fields(forum, status=ForumStatus.PUBLISHED)
    _audit(actor, "forum.published", forum)
    return forum


@transaction.atomic
def quota_add(*, actor: User, forum: Forum, **values: Unpack[QuotaValues]) -> Quota:
    forum = Forum.objects.select_for_update().get(pk=forum.pk)
    ensure_local(forum)
    quota = Quota(forum=forum, **_with_blank_texts(values, "name"))
    if quota.kind == QuotaKind.COUNTRY and quota.country_id is None:
        raise ValidationError({"country": _("Choose the country of this quota.")})
    if quota.kind == QuotaKind.ORGANISATION and quota.organisation_id is None:
        raise ValidationError({"organisation": _("Choose the organisation of this quota.")})
    if quota.kind != QuotaKind.ORGANISATION and quota.kind != QuotaKind.COUNTRY:
        quota.organisation = None
    total = (forum.quotas.aggregate(total=Sum("size"))["total"] or 0) + (quota.size or 0)
    if total > forum.capacity:
        raise ValidationError({"size": _("The quotas would hold more seats than the forum has.")})
    if not any(getattr(quota, f"name_{code}") for code in settings.LANGUAGE_CODES):
        raise ValidationError({"name_ru": _("Give the quota a name in at least one language.")})
    quota.full_clean(exclude=["forum", "name"])
    quota.save()
    _audit(actor, "forum.quota_added", forum, quota=quota.pk, size=quota.size)
    return quota


@transaction.atomic
def session_add(*, actor: User, forum: Forum, **values: Unpack[SessionValues]) -> ForumSession:
    ensure_local(forum)
    session = ForumSession(forum=forum, **_with_blank_texts(values, "title"))
    if session.start and session.end and session.start >= session.end:
        raise ValidationError({"end": _("The session ends before it starts.")})
    if not any(getattr(session, f"title_{code}") for code in ("ru", "kk", "en")):
        raise ValidationError({"title_ru": _("Give the session a title.")})
    session.full_clean(exclude=["forum"])
    session.save()
    _audit(actor, "forum.session_added", forum, session=session.pk)
    return session


def _choices_in(question: Question, code: str) -> list[str]:
    text = getattr(question, f"choices_{code}") or ""
    return [line.strip() for line in text.splitlines() if line.strip()]


@transaction.atomic
def question_add(*, actor: User, forum: Forum, **values: Unpack[QuestionValues]) -> Question:
    """A registration question: text in at least one language; a choice question lists the
    same number of answers in every language it is written in. It goes last on the form."""
    forum = Forum.objects.select_for_update().get(pk=forum.pk)
    ensure_local(forum)
    question = Question(forum=forum, **_with_blank_texts(values, "text", "choices"))
    if not any(getattr(question, f"text_{code}") for code in settings.LANGUAGE_CODES):
        raise ValidationError({"text_ru": _("Write the question in at least one language.")})
    if question.kind == QuestionKind.CHOICE:
        lists = {code: _choices_in(question, code) for code in settings.LANGUAGE_CODES}
        written = {code: len(choices) for code, choices in lists.items() if choices}
        if not written:
            raise ValidationError(
                {"choices_ru": _("List the answers to choose from, one per line.")}
            )
        if len(set(written.values())) > 1:
            raise ValidationError(
                {"choices_ru": _("List the same number of answers in every language.")}
            )
    else:
        for code in settings.LANGUAGE_CODES:
            setattr(question, f"choices_{code}", "")
    last = forum.questions.order_by("-position").values_list("position", flat=True).first()
    question.position = (last or 0) + 1
    question.full_clean(exclude=["forum", "text", "choices"])
    question.save()
    _audit(actor, "forum.question_added", forum, question=question.pk, kind=question.kind)
    return question


@transaction.atomic
def question_remove(*, actor: User, question: Question) -> None:
    """Take a question off the form; the answers already given keep its text."""
    forum = Forum.objects.select_for_update().get(pk=question.forum_id)
    ensure_local(forum)
    _audit(actor, "forum.question_removed", forum, question=question.pk, text=str(question.text))
    question.delete()


@transaction.atomic
def volunteer_team_create(*, actor: User, forum: Forum) -> Project:
    """The forum's own volunteer team: a draft project of the host for the forum's days, whose
    roles and shifts are opportunities like any other, linked to the forum."""
    forum = Forum.objects.select_for_update().get(pk=forum.pk)
    ensure_local(forum)
    if forum.volunteer_project_id is not None:
        raise ValidationError(_("This forum already has its volunteer team."))
    if not organises(user=actor, organisation_id=forum.host_id):
        raise ValidationError(
            _("The host's admins and coordinators create the forum's volunteer team.")
        )
    titles: dict[str, Any] = {}
    for code in settings.LANGUAGE_CODES:
        with translation.override(code):
            name = getattr(forum, f"title_{code}") or str(forum.title)
            titles[f"title_{code}"] = _("Volunteers of %(forum)s") % {"forum": name}
    project = project_create(
        actor=actor,
        owner=forum.host,
        start_date=forum.starts_on,
        end_date=forum.ends_on,
        **titles,
    )
    save_fields(forum, volunteer_project=project)
    _audit(actor, "forum.volunteer_team_created", forum, project=project.pk)
    return project
