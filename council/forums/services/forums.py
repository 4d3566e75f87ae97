"""The host's writes: a forum, its quotas and its sessions, validated whole and audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from council.audit.services import record
from council.forums.models import Forum, ForumSession, ForumStatus, Quota, QuotaKind
from council.orgs.models import Organisation

FORUM_FIELDS = (
    "title_ru",
    "title_kk",
    "title_en",
    "description_ru",
    "description_kk",
    "description_en",
    "city",
    "venue",
    "starts_on",
    "ends_on",
    "capacity",
    "registration_opens",
    "registration_closes",
    "substitution_deadline",
    "hold_hours",
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
def forum_create(*, actor: Any, host: Organisation, **fields: Any) -> Forum:
    forum = Forum(host=host, status=ForumStatus.DRAFT)
    for name in FORUM_FIELDS:
        if name in fields:
            setattr(forum, name, fields[name])
    if forum.city_id:
        forum.timezone = forum.city.timezone or "UTC"
    _check_forum(forum)
    forum.save()
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
    quota.full_clean(exclude=["forum"])
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
