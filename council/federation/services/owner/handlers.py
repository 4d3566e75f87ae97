"""The owner node's answers to a person's actions sent by their home node (docs/federation.md,
"Writes"): apply, application-withdraw, register, registration-cancel, registration-accept,
exchange-apply, candidacy, person-erase.

Each finds the catalogue row by this node's own id among its local rows only (a mirrored row
is another node's: `not_found`), refuses a closed one (`closed`), writes the person's minimal
record and a transfer-log row, and calls the very service a local person's action goes
through, which decides under its own locks; its refusal becomes `not_eligible` (or `closed`
when the row closed meanwhile). The home node's id of the action is kept in a RemoteLink, so
that the same action sent again answers as the first time and its later status changes go
home once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from council.deployments import services as deployments
from council.deployments.models import Assignment, AssignmentStatus, Candidacy
from council.deployments.selectors import pool_entry
from council.exchanges import services as exchanges
from council.exchanges.models import Exchange, ExchangeApplication, ExchangeStatus
from council.federation import protocol
from council.federation.models import LinkKind, Peer, RemoteLink
from council.federation.protocol import ProtocolError, Received
from council.federation.services.owner.people import (
    clean_person_and_guardian,
    remote_account,
    remote_person_erase,
    remote_person_upsert,
    transfer_in,
)
from council.forums.models import (
    Delegation,
    Forum,
    Quota,
    QuotaKind,
    Registration,
    RegistrationStatus,
)
from council.forums.selectors import quota_availability
from council.forums.services import registrations as forums
from council.projects.models import (
    Application,
    ApplicationStatus,
    Opportunity,
    ProjectStatus,
    Shift,
)
from council.projects.services import applications as projects

M = TypeVar("M", bound=models.Model)

MAX_MOTIVATION = 4000
MAX_ANSWERS = 50
ERASE_REASONS = ("consent_withdrawn", "account_erased")


# --- Reading the body ------------------------------------------------------------------------


def _id(body: dict[str, Any], name: str, *, required: bool = True) -> str:
    """An id of the body as text ("" when absent and not required)."""
    value = body.get(name)
    if value is None or value == "":
        if required:
            raise ProtocolError("invalid_body", f"{name} is required.", field=name)
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or len(value) > 64:
        raise ProtocolError("invalid_body", f"{name} must be an id (a string).", field=name)
    return value


def _local(rows: models.QuerySet[M], body: dict[str, Any], name: str) -> M:
    """The local row (origin_node "") whose id the body names, or `not_found`."""
    value = _id(body, name)
    row = rows.filter(origin_node="", pk=int(value)).first() if value.isdigit() else None
    if row is None:
        raise ProtocolError("not_found", f"There is no such {name} here.", status=404, field=name)
    return row


def _text(body: dict[str, Any], name: str, limit: int = MAX_MOTIVATION) -> str:
    value = body.get(name) or ""
    if not isinstance(value, str) or len(value) > limit:
        raise ProtocolError(
            "invalid_body", f"{name} must be a text of at most {limit} characters.", field=name
        )
    return value


def _answers(body: dict[str, Any]) -> list[dict[str, str]]:
    answers = body.get("answers") or []
    if not isinstance(answers, list) or len(answers) > MAX_ANSWERS:
        raise ProtocolError("invalid_body", "answers must be a list.", field="answers")
    cleaned = []
    for item in answers:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("question"), str)
            or not isinstance(item.get("answer"), str)
        ):
            raise ProtocolError(
                "invalid_body", "Each answer needs a question and an answer.", field="answers"
            )
        cleaned.append({"question": item["question"][:300], "answer": item["answer"][:2000]})
    return cleaned


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- Links to the home node's rows -----------------------------------------------------------


def _by_home_id(peer: Peer, kind: str, home_id: str, model: type[M]) -> M | None:
    """The local row made for the home node's row `home_id` (the action sent again)."""
    link = RemoteLink.objects.filter(peer=peer, kind=kind, remote_id=home_id).first()
    return model._default_manager.filter(pk=link.local_id).first() if link else None


def _link(peer: Peer, kind: str, row: Any, home_id: str) -> None:
    RemoteLink.objects.create(
        peer=peer, kind=kind, local_id=str(row.pk), remote_id=home_id, status=row.status
    )


def _settle_link(peer: Peer, kind: str, row: Any) -> None:
    """The home node asked for this status itself: nothing to tell it back."""
    RemoteLink.objects.filter(peer=peer, kind=kind, local_id=str(row.pk)).update(
        status=row.status, updated_at=timezone.now()
    )


