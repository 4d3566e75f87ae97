"""Forum registration: seats in quotas, a waiting list, and time-limited holds.

Locking (docs/locking.md): a registration that takes or frees a seat locks the forum row, then
the quota row, re-counts the seats under those locks and writes, all in one transaction. The
forum lock serialises seat changes of one forum, so its total capacity holds across quotas;
the counts are always computed (confirmed plus live holds), never kept as counters. A freed
seat is offered, in the same transaction, to the first person waiting in that quota
(`created_at`, pk) as a hold that expires after the forum's `hold_hours`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.accounts import services as accounts
from council.accounts.mail import mail_send
from council.accounts.models import ConsentPurpose, User
from council.accounts.services import has_live_consent
from council.audit.services import record
from council.forums.models import (
    LIVE_REGISTRATION,
    MEMBER_SEAT_TAKING,
    SEAT_TAKING,
    Delegation,
    DelegationMember,
    Forum,
    ForumStatus,
    Question,
    QuestionKind,
    Quota,
    QuotaKind,
    Registration,
    RegistrationStatus,
)
from council.forums.selectors import (
    Availability,
    availability_of,
    forum_questions,
    quota_availability,
)
from council.lib.locks import lock_row
from council.lib.mirrors import REGISTER_AT_HOME, ensure_local
from council.lib.updates import save_fields
from council.volunteers.models import ADULT_AGE, VolunteerProfile
from council.webhooks import events as webhook_events
from council.webhooks.payloads import names_of
from council.webhooks.services import webhook_emit

# People holding an offered seat are reminded this long before it expires.
HOLD_REMINDER = timedelta(hours=12)


def _seats_and_person(quota: Quota, person: User) -> tuple[Availability, bool]:
    """The quota's seats and whether the person already holds a live registration of the
    forum: the registrations in one statement, the pending delegation members in another."""
    counts = Registration.objects.filter(forum_id=quota.forum_id).aggregate(
        forum=Count("pk", filter=Q(status__in=SEAT_TAKING)),
        quota=Count("pk", filter=Q(status__in=SEAT_TAKING, quota_id=quota.pk)),
        mine=Count("pk", filter=Q(status__in=LIVE_REGISTRATION, person_id=person.pk)),
    )
    return availability_of(quota, counts), counts["mine"] > 0


def _check_open(forum: Forum, at: datetime) -> None:
    if forum.status != ForumStatus.PUBLISHED:
        raise ValidationError(_("This forum is not open for registration."))
    if forum.has_ended():
        raise ValidationError(_("This forum has ended."))
    if at < forum.registration_opens:
        raise ValidationError(_("Registration has not opened yet."))
    if at >= forum.registration_closes:
        raise ValidationError(_("Registration has closed."))


def clean_answers(
    *, forum: Forum, answers: dict[int, str], questions: list[Question] | None = None
) -> list[dict[str, str]]:
    """The answers to the forum's questions as stored, or a ValidationError naming each
    question (`answer_<id>`) that is missing or not one of its choices."""
    errors: dict[str, str] = {}
    cleaned = []
    if questions is None:
        questions = list(forum_questions(forum=forum))
    for question in questions:
        text = (answers.get(question.pk) or "").strip()
        field = f"answer_{question.pk}"
        if not text:
            if question.required:
                errors[field] = _("Answer this question.")
            continue
        if question.kind == QuestionKind.CHOICE and text not in question.choice_list:
            errors[field] = _("Choose one of the answers offered.")
            continue
        if question.kind == QuestionKind.YES_NO and text not in ("yes", "no"):
            errors[field] = _("Answer yes or no.")
            continue
        cleaned.append({"question": str(question.text), "answer": text[:2000]})
    if errors:
        raise ValidationError(errors)
    return cleaned


def is_abroad(person: User, forum: Forum) -> bool:
    """The forum is in another country than the person's home: the host seeing their data
    is a cross-border transfer."""
    return bool(person.home_country_id) and person.home_country_id != forum.city.country_id


def needs_guardian(person: User, forum: Forum) -> bool:
    """A minor on the forum's first day without a guardian's consent."""
    profile = VolunteerProfile.objects.filter(user=person).first()
    age = profile.age(forum.starts_on) if profile is not None else None
    return (
        age is not None
        and age < ADULT_AGE
        and not has_live_consent(user=person, purpose=ConsentPurpose.GUARDIAN)
    )


# What a person abroad is refused without the cross-border consent, by what they were doing.
ABROAD_REFUSALS = {
    "register": gettext_lazy(
        "This forum is in another country: agree to share your "
        "registration with its host to register."
    ),
    "accept": gettext_lazy(
        "This forum is in another country: agree to share your "
        "registration with its host to accept."
    ),
}


def ensure_cross_border_consent(*, person: User, forum: Forum, given: bool, doing: str) -> None:
    """For a forum abroad, the one cross-border consent check of
    `council.accounts.services.ensure_cross_border_consent`, refused as ABROAD_REFUSALS says
    for what the person was `doing`; at home, nothing to check."""
    if is_abroad(person, forum):
        accounts.ensure_cross_border_consent(
            person=person, given=given, refusal=str(ABROAD_REFUSALS[doing])
        )


def _check_person(person: User, forum: Forum, cross_border_consent: bool) -> None:
    if needs_guardian(person, forum):
        raise ValidationError(
            _("A parent or guardian must give their consent in your profile before you register.")
        )
    ensure_cross_border_consent(
        person=person, forum=forum, given=cross_border_consent, doing="register"
    )


def locked(forum: Forum, quota: Quota) -> tuple[Forum, Quota]:
    """Forum, then quota: the one lock order of every seat change."""
    locked_forum = lock_row(Forum, forum.pk)
    locked_quota = lock_row(Quota, quota.pk)
    assert locked_forum is not None and locked_quota is not None
    locked_quota.forum = locked_forum
    return locked_forum, locked_quota


def _take_seat(
    forum: Forum,
    quota: Quota,
    person: User,
    seats: Availability,
    moment: datetime,
    *,
    sold_out: str,
    answers: list[Any] | None = None,
) -> Registration:
    """The registration in `quota`, decided under the forum and quota locks the caller holds:
    confirmed while it has seats, else the waiting list, or `sold_out` refused when the quota
    closes once full."""
    if seats.state == "sold_out" and quota.close_when_full:
        raise ValidationError(sold_out)
    status = (
        RegistrationStatus.CONFIRMED
        if seats.state == "available"
        else RegistrationStatus.WAITLISTED
    )
    return Registration.objects.create(
        forum=forum,
        quota=quota,
        person=person,
        status=status,
        answers=answers or [],
        created_at=moment,
        decided_at=moment if status == RegistrationStatus.CONFIRMED else None,
    )


@transaction.atomic
def registration_create(
    *,
    person: User,
    forum: Forum,
    answers: dict[int, str] | None = None,
    cross_border_consent: bool = False,
    at: datetime | None = None,
    questions: list[Question] | None = None,
) -> Registration:
    """Individual registration in the forum's open quota: a confirmed seat when one is free,
    else the waiting list (or a refusal when the quota closes once sold out). `questions`:
    the forum's questions when the caller has read them already."""
    # Another node's forum decides there: the person's home node sends the registration.
    ensure_local(forum, message=REGISTER_AT_HOME)
    moment = at or timezone.now()
    if not Forum.city.is_cached(forum):
        forum = Forum.objects.select_related("city").get(pk=forum.pk)
    cleaned = clean_answers(forum=forum, answers=answers or {}, questions=questions)
    _check_person(person, forum, cross_border_consent)
    # Forum, then its open quota: the lock order of every seat change. The window is checked
    # on the locked row, as it is now.
    locked_forum = lock_row(Forum, forum.pk)
    assert locked_forum is not None
    locked_forum.city = forum.city
    forum = locked_forum
    _check_open(forum, moment)
    quota = (
        Quota.objects.select_for_update()
        .filter(forum=forum, kind=QuotaKind.OPEN)
        .order_by("pk")
        .first()
    )
    if quota is None:
        raise ValidationError(_("This forum has no seats for individual registration."))
    quota.forum = forum
    seats, already = _seats_and_person(quota, person)
    if already:
        raise ValidationError(_("You are already registered for this forum."))
    if DelegationMember.objects.filter(
        delegation__forum=forum, person_id=person.pk, status__in=MEMBER_SEAT_TAKING
    ).exists():
        raise ValidationError(
            _("You go to this forum as a member of a delegation: you need no registration.")
        )
    registration = _take_seat(
        forum, quota, person, seats, moment, sold_out=_("This quota is sold out."), answers=cleaned
    )
    status = registration.status
    audit(person, f"registration.{status}", registration)
    mail(registration, f"forums/mail/registration_{status}")
    if status == RegistrationStatus.CONFIRMED:
        registration_confirmed_webhook(registration, via="registration")
    return registration


