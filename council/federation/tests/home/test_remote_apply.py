"""A person applies from here to an opportunity of another node."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.accounts.models import ConsentPurpose
from council.accounts.services import consent_give, consent_withdraw
from council.audit.models import AuditEvent
from council.conftest import make_org, make_user
from council.federation.models import (
    OutboxMessage,
    PeerStatus,
    SharedPerson,
    SharingChoice,
    Transfer,
)
from council.federation.people import person_ref
from council.federation.services.home.applications import apply_payload, remote_apply
from council.projects.models import Application, ApplicationStatus, RestrictedCategory
from council.projects.tests.conftest import adult, make_opportunity, make_project

from .conftest import born, consenting

PERSON_FIELDS = [
    "ref",
    "given_name",
    "family_name",
    "given_name_latin",
    "family_name_latin",
    "age_band",
    "languages",
    "skills",
    "preferred_language",
    "guardian_consent",
    "contact.email",
]


def test_it_sends_the_application_and_keeps_it_on_its_way(aliya, ru_opportunity, ru_shift, ru_peer):
    application = remote_apply(
        volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift, motivation="Хочу помочь"
    )
    assert application.status == ApplicationStatus.SENT
    assert application.get_status_display() == "On its way to the organiser"
    message = OutboxMessage.objects.get()
    assert (message.peer, message.kind, message.person) == (ru_peer, "apply", aliya)
    assert message.subject_id == str(application.pk)
    payload = message.payload
    assert payload == apply_payload(application)
    consent = aliya.consents.get(purpose=ConsentPurpose.CROSS_BORDER)
    assert payload["application"] == str(application.pk)
    assert (payload["opportunity"], payload["shift"]) == ("27", "81")
    assert payload["consent"]["id"] == str(consent.pk)
    assert payload["person"]["ref"] == person_ref(aliya, ru_peer)
    assert payload["motivation"] == "Хочу помочь"
    shared = SharedPerson.objects.get()
    assert (shared.peer, shared.user, shared.ref, shared.consent) == (
        ru_peer,
        aliya,
        person_ref(aliya, ru_peer),
        consent,
    )
    transfer = Transfer.objects.get()
    assert (transfer.direction, transfer.purpose, transfer.person) == ("out", "apply", aliya)
    assert transfer.fields == [*PERSON_FIELDS, "motivation"]
    assert transfer.consent_ref == str(consent.pk)
    assert AuditEvent.objects.filter(action="application.sent", target_id=str(application.pk))


def test_the_fields_logged_are_exactly_those_sent(aliya, ru_opportunity, ru_shift):
    SharingChoice.objects.create(user=aliya, share_email=False)
    remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    payload = OutboxMessage.objects.get().payload
    assert payload["person"]["contact"] == {}
    fields = Transfer.objects.get().fields
    assert fields == [field for field in PERSON_FIELDS if field != "contact.email"]
    assert set(payload["person"]) - {"contact"} == set(fields)


def test_it_needs_the_cross_border_consent(aliya, ru_opportunity, ru_shift):
    consent_withdraw(user=aliya, purpose=ConsentPurpose.CROSS_BORDER)
    with pytest.raises(ValidationError) as error:
        remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    assert "/me/consents/" in error.value.message_dict["cross_border_consent"][0]
    assert not Application.objects.exists() and not OutboxMessage.objects.exists()
    assert not Transfer.objects.exists()


def test_a_local_opportunity_is_refused(aliya, org):
    opportunity = make_opportunity(make_project(org))
    with pytest.raises(ValidationError, match="run on this node"):
        remote_apply(volunteer=aliya, opportunity=opportunity, shift=opportunity.shifts.get())


@pytest.mark.parametrize("status", [PeerStatus.SUSPENDED, PeerStatus.PROPOSED])
def test_a_peer_that_is_not_live_is_refused(aliya, ru_opportunity, ru_shift, ru_peer, status):
    ru_peer.status = status
    ru_peer.save(update_fields=["status"])
    with pytest.raises(ValidationError, match="not connected"):
        remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    assert not OutboxMessage.objects.exists()


def test_it_needs_a_date_of_birth(kazakhstan, ru_opportunity, ru_shift):
    person = consenting(make_user("nobirth@example.kz", kazakhstan))
    with pytest.raises(ValidationError) as error:
        remote_apply(volunteer=person, opportunity=ru_opportunity, shift=ru_shift)
    assert "date_of_birth" in error.value.message_dict


def test_local_eligibility_rules_apply(aliya, ru_opportunity, ru_shift):
    ru_opportunity.min_age = 16
    ru_opportunity.restricted_category = RestrictedCategory.values[0]
    ru_opportunity.save(update_fields=["min_age", "restricted_category"])
    born(aliya, date(2015, 1, 1))
    with pytest.raises(ValidationError) as error:
        remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    text = " ".join(error.value.messages)
    assert "from the age of 16" in text
    assert "under 18" in text
    assert "parent or guardian" in text


def test_a_minor_with_guardian_consent_may_apply(aliya, ru_opportunity, ru_shift):
    born(aliya, date(2010, 1, 1))
    consent_give(user=aliya, purpose=ConsentPurpose.GUARDIAN, guardian_name="Серік Ахметов")
    remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    person = OutboxMessage.objects.get().payload["person"]
    assert (person["age_band"], person["guardian_consent"]) == ("14_17", True)


def test_one_live_application_per_shift(aliya, ru_opportunity, ru_shift):
    remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    with pytest.raises(ValidationError, match="already applied"):
        remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    assert OutboxMessage.objects.count() == 1


def test_an_overlapping_confirmed_shift_is_refused(aliya, org, ru_opportunity, ru_shift):
    local = make_opportunity(make_project(make_org("Astana Help", org.country)))
    local_shift = local.shifts.get()
    local_shift.start, local_shift.end = ru_shift.start, ru_shift.end
    local_shift.save()
    Application.objects.create(
        volunteer=adult(aliya),
        opportunity=local,
        shift=local_shift,
        status=ApplicationStatus.CONFIRMED,
    )
    with pytest.raises(ValidationError) as error:
        remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    assert "confirmed shift at this time" in error.value.message_dict["shift"][0]


def test_a_shift_is_required_and_must_be_the_opportunitys(aliya, ru_opportunity, org):
    with pytest.raises(ValidationError) as error:
        remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=None)
    assert "shift" in error.value.message_dict
    other = make_opportunity(make_project(org)).shifts.get()
    with pytest.raises(ValidationError) as error:
        remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=other)
    assert "shift" in error.value.message_dict


def test_applying_again_after_an_erasure_shares_again(aliya, ru_opportunity, ru_shift):
    from django.utils import timezone

    remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    SharedPerson.objects.update(erasure_sent_at=timezone.now())
    Application.objects.update(status=ApplicationStatus.WITHDRAWN)
    remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    assert SharedPerson.objects.get().erasure_sent_at is None


def test_without_a_shift_the_age_band_is_taken_on_the_projects_first_day(ru_opportunity):
    from council.federation.services.home.applications import _day_of

    today = timezone.localdate()
    project = ru_opportunity.project
    project.start_date = today + timedelta(days=40)
    project.save(update_fields=["start_date"])
    assert _day_of(ru_opportunity, None) == today + timedelta(days=40)
    project.start_date = today - timedelta(days=40)
    project.save(update_fields=["start_date"])
    assert _day_of(ru_opportunity, None) == today
    shift = ru_opportunity.shifts.get()
    assert _day_of(ru_opportunity, shift) == shift.start.date()
