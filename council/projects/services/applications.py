"""Applications: apply, decide, withdraw, and the waiting list.

Capacity is computed (capacity minus confirmed applications), never counted in a column.
Taking a seat is lock → re-check → write in one transaction: the volunteer's profile row first
(so one person cannot take two overlapping shifts in parallel), then the seat pool (the shift,
or the opportunity when it has no shifts). A freed seat promotes the first person on the
waiting list, in order (created_at, pk), in the same transaction. See docs/locking.md.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, router, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.accounts.mail import mail_send
from council.accounts.models import ConsentPurpose, User
from council.accounts.services import has_live_consent
from council.audit.services import record
from council.lib.locks import lock_row, lock_with
from council.lib.mirrors import APPLY_AT_HOME, ensure_local
from council.lib.required import require_text
from council.lib.updates import save_fields
from council.orgs.models import Membership
from council.projects.models import (
    LIVE_STATUSES,
    Application,
    ApplicationMode,
    ApplicationStatus,
    Opportunity,
    Project,
    ProjectStatus,
    Shift,
    Team,
)
from council.projects.selectors.credentials import credential_problems
from council.projects.selectors.seats import free_seats, in_pool, taken_sql
from council.projects.services.team_seats import team_promote, waiting_teams
from council.push.services import push_send
from council.volunteers.models import (
    ADULT_AGE,
    SILVER_AGE,
    YOUNG_TEEN_AGE,
    AgeBand,
    VolunteerProfile,
)
from council.volunteers.services import profile_locked
from council.webhooks import events as webhook_events
from council.webhooks.payloads import names_of
from council.webhooks.services import webhook_emit


def _pool(opportunity: Opportunity, shift: Shift | None) -> Model:
    """Lock and return the row that guards the seats being taken."""
    row = lock_row(Shift, shift.pk) if shift is not None else lock_row(Opportunity, opportunity.pk)
    if row is None:
        raise (Shift if shift is not None else Opportunity).DoesNotExist
    return row


def _overlapping_shift(volunteer: User, shift: Shift | None) -> Application | None:
    if shift is None:
        return None
    return (
        Application.objects.filter(
            volunteer=volunteer,
            status=ApplicationStatus.CONFIRMED,
            shift__start__lt=shift.end,
            shift__end__gt=shift.start,
        )
        .exclude(shift=shift)
        .select_related("shift", "opportunity")
        .first()
    )


SEATS_MARK = "__seats__"


def _pool_state(
    volunteer: User, opportunity: Opportunity, shift: Shift | None
) -> tuple[bool, Application | None, int]:
    """Read under the seat-pool lock, in one statement: does the volunteer already hold a
    live application for this pool, which confirmed shift of theirs overlaps `shift`, and
    how many seats of the pool are taken?

    Written in SQL as plain selects joined by UNION ALL: planning one select with OR over
    the application table's indexes took a millisecond or more, and the ORM took longer to
    build the statements than the database to run them. The clash comes as four columns
    without joined rows (its title is read only when there is one); a person holds at most
    one live application per pool and no two overlapping confirmed shifts, so the rows are
    few."""
    connection = connections[router.db_for_write(Application)]
    statuses = list(LIVE_STATUSES)
    marks = ", ".join(["%s"] * len(statuses))
    columns = "a.id, a.status, a.shift_id, a.opportunity_id"
    table, shifts = Application._meta.db_table, Shift._meta.db_table
    end = connection.ops.quote_name("end")  # a keyword in SQL
    pool, pool_params = in_pool(opportunity, shift)
    taken_select, taken_params = taken_sql(opportunity, shift)
    sql = (
        f"SELECT NULL, %s, NULL, {taken_select} "  # noqa: S608
        f"UNION ALL SELECT {columns} FROM {table} a WHERE a.volunteer_id = %s AND {pool} "
        f"AND a.status IN ({marks})"
    )
    params: list[Any] = [
        SEATS_MARK,
        *taken_params,
        volunteer.pk,
        *pool_params,
        *statuses,
    ]
    if shift is not None:
        sql += (
            f" UNION ALL SELECT {columns} FROM {table} a JOIN {shifts} s ON s.id = a.shift_id "  # noqa: S608
            f"WHERE a.volunteer_id = %s AND a.status = %s AND s.start < %s AND s.{end} > %s "
            "AND a.shift_id <> %s"
        )
        params += [
            volunteer.pk,
            ApplicationStatus.CONFIRMED,
            connection.ops.adapt_datetimefield_value(shift.end),
            connection.ops.adapt_datetimefield_value(shift.start),
            shift.pk,
        ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    taken = next(int(row[3]) for row in rows if row[1] == SEATS_MARK)
    mine = [row for row in rows if row[1] != SEATS_MARK]
    target = shift.pk if shift is not None else None
    already = any(row[2] == target for row in mine)
    clash = next(
        (
            Application(pk=pk, status=status, shift_id=shift_id, opportunity_id=opportunity_id)
            for pk, status, shift_id, opportunity_id in mine
            if shift_id != target
        ),
        None,
    )
    return already, clash, taken


# The youngest age of each attested age band (council.volunteers.models.age_band).
BAND_YOUNGEST_AGE: dict[str, int] = {
    AgeBand.UNDER_14: 0,
    AgeBand.TEEN: YOUNG_TEEN_AGE,
    AgeBand.ADULT: ADULT_AGE,
    AgeBand.SILVER: SILVER_AGE,
}


def eligibility_problems(
    *, volunteer: User, profile: VolunteerProfile, opportunity: Opportunity, on: date
) -> list[str]:
    """Why this person may not apply, as messages they can act on (empty: they may)."""
    problems = []
    age = profile.age(on)
    # A person of another node: no date of birth here, only the age band their home node
    # attested for the day; the band's youngest age stands in (a 14–17 person passes a
    # minimum age of 14 and no higher). Their guardian's consent is attested by the home node
    # with the action (council.federation refuses a minor without it), not a row here.
    attested = age is None and bool(profile.attested_age_band)
    if attested:
        age = BAND_YOUNGEST_AGE.get(profile.attested_age_band)
    needs_age = opportunity.min_age > 0 or opportunity.restricted_category
    if age is None and needs_age:
        problems.append(_("Add your date of birth to your volunteer profile first."))
    if age is not None:
        if age < opportunity.min_age:
            problems.append(
                _("This opportunity is open from the age of %(age)d.")
                % {"age": opportunity.min_age}
            )
        if age < ADULT_AGE and opportunity.restricted_category:
            problems.append(
                _("Volunteers under 18 may not take part in this kind of work: %(category)s.")
                % {"category": opportunity.get_restricted_category_display()}
            )
        if (
            age < ADULT_AGE
            and not attested
            and not has_live_consent(user=volunteer, purpose=ConsentPurpose.GUARDIAN)
        ):
            problems.append(
                _("A parent or guardian must give their consent in your profile before you apply.")
            )
        if age < YOUNG_TEEN_AGE and not profile.guardian_name:
            problems.append(_("Volunteers under 14 need the name of the accompanying guardian."))
    if opportunity.medical_required and not profile.medical_qualification:
        problems.append(_("This opportunity needs a medical qualification."))
    problems += credential_problems(volunteer=volunteer, opportunity=opportunity, on=on)
    return problems


def _mail_volunteer(application: Application, template: str) -> None:
    volunteer = application.volunteer
    mail_send(
        to=volunteer.email,
        template=template,
        language=volunteer.preferred_language,
        context={
            "application": application,
            "opportunity": application.opportunity,
            "shift": application.shift,
            "person": volunteer,
        },
    )


def _audit(actor: User | None, action: str, application: Application, **data: Any) -> None:
    record(
        actor=actor,
        action=action,
        target=application,
        organisation_id=application.opportunity.project.owner_id,
        data={"status": application.status, "shift": application.shift_id, **data},
    )


def _shift_data(shift: Shift | None) -> dict[str, Any] | None:
    if shift is None:
        return None
    return {"id": shift.pk, "start": shift.start.isoformat(), "end": shift.end.isoformat()}


def _webhook(event: str, application: Application) -> None:
    """Tell the organisation's subscribers (council/webhooks/events.py)."""
    opportunity = application.opportunity
    webhook_emit(
        event=event,
        organisation=opportunity.project.owner_id,
        payload={
            "application": application.pk,
            "status": application.status,
            "opportunity": {"id": opportunity.pk, "title": names_of(opportunity, "title")},
            "shift": _shift_data(application.shift),
        },
        person=application.volunteer,
    )


