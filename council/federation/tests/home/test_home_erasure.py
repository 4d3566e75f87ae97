"""Withdrawing the cross-border consent or erasing the account tells every peer holding the
person's data to erase it, once; the job catches what was missed."""

from __future__ import annotations

from django.core.management import call_command

from council.accounts.models import ConsentPurpose
from council.accounts.services import consent_give, consent_withdraw, user_erase
from council.federation.models import OutboxMessage, Peer, PeerStatus, SharedPerson, Transfer
from council.federation.people import person_ref
from council.federation.services.home.applications import remote_apply
from council.federation.services.home.erasure import erasures_reconcile
from council.ops.jobs import JOBS_BY_NAME, MINUTES_15
from council.projects.models import ApplicationStatus


def _erasures():
    return list(OutboxMessage.objects.filter(kind="person-erase").order_by("pk"))


def test_withdrawing_the_consent_tells_the_peer_once(aliya, ru_peer, ru_opportunity, ru_shift):
    application = remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    consent_withdraw(user=aliya, purpose=ConsentPurpose.CROSS_BORDER)
    [message] = _erasures()
    assert (message.peer, message.person) == (ru_peer, aliya)
    assert message.payload == {"person": person_ref(aliya, ru_peer), "reason": "consent_withdrawn"}
    assert SharedPerson.objects.get().erasure_sent_at is not None
    erased = Transfer.objects.get(purpose="person-erase")
    assert (erased.direction, erased.fields, erased.person) == ("out", ["ref"], aliya)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    # Again: nothing new to send.
    consent_give(user=aliya, purpose=ConsentPurpose.CROSS_BORDER)
    consent_withdraw(user=aliya, purpose=ConsentPurpose.CROSS_BORDER)
    assert erasures_reconcile() == 0
    assert len(_erasures()) == 1


def test_withdrawing_another_consent_sends_nothing(aliya, ru_opportunity, ru_shift):
    remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    consent_give(user=aliya, purpose=ConsentPurpose.GUARDIAN, guardian_name="Серік Ахметов")
    consent_withdraw(user=aliya, purpose=ConsentPurpose.GUARDIAN)
    assert not _erasures()


def test_erasing_the_account_tells_every_peer(aliya, ru_peer, ru_opportunity, ru_shift, russia):
    remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    other = Peer.objects.create(
        node_id="ru2", country=russia, url="https://ru2.example/", status=PeerStatus.LIVE
    )
    SharedPerson.objects.create(peer=other, user=aliya, ref=person_ref(aliya, other), consent=None)
    user_erase(user=aliya)
    messages = _erasures()
    assert {m.peer.node_id for m in messages} == {"ru", "ru2"}
    assert {m.payload["reason"] for m in messages} == {"account_erased"}
    assert not SharedPerson.objects.filter(erasure_sent_at__isnull=True).exists()


def test_the_job_sends_what_the_hooks_missed(aliya, ru_opportunity, ru_shift):
    remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    # A consent closed without the service (as an erasure's bulk update does).
    aliya.consents.filter(purpose=ConsentPurpose.CROSS_BORDER).update(
        withdrawn_at="2026-01-01T00:00Z"
    )
    call_command("federation_erasures", verbosity=0)
    [message] = _erasures()
    assert message.payload["reason"] == "consent_withdrawn"
    assert erasures_reconcile() == 0
    assert JOBS_BY_NAME["federation_erasures"].every == MINUTES_15


def test_people_with_a_live_consent_are_left_alone(aliya, ru_opportunity, ru_shift):
    remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    assert erasures_reconcile() == 0
    assert not _erasures()


def test_an_application_still_waiting_never_leaves_once_the_consent_is_withdrawn(
    aliya, ru_peer, ru_opportunity, ru_shift
):
    from council.federation.models import OutboxState
    from council.federation.services.outbox import outbox_attempt

    application = remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    waiting = OutboxMessage.objects.get(kind="apply")
    assert Transfer.objects.filter(purpose="apply").count() == 1
    consent_withdraw(user=aliya, purpose=ConsentPurpose.CROSS_BORDER)

    # The peer's address does not answer here: a call would leave the message pending.
    assert outbox_attempt(message_id=waiting.pk) == OutboxState.REFUSED

    waiting.refresh_from_db()
    assert waiting.last_error.startswith("consent_missing")
    assert not Transfer.objects.filter(purpose="apply").exists()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
