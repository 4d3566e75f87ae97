"""Hours entries: logged by a volunteer or an organiser, verified or rejected by the project's
organisation, disputed once by the volunteer. Only verified hours count anywhere."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.mail import mail_send
from council.accounts.models import User
from council.audit.services import record
from council.hours.models import (
    DECISION_FIELDS,
    VALUATION_FIELDS,
    CheckIn,
    EntryMode,
    EntrySource,
    EntryStatus,
    HoursEntry,
)
from council.hours.services.rollups import rollups_maintained
from council.hours.services.valuation import hours_value
from council.lib.dates import EARLIEST_DATE, date_problem
from council.lib.locks import lock_with
from council.lib.required import require_text
from council.lib.timezones import place_zone
from council.lib.updates import save_fields
from council.projects.models import (
    Application,
    ApplicationStatus,
    Opportunity,
    Project,
    Shift,
)
from council.reference.models import IscoGroup, SdgTarget
from council.volunteers.models import VolunteerProfile, age_band, age_on
from council.webhooks import events as webhook_events
from council.webhooks.services import webhook_emit

MAX_HOURS = Decimal("24")
HOURS_STEP = Decimal("0.01")


def clean_hours(value: Any) -> Decimal:
    try:
        hours = Decimal(str(value)).quantize(HOURS_STEP, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise ValidationError({"hours": _("Enter the number of hours.")}) from None
    if not hours.is_finite() or hours <= 0 or hours > MAX_HOURS:
        raise ValidationError({"hours": _("Enter between 0.01 and 24 hours.")})
    return hours


def _place_of(project: Project, opportunity: Opportunity | None) -> tuple[str, int | None]:
    """The country and region of the work: the role's place, else the owner's."""
    if opportunity is not None and opportunity.country_id:
        return str(opportunity.country_id), opportunity.region_id
    owner = project.owner
    return str(owner.country_id), owner.region_id


def _place_today(project: Project, opportunity: Opportunity | None) -> date:
    """Today on the calendar of the place of the work: the role's zone, else the owner's
    city's."""
    zone = opportunity.timezone if opportunity is not None else ""
    if not zone and project.owner.city_id is not None:
        zone = project.owner.city.timezone
    return timezone.localdate(timezone=place_zone(zone))


def _check_day(volunteer: User, day: date, today: date) -> None:
    """A worked day lies between 2000 (or the volunteer's birth) and today at the place."""
    if day > today:
        raise ValidationError({"day": _("Hours cannot be logged for a future date.")})
    problem = date_problem(day, latest=today)
    if problem is not None:
        raise ValidationError({"day": problem})
    birth = (
        VolunteerProfile.objects.filter(user_id=volunteer.pk)
        .values_list("date_of_birth", flat=True)
        .first()
    )
    if birth is not None and day < max(birth, EARLIEST_DATE):
        raise ValidationError(
            {
                "day": _("Hours cannot be dated before your date of birth (%(birth)s).")
                % {"birth": birth.isoformat()}
            }
        )


def _new_entry(
    *,
    volunteer: User,
    project: Project,
    day: date,
    hours: Decimal,
    source: str,
    actor: User | None,
    opportunity: Opportunity | None = None,
    shift: Shift | None = None,
    description: str = "",
    mode: str = EntryMode.ORGANISATION,
    during_paid_work: bool = False,
    isco_group_id: str | None = None,
    sdg_target_ids: list[int] | None = None,
    started_at: datetime | None = None,
    ended_at: datetime | None = None,
    closed_automatically: bool = False,
) -> HoursEntry:
    """A new entry; the occupation group comes from the role and the SDG targets from the
    project unless given."""
    if isco_group_id is None and opportunity is not None:
        isco_group_id = opportunity.isco_group_id
    country_id, region_id = _place_of(project, opportunity)
    entry = HoursEntry(
        volunteer=volunteer,
        organisation_id=project.owner_id,
        project=project,
        opportunity=opportunity,
        shift=shift,
        date=day,
        hours=hours,
        description=description.strip(),
        mode=mode,
        during_paid_work=during_paid_work,
        isco_group_id=isco_group_id,
        country_id=country_id,
        region_id=region_id,
        source=source,
        created_by=actor,
        started_at=started_at,
        ended_at=ended_at,
        closed_automatically=closed_automatically,
    )
    entry.full_clean(exclude=["volunteer", "organisation", "project", "country", "created_by"])
    entry.save()
    if sdg_target_ids is None:
        sdg_target_ids = list(project.sdg_targets.values_list("pk", flat=True))
    entry.sdg_targets.set(sdg_target_ids)
    entry.causes.set(list(project.causes.values_list("pk", flat=True)))
    return entry