def _seat_freed(opportunity: Opportunity, shift: Shift | None) -> None:
    """Tell the organisation's subscribers a confirmed seat was given up (after the waiting
    list was promoted into it)."""
    webhook_emit(
        event=webhook_events.SEAT_FREED,
        organisation=opportunity.project.owner_id,
        payload={
            "opportunity": {"id": opportunity.pk, "title": names_of(opportunity, "title")},
            "shift": _shift_data(shift),
            "free_seats": free_seats(opportunity=opportunity, shift=shift),
        },
    )


@transaction.atomic
def application_submit(
    *,
    volunteer: User,
    opportunity: Opportunity,
    shift: Shift | int | None = None,
    motivation: str = "",
    answers: list[dict[str, str]] | None = None,
) -> Application:
    """Apply. Instant mode takes a free seat or joins the waiting list; review mode waits for
    the organiser. `shift` is a shift or its key: it is read once, under its lock."""
    opportunity, locked_shift, taken = seat_pool_open(
        volunteer=volunteer, opportunity=opportunity, shift=shift
    )
    status = ApplicationStatus.PENDING
    if opportunity.application_mode == ApplicationMode.INSTANT:
        capacity = locked_shift.capacity if locked_shift is not None else opportunity.capacity
        status = ApplicationStatus.CONFIRMED if capacity > taken else ApplicationStatus.WAITLISTED
    application = Application.objects.create(
        volunteer=volunteer,
        opportunity=opportunity,
        shift=locked_shift,
        status=status,
        motivation=motivation.strip(),
        answers=answers or [],
        decided_at=timezone.now() if status != ApplicationStatus.PENDING else None,
    )
    _audit(volunteer, f"application.{status}", application)
    _mail_volunteer(application, f"projects/mail/application_{status}")
    _webhook(webhook_events.APPLICATION_SUBMITTED, application)
    return application


