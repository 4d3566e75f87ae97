"""International deployments (UN Volunteers style): volunteers opt into the talent pool; an
assignment of a host organisation or UN agency draws candidates who apply from the pool or are
nominated by their national network; the longlist is ranked by skills, languages and
availability, with the reasons written out; the host shortlists and selects; the selected
volunteer is deployed and closes the assignment with a report."""

from __future__ import annotations

from datetime import date
from typing import Required, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.accounts.personal_mail import mail_person
from council.accounts.services import ensure_cross_border_consent
from council.audit.records import audit_for
from council.audit.services import record
from council.cooperation.models import Agreement, Council, Programme
from council.cooperation.services.texts import require_text
from council.deployments.models import (
    Assignment,
    AssignmentLanguage,
    AssignmentStatus,
    Candidacy,
    CandidacyStatus,
    TalentPoolEntry,
)
from council.deployments.selectors import LonglistRow, longlist, pool_entry
from council.lib.forms import clean_model_fields, translated_fields
from council.lib.locks import lock_row
from council.lib.mirrors import ASSIGNMENT_AT_HOME, ensure_local
from council.lib.translated import Texts
from council.orgs.access import organises
from council.orgs.models import Organisation
from council.reference.models import Country, Language, Skill
from council.volunteers.models import CEFR_ORDER

__all__ = ["LonglistRow", "longlist"]

ASSIGNMENT_FIELDS = (
    *translated_fields("title", "description"),
    "country",
    "duty_station",
    "starts_on",
    "months",
    "funding_agreement",
    "funding_line",
    "programme",
)
# The host's steps: from → to.
STEPS: dict[str, tuple[str, ...]] = {
    CandidacyStatus.CANDIDATE: (CandidacyStatus.SHORTLISTED, CandidacyStatus.NOT_SELECTED),
    CandidacyStatus.SHORTLISTED: (CandidacyStatus.SELECTED, CandidacyStatus.NOT_SELECTED),
    CandidacyStatus.SELECTED: (CandidacyStatus.DEPLOYED,),
}


_audit = audit_for("council", organisation="host_id")


@transaction.atomic
def pool_join(
    *,
    person: User,
    available_from: date,
    available_until: date | None = None,
    note: str = "",
    cross_border_consent: bool = False,
) -> TalentPoolEntry:
    """Join (or update one's place in) the pool for international assignments."""
    if available_until is not None and available_until < available_from:
        raise ValidationError({"available_until": _("The end comes after the start.")})
    ensure_cross_border_consent(
        person=person,
        given=cross_border_consent,
        refusal=_(
            "Hosts abroad see the profile of their candidates: agree to share it to join the pool."
        ),
    )
    entry, created = TalentPoolEntry.objects.update_or_create(
        user=person,
        defaults={
            "available_from": available_from,
            "available_until": available_until,
            "note": note.strip(),
        },
    )
    record(
        actor=person,
        action="talent_pool.joined" if created else "talent_pool.updated",
        target=entry,
    )
    return entry


@transaction.atomic
def pool_leave(*, person: User) -> None:
    entry = pool_entry(user=person)
    if entry is None:
        raise ValidationError(_("You are not in the talent pool."))
    record(actor=person, action="talent_pool.left", target=entry)
    entry.delete()


class AssignmentValues(Texts, total=False):
    country: Required[Country]
    duty_station: Required[str]
    starts_on: Required[date]
    months: Required[int]
    funding_agreement: Agreement | None
    funding_line: str
    programme: Programme | None


@transaction.atomic
def assignment_create(
    *,
    actor: User,
    council: Council,
    host: Organisation,
    skills: list[Skill] | None = None,
    languages: list[tuple[Language, str]] | None = None,
    **values: Unpack[AssignmentValues],
) -> Assignment:
    ensure_local(council, host)
    assignment = Assignment(council=council, host=host, **values)
    require_text(assignment, "title", _("Give the assignment a title in at least one language."))
    for _language, level in languages or []:
        if level not in CEFR_ORDER:
            raise ValidationError({"languages": _("Choose a level of the CEFR scale.")})
    assignment.full_clean(exclude=["council", "host", "title", "description"])
    assignment.save()
    assignment.skills.set(skills or [])
    AssignmentLanguage.objects.bulk_create(
        [
            AssignmentLanguage(assignment=assignment, language=language, min_level=level)
            for language, level in languages or []
        ]
    )
    _audit(actor, "assignment.created", assignment)
    return assignment


