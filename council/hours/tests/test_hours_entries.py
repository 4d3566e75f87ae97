"""Hours logged by volunteers and organisers; verification, rejection and the one dispute."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.audit.models import AuditEvent
from council.conftest import speaking
from council.hours.models import EntryStatus, HoursEntry
from council.hours.services.entries import (
    hours_bulk_verify,
    hours_dispute,
    hours_log,
    hours_log_for_shift,
    hours_reject,
    hours_verify,
)
from council.hours.tests.conftest import confirm, log_form
from council.hours.tests.test_check_in import signed_in


def log(volunteer: Any, project: Any, hours: str = "3", **fields: Any) -> HoursEntry:
    return hours_log(
        volunteer=volunteer,
        project=project,
        day=fields.pop("day", date(2026, 3, 12)),
        hours=hours,
        description=fields.pop("description", "Sorted donations"),
        **fields,
    )


@pytest.fixture
def entry(volunteer: Any, place: Any, project: Any) -> HoursEntry:
    """Three hours the volunteer logged where they have a confirmed place."""
    return log(volunteer, project)


def test_a_volunteer_logs_hours_where_they_have_a_place(
    volunteer: Any, place: Any, project: Any
) -> None:
    entry = log(volunteer, project, "2.5")
    assert entry.status == EntryStatus.SUBMITTED
    assert entry.hours == Decimal("2.50")
    assert entry.organisation_id == project.owner_id
    assert entry.country_id == "KZ"
    assert AuditEvent.objects.filter(action="hours.logged", target_id=str(entry.pk)).exists()


def test_no_place_no_hours(outsider: Any, project: Any, past_shift: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        log(outsider, project)
    assert caught.value.message_dict == {
        "project": ["You can log hours only where you have a confirmed place."]
    }


@pytest.mark.parametrize(
    ("hours", "day", "field", "message"),
    [
        ("0", date(2026, 3, 12), "hours", "Enter between 0.01 and 24 hours."),
        ("25", date(2026, 3, 12), "hours", "Enter between 0.01 and 24 hours."),
        ("many", date(2026, 3, 12), "hours", "Enter the number of hours."),
        ("NaN", date(2026, 3, 12), "hours", "Enter between 0.01 and 24 hours."),
        ("2", None, "day", "Hours cannot be logged for a future date."),
    ],
)
def test_bad_hours_are_named(
    volunteer: Any, place: Any, project: Any, hours: str, day: Any, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        log(volunteer, project, hours, day=day or timezone.localdate() + timedelta(days=2))
    assert caught.value.message_dict == {field: [message]}
    assert not HoursEntry.objects.exists()


def test_rejected_then_disputed_then_verified(
    volunteer: Any,
    org_admin: Any,
    entry: HoursEntry,
    mailbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        hours_reject(actor=org_admin, entry=entry, reason="We have no record of this day")
    entry.refresh_from_db()
    assert entry.status == EntryStatus.REJECTED
    assert mailbox and "We have no record of this day" in mailbox[0].body
    hours_dispute(volunteer=volunteer, entry=entry, text="I was at the sorting point all day")
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DISPUTED
    hours_verify(actor=org_admin, entry=entry, feedback="Found you on the list, thank you")
    entry.refresh_from_db()
    assert entry.status == EntryStatus.VERIFIED
    assert entry.feedback == "Found you on the list, thank you"
    actions = list(
        AuditEvent.objects.filter(target_id=str(entry.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["hours.logged", "hours.rejected", "hours.disputed", "hours.verified"]


def test_a_rejection_can_be_disputed_only_once(
    volunteer: Any, org_admin: Any, entry: HoursEntry
) -> None:
    hours_reject(actor=org_admin, entry=entry, reason="No")
    hours_dispute(volunteer=volunteer, entry=entry, text="Please look again")
    hours_reject(actor=org_admin, entry=entry, reason="Still no")
    with pytest.raises(ValidationError) as caught:
        hours_dispute(volunteer=volunteer, entry=entry, text="Again")
    assert caught.value.messages == ["These hours have already been disputed once."]


def test_a_volunteer_cannot_verify_their_own_hours(
    org_admin: Any, past_shift: Any, project: Any
) -> None:
    confirm(org_admin, past_shift)
    entry = log(org_admin, project)
    with pytest.raises(ValidationError) as caught:
        hours_verify(actor=org_admin, entry=entry)
    assert caught.value.messages == ["You cannot verify or reject your own hours."]
    assert hours_bulk_verify(actor=org_admin, organisation_id=project.owner_id, pks=[entry.pk]) == 0
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED


def test_a_rejection_needs_a_reason(org_admin: Any, entry: HoursEntry) -> None:
    with pytest.raises(ValidationError) as caught:
        hours_reject(actor=org_admin, entry=entry, reason="  ")
    assert caught.value.message_dict == {"reason": ["Give a reason for the rejection."]}


def test_the_organiser_logs_a_whole_shift(
    org_admin: Any, volunteer: Any, outsider: Any, past_shift: Any, place: Any
) -> None:
    confirm(outsider, past_shift)
    entries = hours_log_for_shift(actor=org_admin, shift=past_shift, description="Marathon")
    assert len(entries) == 2
    assert {entry.hours for entry in entries} == {Decimal("5.00")}
    assert {entry.status for entry in entries} == {EntryStatus.VERIFIED}
    assert {entry.date for entry in entries} == {date(2026, 3, 11)}
    # Again: nobody gets a second entry for the same shift.
    assert hours_log_for_shift(actor=org_admin, shift=past_shift) == []


def test_bulk_verification(
    org_admin: Any, volunteer: Any, outsider: Any, past_shift: Any, project: Any
) -> None:
    confirm(outsider, past_shift)
    confirm(volunteer, past_shift)
    first = log(volunteer, project)
    second = log(outsider, project)
    assert (
        hours_bulk_verify(
            actor=org_admin, organisation_id=project.owner_id, pks=[first.pk, second.pk]
        )
        == 2
    )
    assert set(HoursEntry.objects.values_list("status", flat=True)) == {EntryStatus.VERIFIED}


# --- Pages ------------------------------------------------------------------------------------


def test_the_volunteer_logs_hours_on_the_page(volunteer: Any, place: Any, project: Any) -> None:
    client = signed_in(volunteer)
    form = client.get("/hours/log/")
    assert form.status_code == 200
    assert "Astana Marathon first aid" in form.content.decode()
    answer = client.post("/hours/log/", log_form(project), follow=True)
    assert "Your hours are logged and wait for verification." in answer.content.decode()
    assert "Awaiting verification" in answer.content.decode()


def test_the_log_form_names_each_bad_field(volunteer: Any, place: Any, project: Any) -> None:
    answer = signed_in(volunteer).post(
        "/hours/log/", {"project": project.pk, "day": "someday", "hours": "-1", "mode": "x"}
    )
    assert answer.status_code == 400
    errors = answer.context["form"].errors
    assert set(errors) == {"day", "hours", "description", "mode"}
    assert not HoursEntry.objects.exists()


def test_the_queue_verifies_rejects_and_shows_only_its_organisation(
    org_admin: Any, volunteer: Any, outsider: Any, place: Any, project: Any
) -> None:
    entry = log(volunteer, project)
    client = signed_in(org_admin)
    page = client.get(f"/hours/orgs/{project.owner_id}/")
    assert page.status_code == 200
    assert "Aliya" in page.content.decode()
    # What is shown first is what waits for a decision, and the filter says so.
    assert '<option value="submitted" selected>' in page.content.decode()
    answer = client.post(f"/hours/entries/{entry.pk}/reject/", {"reason": ""}, follow=True)
    assert "Give a reason for the rejection." in answer.content.decode()
    client.post(f"/hours/entries/{entry.pk}/verify/", {"feedback": "Thanks"})
    entry.refresh_from_db()
    assert entry.status == EntryStatus.VERIFIED
    # Another organisation's organiser, the volunteer and a stranger get 404.
    for person in (outsider, volunteer):
        other = signed_in(person)
        assert other.get(f"/hours/orgs/{project.owner_id}/").status_code == 404
        assert other.post(f"/hours/entries/{entry.pk}/reject/", {"reason": "x"}).status_code == 404


def test_an_organiser_of_another_organisation_gets_404(
    russia: Any, volunteer: Any, place: Any, project: Any
) -> None:
    from council.conftest import make_org, make_user
    from council.orgs.models import Membership, MembershipRole

    ru_partner = make_org("Moscow Volunteer Centre", russia)
    stranger = make_user("admin.moscow@example.org", russia)
    Membership.objects.create(organisation=ru_partner, user=stranger, role=MembershipRole.ADMIN)
    entry = log(volunteer, project)
    client = signed_in(stranger)
    assert client.post(f"/hours/entries/{entry.pk}/verify/").status_code == 404
    assert client.get(f"/hours/orgs/{project.owner_id}/").status_code == 404
    assert (
        client.post(f"/hours/orgs/{project.owner_id}/verify/", {"entry": [entry.pk]}).status_code
        == 404
    )
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED


def test_the_volunteer_disputes_on_their_page(
    volunteer: Any, org_admin: Any, entry: HoursEntry
) -> None:
    hours_reject(actor=org_admin, entry=entry, reason="Not on the list")
    client = signed_in(volunteer)
    page = client.get("/hours/")
    assert "Not on the list" in page.content.decode()
    answer = client.post(f"/hours/{entry.pk}/dispute/", {"text": "I was there"}, follow=True)
    assert "Your dispute has been sent to the organisation." in answer.content.decode()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DISPUTED


def test_the_queue_page_reads_a_fixed_number_of_queries(
    org_admin: Any,
    volunteer: Any,
    outsider: Any,
    past_shift: Any,
    project: Any,
    django_assert_max_num_queries: Any,
) -> None:
    confirm(volunteer, past_shift)
    confirm(outsider, past_shift)
    for _ in range(5):
        log(volunteer, project)
        log(outsider, project)
    client = signed_in(org_admin)
    with django_assert_max_num_queries(12):
        response = client.get(f"/hours/orgs/{project.owner_id}/")
        assert response.status_code == 200
    page = response.content.decode()
    assert str(project.owner.name) in page
    # Ten submitted entries wait, five of each volunteer, each with its description.
    assert page.count("Sorted donations") == 10
    assert volunteer.display_name in page and outsider.display_name in page


def test_the_occupation_and_sdg_targets_default_and_can_be_chosen(
    volunteer: Any, place: Any, project: Any, isco: Any, health_target: Any
) -> None:
    from council.reference.models import SdgGoal, SdgTarget

    by_default = log(volunteer, project, opportunity=place.opportunity)
    assert by_default.isco_group_id == "32"
    assert [target.code for target in by_default.sdg_targets.all()] == ["3.4"]
    goal = SdgGoal.objects.create(number=10, short_name_en="Reduced inequalities", colour="#DD1367")
    inclusion = SdgTarget.objects.create(code="10.2", goal=goal, position=2, title_en="Inclusion")
    chosen = log(
        volunteer,
        project,
        opportunity=place.opportunity,
        isco_group=isco["53"],
        sdg_targets=[inclusion],
    )
    assert chosen.isco_group_id == "53"
    assert [target.code for target in chosen.sdg_targets.all()] == ["10.2"]


def test_the_rejection_mail_is_in_the_volunteers_language(
    volunteer: Any,
    org_admin: Any,
    place: Any,
    project: Any,
    mailbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    speaking(volunteer, "kk")
    entry = log(volunteer, project)
    with django_capture_on_commit_callbacks(execute=True):
        hours_reject(actor=org_admin, entry=entry, reason="Тізімде жоқсыз")
    from django.utils import translation

    with translation.override("kk"):
        expected = translation.gettext("Reason:")
    assert expected != "Reason:"
    assert f"{expected} Тізімде жоқсыз" in mailbox[0].body


def test_my_hours_page_reads_a_fixed_number_of_queries(
    volunteer: Any, place: Any, project: Any, django_assert_max_num_queries: Any
) -> None:
    for day in range(1, 8):
        log(volunteer, project, day=date(2026, 3, day))
    client = signed_in(volunteer)
    with django_assert_max_num_queries(8):
        page = client.get("/hours/")
    assert page.content.decode().count("Sorted donations") == 7


def test_the_hours_are_in_my_data_export(volunteer: Any, place: Any, project: Any) -> None:
    from council.accounts.registry import EXPORTERS

    log(volunteer, project, "2.25")
    exported = EXPORTERS["hours"](volunteer)
    assert exported == [
        {
            "date": "2026-03-12",
            "hours": "2.25",
            "project": project.pk,
            "opportunity": None,
            "organisation": project.owner_id,
            "status": "submitted",
            "description": "Sorted donations",
            "mode": "organisation",
            "during_paid_work": False,
            "reason": "",
            "dispute": "",
        }
    ]