@transaction.atomic
def delegate_register(
    *, person: User, forum: Forum, quota: Quota, at: datetime | None = None
) -> Registration:
    """A member of a delegation formed on another country's node, sent by that node into the
    delegation's quota here (council.federation): that country's node has formed the
    delegation and checked the member, so the seat is decided as for an individual, under the
    same locks: confirmed while the quota has seats, else the waiting list (or a refusal when
    the quota closes once sold out)."""
    ensure_local(forum, quota, message=REGISTER_AT_HOME)
    moment = at or timezone.now()
    forum, quota = locked(forum, quota)
    if quota.kind == QuotaKind.OPEN:
        raise ValidationError(_("This quota is not a delegation's."))
    if Delegation.objects.filter(quota=quota).exists():
        raise ValidationError(_("This quota's delegation is formed on this node."))
    _check_open(forum, moment)
    seats, already = _seats_and_person(quota, person)
    if (
        already
        or Registration.objects.filter(
            forum=forum, person=person, status__in=LIVE_REGISTRATION
        ).exists()
    ):
        raise ValidationError(_("This person is already registered for this forum."))
    registration = _take_seat(
        forum, quota, person, seats, moment, sold_out=_("The delegation's seats are all taken.")
    )
    status = registration.status
    audit(None, f"registration.{status}", registration, via="delegation")
    if status == RegistrationStatus.CONFIRMED:
        registration_confirmed_webhook(registration, via="delegation")
    return registration


