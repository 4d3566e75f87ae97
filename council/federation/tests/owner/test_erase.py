"""person-erase: the home node says the person withdrew consent or was erased."""

from __future__ import annotations

from typing import Any

from council.accounts.models import User
from council.federation.models import RemotePerson, Transfer
from council.federation.services.owner import handlers
from council.federation.tests.owner.conftest import apply_body, call
from council.projects.models import Application
from council.volunteers.models import VolunteerProfile


def test_the_person_is_erased_and_the_aggregates_stay(
    peer: Any, first_aid: Any, ru_opportunity: Any
) -> None:
    answer = call(handlers.apply, peer, **apply_body(ru_opportunity))
    account = Application.objects.get(pk=answer["application"]).volunteer

    body = {"person": "psn_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "reason": "consent_withdrawn"}
    assert call(handlers.person_erase, peer, **body) == {"erased": True}

    account.refresh_from_db()
    assert account.erased_at is not None
    assert (account.given_name, account.family_name, account.given_name_latin) == ("", "", "")
    assert "psn_" not in account.email
    assert not VolunteerProfile.objects.filter(user=account).exists()
    remote = RemotePerson.objects.get(user=account)
    assert remote.erased_at is not None
    assert (remote.contact, remote.fields) == ({}, [])
    assert not remote.remote_ref.startswith("psn_")
    transfer = Transfer.objects.get()
    assert transfer.person is None
    assert transfer.person_ref == str(account.pk)
    # The seat's history is kept for the aggregates, without the person.
    assert Application.objects.filter(pk=answer["application"]).exists()

    assert call(handlers.person_erase, peer, **body) == {"erased": True}
    unknown = {"person": "psn_dddddddddddddddddddddddddddddddd", "reason": "account_erased"}
    assert call(handlers.person_erase, peer, **unknown) == {"erased": True}
    assert User.objects.filter(erased_at__isnull=False).count() == 1


def test_a_person_who_comes_back_gets_a_new_record(
    peer: Any, first_aid: Any, ru_opportunity: Any
) -> None:
    call(handlers.apply, peer, **apply_body(ru_opportunity))
    call(
        handlers.person_erase,
        peer,
        person="psn_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        reason="account_erased",
    )

    answer = call(handlers.apply, peer, **apply_body(ru_opportunity, "903"))

    assert answer["status"] == "confirmed"
    assert RemotePerson.objects.filter(erased_at__isnull=True).count() == 1
    assert RemotePerson.objects.count() == 2