def seat_pool_open(
    *, volunteer: User, opportunity: Opportunity, shift: Shift | int | None
) -> tuple[Opportunity, Shift | None, int]:
    """Everything a person's new seat in a pool needs, checked under the locks (the person's
    profile, then the seat pool), inside the caller's transaction: the opportunity open to
    them, the shift theirs to choose, the person eligible, not yet applied and free at that
    time. Returns the opportunity, the locked shift and the seats taken."""
    # Another node's opportunity decides there, under its own seat lock: the volunteer's
    # home node sends the application (council.federation), never this service.
    ensure_local(opportunity, message=APPLY_AT_HOME)
    # The caller has usually just loaded the opportunity with its project (the access
    # helpers do); read afresh when it has not, or when its copy says "not open".
    if (
        not Opportunity.project.is_cached(opportunity)
        or opportunity.project.status != ProjectStatus.PUBLISHED
    ):
        opportunity = Opportunity.objects.select_related("project__owner").get(pk=opportunity.pk)
    if opportunity.project.status != ProjectStatus.PUBLISHED:
        raise ValidationError(_("This opportunity is not open for applications."))
    if (
        opportunity.members_only
        and not Membership.objects.filter(
            user=volunteer, organisation_id=opportunity.project.owner_id
        ).exists()
    ):
        raise ValidationError(_("This opportunity is for the organisation's own members."))
    if shift is None and opportunity.shifts.exists():
        raise ValidationError({"shift": _("Choose a shift.")})
    profile = profile_locked(volunteer)
    # Lock the seat pool (held until the transaction ends); the shift is checked as locked.
    locked: Shift | None = None
    if shift is None:
        _pool(opportunity, None)
    else:
        locked = lock_row(Shift, shift.pk if isinstance(shift, Shift) else shift)
        if locked is None:
            raise ValidationError({"shift": _("Choose one of this opportunity's shifts.")})
        if locked.opportunity_id != opportunity.pk:
            raise ValidationError({"shift": _("This shift belongs to another opportunity.")})
        if locked.start <= timezone.now():
            raise ValidationError({"shift": _("This shift has already started.")})
    problems = eligibility_problems(
        volunteer=volunteer,
        profile=profile,
        opportunity=opportunity,
        on=(locked.start.date() if locked else timezone.now().date()),
    )
    if problems:
        raise ValidationError(problems)
    already, clash, taken = _pool_state(volunteer, opportunity, locked)
    if already:
        raise ValidationError(_("You have already applied."))
    if clash is not None:
        raise ValidationError(
            {
                "shift": _("You already have a confirmed shift at this time: %(other)s.")
                % {"other": clash.opportunity.title}
            }
        )
    return opportunity, locked, taken


