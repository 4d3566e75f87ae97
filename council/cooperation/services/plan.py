"""The joint plan: commitments and action items owned by organisations, their status and
progress notes, meetings whose decisions create action items, and reminders to the owners
before a due date (once per due date)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Required, Unpack

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.accounts.personal_mail import mail_person
from council.audit.records import audit_for, create_audited
from council.cooperation.models import (
    OPEN_COMMITMENT,
    Agreement,
    Commitment,
    CommitmentKind,
    CommitmentNote,
    CommitmentReminder,
    CommitmentStatus,
    Council,
    Decision,
    Meeting,
)
from council.cooperation.services.texts import has_text, require_text
from council.forums.models import Forum
from council.lib.forms import clean_model_fields
from council.lib.locks import lock_row
from council.lib.mirrors import ensure_local
from council.lib.translated import Texts
from council.orgs.models import MembershipRole, Organisation
from council.projects.models import Project

# The owners are reminded this many days before a commitment is due.
DUE_REMINDER_DAYS = 14


_audit = audit_for("council")


class CommitmentValues(Texts, total=False):
    kind: str
    decision: Decision | None
    agreement: Agreement | None
    due_on: date | None


@transaction.atomic
def commitment_create(
    *,
    actor: User,
    council: Council,
    owners: list[Organisation],
    projects: list[Project] | None = None,
    forums: list[Forum] | None = None,
    assignments: list[Model] | None = None,
    **values: Unpack[CommitmentValues],
) -> Commitment:
    ensure_local(council)
    commitment = Commitment(council=council, **values)
    errors: dict[str, list[str]] = {}
    if not has_text(commitment, "title"):
        errors["title_ru"] = [_("Give the commitment a title in at least one language.")]
    if not owners:
        errors["owners"] = [_("Name at least one organisation that owns it.")]
    if commitment.agreement_id and commitment.agreement.council_id != council.pk:
        errors["agreement"] = [_("Choose an agreement of this council.")]
    if errors:
        raise ValidationError(errors)
    many = {"projects": projects, "forums": forums, "assignments": assignments}
    return create_audited(
        commitment,
        actor=actor,
        action=f"{commitment.kind}.created",
        exclude=["title"],
        many={"owners": owners, **{name: rows or [] for name, rows in many.items()}},
        data={"owners": [owner.pk for owner in owners]},
        audit=_audit,
    )


@transaction.atomic
def commitment_status_set(
    *, actor: User, commitment: Commitment, status: str, note: str = "", today: date | None = None
) -> Commitment:
    """Move the commitment to `status` (or leave it, with just a progress note)."""
    if status not in CommitmentStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")})
    commitment = lock_row(Commitment, commitment.pk) or commitment
    previous = commitment.status
    if status == previous and not note.strip():
        raise ValidationError({"text": _("Write what has changed.")})
    commitment.status = status
    commitment.done_on = (
        (today or timezone.localdate()) if status == CommitmentStatus.DONE else None
    )
    commitment.save(update_fields=["status", "done_on"])
    CommitmentNote.objects.create(
        commitment=commitment,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        text=note.strip(),
        status=status if status != previous else "",
    )
    _audit(
        actor,
        "commitment.status_changed" if status != previous else "commitment.noted",
        commitment,
        previous=previous,
        status=status,
    )
    return commitment


class MeetingValues(Texts, total=False):
    held_on: Required[date]
    place: str


@transaction.atomic
def meeting_create(*, actor: User, council: Council, **values: Unpack[MeetingValues]) -> Meeting:
    ensure_local(council)
    meeting = Meeting(council=council, **values)
    require_text(meeting, "title", _("Give the meeting a title in at least one language."))
    exclude = ["title", "agenda", "minutes"]
    return create_audited(
        meeting, actor=actor, action="meeting.created", exclude=exclude, audit=_audit
    )


@transaction.atomic
def decision_add(
    *,
    actor: User,
    meeting: Meeting,
    texts: dict[str, str],
    action_owners: list[Organisation] | None = None,
    action_due_on: date | None = None,
) -> Decision:
    """A decision of the meeting; with owners, it creates an action item of the joint plan
    titled by the decision, due when the meeting says."""
    decision = Decision(meeting=meeting, **{f"text_{code}": text for code, text in texts.items()})
    require_text(decision, "text", _("Write the decision in at least one language."))
    if action_due_on is not None and not action_owners:
        raise ValidationError({"owners": _("Name who carries the decision out.")})
    clean_model_fields(decision, *(f"text_{code}" for code in texts))
    decision.save()
    _audit(actor, "meeting.decision_added", meeting, decision=decision.pk)
    if action_owners:
        titles: dict[str, Any] = {
            f"title_{code}": text[:300] for code, text in texts.items() if text
        }
        commitment_create(
            actor=actor,
            council=meeting.council,
            owners=action_owners,
            kind=CommitmentKind.ACTION,
            decision=decision,
            due_on=action_due_on,
            **titles,
        )
    return decision


def commitments_remind(*, today: date | None = None, days: int = DUE_REMINDER_DAYS) -> int:
    """Mail the admins and coordinators of each owner of an open commitment due within `days`,
    each in their language: once per commitment and due date. Returns the commitments
    reminded."""
    day = today or timezone.localdate()
    reminded = 0
    due = Commitment.objects.filter(
        status__in=OPEN_COMMITMENT, due_on__gte=day, due_on__lte=day + timedelta(days=days)
    ).select_related("council")
    for commitment in due:
        assert commitment.due_on is not None
        if CommitmentReminder.objects.filter(
            commitment=commitment, due_on=commitment.due_on
        ).exists():
            continue
        try:
            with transaction.atomic():
                CommitmentReminder.objects.create(commitment=commitment, due_on=commitment.due_on)
                context = {"commitment": commitment, "due_on": str(commitment.due_on)}
                for person in _owners_people(commitment):
                    mail_person(person, "cooperation/mail/commitment_due", context)
        except IntegrityError:
            continue  # a concurrent run sent it
        reminded += 1
    return reminded


def _owners_people(commitment: Commitment) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation__in=commitment.owners.all(),
            memberships__role__in=(MembershipRole.ADMIN, MembershipRole.COORDINATOR),
        )
        .distinct()
        .order_by("pk")
    )
