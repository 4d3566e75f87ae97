"""The whole cycle on the services and pages: apply, accept, reject, waitlist, withdraw,
promote; overlaps refused; minors refused where the law bars them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from council.accounts.services import consent_give
from council.audit.models import AuditEvent
from council.conftest import make_user
from council.projects.models import Application, ApplicationMode, ApplicationStatus, Shift
from council.projects.services.applications import (
    application_accept,
    application_reject,
    application_submit,
    application_waitlist,
    application_withdraw,
    applications_accept_many,
)
from council.projects.tests.conftest import adult, make_opportunity
from council.volunteers.models import VolunteerProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(kazakhstan):
    return [adult(make_user(f"p{n}@example.org", kazakhstan)) for n in range(4)]


def test_instant_mode_confirms_then_waitlists_then_promotes_in_order(
    opportunity, shift, people, django_capture_on_commit_callbacks
) -> None:
    first, second, third, fourth = people
    with django_capture_on_commit_callbacks(execute=True):
        a1 = application_submit(volunteer=first, opportunity=opportunity, shift=shift)
        a2 = application_submit(volunteer=second, opportunity=opportunity, shift=shift)
        a3 = application_submit(volunteer=third, opportunity=opportunity, shift=shift)
        a4 = application_submit(volunteer=fourth, opportunity=opportunity, shift=shift)
    assert [a.status for a in (a1, a2, a3, a4)] == [
        "confirmed",
        "confirmed",
        "waitlisted",
        "waitlisted",
    ]
    assert [m.subject for m in mail.outbox][2] == (
        "You are on the waiting list: Beach clean-up volunteer"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application_withdraw(volunteer=first, application=a1)
    a3.refresh_from_db()
    a4.refresh_from_db()
    assert a3.status == "confirmed" and a4.status == "waitlisted"
    assert [m.to for m in mail.outbox] == [["p2@example.org"]]
    assert mail.outbox[0].subject == "A place freed up for you: Beach clean-up volunteer"
    assert AuditEvent.objects.filter(action="application.promoted", target_id=str(a3.pk)).exists()


def test_review_mode_accept_reject_waitlist(project, people, org_admin) -> None:
    opportunity = make_opportunity(project, capacity=1, application_mode=ApplicationMode.REVIEW)
    shift = opportunity.shifts.get()
    first, second, third, _fourth = people
    a1 = application_submit(volunteer=first, opportunity=opportunity, shift=shift)
    a2 = application_submit(volunteer=second, opportunity=opportunity, shift=shift)
    a3 = application_submit(volunteer=third, opportunity=opportunity, shift=shift)
    assert {a1.status, a2.status, a3.status} == {"pending"}
    application_accept(actor=org_admin, application=a1)
    with pytest.raises(ValidationError, match="no free seat"):
        application_accept(actor=org_admin, application=a2)
    application_waitlist(actor=org_admin, application=a2)
    with pytest.raises(ValidationError) as error:
        application_reject(actor=org_admin, application=a3, reason="  ")
    assert "reason" in error.value.message_dict
    application_reject(actor=org_admin, application=a3, reason="Team is complete")
    # Rejecting a confirmed volunteer frees the seat for the waiting list.
    application_reject(actor=org_admin, application=a1, reason="Did not attend the briefing")
    a2.refresh_from_db()
    assert a2.status == "confirmed"
    assert Application.objects.get(pk=a3.pk).reason == "Team is complete"


def test_capacity_without_shifts(project, people) -> None:
    opportunity = make_opportunity(project, shifts=0, capacity=1)
    first, second, *_ = people
    assert application_submit(volunteer=first, opportunity=opportunity).status == "confirmed"
    assert application_submit(volunteer=second, opportunity=opportunity).status == "waitlisted"
    with pytest.raises(ValidationError, match="already applied"):
        application_submit(volunteer=second, opportunity=opportunity)


def test_overlapping_shifts_are_refused(project, people) -> None:
    first = people[0]
    one = make_opportunity(project, capacity=5)
    other = make_opportunity(project, capacity=5, title_en="Other role")
    shift_one = one.shifts.get()
    shift_other = other.shifts.get()
    Shift.objects.filter(pk=shift_other.pk).update(
        start=shift_one.start + timedelta(hours=2), end=shift_one.end + timedelta(hours=2)
    )
    shift_other.refresh_from_db()
    application_submit(volunteer=first, opportunity=one, shift=shift_one)
    with pytest.raises(ValidationError) as error:
        application_submit(volunteer=first, opportunity=other, shift=shift_other)
    assert "You already have a confirmed shift at this time" in str(error.value)
    assert not Application.objects.filter(shift=shift_other).exists()


def test_bulk_accept_stops_at_capacity(project, people, org_admin) -> None:
    opportunity = make_opportunity(project, capacity=2, application_mode=ApplicationMode.REVIEW)
    shift = opportunity.shifts.get()
    applications = [
        application_submit(volunteer=person, opportunity=opportunity, shift=shift)
        for person in people[:3]
    ]
    accepted, refused = applications_accept_many(
        actor=org_admin, opportunity=opportunity, application_ids=[a.pk for a in applications]
    )
    assert accepted == 2 and len(refused) == 1
    assert Application.objects.filter(shift=shift, status="confirmed").count() == 2


def minor(user, years: int):
    today = date.today()
    VolunteerProfile.objects.update_or_create(
        user=user, defaults={"date_of_birth": today.replace(year=today.year - years)}
    )
    return user


def test_a_minor_needs_guardian_consent_and_is_barred_from_restricted_work(
    project, kazakhstan
) -> None:
    teen = minor(make_user("teen@example.org", kazakhstan), 16)
    plain = make_opportunity(project, capacity=3)
    with pytest.raises(ValidationError) as error:
        application_submit(volunteer=teen, opportunity=plain, shift=plain.shifts.get())
    assert "A parent or guardian must give their consent" in str(error.value)
    consent_give(user=teen, purpose="guardian", guardian_name="Гульнара Сейтова")
    assert application_submit(
        volunteer=teen, opportunity=plain, shift=plain.shifts.get()
    ).status == ("confirmed")

    emergency = make_opportunity(project, capacity=3, restricted_category="emergency")
    with pytest.raises(ValidationError) as error:
        application_submit(volunteer=teen, opportunity=emergency, shift=emergency.shifts.get())
    assert (
        "Volunteers under 18 may not take part in this kind of work: "
        "Emergency and disaster response." in str(error.value)
    )


def test_minimum_age_and_unknown_birth_date(project, volunteer) -> None:
    aged = make_opportunity(project, capacity=3, min_age=18)
    with pytest.raises(ValidationError, match="date of birth"):
        application_submit(volunteer=volunteer, opportunity=aged, shift=aged.shifts.get())
    adult(volunteer)
    assert application_submit(volunteer=volunteer, opportunity=aged, shift=aged.shifts.get())


def test_a_draft_or_a_foreign_shift_is_refused(project, people) -> None:
    opportunity = make_opportunity(project, capacity=3)
    other = make_opportunity(project, capacity=3)
    with pytest.raises(ValidationError) as error:
        application_submit(volunteer=people[0], opportunity=opportunity, shift=other.shifts.get())
    assert error.value.message_dict["shift"] == ["This shift belongs to another opportunity."]
    project.status = "draft"
    project.save()
    with pytest.raises(ValidationError, match="not open"):
        application_submit(
            volunteer=people[0], opportunity=opportunity, shift=opportunity.shifts.get()
        )


def test_withdraw_is_only_for_the_applicant(opportunity, shift, people) -> None:
    application = application_submit(volunteer=people[0], opportunity=opportunity, shift=shift)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        application_withdraw(volunteer=people[1], application=application)
    application_withdraw(volunteer=people[0], application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    with pytest.raises(ValidationError):
        application_withdraw(volunteer=people[0], application=application)


def test_cancelling_a_project_closes_its_applications_and_mails_them(
    project, opportunity, shift, people, org_admin, django_capture_on_commit_callbacks
) -> None:
    from council.projects.services.projects import project_cancel

    first, second, third, _ = people
    for person in (first, second, third):
        application_submit(volunteer=person, opportunity=opportunity, shift=shift)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        project_cancel(actor=org_admin, project=project)
    statuses = set(Application.objects.filter(shift=shift).values_list("status", flat=True))
    assert statuses == {"rejected"}
    assert len(mail.outbox) == 3
    assert all("The project has been cancelled." in m.body for m in mail.outbox)
