"""Writing to everyone on a shift, an opportunity, a forum quota or a delegation.

A message is written once, in one or more languages, and goes out through the mail queue to
each recipient in their language (the others fall back, as every translated text does). Who
turned organisers' messages off by mail is logged and skipped; the mail task checks again
when it sends (council/accounts/notifications.py). One row per recipient logs what went out.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from council.accounts.mail import is_undeliverable, mail_send
from council.accounts.models import NotificationKind, NotificationOptOut, User
from council.audit.services import record
from council.forums.models import MEMBER_SEAT_TAKING, Delegation, Quota, RegistrationStatus
from council.lib.forms import translated_fields
from council.messaging.models import Audience, Delivery, DeliveryStatus, Message
from council.projects.models import ApplicationStatus, Opportunity, Shift

MAX_RECIPIENTS = 50_000


def _recipients(
    audience: str, target: Model, shift: Shift | None, include_waiting: bool
) -> QuerySet[User]:
    statuses: list[str]
    if audience in (Audience.OPPORTUNITY, Audience.SHIFT):
        statuses = [ApplicationStatus.CONFIRMED]
        if include_waiting:
            statuses.append(ApplicationStatus.WAITLISTED)
        people = User.objects.filter(
            applications__opportunity_id=target.pk, applications__status__in=statuses
        )
        if shift is not None:
            people = people.filter(applications__shift=shift)
    elif audience == Audience.QUOTA:
        statuses = [RegistrationStatus.CONFIRMED]
        if include_waiting:
            statuses += [RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED]
        people = User.objects.filter(
            forum_registrations__quota_id=target.pk, forum_registrations__status__in=statuses
        )
    else:
        people = User.objects.filter(
            delegation_memberships__delegation_id=target.pk,
            delegation_memberships__status__in=MEMBER_SEAT_TAKING,
        )
    return people.filter(is_active=True).distinct().order_by("pk")


def _texts(texts: dict[str, str]) -> dict[str, str]:
    cleaned = {
        name: (texts.get(name) or "").strip() for name in translated_fields("subject", "body")
    }
    errors = {}
    for field in ("subject", "body"):
        names = translated_fields(field)
        if not any(cleaned[name] for name in names):
            errors[names[0]] = _("Write it in at least one language.")
    for suffix in ("ru", "kk", "en"):
        if bool(cleaned.get(f"subject_{suffix}")) != bool(cleaned.get(f"body_{suffix}")):
            errors[f"body_{suffix}"] = _("Give the subject and the text in the same languages.")
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def message_send(
    *,
    actor: User,
    audience: str,
    target: Opportunity | Quota | Delegation,
    shift: Shift | None = None,
    include_waiting: bool = False,
    **texts: str,
) -> Message:
    """Send the message to the audience's people now (through the queue) and log it. The
    caller found `target` through the writer's access helper."""
    if not actor.is_authenticated:
        raise PermissionDenied
    if audience not in Audience.values:
        raise ValidationError({"audience": _("Choose who the message is for.")})
    if shift is not None and (
        not isinstance(target, Opportunity) or shift.opportunity_id != target.pk
    ):
        raise ValidationError({"shift": _("Choose one of this opportunity's shifts.")})
    if audience == Audience.SHIFT and shift is None:
        raise ValidationError({"shift": _("Choose a shift.")})
    cleaned = _texts(texts)
    people = list(
        _recipients(audience, target, shift, include_waiting).only(
            "pk", "email", "preferred_language"
        )[: MAX_RECIPIENTS + 1]
    )
    if not people:
        raise ValidationError(_("Nobody is there to write to yet."))
    if len(people) > MAX_RECIPIENTS:
        raise ValidationError(_("Too many recipients for one message."))
    fields: dict[str, Any] = {audience if audience != Audience.SHIFT else "opportunity": target}
    message = Message(
        audience=audience,
        shift=shift,
        include_waiting=include_waiting,
        author=actor,
        recipients=len(people),
        **fields,
        **cleaned,
    )
    message.full_clean(exclude=["opportunity", "shift", "quota", "delegation", "author"])
    message.save()
    off = set(
        NotificationOptOut.objects.filter(
            user__in=people, kind=NotificationKind.MESSAGES, channel="email"
        ).values_list("user_id", flat=True)
    )
    deliveries = []
    for person in people:
        if person.pk in off:
            status = DeliveryStatus.TURNED_OFF
        elif is_undeliverable(person.email):
            status = DeliveryStatus.NO_ADDRESS
        else:
            status = DeliveryStatus.QUEUED
            mail_send(
                to=person.email,
                template="messaging/mail/message",
                language=person.preferred_language,
                context={"message": message},
            )
        deliveries.append(
            Delivery(
                message=message,
                recipient=person,
                language=person.preferred_language,
                status=status,
            )
        )
    Delivery.objects.bulk_create(deliveries, batch_size=1000)
    record(
        actor=actor,
        action="message.sent",
        target=message,
        organisation_id=_organisation_of(target),
        data={
            "audience": audience,
            "recipients": len(people),
            "shift": shift.pk if shift else None,
        },
    )
    return message


def _organisation_of(target: Opportunity | Quota | Delegation) -> int | None:
    if isinstance(target, Opportunity):
        return target.project.owner_id
    if isinstance(target, Quota):
        return target.forum.host_id
    return target.organisation_id
