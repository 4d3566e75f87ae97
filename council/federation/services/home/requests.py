"""A person of this node applies to another node's exchange call, or puts themselves forward
for another node's assignment (docs/federation.md, "exchange-apply", "candidacy").

Unlike an application or a registration, these have no local row here: an exchange
application and a candidacy have no status that says "on its way" (and this app does not
migrate theirs). What the home node keeps is the RemoteLink (kind exchange_application or
candidacy; `local_id` an opaque id of ours, sent as the home id; `status` "sent" until the
owner node answers, "refused" when it refuses) and the outbox message that carried it, whose
`person` says whose request it is. The person sees them on /federation/me/requests/.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.services import record
from council.deployments.models import Assignment, AssignmentStatus, CandidacyStatus
from council.exchanges.models import ApplicationStatus as ExchangeApplicationStatus
from council.exchanges.models import Exchange, ExchangeStatus
from council.federation.models import LinkKind, OutboxMessage, Peer, RemoteLink
from council.federation.people import consent_block, person_block, sent_fields
from council.federation.protocol import CANDIDACY, EXCHANGE_APPLY, ProtocolError, Received
from council.federation.services.home.applications import (
    _refusal_message,
    cross_border_consent,
    moment_of,
)
from council.federation.services.home.outbox import send_personal
from council.federation.services.home.registrations import peer_of_row
from council.lib.locks import lock_row

SENT = "sent"
REFUSED = "refused"
MAX_MOTIVATION = 4000

# What each kind of request is: its write, the body's names, and the statuses it may take.
KINDS: dict[str, dict[str, Any]] = {
    LinkKind.EXCHANGE_APPLICATION: {
        "write": EXCHANGE_APPLY,
        "home": "application",
        "target": "exchange",
        "statuses": dict(ExchangeApplicationStatus.choices),
    },
    LinkKind.CANDIDACY: {
        "write": CANDIDACY,
        "home": "candidacy",
        "target": "assignment",
        "statuses": dict(CandidacyStatus.choices),
    },
}


def _motivation(motivation: str) -> str:
    text = (motivation or "").strip()
    if not text:
        raise ValidationError({"motivation": _("Tell the organisers why you should go.")})
    if len(text) > MAX_MOTIVATION:
        raise ValidationError(
            {"motivation": _("Keep it to %(limit)s characters.") % {"limit": MAX_MOTIVATION}}
        )
    return text


def _asked_before(person: User, peer: Peer, kind: str, origin_key: str) -> bool:
    """Whether the person already has a request of `kind` for that row (one per row, as the
    owner node keeps it; a refused one may be sent again)."""
    write = KINDS[kind]["write"]
    target = KINDS[kind]["target"]
    link_ids = OutboxMessage.objects.filter(
        peer=peer,
        person=person,
        kind=write,
        subject_type=RemoteLink._meta.label_lower,
        **{f"payload__{target}": origin_key},
    ).values_list("subject_id", flat=True)
    return (
        RemoteLink.objects.filter(pk__in=[int(pk) for pk in link_ids if pk.isdigit()], kind=kind)
        .exclude(status=REFUSED)
        .exists()
    )


def _send(
    *, person: User, peer: Peer, kind: str, row: Any, motivation: str, on: Any, organisation: Any
) -> RemoteLink:
    consent = cross_border_consent(person)
    # The person's own row serialises two requests of theirs side by side.
    lock_row(User, person.pk)
    if _asked_before(person, peer, kind, row.origin_key):
        raise ValidationError(_("You have already applied."))
    spec = KINDS[kind]
    link = RemoteLink.objects.create(
        peer=peer, kind=kind, local_id=f"r{secrets.token_hex(12)}", status=SENT
    )
    payload = {
        spec["home"]: link.local_id,
        spec["target"]: row.origin_key,
        "person": person_block(person, peer=peer, on=on),
        "consent": consent_block(consent),
        "motivation": motivation,
    }
    send_personal(
        peer=peer,
        kind=spec["write"],
        payload=payload,
        person=person,
        consent=consent,
        subject=link,
        fields=[*sent_fields(payload["person"]), "motivation"],
        action=f"{kind}.sent",
        target=row,
        organisation_id=organisation,
        data={"link": link.local_id},
    )
    return link


def exchange_peer(exchange: Exchange) -> Peer:
    return peer_of_row(exchange, local=_("This call is run on this node: apply on its page."))


def assignment_peer(assignment: Assignment) -> Peer:
    return peer_of_row(
        assignment, local=_("This assignment is run on this node: apply on its page.")
    )


@transaction.atomic
def remote_exchange_apply(*, person: User, exchange: Exchange, motivation: str) -> RemoteLink:
    """Apply to another node's exchange call: checked here and sent to the owner node."""
    exchange = Exchange.objects.get(pk=exchange.pk)
    peer = exchange_peer(exchange)
    if exchange.status != ExchangeStatus.OPEN or timezone.localdate() > exchange.applications_close:
        raise ValidationError(_("This call is not open for applications."))
    text = _motivation(motivation)
    return _send(
        person=person,
        peer=peer,
        kind=LinkKind.EXCHANGE_APPLICATION,
        row=exchange,
        motivation=text,
        on=exchange.starts_on,
        organisation=None,
    )


