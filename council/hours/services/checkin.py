"""Check-in and check-out at a shift. The volunteer's ticket carries a personal code (as a QR
code and as text); the organiser scans or types it. A check-out closes the entry and the hours
are computed from the two times; a forgotten check-out is closed at the shift's end, flagged,
and left for the organiser to verify.

Repeated scans are answered, never counted twice: the check-in row is locked, and a second
check-in (or check-out) reports when the first happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.services import record
from council.hours.models import CheckIn, EntrySource, HoursEntry
from council.hours.services.entries import shift_entry, verify_new_entry
from council.lib.codes import normalise_code
from council.lib.required import first_or_refuse, require_text
from council.lib.updates import save_fields
from council.projects.models import Application, ApplicationStatus, Opportunity, Shift

# Scans made offline are sent later with the time they were made; a time this long before
# the shift or after its end is not believed.
EARLIEST_BEFORE_START = timedelta(hours=3)
LATEST_AFTER_END = timedelta(hours=12)
MIN_HOURS = Decimal("0.01")


@dataclass(frozen=True)
class ScanResult:
    check_in: CheckIn
    outcome: str  # "checked_in", "checked_out", "already_in", "already_out", "not_in"
    volunteer_name: str

    @property
    def counted(self) -> bool:
        return self.outcome in ("checked_in", "checked_out")


def ticket_for(*, application: Application) -> CheckIn:
    """The check-in row (and its code) of a confirmed place on a shift, made when first
    needed."""
    if application.status != ApplicationStatus.CONFIRMED or application.shift_id is None:
        raise ValidationError(_("Only a confirmed place on a shift has a ticket."))
    existing = CheckIn.objects.filter(application=application).first()
    if existing is not None:
        return existing
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return CheckIn.objects.create(application=application)
        except IntegrityError:
            # Another request made it first, or (rarely) the random code was taken.
            existing = CheckIn.objects.filter(application=application).first()
            if existing is not None:
                return existing
    raise ValidationError(_("The ticket could not be made. Try again."))


def _when(at: datetime | None, shift: Shift) -> datetime:
    moment = timezone.now()
    if at is None:
        return moment
    if timezone.is_naive(at):
        raise ValidationError({"at": _("Give the time of the scan with its time zone.")})
    if at > moment + timedelta(minutes=5):
        raise ValidationError({"at": _("The time of the scan is in the future.")})
    if at < shift.start - EARLIEST_BEFORE_START or at > shift.end + LATEST_AFTER_END:
        raise ValidationError({"at": _("The time of the scan is far outside the shift.")})
    return at


def _locked(shift: Shift, *, code: str | None, application_id: int | None) -> CheckIn:
    """The check-in row of a confirmed place on this shift, locked; made if the organiser
    picked the person from the list before they ever opened their ticket."""
    if application_id is not None:
        application = Application.objects.filter(
            pk=application_id, shift=shift, status=ApplicationStatus.CONFIRMED
        ).first()
        if application is None:
            raise ValidationError(_("This person has no confirmed place on this shift."))
        ticket_for(application=application)
        rows = CheckIn.objects.filter(application=application)
    else:
        text = require_text(
            normalise_code(code or ""), "code", _("Enter the code from the volunteer's ticket.")
        )
        rows = CheckIn.objects.filter(
            code=text, application__shift=shift, application__status=ApplicationStatus.CONFIRMED
        )
    return first_or_refuse(
        rows.select_for_update(of=("self",)).select_related(
            "application", "application__volunteer"
        ),
        "code",
        _("No confirmed volunteer of this shift has this code."),
    )


@transaction.atomic
def scan(
    *,
    actor: User,
    shift: Shift,
    action: str,
    code: str | None = None,
    application_id: int | None = None,
    at: datetime | None = None,
) -> ScanResult:
    """A check-in (`action` "in") or check-out ("out") of the volunteer with this code, or
    picked from the desk's list; `at` is the time of a scan made offline."""
    moment = _when(at, shift)
    row = _locked(shift, code=code, application_id=application_id)
    name = row.application.volunteer.display_name
    if action == "out":
        return _check_out(actor, row, moment, name)
    return _check_in(actor, shift, row, moment, name)


check_in = partial(scan, action="in")
check_out = partial(scan, action="out")


