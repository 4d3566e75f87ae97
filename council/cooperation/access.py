"""Who may see and keep the council's work: councils and agreements in force are public; a
draft agreement is for the secretariat, the signed copies for the secretariat and the admins
and coordinators of the agreement's parties; the secretariat (`User.is_secretariat`) keeps
the agreements of every council."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from council.cooperation.models import (
    Agreement,
    AgreementDocument,
    AgreementStatus,
    Assignment,
    AssignmentStatus,
    Candidacy,
    Commitment,
    Council,
    Exchange,
    ExchangeApplication,
    ExchangeStatus,
    Meeting,
)
from council.orgs.access import organises
from council.orgs.models import Membership, MembershipRole, Organisation, OrganisationKind


def is_secretariat(*, user: Any) -> bool:
    return bool(user.is_authenticated and user.is_secretariat)


def get_council(*, pk: int) -> Council:
    council = Council.objects.filter(pk=pk).first()
    if council is None:
        raise Http404
    return council


def get_council_for_keeper(*, user: Any, pk: int) -> Council:
    council = get_council(pk=pk)
    if not is_secretariat(user=user):
        raise Http404
    return council


def get_agreement_for_viewer(*, user: Any, pk: int) -> Agreement:
    agreement = Agreement.objects.select_related("council").filter(pk=pk).first()
    if agreement is None:
        raise Http404
    if agreement.status == AgreementStatus.DRAFT and not is_secretariat(user=user):
        raise Http404
    return agreement


def get_agreement_for_keeper(*, user: Any, pk: int) -> Agreement:
    agreement = Agreement.objects.select_related("council").filter(pk=pk).first()
    if agreement is None or not is_secretariat(user=user):
        raise Http404
    return agreement


def reads_documents(*, user: Any, agreement: Agreement) -> bool:
    """The signed copies: the secretariat and the admins and coordinators of the agreement's
    parties. A plain member, or another council member's organiser, sees the agreement's page
    without them."""
    if not user.is_authenticated:
        return False
    if is_secretariat(user=user):
        return True
    return Membership.objects.filter(
        user=user,
        organisation_id__in=agreement.parties.values("pk"),
        role__in=(MembershipRole.ADMIN, MembershipRole.COORDINATOR),
    ).exists()


def get_document_for_reader(*, user: Any, pk: int) -> AgreementDocument:
    document = (
        AgreementDocument.objects.select_related("agreement", "agreement__council")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404
    get_agreement_for_viewer(user=user, pk=document.agreement_id)
    if not reads_documents(user=user, agreement=document.agreement):
        raise Http404
    return document


def _member_organisations(user: Any) -> list[int]:
    return list(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))


def visible_commitments(*, user: Any, council: Council) -> Any:
    """The council's plan as this person may read it: all of it for the secretariat, the
    commitments their organisations own for anyone else, nothing for the anonymous."""
    commitments = Commitment.objects.filter(council=council)
    if is_secretariat(user=user):
        return commitments
    if not user.is_authenticated:
        return commitments.none()
    return commitments.filter(owners__in=_member_organisations(user)).distinct()


def get_commitment_for_viewer(*, user: Any, pk: int) -> Commitment:
    commitment = Commitment.objects.select_related("council").filter(pk=pk).first()
    if commitment is None:
        raise Http404
    if not visible_commitments(user=user, council=commitment.council).filter(pk=pk).exists():
        raise Http404
    return commitment


def updates_commitment(*, user: Any, commitment: Commitment) -> bool:
    """The secretariat, and the admins and coordinators of an owner organisation."""
    if is_secretariat(user=user):
        return True
    return (
        user.is_authenticated
        and Membership.objects.filter(
            user=user,
            organisation__in=commitment.owners.all(),
            role__in=(MembershipRole.ADMIN, MembershipRole.COORDINATOR),
        ).exists()
    )


def get_commitment_for_owner(*, user: Any, pk: int) -> Commitment:
    commitment = get_commitment_for_viewer(user=user, pk=pk)
    if not updates_commitment(user=user, commitment=commitment):
        raise Http404
    return commitment


def reads_meetings(*, user: Any, council: Council) -> bool:
    """The secretariat and the members of the council's organisations."""
    if is_secretariat(user=user):
        return True
    return (
        user.is_authenticated
        and Membership.objects.filter(
            user=user, organisation__in=council.members.values("organisation_id")
        ).exists()
    )


def get_meeting_for_reader(*, user: Any, pk: int) -> Meeting:
    meeting = Meeting.objects.select_related("council").filter(pk=pk).first()
    if meeting is None or not reads_meetings(user=user, council=meeting.council):
        raise Http404
    return meeting


