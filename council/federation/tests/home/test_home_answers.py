"""The owner node answers: the reply to `apply`, its refusal, later `status` writes, and a
withdrawal made here."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from council.federation.models import LinkKind, OutboxMessage, RemoteLink
from council.federation.people import person_ref
from council.federation.protocol import ProtocolError, Received, write_handler
from council.federation.services.home.applications import (
    apply_answered,
    apply_refused,
    remote_apply,
    remote_withdraw,
)
from council.projects.models import Application, ApplicationStatus


@pytest.fixture
def sent(aliya, ru_opportunity, ru_shift) -> Application:
    return remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)


def _message(kind: str = "apply") -> OutboxMessage:
    return OutboxMessage.objects.get(kind=kind)


def _status(peer, application, status, *, at=None, remote_id="501", reason=""):
    handler = write_handler("status")
    assert handler is not None
    body = {
        "kind": "application",
        "id": str(application.pk),
        "remote_id": remote_id,
        "status": status,
        "reason": reason,
        "at": (at or timezone.now()).isoformat(),
    }
    return handler(Received(peer=peer, body=body, idempotency_key="k"))


def test_the_reply_sets_the_status_links_and_mails(sent, ru_peer, mailbox, mails):
    with mails():
        apply_answered(_message(), {"application": "501", "status": "confirmed", "reason": ""})
    sent.refresh_from_db()
    assert sent.status == ApplicationStatus.CONFIRMED
    link = RemoteLink.objects.get()
    assert (link.peer, link.kind, link.local_id, link.remote_id, link.status) == (
        ru_peer,
        LinkKind.APPLICATION,
        str(sent.pk),
        "501",
        "confirmed",
    )
    assert len(mailbox) == 1
    assert mailbox[0].to == ["aliya@example.kz"]


def test_the_mail_is_in_the_persons_language(sent, mailbox, mails):
    with mails():
        apply_answered(_message(), {"application": "501", "status": "waitlisted"})
    sent.refresh_from_db()
    assert sent.get_status_display() == "On the waiting list"
    assert len(mailbox) == 1
    # Aliya reads Kazakh: "You are on the waiting list" in Kazakh.
    assert mailbox[0].subject.startswith("Сіз күту тізіміндесіз")


def test_a_refusal_rejects_with_the_owners_message(sent, mailbox, mails):
    error = ProtocolError("not_eligible", "Участник младше 18 лет")
    with mails():
        apply_refused(_message(), error)
    sent.refresh_from_db()
    assert (sent.status, sent.reason) == (ApplicationStatus.REJECTED, "Участник младше 18 лет")
    assert len(mailbox) == 1


def test_a_status_write_changes_the_application(sent, ru_peer, mailbox, mails):
    with mails():
        apply_answered(_message(), {"application": "501", "status": "waitlisted"})
        assert _status(ru_peer, sent, "confirmed") == {"ok": True}
    sent.refresh_from_db()
    assert sent.status == ApplicationStatus.CONFIRMED
    assert RemoteLink.objects.get().status == "confirmed"
    assert len(mailbox) == 2  # waitlisted, then promoted


def test_a_stale_or_repeated_status_changes_nothing(sent, ru_peer, mailbox, mails):
    now = timezone.now()
    with mails():
        apply_answered(_message(), {"application": "501", "status": "waitlisted"})
        _status(ru_peer, sent, "confirmed", at=now)
        _status(ru_peer, sent, "confirmed", at=now)
        _status(ru_peer, sent, "waitlisted", at=now - timedelta(minutes=5))
    sent.refresh_from_db()
    assert sent.status == ApplicationStatus.CONFIRMED
    assert len(mailbox) == 2


def test_a_status_before_the_reply_wins_over_the_late_reply(sent, ru_peer):
    _status(ru_peer, sent, "confirmed")
    apply_answered(_message(), {"application": "501", "status": "waitlisted"})
    sent.refresh_from_db()
    assert sent.status == ApplicationStatus.CONFIRMED
    assert RemoteLink.objects.get().remote_id == "501"


def test_a_status_about_someone_elses_row_is_not_found(sent, ru_peer, kazakhstan):
    from council.federation.models import Peer

    other = Peer.objects.create(node_id="by", country=kazakhstan, url="https://by.example/")
    with pytest.raises(ProtocolError) as error:
        _status(other, sent, "confirmed")
    assert error.value.code == "not_found"
    with pytest.raises(ProtocolError) as error:
        _status(ru_peer, sent, "promoted")
    assert error.value.code == "invalid_body"


def test_withdrawing_tells_the_owner_node(sent, ru_peer, aliya):
    apply_answered(_message(), {"application": "501", "status": "confirmed"})
    remote_withdraw(volunteer=aliya, application=sent)
    sent.refresh_from_db()
    assert sent.status == ApplicationStatus.WITHDRAWN
    message = _message("application-withdraw")
    assert message.payload == {"application": "501", "person": person_ref(aliya, ru_peer)}


def test_withdrawing_while_on_its_way_tells_the_owner_once_it_answers(sent, aliya):
    remote_withdraw(volunteer=aliya, application=sent)
    assert not OutboxMessage.objects.filter(kind="application-withdraw").exists()
    apply_answered(_message(), {"application": "501", "status": "confirmed"})
    sent.refresh_from_db()
    assert sent.status == ApplicationStatus.WITHDRAWN
    assert _message("application-withdraw").payload["application"] == "501"