@transaction.atomic
def remote_candidacy(*, person: User, assignment: Assignment, motivation: str) -> RemoteLink:
    """Put oneself forward for another node's assignment: checked here and sent there."""
    assignment = Assignment.objects.get(pk=assignment.pk)
    peer = assignment_peer(assignment)
    if assignment.status != AssignmentStatus.OPEN:
        raise ValidationError(_("This assignment is not open for candidates."))
    text = _motivation(motivation)
    return _send(
        person=person,
        peer=peer,
        kind=LinkKind.CANDIDACY,
        row=assignment,
        motivation=text,
        on=assignment.starts_on,
        organisation=assignment.host_id,
    )


# --- Answers ---------------------------------------------------------------------------------


def _answer_status(kind: str, value: Any, field: str) -> str:
    if value not in KINDS[kind]["statuses"]:
        raise ProtocolError("invalid_body", f"unknown status {value!r}", field=field)
    return str(value)


def _locked_link(pk: Any) -> RemoteLink | None:
    text = str(pk or "")
    return (
        RemoteLink.objects.select_for_update()
        .filter(pk=int(text) if text.isdigit() else 0, kind__in=list(KINDS))
        .first()
    )


def _set(link: RemoteLink, status: str, at: Any, *, source: str, reason: str = "") -> None:
    link.status = status
    link.updated_at = at
    link.save(update_fields=["remote_id", "status", "updated_at"])
    data = {"status": status, "node": link.peer.node_id, "by": source}
    if reason:
        data["reason"] = reason[:500]
    record(actor=None, action=f"{link.kind}.{status}", target=link, data=data)


@transaction.atomic
def request_answered(message: Any, reply: dict[str, Any]) -> None:
    """The owner node's reply to `exchange-apply` or `candidacy`: its id and status there."""
    link = _locked_link(message.subject_id)
    if link is None:
        return
    link.peer = message.peer
    spec = KINDS[link.kind]
    status = _answer_status(link.kind, reply.get("status"), "status")
    link.remote_id = link.remote_id or str(reply.get(spec["home"]) or "")
    if link.status != SENT:
        # A `status` write came first (this reply was lost and retried): it is newer.
        link.save(update_fields=["remote_id"])
        return
    _set(link, status, message.created_at, source="reply")


@transaction.atomic
def request_refused(message: Any, error: Any) -> None:
    """The owner node refused the request (closed, not eligible there…)."""
    link = _locked_link(message.subject_id)
    if link is None or link.status != SENT:
        return
    link.peer = message.peer
    reason = _refusal_message(error) or _("The organiser's node refused the request.")
    _set(link, REFUSED, timezone.now(), source="refusal", reason=reason)