@transaction.atomic
def registration_cancel(*, actor: User, registration: Registration) -> Registration:
    """Cancel; a seat it held goes, as a hold, to the next person waiting in its quota."""
    # Made from here for another node's forum: its cancellation is sent there (federation).
    ensure_local(registration.forum, message=REGISTER_AT_HOME)
    forum, quota = locked(registration.forum, registration.quota)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.OFFERED,
    ):
        raise ValidationError(_("This registration has already ended."))
    if DelegationMember.objects.filter(registration=registration).exists():
        raise ValidationError(
            _("This seat belongs to a delegation: the head of the delegation replaces members.")
        )
    freed = registration.status in SEAT_TAKING
    save_fields(registration, status=RegistrationStatus.CANCELLED, decided_at=timezone.now())
    audit(actor, "registration.cancelled", registration)
    if freed:
        _offer_next(forum, quota)
    return registration


@transaction.atomic
def registration_accept_offer(*, person: User, registration: Registration) -> Registration:
    """Take the seat offered while the hold lasts."""
    ensure_local(registration.forum, message=REGISTER_AT_HOME)
    locked(registration.forum, registration.quota)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.person_id != person.pk:
        raise ValidationError(_("This offer is for someone else."))
    if registration.status != RegistrationStatus.OFFERED:
        raise ValidationError(_("There is no seat on offer for this registration."))
    if registration.hold_expires_at is not None and registration.hold_expires_at <= timezone.now():
        raise ValidationError(_("The offer has expired."))
    save_fields(registration, status=RegistrationStatus.CONFIRMED, decided_at=timezone.now())
    audit(person, "registration.confirmed", registration, via="hold")
    mail(registration, "forums/mail/registration_confirmed")
    registration_confirmed_webhook(registration, via="offer")
    return registration