def volunteer_entry(
    volunteer: User,
    project: Project,
    day: date,
    hours: Decimal,
    description: str,
    *,
    actor: User | None,
    **entry: Any,
) -> HoursEntry:
    """A new entry the volunteer logged for the project, on no shift; `entry` holds the
    role, the mode and the rest `_new_entry` takes."""
    return _new_entry(
        volunteer=volunteer,
        project=project,
        day=day,
        hours=hours,
        source=EntrySource.VOLUNTEER,
        actor=actor,
        description=description,
        **entry,
    )


def shift_entry(
    application: Application, shift: Shift, opportunity: Opportunity, start: datetime, **entry: Any
) -> HoursEntry:
    """A new entry of a volunteer's place on a shift of the role (`opportunity`, loaded with
    its project), dated the day the work started (`start`) where it was done; `entry` holds
    the hours, source, actor and the rest `_new_entry` takes."""
    return _new_entry(
        volunteer=application.volunteer,
        project=opportunity.project,
        opportunity=opportunity,
        shift=shift,
        day=timezone.localtime(start, place_zone(opportunity.timezone)).date(),
        **entry,
    )


@transaction.atomic
def hours_log(
    *,
    volunteer: User,
    project: Project,
    day: date,
    hours: Any,
    description: str = "",
    opportunity: Opportunity | None = None,
    mode: str = EntryMode.ORGANISATION,
    during_paid_work: bool = False,
    isco_group: IscoGroup | None = None,
    sdg_targets: list[SdgTarget] | None = None,
) -> HoursEntry:
    """A volunteer logs hours for a project (and role) they have a confirmed place in. The
    occupation group defaults to the role's, the SDG targets to the project's."""
    amount = clean_hours(hours)
    _check_day(volunteer, day, _place_today(project, opportunity))
    if mode not in EntryMode.values:
        raise ValidationError({"mode": _("Choose how the work was done.")})
    places = Application.objects.filter(
        volunteer_id=volunteer.pk,
        opportunity__project=project,
        status=ApplicationStatus.CONFIRMED,
    )
    if opportunity is not None:
        if opportunity.project_id != project.pk:
            raise ValidationError({"opportunity": _("This role belongs to another project.")})
        places = places.filter(opportunity=opportunity)
    if not places.exists():
        raise ValidationError(
            {"project": _("You can log hours only where you have a confirmed place.")}
        )
    require_text(description, "description", _("Say what you did."))
    entry = volunteer_entry(
        volunteer,
        project,
        day,
        amount,
        description,
        actor=volunteer,
        opportunity=opportunity,
        mode=mode,
        during_paid_work=during_paid_work,
        isco_group_id=isco_group.pk if isco_group is not None else None,
        sdg_target_ids=[target.pk for target in sdg_targets] if sdg_targets else None,
    )
    _audit(volunteer, "hours.logged", entry)
    return entry