def _status_receiver(kind: str) -> Any:
    def received_status(received: Received) -> dict[str, Any]:
        body = received.body
        peer = received.peer
        local_id = str(body.get("id") or "")
        remote_id = str(body.get("remote_id") or "")
        link = (
            RemoteLink.objects.select_for_update()
            .filter(peer=peer, kind=kind, local_id=local_id)
            .first()
        )
        if link is None:
            raise ProtocolError(
                "not_found", f"no such {kind} of yours here", status=404, field="id"
            )
        if link.remote_id and remote_id and link.remote_id != remote_id:
            raise ProtocolError(
                "not_found", f"another {kind} of yours here", status=404, field="remote_id"
            )
        status = _answer_status(kind, body.get("status"), "status")
        at = moment_of(body.get("at")) or timezone.now()
        if link.status != SENT and at < link.updated_at:
            return {"ok": True}  # older than what we know: a late duplicate
        link.remote_id = remote_id or link.remote_id
        if link.status == status:
            link.updated_at = at
            link.save(update_fields=["remote_id", "updated_at"])
            return {"ok": True}
        _set(link, status, at, source="status", reason=str(body.get("reason") or ""))
        return {"ok": True}

    return received_status


exchange_status_received = _status_receiver(LinkKind.EXCHANGE_APPLICATION)
candidacy_status_received = _status_receiver(LinkKind.CANDIDACY)


@dataclass
class RequestAbroad:
    kind: str
    link: RemoteLink
    message: OutboxMessage
    title: str
    status: str
    refusal: str


def requests_of(*, person: User) -> list[RequestAbroad]:
    """The person's exchange applications and candidacies sent to other nodes, newest first."""
    messages = list(
        OutboxMessage.objects.filter(
            person=person,
            kind__in=[spec["write"] for spec in KINDS.values()],
            subject_type=RemoteLink._meta.label_lower,
        )
        .select_related("peer__country")
        .order_by("-created_at", "-pk")
    )
    links = RemoteLink.objects.in_bulk(
        [int(message.subject_id) for message in messages if message.subject_id.isdigit()]
    )
    exchanges = Exchange.objects.filter(
        origin_key__in=[m.payload.get("exchange") for m in messages if m.kind == EXCHANGE_APPLY]
    )
    assignments = Assignment.objects.filter(
        origin_key__in=[m.payload.get("assignment") for m in messages if m.kind == CANDIDACY]
    )
    titles = {("exchange", row.origin_node, row.origin_key): str(row) for row in exchanges}
    titles |= {("assignment", row.origin_node, row.origin_key): str(row) for row in assignments}
    found = []
    for message in messages:
        link = links.get(int(message.subject_id)) if message.subject_id.isdigit() else None
        if link is None:
            continue
        spec = KINDS[link.kind]
        key = (spec["target"], message.peer.node_id, str(message.payload.get(spec["target"])))
        if link.status == SENT:
            status = str(_("On its way to the organiser"))
        elif link.status == REFUSED:
            status = str(_("Refused by the organiser's node"))
        else:
            status = str(spec["statuses"].get(link.status, link.status))
        found.append(
            RequestAbroad(
                kind=link.kind,
                link=link,
                message=message,
                title=titles.get(key, "—"),
                status=status,
                refusal=_refusal_message(message.reply) if link.status == REFUSED else "",
            )
        )
    return found


def request_state(person: User, row: Any) -> tuple[str, str] | None:
    """The status of the person's latest request sent from here about the mirrored exchange
    call or assignment `row`, and the page that lists their requests abroad; None when they
    sent none (council.lib.mirrors.remote_request_state)."""
    target = {"exchange": "exchange", "assignment": "assignment"}.get(row._meta.model_name)
    if target is None:
        return None
    for request in requests_of(person=person):
        message = request.message
        if (
            message.peer.node_id == row.origin_node
            and str(message.payload.get(target)) == row.origin_key
        ):
            return request.status, reverse("federation:requests_abroad")
    return None