def _lock_application(
    application: Application, statuses: Collection[str] = (), refusal: str = ""
) -> Application:
    """The application locked; when `statuses` are given, one in another status is refused
    with `refusal`."""
    locked = lock_with(Application, application.pk, "opportunity__project", "shift", "volunteer")
    if statuses and locked.status not in statuses:
        raise ValidationError(refusal)
    return locked


@transaction.atomic
def application_accept(*, actor: User, application: Application) -> Application:
    application = _lock_application(
        application,
        (ApplicationStatus.PENDING, ApplicationStatus.WAITLISTED),
        _("Only pending or waitlisted applications can be accepted."),
    )
    _refuse_team_member(application)
    profile_locked(application.volunteer)
    _pool(application.opportunity, application.shift)
    if free_seats(opportunity=application.opportunity, shift=application.shift) <= 0:
        raise ValidationError(
            _("There is no free seat left. Put the application on the waiting list.")
        )
    clash = _overlapping_shift(application.volunteer, application.shift)
    if clash is not None:
        raise ValidationError(_("This volunteer already has a confirmed shift at this time."))
    _decide(actor, application, ApplicationStatus.CONFIRMED)
    return application


@transaction.atomic
def application_waitlist(*, actor: User, application: Application) -> Application:
    application = _lock_application(
        application,
        (ApplicationStatus.PENDING,),
        _("Only pending applications can be put on the waiting list."),
    )
    _refuse_team_member(application)
    _decide(actor, application, ApplicationStatus.WAITLISTED)
    return application


def _refuse_team_member(application: Application) -> None:
    if application.team_id is not None:
        raise ValidationError(_("This person is in a team: decide on the team as a whole."))


def _hold_seat_of_live(application: Application) -> bool:
    """Refuse a closed application; for a confirmed one, lock its seat pool before it is
    freed. Whether it was confirmed."""
    if application.status not in LIVE_STATUSES:
        raise ValidationError(_("This application has already been closed."))
    was_confirmed = application.status == ApplicationStatus.CONFIRMED
    if was_confirmed:
        _pool(application.opportunity, application.shift)
    return was_confirmed


@transaction.atomic
def application_reject(*, actor: User, application: Application, reason: str) -> Application:
    reason = require_text(reason, "reason", _("Give a reason for the rejection."))
    application = _lock_application(application)
    was_confirmed = _hold_seat_of_live(application)
    application.reason = reason
    _decide(actor, application, ApplicationStatus.REJECTED, reason=application.reason)
    if was_confirmed:
        _seat_given_up(application)
    return application


@transaction.atomic
def application_withdraw(*, volunteer: User, application: Application) -> Application:
    application = _lock_application(application)
    if application.volunteer_id != volunteer.pk:
        raise PermissionDenied
    was_confirmed = _hold_seat_of_live(application)
    save_fields(application, status=ApplicationStatus.WITHDRAWN, decided_at=timezone.now())
    _audit(volunteer, "application.withdrawn", application)
    if was_confirmed:
        _seat_given_up(application)
    return application


def _seat_given_up(application: Application) -> None:
    """A confirmed seat was given up; the caller holds the seat pool's lock. A team
    member's seat stays with the team, for the leader to name someone else, while the team
    is live; any other seat goes to the waiting list."""
    if application.team_id is not None:
        team = lock_row(Team, application.team_id)
        if team is not None and team.status in LIVE_STATUSES:
            save_fields(team, seats_held=team.seats_held + 1)
            return
    _promote(application.opportunity, application.shift)
    _seat_freed(application.opportunity, application.shift)