def _check_in(actor: User, shift: Shift, row: CheckIn, moment: datetime, name: str) -> ScanResult:
    if row.checked_in_at is not None:
        outcome = "already_out" if row.checked_out_at is not None else "already_in"
        return ScanResult(row, outcome, name)
    save_fields(row, checked_in_at=moment, checked_in_by=actor)
    record(
        actor=actor,
        action="check_in.in",
        target=row.application,
        data={"shift": shift.pk, "at": moment.isoformat()},
    )
    return ScanResult(row, "checked_in", name)


def _check_out(actor: User, row: CheckIn, moment: datetime, name: str) -> ScanResult:
    if row.checked_in_at is None:
        return ScanResult(row, "not_in", name)
    if row.checked_out_at is not None:
        return ScanResult(row, "already_out", name)
    if moment <= row.checked_in_at:
        moment = row.checked_in_at + timedelta(minutes=1)
    _close(actor, row, moment, automatically=False)
    return ScanResult(row, "checked_out", name)


def hours_between(start: datetime, end: datetime) -> Decimal:
    """Hours from two aware times (their time zones do not matter), to the hundredth,
    at least 0.01 and at most 24."""
    seconds = Decimal((end - start).total_seconds())
    hours = (seconds / 3600).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return min(max(hours, MIN_HOURS), Decimal("24"))


def _close(
    actor: User | None, row: CheckIn, moment: datetime, *, automatically: bool
) -> HoursEntry:
    application = row.application
    opportunity = Opportunity.objects.select_related("project__owner").get(
        pk=application.opportunity_id
    )
    row.checked_out_at = moment
    row.checked_out_by = actor
    row.closed_automatically = automatically
    entry = shift_entry(
        application,
        application.shift,  # type: ignore[arg-type]
        opportunity,
        row.checked_in_at,  # type: ignore[arg-type]
        hours=hours_between(row.checked_in_at, moment),  # type: ignore[arg-type]
        source=EntrySource.CHECK_IN,
        actor=actor,
        started_at=row.checked_in_at,
        ended_at=moment,
        closed_automatically=automatically,
    )
    row.entry = entry
    row.save(update_fields=["checked_out_at", "checked_out_by", "closed_automatically", "entry"])
    record(
        actor=actor,
        action="check_in.closed_automatically" if automatically else "check_in.out",
        target=application,
        data={"shift": application.shift_id, "at": moment.isoformat(), "entry": entry.pk},
    )
    record(
        actor=actor,
        action="hours.logged",
        target=entry,
        organisation_id=entry.organisation_id,
        data={"status": entry.status, "hours": str(entry.hours)},
    )
    # Times the organiser took are the organisation's own word; a forgotten check-out, or
    # the organiser's own attendance, waits for a person to verify it.
    if not automatically and actor is not None and actor.pk != application.volunteer_id:
        verify_new_entry(actor, entry)
    return entry


def checkins_close_forgotten(*, now: datetime | None = None) -> int:
    """Close every check-in still open after its shift ended, at the shift's end, flagged.
    Idempotent: a closed row is not touched again."""
    moment = now or timezone.now()
    pks = list(
        CheckIn.objects.filter(
            checked_in_at__isnull=False,
            checked_out_at__isnull=True,
            application__shift__end__lte=moment,
        ).values_list("pk", flat=True)
    )
    closed = 0
    for pk in pks:
        with transaction.atomic():
            row = (
                CheckIn.objects.select_for_update(of=("self",))
                .select_related("application", "application__volunteer", "application__shift")
                .filter(pk=pk, checked_out_at__isnull=True)
                .first()
            )
            if row is None:
                continue
            end = row.application.shift.end
            if end <= row.checked_in_at:  # type: ignore[operator]
                end = row.checked_in_at + timedelta(minutes=1)  # type: ignore[operator]
            _close(None, row, end, automatically=True)
            closed += 1
    return closed


def shift_counts(*, shift: Shift) -> dict[str, int]:
    """Confirmed, checked in (still there) and checked out, for the desk's counters."""
    confirmed = Application.objects.filter(shift=shift, status=ApplicationStatus.CONFIRMED)
    rows = CheckIn.objects.filter(application__in=confirmed)
    return {
        "confirmed": confirmed.count(),
        "present": rows.filter(checked_in_at__isnull=False, checked_out_at__isnull=True).count(),
        "left": rows.filter(checked_out_at__isnull=False).count(),
    }
