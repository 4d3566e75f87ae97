"""Who may see and keep the council's work: councils and agreements in force are public; a
draft agreement is for the secretariat, the signed copies for the secretariat and the admins
and coordinators of the agreement's parties; the secretariat (`User.is_secretariat`) keeps
the agreements of every council."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.cooperation.models import (
    Agreement,
    AgreementDocument,
    AgreementStatus,
    Commitment,
    Council,
    Meeting,
    Programme,
)
from council.lib.found import found_if
from council.lib.mirrors import is_mirrored, local_or_404
from council.orgs.access import memberships


class _HasStatus(Protocol):
    status: str


Drafted = TypeVar("Drafted", bound=_HasStatus)


def is_secretariat(*, user: Viewer) -> bool:
    return bool(user.is_authenticated and user.is_secretariat)


def keeps(*, user: Viewer, row: object) -> bool:
    """The secretariat keeps this node's own councils, agreements and calls; another node's
    (mirrored) are kept there, and shown here without the keeper's forms."""
    return is_secretariat(user=user) and not is_mirrored(row)


def secretariat_or_organiser(*, user: Viewer, organisations: Any) -> bool:
    """The secretariat, and the admins and coordinators of one of `organisations` (their pks,
    or a query of them)."""
    if is_secretariat(user=user):
        return True
    return memberships(user, organisations=organisations, organiser=True).exists()


def unless_draft(*, user: Viewer, found: Drafted, draft: str) -> Drafted:
    """`found` once its status is past `draft`; a draft is the secretariat's (404 otherwise)."""
    return found_if(found.status != draft or is_secretariat(user=user), found)


def get_council(*, pk: int) -> Council:
    return get_object_or_404(Council, pk=pk)


def get_council_for_keeper(*, user: Viewer, pk: int) -> Council:
    return local_or_404(found_if(is_secretariat(user=user), get_council(pk=pk)))


def get_agreement_for_viewer(*, user: Viewer, pk: int) -> Agreement:
    agreement: Agreement = get_object_or_404(Agreement.objects.select_related("council"), pk=pk)
    return unless_draft(user=user, found=agreement, draft=AgreementStatus.DRAFT)


def get_agreement_for_keeper(*, user: Viewer, pk: int) -> Agreement:
    agreement: Agreement = get_object_or_404(Agreement.objects.select_related("council"), pk=pk)
    if not is_secretariat(user=user):
        raise Http404
    return local_or_404(agreement)


def reads_documents(*, user: Viewer, agreement: Agreement) -> bool:
    """The signed copies: the secretariat and the admins and coordinators of the agreement's
    parties. A plain member, or another council member's organiser, sees the agreement's page
    without them."""
    return secretariat_or_organiser(user=user, organisations=agreement.parties.values("pk"))


def get_document_for_reader(*, user: Viewer, pk: int) -> AgreementDocument:
    document = get_object_or_404(
        AgreementDocument.objects.select_related("agreement", "agreement__council"), pk=pk
    )
    get_agreement_for_viewer(user=user, pk=document.agreement_id)
    return found_if(reads_documents(user=user, agreement=document.agreement), document)


def _member_organisations(user: Viewer) -> list[int]:
    return list(memberships(user).values_list("organisation_id", flat=True))


def visible_commitments(*, user: Viewer, council: Council) -> QuerySet[Commitment]:
    """The council's plan as this person may read it: all of it for the secretariat, the
    commitments their organisations own for anyone else, nothing for the anonymous."""
    commitments = Commitment.objects.filter(council=council)
    if is_secretariat(user=user):
        return commitments
    if not user.is_authenticated:
        return commitments.none()
    return commitments.filter(owners__in=_member_organisations(user)).distinct()


def get_commitment_for_viewer(*, user: Viewer, pk: int) -> Commitment:
    commitment: Commitment = get_object_or_404(Commitment.objects.select_related("council"), pk=pk)
    if not visible_commitments(user=user, council=commitment.council).filter(pk=pk).exists():
        raise Http404
    return commitment


def updates_commitment(*, user: Viewer, commitment: Commitment) -> bool:
    """The secretariat, and the admins and coordinators of an owner organisation."""
    return secretariat_or_organiser(user=user, organisations=commitment.owners.values("pk"))


def get_commitment_for_owner(*, user: Viewer, pk: int) -> Commitment:
    commitment = get_commitment_for_viewer(user=user, pk=pk)
    return found_if(updates_commitment(user=user, commitment=commitment), commitment)


def reads_meetings(*, user: Viewer, council: Council) -> bool:
    """The secretariat and the members of the council's organisations."""
    members = council.members.values("organisation_id")
    return is_secretariat(user=user) or memberships(user, organisations=members).exists()


def get_meeting_for_reader(*, user: Viewer, pk: int) -> Meeting:
    meeting: Meeting = get_object_or_404(Meeting.objects.select_related("council"), pk=pk)
    return found_if(reads_meetings(user=user, council=meeting.council), meeting)


def get_meeting_for_keeper(*, user: Viewer, pk: int) -> Meeting:
    meeting = get_meeting_for_reader(user=user, pk=pk)
    return found_if(is_secretariat(user=user), meeting)


def get_programme(*, pk: int) -> Programme:
    """A programme is public."""
    return get_object_or_404(Programme.objects.select_related("council", "agreement"), pk=pk)