def _decide(actor: User | None, application: Application, status: str, **data: Any) -> None:
    application.status = status
    application.decided_at = timezone.now()
    application.decided_by = actor
    application.save(update_fields=["status", "reason", "decided_at", "decided_by"])
    _audit(actor, f"application.{status}", application, **data)
    _mail_volunteer(application, f"projects/mail/application_{status}")
    _webhook(webhook_events.APPLICATION_DECIDED, application)


def _promote(opportunity: Opportunity, shift: Shift | None) -> list[Application]:
    """Fill freed seats from the waiting list, first come first served; the caller holds the
    seat pool's lock. A waiting person who meanwhile holds an overlapping shift is passed over
    and stays on the list."""
    promoted: list[Application] = []
    free = free_seats(opportunity=opportunity, shift=shift)
    if free <= 0:
        return promoted
    # A team member waits with the team: the team takes the seat (council/projects/services/
    # team_seats.py), in its place in the order.
    waiting = Application.objects.filter(
        status=ApplicationStatus.WAITLISTED, team__isnull=True
    ).select_related("volunteer", "opportunity__project", "shift")
    waiting = (
        waiting.filter(shift=shift)
        if shift is not None
        else waiting.filter(opportunity=opportunity, shift__isnull=True)
    )
    candidates: list[Application | Team] = [
        *waiting.order_by("created_at", "pk"),
        *waiting_teams(opportunity.pk, shift.pk if shift is not None else None),
    ]
    candidates.sort(key=lambda row: (row.created_at, isinstance(row, Team), row.pk))
    for candidate in candidates:
        if free <= 0:
            break
        if isinstance(candidate, Team):
            free -= team_promote(candidate, free)
            continue
        if _overlapping_shift(candidate.volunteer, shift) is not None:
            continue
        save_fields(candidate, status=ApplicationStatus.CONFIRMED, decided_at=timezone.now())
        _audit(None, "application.promoted", candidate)
        _mail_volunteer(candidate, "projects/mail/application_promoted")
        push_send(
            kind="waiting_list",
            user=candidate.volunteer,
            title=gettext_lazy("A place freed up for you: %(title)s"),
            body=gettext_lazy("Your place is confirmed: you were first on the waiting list."),
            url=reverse("projects:my_applications"),
            context={"title": candidate.opportunity},
        )
        _webhook(webhook_events.APPLICATION_DECIDED, candidate)
        promoted.append(candidate)
        free -= 1
    return promoted


def application_decide(
    *, actor: User, application: Application, decision: str, reason: str = ""
) -> Application:
    """The organiser's decision as the applicant pages and the API take it: "accept",
    "waitlist" or "reject" (with a reason)."""
    if decision == "accept":
        return application_accept(actor=actor, application=application)
    if decision == "waitlist":
        return application_waitlist(actor=actor, application=application)
    return application_reject(actor=actor, application=application, reason=reason)


def applications_accept_many(
    *, actor: User, opportunity: Opportunity, application_ids: list[int]
) -> tuple[int, list[str]]:
    """Accept several applications, each in its own transaction and in the order they came
    in; one that cannot be accepted (no seat left, overlap) is reported, not fatal."""
    accepted, refused = 0, []
    chosen = Application.objects.filter(
        opportunity=opportunity,
        pk__in=application_ids,
        status__in=(ApplicationStatus.PENDING, ApplicationStatus.WAITLISTED),
    ).select_related("volunteer")
    for application in chosen.order_by("created_at", "pk"):
        try:
            application_accept(actor=actor, application=application)
        except ValidationError as error:
            refused.append(f"{application.volunteer}: {' '.join(error.messages)}")
        else:
            accepted += 1
    return accepted, refused


def applications_close_for_project(*, actor: User, project: Project) -> int:
    """A cancelled project closes every live application and tells each volunteer why.
    Called inside the cancelling transaction; no seat is freed, so nobody is promoted."""
    reason = _("The project has been cancelled.")
    live = Application.objects.select_for_update(of=("self",)).filter(
        opportunity__project=project, status__in=LIVE_STATUSES
    )
    closed = 0
    for application in live.select_related("volunteer", "opportunity__project", "shift"):
        application.reason = reason
        _decide(actor, application, ApplicationStatus.REJECTED, reason=reason)
        closed += 1
    return closed