def _owned_row(
    received: Received, kind: str, name: str, model: type[M], person_field: str
) -> tuple[M, Any]:
    """The local row the home node's person acts on again (by this node's id, made for that
    peer and that person), with the person's account; `not_found` otherwise."""
    peer, body = received.peer, received.body
    local_id = _id(body, name)
    user = remote_account(peer=peer, ref=body.get("person"))
    linked = RemoteLink.objects.filter(peer=peer, kind=kind, local_id=local_id).exists()
    row = model._default_manager.filter(pk=local_id).first() if local_id.isdigit() else None
    if user is None or not linked or row is None or getattr(row, person_field) != user.pk:
        raise ProtocolError("not_found", f"There is no such {name} here.", status=404, field=name)
    return row, user


def _act(
    received: Received,
    *,
    kind: str,
    home_name: str,
    model: type[M],
    check: Callable[[], None],
    submit: Callable[[Any], M],
    is_closed: Callable[[], bool],
    answer: Callable[[M], dict[str, Any]],
) -> dict[str, Any]:
    """The shape every action with a person block shares: the same action again answers as
    before; else refuse a closed row or a bad block before anything is kept, keep the person
    and log the transfer, submit through the app's service, link the rows."""
    peer, body = received.peer, received.body
    home_id = _id(body, home_name)
    again = _by_home_id(peer, kind, home_id, model)
    if again is not None:
        return answer(again)
    check()
    clean_person_and_guardian(body.get("person"))
    user = remote_person_upsert(
        peer=peer, person=body.get("person") or {}, consent=body.get("consent") or {}
    )
    try:
        with transaction.atomic():
            row = submit(user)
    except ValidationError as error:
        # A twin of this call (the same home id) that got there first: its answer.
        again = _by_home_id(peer, kind, home_id, model)
        if again is not None:
            return answer(again)
        code = "closed" if is_closed() else "not_eligible"
        raise ProtocolError(code, _message(error)) from error
    _link(peer, kind, row, home_id)
    transfer_in(peer=peer, user=user, purpose=received_purpose(kind))
    return answer(row)


def received_purpose(kind: str) -> str:
    purposes: dict[str, str] = {
        LinkKind.APPLICATION: protocol.APPLY,
        LinkKind.REGISTRATION: protocol.REGISTER,
        LinkKind.EXCHANGE_APPLICATION: protocol.EXCHANGE_APPLY,
        LinkKind.CANDIDACY: protocol.CANDIDACY,
    }
    return purposes[kind]


# --- apply / application-withdraw ------------------------------------------------------------


def _opportunity_closed(opportunity: Opportunity, shift: Shift | None) -> bool:
    opportunity.refresh_from_db(fields=["last_end"])
    opportunity.project.refresh_from_db(fields=["status"])
    if opportunity.project.status != ProjectStatus.PUBLISHED or opportunity.is_over:
        return True
    return shift is not None and shift.start <= timezone.now()


def _application_answer(application: Application) -> dict[str, Any]:
    return {
        "application": str(application.pk),
        "status": application.status,
        "reason": application.reason,
    }


@transaction.atomic
def apply(received: Received) -> dict[str, Any]:
    body = received.body
    opportunity: Opportunity | None = None
    shift: Shift | None = None

    def check() -> None:
        nonlocal opportunity, shift
        opportunity = _local(
            Opportunity.objects.select_related("project__owner"), body, "opportunity"
        )
        if _id(body, "shift", required=False):
            shift = _local(Shift.objects.filter(opportunity=opportunity), body, "shift")
        if _opportunity_closed(opportunity, shift):
            raise ProtocolError("closed", "This opportunity is not open for applications.")

    def submit(user: Any) -> Application:
        assert opportunity is not None
        return projects.application_submit(
            volunteer=user,
            opportunity=opportunity,
            shift=shift,
            motivation=_text(body, "motivation"),
            answers=_answers(body),
        )

    return _act(
        received,
        kind=LinkKind.APPLICATION,
        home_name="application",
        model=Application,
        check=check,
        submit=submit,
        is_closed=lambda: opportunity is not None and _opportunity_closed(opportunity, shift),
        answer=_application_answer,
    )


@transaction.atomic
def application_withdraw(received: Received) -> dict[str, Any]:
    application, user = _owned_row(
        received, LinkKind.APPLICATION, "application", Application, "volunteer_id"
    )
    if application.status != ApplicationStatus.WITHDRAWN:
        try:
            with transaction.atomic():
                application = projects.application_withdraw(volunteer=user, application=application)
        except ValidationError as error:
            raise ProtocolError("closed", _message(error)) from error
    _settle_link(received.peer, LinkKind.APPLICATION, application)
    return {"status": application.status}