@transaction.atomic
def hours_log_for_shift(
    *, actor: User, shift: Shift, hours: Any | None = None, description: str = ""
) -> list[HoursEntry]:
    """The organiser logs a whole shift at once: an entry for every confirmed volunteer who
    has none for it yet, verified at once (the organisation itself vouches for them) — except
    the organiser's own, which a colleague verifies."""
    if shift.start > timezone.now():
        raise ValidationError(_("Hours can be logged once the shift has started."))
    duration = Decimal((shift.end - shift.start).total_seconds()) / 3600
    amount = clean_hours(duration if hours in (None, "") else hours)
    opportunity = Opportunity.objects.select_related("project__owner").get(pk=shift.opportunity_id)
    done = set(HoursEntry.objects.filter(shift=shift).values_list("volunteer_id", flat=True))
    applications = list(
        Application.objects.filter(shift=shift, status=ApplicationStatus.CONFIRMED)
        .exclude(volunteer_id__in=done)
        .select_related("volunteer")
        .order_by("pk")
    )
    entries = []
    with rollups_maintained(volunteer_ids=[a.volunteer_id for a in applications]) as tracker:
        for application in applications:
            entry = shift_entry(
                application,
                shift,
                opportunity,
                shift.start,
                hours=amount,
                source=EntrySource.ORGANISER,
                actor=actor,
                description=description,
            )
            tracker.created(entry)
            _audit(actor, "hours.logged", entry)
            if application.volunteer_id != actor.pk:
                _verify(actor, entry, feedback="")
            entries.append(entry)
    return entries


def _lock(entry: HoursEntry) -> HoursEntry:
    return lock_with(HoursEntry, entry.pk, "volunteer", "project", "organisation")


def _check_not_own(actor: User, entry: HoursEntry) -> None:
    if entry.volunteer_id == actor.pk:
        raise ValidationError(_("You cannot verify or reject your own hours."))


def _value(entry: HoursEntry) -> None:
    valuation = hours_value(
        hours=entry.hours,
        country_id=str(entry.country_id),
        isco_code=entry.isco_group_id,
        year=entry.date.year,
    )
    entry.value = valuation.value
    entry.currency = valuation.currency
    entry.wage_rate = valuation.rate
    entry.valuation_level = valuation.level


def _age_band(entry: HoursEntry) -> str:
    """The band on the day of the work; for a person of another node (no date of birth
    here), the band their home node attested."""
    birth, attested = (
        VolunteerProfile.objects.filter(user_id=entry.volunteer_id)
        .values_list("date_of_birth", "attested_age_band")
        .first()
    ) or (None, "")
    return age_band(age_on(birth, entry.date)) if birth else attested


def _verify(actor: User, entry: HoursEntry, feedback: str) -> None:
    entry.status = EntryStatus.VERIFIED
    entry.age_band = _age_band(entry)
    entry.decided_by = actor
    entry.decided_at = timezone.now()
    entry.feedback = feedback.strip()
    entry.reason = ""
    _value(entry)
    entry.save(
        update_fields=[
            "status",
            *DECISION_FIELDS,
            "feedback",
            "reason",
            "age_band",
            *VALUATION_FIELDS,
        ]
    )
    _audit(
        actor,
        "hours.verified",
        entry,
        {"value": str(entry.value or ""), "level": entry.valuation_level},
    )
    webhook_emit(
        event=webhook_events.HOURS_VERIFIED,
        organisation=entry.organisation_id,
        payload={
            "entry": entry.pk,
            "project": entry.project_id,
            "opportunity": entry.opportunity_id,
            "date": entry.date.isoformat(),
            "hours": str(entry.hours),
            "status": entry.status,
        },
        person=entry.volunteer,
    )


def verify_new_entry(actor: User, entry: HoursEntry) -> None:
    """Verify an entry just made in this transaction (the organisation's own record)."""
    with rollups_maintained(volunteer_ids=[entry.volunteer_id]) as tracker:
        tracker.created(entry)
        _verify(actor, entry, feedback="")


@transaction.atomic
def hours_verify(*, actor: User, entry: HoursEntry, feedback: str = "") -> HoursEntry:
    with rollups_maintained([entry.pk]):
        entry = _lock(entry)
        _check_not_own(actor, entry)
        if entry.status not in (EntryStatus.SUBMITTED, EntryStatus.DISPUTED):
            raise ValidationError(_("Only submitted or disputed hours can be verified."))
        _verify(actor, entry, feedback)
    return entry


@transaction.atomic
def hours_reject(*, actor: User, entry: HoursEntry, reason: str) -> HoursEntry:
    require_text(reason, "reason", _("Give a reason for the rejection."))
    with rollups_maintained([entry.pk]):
        entry = _reject(actor, entry, reason)
    mail_send(
        to=entry.volunteer.email,
        template="hours/mail/rejected",
        language=entry.volunteer.preferred_language,
        context={"entry": entry, "person": entry.volunteer, "project": entry.project},
    )
    return entry