@transaction.atomic
def assignment_open(*, actor: User, assignment: Assignment) -> Assignment:
    ensure_local(assignment)
    assignment = lock_row(Assignment, assignment.pk) or assignment
    if assignment.status != AssignmentStatus.DRAFT:
        raise ValidationError(_("The assignment is open already."))
    assignment.status = AssignmentStatus.OPEN
    assignment.save(update_fields=["status"])
    _audit(actor, "assignment.opened", assignment)
    return assignment


def _pool_entry(person: User) -> TalentPoolEntry:
    entry = pool_entry(user=person)
    if entry is None:
        raise ValidationError(_("Only volunteers in the talent pool can be candidates."))
    return entry


def _open_for_candidates(assignment: Assignment) -> Assignment:
    assignment = lock_row(Assignment, assignment.pk) or assignment
    if assignment.status != AssignmentStatus.OPEN:
        raise ValidationError(_("This assignment is not open for candidates."))
    return assignment


def _candidacy_add(
    actor: User,
    assignment: Assignment,
    person: User,
    action: str,
    taken: str | dict[str, str],
    **row: object,
) -> Candidacy:
    """A pool volunteer becomes a candidate (once: `taken` is the refusal of a second time)."""
    _pool_entry(person)
    if assignment.candidacies.filter(person=person).exists():
        raise ValidationError(taken)
    candidacy = Candidacy.objects.create(assignment=assignment, person=person, **row)
    _audit(actor, action, assignment, candidacy=candidacy.pk)
    return candidacy


@transaction.atomic
def candidacy_apply(*, person: User, assignment: Assignment, motivation: str) -> Candidacy:
    ensure_local(assignment, message=ASSIGNMENT_AT_HOME)
    assignment = _open_for_candidates(assignment)
    taken = _("You are a candidate already.")
    row = {"motivation": motivation.strip()}
    return _candidacy_add(person, assignment, person, "assignment.applied", taken, **row)


@transaction.atomic
def candidacy_nominate(
    *, actor: User, assignment: Assignment, person: User, network: Organisation
) -> Candidacy:
    """A national network puts one of its country's pool volunteers on the longlist."""
    ensure_local(assignment)
    assignment = _open_for_candidates(assignment)
    if not organises(user=actor, organisation_id=network.pk):
        raise ValidationError(_("Only the network's admins and coordinators nominate."))
    if person.home_country_id != network.country_id:
        raise ValidationError({"email": _("The network nominates volunteers of its own country.")})
    taken = {"email": _("This person is a candidate already.")}
    return _candidacy_add(
        actor, assignment, person, "assignment.nominated", taken, nominated_by=network
    )


@transaction.atomic
def candidacy_move(*, actor: User, candidacy: Candidacy, status: str) -> Candidacy:
    """The host's step: shortlist, select, not select, or deploy."""
    candidacy = Candidacy.objects.select_for_update().get(pk=candidacy.pk)
    if status not in STEPS.get(candidacy.status, ()):
        raise ValidationError(_("This step does not follow from the candidacy's status."))
    candidacy.status = status
    candidacy.decided_at = timezone.now()
    candidacy.save(update_fields=["status", "decided_at"])
    assignment = candidacy.assignment
    _audit(actor, f"assignment.{status}", assignment, candidacy=candidacy.pk)
    if status in (CandidacyStatus.SELECTED, CandidacyStatus.NOT_SELECTED):
        context = {"candidacy": candidacy, "assignment": assignment}
        mail_person(candidacy.person, f"deployments/mail/candidacy_{status}", context)
    return candidacy


@transaction.atomic
def candidacy_complete(*, actor: User, candidacy: Candidacy, report: str) -> Candidacy:
    """The deployed volunteer (or the host) closes the assignment with its report."""
    candidacy = Candidacy.objects.select_for_update().get(pk=candidacy.pk)
    if candidacy.status != CandidacyStatus.DEPLOYED:
        raise ValidationError(_("Only a deployed volunteer's assignment is completed."))
    if not report.strip():
        raise ValidationError({"report": _("Write the end-of-assignment report.")})
    candidacy.status = CandidacyStatus.COMPLETED
    candidacy.report = report.strip()
    clean_model_fields(candidacy, "report")
    candidacy.decided_at = timezone.now()
    candidacy.save(update_fields=["status", "report", "decided_at"])
    _audit(actor, "assignment.completed", candidacy.assignment, candidacy=candidacy.pk)
    return candidacy