# --- register / registration-cancel ----------------------------------------------------------


def _registration_answer(registration: Registration) -> dict[str, Any]:
    return {"registration": str(registration.pk), "status": registration.status}


def _forum_closed(forum: Forum, quota: Quota | None = None) -> bool:
    """Whether the forum takes no more registrations (in `quota`, or its open quota)."""
    forum.refresh_from_db()
    if forum.registration_state() != "open":
        return True
    if quota is None:
        quota = forum.quotas.filter(kind=QuotaKind.OPEN).order_by("pk").first()
    if quota is None:
        return True
    quota.forum = forum
    return quota.close_when_full and quota_availability(quota=quota).state == "sold_out"


def _delegation_quota(forum: Forum, body: dict[str, Any], peer: Peer) -> Quota:
    """The quota a member of the home node's delegation goes in: the one named, or (none
    named) the forum's quota of the peer's country. It must be a delegation quota of the
    peer's own country (a country's quota, or one of an organisation of that country), and its
    delegation must not be formed here."""
    quotas = forum.quotas.select_related("organisation")
    if _id(body, "quota", required=False):
        quota = _local(quotas, body, "quota")
    else:
        found = quotas.filter(kind=QuotaKind.COUNTRY, country_id=peer.country_id).first()
        if found is None:
            raise ProtocolError(
                "not_eligible", "This forum has no quota for your country.", field="quota"
            )
        quota = found
    country = quota.country_id or (quota.organisation.country_id if quota.organisation else None)
    if quota.kind == QuotaKind.OPEN or country != peer.country_id:
        raise ProtocolError(
            "not_eligible",
            "A delegation of your node goes in a delegation quota of your country.",
            field="quota",
        )
    if Delegation.objects.filter(quota=quota).exists():
        raise ProtocolError(
            "not_eligible", "This quota's delegation is formed on this node.", field="quota"
        )
    return quota


@transaction.atomic
def register(received: Received) -> dict[str, Any]:
    """A registration for a forum. An individual goes in the forum's open quota. A member of
    the home node's delegation goes in the delegation quota of the home node's country: that
    node's national network formed the delegation and invited the member, so this node decides
    only the seat, under its locks (council.forums.services.registrations.delegate_register),
    and keeps the delegation's name in the audit trail."""
    body = received.body
    forum: Forum | None = None
    quota: Quota | None = None
    delegation = body.get("delegation")
    if delegation is not None and (
        not isinstance(delegation, dict) or not isinstance(delegation.get("name", ""), str)
    ):
        raise ProtocolError(
            "invalid_body", "delegation must be null or {id, name}.", field="delegation"
        )

    def check() -> None:
        nonlocal forum, quota
        forum = _local(Forum.objects.select_related("city"), body, "forum")
        quota_id = _id(body, "quota", required=False)
        if delegation:
            quota = _delegation_quota(forum, body, received.peer)
        elif quota_id:
            chosen = _local(forum.quotas.all(), body, "quota")
            if chosen.kind != QuotaKind.OPEN:
                raise ProtocolError(
                    "not_eligible",
                    "Another node's people register in the open quota.",
                    field="quota",
                )
        if _forum_closed(forum, quota):
            raise ProtocolError("closed", "This forum is not open for registration.")

    def submit(user: Any) -> Registration:
        assert forum is not None
        if quota is None:
            return forums.registration_create(person=user, forum=forum)
        registration = forums.delegate_register(person=user, forum=forum, quota=quota)
        forums.audit(
            None,
            "registration.delegation",
            registration,
            delegation=str(delegation.get("name", ""))[:200] if delegation else "",
            node=received.peer.node_id,
        )
        return registration

    return _act(
        received,
        kind=LinkKind.REGISTRATION,
        home_name="registration",
        model=Registration,
        check=check,
        submit=submit,
        is_closed=lambda: forum is not None and _forum_closed(forum, quota),
        answer=_registration_answer,
    )


@transaction.atomic
def registration_cancel(received: Received) -> dict[str, Any]:
    registration, user = _owned_row(
        received, LinkKind.REGISTRATION, "registration", Registration, "person_id"
    )
    if registration.status != RegistrationStatus.CANCELLED:
        try:
            with transaction.atomic():
                registration = forums.registration_cancel(actor=user, registration=registration)
        except ValidationError as error:
            raise ProtocolError("closed", _message(error)) from error
    _settle_link(received.peer, LinkKind.REGISTRATION, registration)
    return {"status": registration.status}