def _offer_next(forum: Forum, quota: Quota, at: datetime | None = None) -> list[Registration]:
    """Offer free seats of the quota to those waiting, in order; called under the locks. The
    hold runs from `at` (now unless given)."""
    offered = []
    moment = at or timezone.now()
    quota.forum = forum
    free = quota_availability(quota=quota).free
    waiting = Registration.objects.filter(
        quota=quota, status=RegistrationStatus.WAITLISTED
    ).order_by("created_at", "pk")
    for registration in waiting[: free if free is not None else None]:
        registration.status = RegistrationStatus.OFFERED
        registration.hold_expires_at = moment + forum.hold_duration
        registration.save(update_fields=["status", "hold_expires_at"])
        audit(None, "registration.offered", registration)
        mail(registration, "forums/mail/hold_offered")
        offered.append(registration)
    return offered


def holds_expire(*, now: datetime | None = None) -> int:
    """Expire holds whose time has run out and offer each freed seat to the next person.
    Safe to run twice at once: each hold is re-read under the forum and quota locks and
    expires only if it is still an open offer past its time."""
    moment = now or timezone.now()
    expired = 0
    candidates = list(
        Registration.objects.filter(
            status=RegistrationStatus.OFFERED, hold_expires_at__lte=moment
        ).values_list("pk", "forum_id", "quota_id")
    )
    for pk, forum_id, quota_id in candidates:
        with transaction.atomic():
            forum = lock_row(Forum, forum_id)
            quota = lock_row(Quota, quota_id)
            assert forum is not None and quota is not None
            registration = (
                Registration.objects.select_for_update()
                .filter(pk=pk, status=RegistrationStatus.OFFERED, hold_expires_at__lte=moment)
                .first()
            )
            if registration is None:
                continue
            registration.status = RegistrationStatus.EXPIRED
            registration.decided_at = moment
            registration.save(update_fields=["status", "decided_at"])
            audit(None, "registration.expired", registration)
            _offer_next(forum, quota, at=moment)
            expired += 1
    return expired


def registration_confirmed_webhook(registration: Registration, *, via: str) -> None:
    """Tell the host's subscribers (council/webhooks/events.py); `via` is how the seat was
    taken: "registration", "offer" (from the waiting list) or "delegation"."""
    forum = registration.forum
    webhook_emit(
        event=webhook_events.FORUM_REGISTRATION_CONFIRMED,
        organisation=forum.host_id,
        payload={
            "registration": registration.pk,
            "forum": {"id": forum.pk, "title": names_of(forum, "title")},
            "quota": registration.quota_id,
            "via": via,
        },
        person=registration.person,
    )


def audit(actor: User | None, action: str, registration: Registration, **data: Any) -> None:
    record(
        actor=actor,
        action=action,
        target=registration,
        organisation_id=registration.forum.host_id,
        data={"status": registration.status, "quota": registration.quota_id, **data},
    )


def mail_to(person: User, template: str, context: dict[str, Any]) -> None:
    """Mail one person of the forum in their own language."""
    mail_send(
        to=person.email, template=template, language=person.preferred_language, context=context
    )


def mail(registration: Registration, template: str) -> None:
    person = registration.person
    mail_to(
        person,
        template,
        {"registration": registration, "forum": registration.forum, "person": person},
    )


def holds_remind(*, now: datetime | None = None, before: timedelta = HOLD_REMINDER) -> int:
    """Mail everyone whose offered seat expires within `before`, once per offer."""
    moment = now or timezone.now()
    reminded = 0
    due = Registration.objects.filter(
        status=RegistrationStatus.OFFERED,
        hold_expires_at__gt=moment,
        hold_expires_at__lte=moment + before,
        hold_reminded_at__isnull=True,
    ).select_related("person", "forum")
    for registration in due:
        with transaction.atomic():
            updated = Registration.objects.filter(
                pk=registration.pk, hold_reminded_at__isnull=True
            ).update(hold_reminded_at=moment)
            if updated:
                mail(registration, "forums/mail/hold_expiring")
                reminded += 1
    return reminded