def get_meeting_for_keeper(*, user: Any, pk: int) -> Meeting:
    meeting = get_meeting_for_reader(user=user, pk=pk)
    if not is_secretariat(user=user):
        raise Http404
    return meeting


def get_exchange_for_viewer(*, user: Any, pk: int) -> Exchange:
    """A call once open is public; a call being prepared is the secretariat's."""
    exchange = Exchange.objects.select_related("council").filter(pk=pk).first()
    if exchange is None:
        raise Http404
    if exchange.status == ExchangeStatus.DRAFT and not is_secretariat(user=user):
        raise Http404
    return exchange


def get_exchange_for_keeper(*, user: Any, pk: int) -> Exchange:
    exchange = get_exchange_for_viewer(user=user, pk=pk)
    if not is_secretariat(user=user):
        raise Http404
    return exchange


def nominating_countries(*, user: Any, exchange: Exchange) -> list[str]:
    """The countries whose nominating organisation this person organises."""
    if not user.is_authenticated:
        return []
    networks = Membership.objects.filter(
        user=user, role__in=(MembershipRole.ADMIN, MembershipRole.COORDINATOR)
    ).values("organisation_id")
    return list(
        exchange.countries.filter(network_id__in=networks).values_list("country_id", flat=True)
    )


def is_panel_member(*, user: Any, exchange: Exchange) -> bool:
    return bool(user.is_authenticated and exchange.panel.filter(user=user).exists())


def get_application_for_network(*, user: Any, pk: int) -> ExchangeApplication:
    """An application, for the organisers of its country's nominating network only."""
    application = (
        ExchangeApplication.objects.select_related("exchange", "person").filter(pk=pk).first()
    )
    if application is None or application.country_id not in nominating_countries(
        user=user, exchange=application.exchange
    ):
        raise Http404
    return application


def get_application_for_panel(*, user: Any, pk: int) -> ExchangeApplication:
    application = (
        ExchangeApplication.objects.select_related("exchange", "person").filter(pk=pk).first()
    )
    if application is None or not is_panel_member(user=user, exchange=application.exchange):
        raise Http404
    return application


def manages_assignment(*, user: Any, assignment: Assignment) -> bool:
    """The secretariat and the host's admins and coordinators."""
    return is_secretariat(user=user) or organises(user=user, organisation_id=assignment.host_id)


def get_assignment_for_viewer(*, user: Any, pk: int) -> Assignment:
    assignment = (
        Assignment.objects.select_related("council", "host", "country").filter(pk=pk).first()
    )
    if assignment is None:
        raise Http404
    if assignment.status == AssignmentStatus.DRAFT and not manages_assignment(
        user=user, assignment=assignment
    ):
        raise Http404
    return assignment


def get_assignment_for_manager(*, user: Any, pk: int) -> Assignment:
    assignment = get_assignment_for_viewer(user=user, pk=pk)
    if not manages_assignment(user=user, assignment=assignment):
        raise Http404
    return assignment


def get_candidacy_for_manager(*, user: Any, pk: int) -> Candidacy:
    candidacy = Candidacy.objects.select_related("assignment", "person").filter(pk=pk).first()
    if candidacy is None or not manages_assignment(user=user, assignment=candidacy.assignment):
        raise Http404
    return candidacy


def get_candidacy_for_person(*, user: Any, pk: int) -> Candidacy:
    candidacy = Candidacy.objects.select_related("assignment").filter(pk=pk).first()
    if candidacy is None or candidacy.person_id != user.pk:
        raise Http404
    return candidacy


def get_assignment_for_nominator(*, user: Any, pk: int) -> tuple[Assignment, list[Any]]:
    """An assignment that this person may see, with the national networks they nominate
    for; someone who organises no national network may look but not nominate (403), and
    learns so before anything they sent is read."""
    assignment = get_assignment_for_viewer(user=user, pk=pk)
    networks = nominating_networks(user=user)
    if not networks:
        raise PermissionDenied
    return assignment, networks


def nominating_networks(*, user: Any) -> list[Any]:
    """The national networks this person organises (they nominate for deployments)."""
    if not user.is_authenticated:
        return []
    return list(
        Organisation.objects.filter(
            kind=OrganisationKind.NATIONAL_NETWORK,
            memberships__user=user,
            memberships__role__in=(MembershipRole.ADMIN, MembershipRole.COORDINATOR),
        ).order_by("pk")
    )
