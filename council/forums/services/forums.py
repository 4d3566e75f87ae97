"""The host's writes: a forum, its quotas and its sessions, validated whole and audited."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import translation
from django.utils.translation import gettext as _

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
from council.orgs.access import organises
from council.orgs.models import Organisation
from council.projects.models import Project
from council.projects.services.projects import project_create

FORUM_FIELDS = (
    "title_ru",
    "title_kk",
    "title_en",
    "description_ru",
    "description_kk",
    "description_en",
    "city",
    "venue_ru",
    "venue_kk",
    "venue_en",
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


def _set_many(forum: Forum, fields: dict[str, Any]) -> None:
    if "co_hosts" in fields:
        forum.co_hosts.set([org for org in fields["co_hosts"] if org.pk != forum.host_id])
    if "languages" in fields:
        forum.languages.set(fields["languages"])


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
def forum_create(*, actor: Any, host: Organisation, **fields: Any) -> Forum:
    forum = Forum(host=host, status=ForumStatus.DRAFT)
    for name in FORUM_FIELDS:
        if name in fields:
            setattr(forum, name, fields[name])
    if forum.city_id:
        forum.timezone = forum.city.timezone or "UTC"
    _check_forum(forum)
    forum.save()
    _set_many(forum, fields)
    record(actor=actor, action="forum.created", target=forum, organisation_id=host.pk)
    return forum


@transaction.atomic
def forum_update(*, actor: Any, forum: Forum, **fields: Any) -> Forum:
    forum = Forum.objects.select_for_update().get(pk=forum.pk)
    changed = [name for name in FORUM_FIELDS if name in fields]
    for name in changed:
        setattr(forum, name, fields[name])
    if forum.city_id:
        forum.timezone = forum.city.timezone or "UTC"
    _check_forum(forum)
    total = forum.quotas.aggregate(total=Sum("size"))["total"] or 0
    if total > forum.capacity:
        raise ValidationError(
            {"capacity": _("The quotas already hold %(seats)d seats.") % {"seats": total}}
        )
    forum.save()
    _set_many(forum, fields)
    changed += [name for name in MANY_FIELDS if name in fields]
    record(
        actor=actor,
        action="forum.updated",
        target=forum,
        organisation_id=forum.host_id,
        data={"fields": changed},
    )
    return forum


@transaction.atomic
def forum_publish(*, actor: Any, forum: Forum) -> Forum:
    forum = Forum.objects.select_for_update().get(pk=forum.pk)
    if not forum.quotas.exists():
        raise ValidationError(_("Add at least one quota before publishing."))
    forum.status = ForumStatus.PUBLISHED
    forum.save(update_fields=["status"])
    record(actor=actor, action="forum.published", target=forum, organisation_id=forum.host_id)
    return forum


@transaction.atomic
def quota_add(*, actor: Any, forum: Forum, **fields: Any) -> Quota:
    forum = Forum.objects.select_for_update().get(pk=forum.pk)
    quota = Quota(forum=forum, **fields)
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
    record(
        actor=actor,
        action="forum.quota_added",
        target=forum,
        organisation_id=forum.host_id,
        data={"quota": quota.pk, "size": quota.size},
    )
    return quota


@transaction.atomic
def session_add(*, actor: Any, forum: Forum, **fields: Any) -> ForumSession:
    session = ForumSession(forum=forum, **fields)
    if session.start and session.end and session.start >= session.end:
        raise ValidationError({"end": _("The session ends before it starts.")})
    if not any(getattr(session, f"title_{code}") for code in ("ru", "kk", "en")):
        raise ValidationError({"title_ru": _("Give the session a title.")})
    session.full_clean(exclude=["forum"])
    session.save()
    record(
        actor=actor,
        action="forum.session_added",
        target=forum,
        organisation_id=forum.host_id,
        data={"session": session.pk},
    )
    return session


def _choices_in(question: Question, code: str) -> list[str]:
    text = getattr(question, f"choices_{code}") or ""
    return [line.strip() for line in text.splitlines() if line.strip()]


@transaction.atomic
def question_add(*, actor: Any, forum: Forum, **fields: Any) -> Question:
    """A registration question: text in at least one language; a choice question lists the
    same number of answers in every language it is written in. It goes last on the form."""
    forum = Forum.objects.select_for_update().get(pk=forum.pk)
    question = Question(forum=forum, **fields)
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
    record(
        actor=actor,
        action="forum.question_added",
        target=forum,
        organisation_id=forum.host_id,
        data={"question": question.pk, "kind": question.kind},
    )
    return question


@transaction.atomic
def question_remove(*, actor: Any, question: Question) -> None:
    """Take a question off the form; the answers already given keep its text."""
    forum = Forum.objects.select_for_update().get(pk=question.forum_id)
    record(
        actor=actor,
        action="forum.question_removed",
        target=forum,
        organisation_id=forum.host_id,
        data={"question": question.pk, "text": str(question.text)},
    )
    question.delete()


@transaction.atomic
def volunteer_team_create(*, actor: Any, forum: Forum) -> Project:
    """The forum's own volunteer team: a draft project of the host for the forum's days, whose
    roles and shifts are opportunities like any other, linked to the forum."""
    forum = Forum.objects.select_for_update().get(pk=forum.pk)
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
    forum.volunteer_project = project
    forum.save(update_fields=["volunteer_project"])
    record(
        actor=actor,
        action="forum.volunteer_team_created",
        target=forum,
        organisation_id=forum.host_id,
        data={"project": project.pk},
    )
    return project