def _reject(actor: User, entry: HoursEntry, reason: str) -> HoursEntry:
    entry = _lock(entry)
    _check_not_own(actor, entry)
    if entry.status not in (EntryStatus.SUBMITTED, EntryStatus.DISPUTED):
        raise ValidationError(_("Only submitted or disputed hours can be rejected."))
    entry.status = EntryStatus.REJECTED
    entry.reason = reason.strip()
    entry.decided_by = actor
    entry.decided_at = timezone.now()
    entry.value = None
    entry.currency = ""
    entry.wage_rate = None
    entry.valuation_level = ""
    entry.save(
        update_fields=[
            "status",
            "reason",
            *DECISION_FIELDS,
            *VALUATION_FIELDS,
        ]
    )
    _audit(actor, "hours.rejected", entry, {"reason": entry.reason})
    return entry


@transaction.atomic
def hours_dispute(*, volunteer: User, entry: HoursEntry, text: str) -> HoursEntry:
    """A volunteer asks once for a rejection to be looked at again."""
    text = require_text(text, "text", _("Say why the hours should be counted."))
    entry = _lock(entry)
    if entry.volunteer_id != volunteer.pk:
        raise ValidationError(_("Only the volunteer can dispute these hours."))
    if entry.status != EntryStatus.REJECTED:
        raise ValidationError(_("Only rejected hours can be disputed."))
    if entry.disputed_at is not None:
        raise ValidationError(_("These hours have already been disputed once."))
    save_fields(entry, status=EntryStatus.DISPUTED, dispute=text, disputed_at=timezone.now())
    _audit(volunteer, "hours.disputed", entry)
    return entry


@transaction.atomic
def hours_bulk_verify(*, actor: User, organisation_id: int, pks: Iterable[int]) -> int:
    """Verify the listed submitted or disputed entries of one organisation (others, and the
    verifier's own, are left as they are). Returns how many were verified."""
    wanted = (
        HoursEntry.objects.filter(
            pk__in=[pk for pk in pks if isinstance(pk, int)],
            organisation_id=organisation_id,
            status__in=(EntryStatus.SUBMITTED, EntryStatus.DISPUTED),
        )
        .exclude(volunteer_id=actor.pk)
        .order_by("pk")
    )
    count = 0
    with rollups_maintained(list(wanted.values_list("pk", flat=True))):
        # Re-checked under the locks: another verifier may have decided some meanwhile.
        for entry in wanted.select_for_update(of=("self",)).select_related("volunteer"):
            _verify(actor, entry, feedback="")
            count += 1
    return count


@transaction.atomic
def hours_delete(*, actor: User, entry: HoursEntry) -> None:
    """Delete an entry: the volunteer their own entry until it is verified; the project's
    organisation any of its entries (logged by mistake, say). Audited either way."""
    with rollups_maintained([entry.pk]):
        entry = _lock(entry)
        if entry.volunteer_id == actor.pk and entry.status == EntryStatus.VERIFIED:
            raise ValidationError(_("Verified hours can only be removed by the organisation."))
        _audit(actor, "hours.deleted", entry, {"date": entry.date.isoformat()})
        CheckIn.objects.filter(entry=entry).update(entry=None)
        entry.delete()


def _audit(actor: User, action: str, entry: HoursEntry, data: dict[str, str] | None = None) -> None:
    record(
        actor=actor,
        action=action,
        target=entry,
        organisation_id=entry.organisation_id,
        data={"status": entry.status, "hours": str(entry.hours), **(data or {})},
    )


def hours_export(user: User) -> list[dict[str, Any]]:
    """The person's hours for their "my data" file."""
    return [
        {
            "date": entry.date.isoformat(),
            "hours": str(entry.hours),
            "project": entry.project_id,
            "opportunity": entry.opportunity_id,
            "organisation": entry.organisation_id,
            "status": entry.status,
            "description": entry.description,
            "mode": entry.mode,
            "during_paid_work": entry.during_paid_work,
            "reason": entry.reason,
            "dispute": entry.dispute,
        }
        for entry in HoursEntry.objects.filter(volunteer=user).order_by("date", "pk")
    ]