# --- exchange-apply / candidacy --------------------------------------------------------------


def _exchange_closed(exchange: Exchange) -> bool:
    exchange.refresh_from_db(fields=["status", "applications_close"])
    return (
        exchange.status != ExchangeStatus.OPEN or timezone.localdate() > exchange.applications_close
    )


@transaction.atomic
def exchange_apply(received: Received) -> dict[str, Any]:
    body = received.body
    exchange: Exchange | None = None

    def check() -> None:
        nonlocal exchange
        exchange = _local(Exchange.objects.all(), body, "exchange")
        if _exchange_closed(exchange):
            raise ProtocolError("closed", "This call is not open for applications.")

    def submit(user: Any) -> ExchangeApplication:
        assert exchange is not None
        return exchanges.application_submit(
            person=user, exchange=exchange, motivation=_text(body, "motivation")
        )

    return _act(
        received,
        kind=LinkKind.EXCHANGE_APPLICATION,
        home_name="application",
        model=ExchangeApplication,
        check=check,
        submit=submit,
        is_closed=lambda: exchange is not None and _exchange_closed(exchange),
        answer=lambda row: {"application": str(row.pk), "status": row.status},
    )


@transaction.atomic
def candidacy(received: Received) -> dict[str, Any]:
    """A candidacy for an assignment. Candidates come from the talent pool: a person of
    another node joins this node's pool with the candidacy (available from today; their home
    node keeps their own pool place)."""
    body = received.body
    assignment: Assignment | None = None

    def check() -> None:
        nonlocal assignment
        assignment = _local(Assignment.objects.all(), body, "assignment")
        if assignment.status != AssignmentStatus.OPEN:
            raise ProtocolError("closed", "This assignment is not open for candidates.")

    def submit(user: Any) -> Candidacy:
        assert assignment is not None
        if pool_entry(user=user) is None:
            deployments.pool_join(person=user, available_from=timezone.localdate())
        return deployments.candidacy_apply(
            person=user, assignment=assignment, motivation=_text(body, "motivation")
        )

    def is_closed() -> bool:
        if assignment is None:
            return False
        assignment.refresh_from_db(fields=["status"])
        return assignment.status != AssignmentStatus.OPEN

    return _act(
        received,
        kind=LinkKind.CANDIDACY,
        home_name="candidacy",
        model=Candidacy,
        check=check,
        submit=submit,
        is_closed=is_closed,
        answer=lambda row: {"candidacy": str(row.pk), "status": row.status},
    )


# --- person-erase ----------------------------------------------------------------------------


@transaction.atomic
def person_erase(received: Received) -> dict[str, Any]:
    """Erase the person's record here; idempotent, and an unknown person is erased too (there
    is nothing of them here)."""
    reason = received.body.get("reason", "")
    if reason not in ERASE_REASONS:
        raise ProtocolError(
            "invalid_body", f"reason must be one of {list(ERASE_REASONS)}.", field="reason"
        )
    remote_person_erase(peer=received.peer, ref=received.body.get("person"), reason=reason)
    return {"erased": True}


@transaction.atomic
def registration_accept(received: Received) -> dict[str, Any]:
    """The person takes the seat offered to them while the hold lasts (the same write again
    answers `confirmed`); an offer that expired or was never made is `closed`."""
    registration, user = _owned_row(
        received, LinkKind.REGISTRATION, "registration", Registration, "person_id"
    )
    if registration.status != RegistrationStatus.CONFIRMED:
        try:
            with transaction.atomic():
                registration = forums.registration_accept_offer(
                    person=user, registration=registration
                )
        except ValidationError as error:
            raise ProtocolError("closed", _message(error)) from error
    _settle_link(received.peer, LinkKind.REGISTRATION, registration)
    return {"status": registration.status}


WRITE_HANDLERS: dict[str, Callable[[Received], dict[str, Any]]] = {
    protocol.APPLY: apply,
    protocol.APPLICATION_WITHDRAW: application_withdraw,
    protocol.REGISTER: register,
    protocol.REGISTRATION_CANCEL: registration_cancel,
    protocol.REGISTRATION_ACCEPT: registration_accept,
    protocol.EXCHANGE_APPLY: exchange_apply,
    protocol.CANDIDACY: candidacy,
    protocol.PERSON_ERASE: person_erase,
}
