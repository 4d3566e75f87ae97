"""apply and application-withdraw on the owner node: the seat is decided here, under the
seat lock, for a person whose home node sent the action."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from council.federation.models import LinkKind, RemoteLink, RemotePerson, Transfer
from council.federation.protocol import ProtocolError, write_handler
from council.federation.services.owner import handlers
from council.federation.tests.owner.conftest import apply_body, call, person_block
from council.federation.tests.owner.test_wire_format import check
from council.projects.models import Application, ApplicationStatus, ProjectStatus
from council.projects.services.applications import application_reject
from council.projects.tests.conftest import adult


def test_the_handlers_are_registered() -> None:
    assert write_handler("apply") is handlers.apply
    assert write_handler("person-erase") is handlers.person_erase


def test_a_remote_person_takes_a_free_seat(peer: Any, first_aid: Any, ru_opportunity: Any) -> None:
    answer = call(handlers.apply, peer, **apply_body(ru_opportunity))

    application = Application.objects.get()
    assert answer == {"application": str(application.pk), "status": "confirmed", "reason": ""}
    assert application.volunteer.home_node == "kz"
    assert application.motivation == "I speak Russian and Kazakh."
    link = RemoteLink.objects.get()
    assert (link.kind, link.local_id, link.remote_id, link.status) == (
        LinkKind.APPLICATION,
        str(application.pk),
        "901",
        "confirmed",
    )
    transfer = Transfer.objects.get()
    assert (transfer.direction, transfer.purpose, transfer.consent_ref) == ("in", "apply", "c-41")
    assert transfer.person == application.volunteer
    assert transfer.person_ref == str(application.volunteer.pk)
    assert "given_name" in transfer.fields and "contact.email" in transfer.fields


def test_the_same_action_sent_again_answers_as_the_first_time(
    peer: Any, first_aid: Any, ru_opportunity: Any
) -> None:
    first = call(handlers.apply, peer, **apply_body(ru_opportunity))
    again = call(handlers.apply, peer, **apply_body(ru_opportunity))

    assert again == first
    assert Application.objects.count() == 1
    assert RemoteLink.objects.count() == 1
    assert Transfer.objects.count() == 1


def test_the_third_applicant_waits_behind_a_local_and_a_remote_one(
    peer: Any, first_aid: Any, ru_opportunity: Any, volunteer: Any
) -> None:
    from council.projects.services.applications import application_submit

    shift = ru_opportunity.shifts.get()
    application_submit(volunteer=adult(volunteer), opportunity=ru_opportunity, shift=shift)
    call(handlers.apply, peer, **apply_body(ru_opportunity))
    answer = call(
        handlers.apply,
        peer,
        **apply_body(
            ru_opportunity, "902", person=person_block(ref="psn_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        ),
    )

    assert answer["status"] == "waitlisted"


@pytest.mark.parametrize(
    ("band", "min_age", "guardian", "refused"),
    [
        ("14_17", 18, True, "This opportunity is open from the age of 18."),
        ("14_17", 0, False, "need their parent's or guardian's consent"),
        ("adult", 55, True, "This opportunity is open from the age of 55."),
        ("under_14", 10, True, "This opportunity is open from the age of 10."),
    ],
)
def test_the_attested_age_band_decides_eligibility(
    peer: Any,
    first_aid: Any,
    ru_opportunity: Any,
    band: str,
    min_age: int,
    guardian: bool,
    refused: str,
) -> None:
    ru_opportunity.min_age = min_age
    ru_opportunity.save(update_fields=["min_age"])
    body = apply_body(ru_opportunity, person=person_block(age_band=band, guardian_consent=guardian))

    with pytest.raises(ProtocolError) as refusal:
        call(handlers.apply, peer, **body)

    assert refusal.value.code == "not_eligible"
    assert refused in refusal.value.message
    # Nothing of the person is kept when the action is refused.
    assert not RemotePerson.objects.exists()
    assert not Transfer.objects.exists()


@pytest.mark.parametrize(("band", "status"), [("14_17", "confirmed"), ("silver", "confirmed")])
def test_a_band_old_enough_is_eligible(
    peer: Any, first_aid: Any, ru_opportunity: Any, band: str, status: str
) -> None:
    ru_opportunity.min_age = 14
    ru_opportunity.save(update_fields=["min_age"])
    body = apply_body(ru_opportunity, person=person_block(age_band=band, guardian_consent=True))

    assert call(handlers.apply, peer, **body)["status"] == status


def test_restricted_work_is_refused_to_a_minor(
    peer: Any, first_aid: Any, ru_opportunity: Any
) -> None:
    ru_opportunity.restricted_category = ru_opportunity._meta.get_field(
        "restricted_category"
    ).choices[1][0]
    ru_opportunity.save(update_fields=["restricted_category"])
    body = apply_body(ru_opportunity, person=person_block(age_band="14_17", guardian_consent=True))

    with pytest.raises(ProtocolError) as refusal:
        call(handlers.apply, peer, **body)

    assert refusal.value.code == "not_eligible"
    assert "under 18" in refusal.value.message


def test_a_closed_opportunity_or_a_started_shift_is_closed(
    peer: Any, first_aid: Any, ru_opportunity: Any
) -> None:
    shift = ru_opportunity.shifts.get()
    shift.start = timezone.now() - timedelta(hours=1)
    shift.save(update_fields=["start"])
    with pytest.raises(ProtocolError) as refusal:
        call(handlers.apply, peer, **apply_body(ru_opportunity))
    assert refusal.value.code == "closed"

    ru_opportunity.project.status = ProjectStatus.CANCELLED
    ru_opportunity.project.save(update_fields=["status"])
    with pytest.raises(ProtocolError) as refusal:
        call(handlers.apply, peer, **apply_body(ru_opportunity, shift=None))
    assert refusal.value.code == "closed"
    assert not Application.objects.exists()


def test_a_mirrored_or_unknown_opportunity_is_not_found(
    peer: Any, first_aid: Any, ru_opportunity: Any
) -> None:
    ru_opportunity.origin_node = "kz"
    ru_opportunity.origin_key = "77"
    ru_opportunity.save(update_fields=["origin_node", "origin_key"])
    for opportunity in (str(ru_opportunity.pk), "999999", "not-a-number"):
        with pytest.raises(ProtocolError) as refusal:
            call(handlers.apply, peer, **apply_body(ru_opportunity, opportunity=opportunity))
        assert (refusal.value.code, refusal.value.status) == ("not_found", 404)
        assert refusal.value.field == "opportunity"


def test_the_home_node_withdraws_and_the_next_in_line_is_promoted(
    peer: Any, first_aid: Any, ru_opportunity: Any
) -> None:
    ru_opportunity.shifts.update(capacity=1)
    first = call(handlers.apply, peer, **apply_body(ru_opportunity))
    second = call(
        handlers.apply,
        peer,
        **apply_body(
            ru_opportunity, "902", person=person_block(ref="psn_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        ),
    )
    assert (first["status"], second["status"]) == ("confirmed", "waitlisted")

    body = {"application": first["application"], "person": "psn_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}
    check("application-withdraw", body)
    assert call(handlers.application_withdraw, peer, **body) == {"status": "withdrawn"}
    assert call(handlers.application_withdraw, peer, **body) == {"status": "withdrawn"}

    assert Application.objects.get(pk=second["application"]).status == "confirmed"
    # The home node asked for the withdrawal: no status goes back for it.
    link = RemoteLink.objects.get(local_id=first["application"])
    assert link.status == "withdrawn"


def test_only_the_person_who_applied_withdraws(
    peer: Any, first_aid: Any, ru_opportunity: Any, org_admin: Any
) -> None:
    first = call(handlers.apply, peer, **apply_body(ru_opportunity))
    call(
        handlers.apply,
        peer,
        **apply_body(
            ru_opportunity, "902", person=person_block(ref="psn_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        ),
    )
    for person in (
        "psn_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "psn_cccccccccccccccccccccccccccccccc",
        None,
    ):
        with pytest.raises(ProtocolError) as refusal:
            call(
                handlers.application_withdraw,
                peer,
                application=first["application"],
                person=person,
            )
        assert refusal.value.code in ("not_found", "invalid_body")
    assert Application.objects.get(pk=first["application"]).status == "confirmed"


def test_a_rejected_application_cannot_be_withdrawn(
    peer: Any, first_aid: Any, ru_opportunity: Any, org_admin: Any
) -> None:
    first = call(handlers.apply, peer, **apply_body(ru_opportunity))
    application = Application.objects.get(pk=first["application"])
    application_reject(actor=org_admin, application=application, reason="Full team.")

    with pytest.raises(ProtocolError) as refusal:
        call(
            handlers.application_withdraw,
            peer,
            application=first["application"],
            person="psn_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        )
    assert refusal.value.code == "closed"
    assert Application.objects.get(pk=first["application"]).status == ApplicationStatus.REJECTED
