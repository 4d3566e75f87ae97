"""A person registers from here for another node's forum, applies to its exchange call, puts
themselves forward for its assignment; the owner node's answers, refusals and statuses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.accounts.models import ConsentPurpose
from council.accounts.services import consent_withdraw
from council.audit.models import AuditEvent
from council.conftest import make_user, reader
from council.federation.models import (
    LinkKind,
    OutboxMessage,
    RemoteLink,
    SharedPerson,
    Transfer,
)
from council.federation.people import person_ref
from council.federation.protocol import ProtocolError, Received, write_handler
from council.federation.services.home.registrations import (
    register_answered,
    register_refused,
    remote_register,
    remote_registration_cancel,
)
from council.federation.services.home.requests import (
    remote_candidacy,
    remote_exchange_apply,
    request_answered,
    request_refused,
    requests_of,
)
from council.federation.tests.test_schemas import errors
from council.forums.models import Registration, RegistrationStatus
from council.forums.tests.conftest import make_forum

from .conftest import born, consenting


def _status(peer, kind, local_id, status, *, remote_id="900", at=None):
    handler = write_handler("status")
    assert handler is not None
    body = {
        "kind": kind,
        "id": str(local_id),
        "remote_id": remote_id,
        "status": status,
        "reason": "",
        "at": (at or timezone.now()).isoformat(),
    }
    assert errors("status", body) == []
    return handler(Received(peer=peer, body=body, idempotency_key="k"))


# --- register ----------------------------------------------------------------------------------


def test_registering_keeps_it_on_its_way_and_sends_the_contract_body(aliya, ru_forum, ru_peer):
    registration = remote_register(person=aliya, forum=ru_forum)
    assert registration.status == RegistrationStatus.SENT
    assert registration.get_status_display() == "On its way to the organiser"
    assert registration.quota.origin_key == "34"
    message = OutboxMessage.objects.get()
    assert (message.peer, message.kind, message.person) == (ru_peer, "register", aliya)
    payload = message.payload
    assert errors("register", payload) == []
    assert (payload["registration"], payload["forum"], payload["quota"]) == (
        str(registration.pk),
        "12",
        "34",
    )
    assert payload["delegation"] is None
    assert payload["person"]["ref"] == person_ref(aliya, ru_peer)
    assert SharedPerson.objects.get().user == aliya
    transfer = Transfer.objects.get()
    assert (transfer.direction, transfer.purpose) == ("out", "register")
    assert AuditEvent.objects.filter(action="registration.sent", target_id=str(registration.pk))


def test_registering_needs_the_cross_border_consent(aliya, ru_forum):
    consent_withdraw(user=aliya, purpose=ConsentPurpose.CROSS_BORDER)
    with pytest.raises(ValidationError) as error:
        remote_register(person=aliya, forum=ru_forum)
    assert "/me/consents/" in error.value.message_dict["cross_border_consent"][0]
    assert not Registration.objects.exists() and not OutboxMessage.objects.exists()


def test_a_minor_needs_the_guardians_consent(aliya, ru_forum):
    born(aliya, date(2012, 1, 1))
    with pytest.raises(ValidationError, match="parent or guardian"):
        remote_register(person=aliya, forum=ru_forum)


def test_one_live_registration_per_forum(aliya, ru_forum):
    remote_register(person=aliya, forum=ru_forum)
    with pytest.raises(ValidationError, match="already registered"):
        remote_register(person=aliya, forum=ru_forum)
    assert OutboxMessage.objects.count() == 1


def test_a_local_forum_is_refused(aliya, org, astana):
    with pytest.raises(ValidationError, match="run on this node"):
        remote_register(person=aliya, forum=make_forum(org, astana))


def test_the_reply_sets_the_status_links_and_mails(aliya, ru_forum, ru_peer, mailbox, mails):
    registration = remote_register(person=aliya, forum=ru_forum)
    with mails():
        register_answered(
            OutboxMessage.objects.get(), {"registration": "700", "status": "waitlisted"}
        )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.WAITLISTED
    assert [message.to for message in mailbox] == [["aliya@example.kz"]]
    link = RemoteLink.objects.get()
    assert (link.kind, link.local_id, link.remote_id) == (
        LinkKind.REGISTRATION,
        str(registration.pk),
        "700",
    )
    # A seat offered later, from the owner's waiting list.
    _status(ru_peer, "registration", registration.pk, "offered", remote_id="700")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.OFFERED
    # An older status changes nothing.
    old = timezone.now() - timedelta(days=1)
    _status(ru_peer, "registration", registration.pk, "waitlisted", remote_id="700", at=old)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.OFFERED


def test_a_refusal_cancels_it_with_the_owners_message(aliya, ru_forum):
    registration = remote_register(person=aliya, forum=ru_forum)
    register_refused(
        OutboxMessage.objects.get(), ProtocolError("closed", "This forum is not open.")
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    event = AuditEvent.objects.get(action="registration.cancelled")
    assert event.data["reason"] == "This forum is not open."


def test_a_status_for_someone_elses_row_is_not_found(aliya, ru_forum, ru_peer):
    with pytest.raises(ProtocolError) as error:
        _status(ru_peer, "registration", 424242, "confirmed")
    assert error.value.code == "not_found"


def test_cancelling_tells_the_owner_node(aliya, ru_forum, ru_peer):
    registration = remote_register(person=aliya, forum=ru_forum)
    register_answered(OutboxMessage.objects.get(), {"registration": "700", "status": "confirmed"})
    remote_registration_cancel(person=aliya, registration=registration)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    cancel = OutboxMessage.objects.get(kind="registration-cancel")
    assert cancel.payload == {"registration": "700", "person": person_ref(aliya, ru_peer)}
    assert errors("registration-cancel", cancel.payload) == []


def test_cancelled_while_on_its_way_is_cancelled_there_once_answered(aliya, ru_forum):
    registration = remote_register(person=aliya, forum=ru_forum)
    remote_registration_cancel(person=aliya, registration=registration)
    assert not OutboxMessage.objects.filter(kind="registration-cancel").exists()
    register_answered(
        OutboxMessage.objects.get(kind="register"), {"registration": "700", "status": "confirmed"}
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert OutboxMessage.objects.get(kind="registration-cancel").payload["registration"] == "700"


def test_withdrawing_the_consent_ends_the_registration_there(aliya, ru_forum):
    registration = remote_register(person=aliya, forum=ru_forum)
    consent_withdraw(user=aliya, purpose=ConsentPurpose.CROSS_BORDER)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert OutboxMessage.objects.filter(kind="person-erase").count() == 1


# --- exchange-apply and candidacy -----------------------------------------------------------------


def test_applying_to_an_exchange_sends_the_contract_body(aliya, ru_exchange, ru_peer):
    link = remote_exchange_apply(person=aliya, exchange=ru_exchange, motivation="Хочу поехать")
    assert (link.kind, link.status) == (LinkKind.EXCHANGE_APPLICATION, "sent")
    message = OutboxMessage.objects.get()
    assert (message.kind, message.person, message.subject_id) == (
        "exchange-apply",
        aliya,
        str(link.pk),
    )
    payload = message.payload
    assert errors("exchange-apply", payload) == []
    assert (payload["application"], payload["exchange"]) == (link.local_id, "44")
    assert payload["motivation"] == "Хочу поехать"
    assert Transfer.objects.get().fields[-1] == "motivation"
    with pytest.raises(ValidationError, match="already applied"):
        remote_exchange_apply(person=aliya, exchange=ru_exchange, motivation="Again")


def test_an_exchange_application_needs_a_motivation_and_consent(aliya, ru_exchange):
    with pytest.raises(ValidationError) as error:
        remote_exchange_apply(person=aliya, exchange=ru_exchange, motivation="  ")
    assert "motivation" in error.value.message_dict
    consent_withdraw(user=aliya, purpose=ConsentPurpose.CROSS_BORDER)
    with pytest.raises(ValidationError) as error:
        remote_exchange_apply(person=aliya, exchange=ru_exchange, motivation="Yes")
    assert "cross_border_consent" in error.value.message_dict
    assert not RemoteLink.objects.exists() and not OutboxMessage.objects.exists()


def test_a_candidacy_is_sent_answered_and_moved(aliya, ru_assignment, ru_peer):
    link = remote_candidacy(person=aliya, assignment=ru_assignment, motivation="I can help")
    message = OutboxMessage.objects.get()
    assert errors("candidacy", message.payload) == []
    assert (message.payload["candidacy"], message.payload["assignment"]) == (link.local_id, "66")
    request_answered(message, {"candidacy": "31", "status": "candidate"})
    link.refresh_from_db()
    assert (link.remote_id, link.status) == ("31", "candidate")
    _status(ru_peer, "candidacy", link.local_id, "shortlisted", remote_id="31")
    link.refresh_from_db()
    assert link.status == "shortlisted"
    [item] = requests_of(person=aliya)
    assert (item.title, item.status) == ("Youth programmes", "Shortlisted")


def test_a_refused_request_shows_the_owners_message_and_may_be_sent_again(aliya, ru_exchange):
    remote_exchange_apply(person=aliya, exchange=ru_exchange, motivation="Please")
    message = OutboxMessage.objects.get()
    error = ProtocolError(
        "not_eligible", "This call is for volunteers of the countries taking part."
    )
    message.reply = error.as_json()
    message.save(update_fields=["reply"])
    request_refused(message, error)
    [item] = requests_of(person=aliya)
    assert item.status == "Refused by the organiser's node"
    assert item.refusal == "This call is for volunteers of the countries taking part."
    remote_exchange_apply(person=aliya, exchange=ru_exchange, motivation="Please, again")
    assert OutboxMessage.objects.count() == 2


def test_a_status_before_the_reply_wins(aliya, ru_exchange, ru_peer):
    link = remote_exchange_apply(person=aliya, exchange=ru_exchange, motivation="Please")
    _status(ru_peer, "exchange_application", link.local_id, "nominated", remote_id="8")
    request_answered(OutboxMessage.objects.get(), {"application": "8", "status": "submitted"})
    link.refresh_from_db()
    assert (link.remote_id, link.status) == ("8", "nominated")


def test_a_local_assignment_or_exchange_is_refused(aliya, ru_assignment, ru_exchange):
    with pytest.raises(ValidationError, match="run on this node"):
        remote_exchange_apply(person=aliya, exchange=_local(ru_exchange), motivation="x")
    with pytest.raises(ValidationError, match="run on this node"):
        remote_candidacy(person=aliya, assignment=_local(ru_assignment), motivation="x")


def _local(row):
    type(row).objects.filter(pk=row.pk).update(origin_node="", origin_key="")
    row.refresh_from_db()
    return row


# --- pages ------------------------------------------------------------------------------------


def test_the_register_page_shows_what_is_sent_and_registers(aliya, ru_forum):
    client = reader("en", aliya)
    url = f"/federation/forums/{ru_forum.pk}/register/"
    text = client.get(url).content.decode()
    assert "What is sent to the Russia node" in text
    assert "Send my registration" in text
    answer = client.post(url, {"confirm": "1"})
    assert answer.status_code == 302
    assert Registration.objects.get().status == RegistrationStatus.SENT


def test_the_exchange_page_asks_for_a_motivation(aliya, ru_exchange):
    client = reader("en", aliya)
    url = f"/federation/exchanges/{ru_exchange.pk}/apply/"
    answer = client.post(url, {"confirm": "1", "motivation": ""})
    assert answer.status_code == 400
    assert "Tell the organisers why you should go." in answer.content.decode()
    answer = client.post(url, {"confirm": "1", "motivation": "I speak Russian."})
    assert answer.status_code == 302
    text = client.get("/federation/me/requests/").content.decode()
    assert "Exchange 2027" in text and "On its way to the organiser" in text


def test_the_candidacy_page_without_consent_sends_to_the_consents(aliya, ru_assignment):
    consent_withdraw(user=aliya, purpose=ConsentPurpose.CROSS_BORDER)
    text = reader("en", aliya).get(f"/federation/assignments/{ru_assignment.pk}/apply/")
    assert "/me/consents/" in text.content.decode()
    assert "Send my candidacy" not in text.content.decode()


def test_local_rows_have_no_such_pages(aliya, ru_forum, ru_exchange, ru_assignment):
    client = reader("en", aliya)
    for row, url in [
        (ru_forum, f"/federation/forums/{ru_forum.pk}/register/"),
        (ru_exchange, f"/federation/exchanges/{ru_exchange.pk}/apply/"),
        (ru_assignment, f"/federation/assignments/{ru_assignment.pk}/apply/"),
    ]:
        _local(row)
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_pages_read_in_every_language(aliya, ru_forum, ru_exchange, ru_assignment, language):
    for url in [
        f"/federation/forums/{ru_forum.pk}/register/",
        f"/federation/exchanges/{ru_exchange.pk}/apply/",
        f"/federation/assignments/{ru_assignment.pk}/apply/",
        "/federation/me/requests/",
    ]:
        page = reader(language, aliya).get(url)
        assert page.status_code == 200, url
        assert f'lang="{language}"' in page.content.decode()


def test_the_calls_and_assignments_pages_show_what_was_sent_from_here(
    aliya, ru_exchange, ru_assignment
):
    exchange_page = f"/exchanges/{ru_exchange.pk}/"
    assignment_page = f"/deployments/{ru_assignment.pk}/"
    for page in (exchange_page, assignment_page):
        assert "data-remote-apply" in reader("en", aliya).get(page).content.decode()
    remote_exchange_apply(person=aliya, exchange=ru_exchange, motivation="Хочу поехать")
    remote_candidacy(person=aliya, assignment=ru_assignment, motivation="I can help")
    for page in (exchange_page, assignment_page):
        html = reader("en", aliya).get(page).content.decode()
        assert "You applied from this node: On its way to the organiser." in html
        assert "/federation/me/requests/" in html and "data-remote-apply" not in html
    # Someone else still sees the button.
    other = consenting(make_user("dana@example.kz", aliya.home_country))
    assert "data-remote-apply" in reader("en", other).get(exchange_page).content.decode()
