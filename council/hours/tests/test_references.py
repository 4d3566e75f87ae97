"""References both ways: the organiser's reference after the shift, the volunteer's choice of
showing it in the record book (page and signed JSON), the reliability beside each applicant,
and the volunteer's rating of the experience with the organisation's averages."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from typing import Any

import pypdf
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation

from council.audit.models import AuditEvent
from council.conftest import make_user
from council.hours.models import ExperienceRating, Reference
from council.hours.services.references import experience_rate, reference_write
from council.hours.tests.conftest import confirm, verified_entry
from council.hours.tests.test_check_in import signed_in
from council.projects.models import Application, ApplicationStatus, Shift


def _shift(opportunity: Any, *, ended_days_ago: int) -> Shift:
    end = timezone.now() - timedelta(days=ended_days_ago)
    return Shift.objects.create(
        opportunity=opportunity, start=end - timedelta(hours=3), end=end, capacity=5
    )


@pytest.fixture
def recent_place(volunteer: Any, opportunity: Any) -> Application:
    """The volunteer's confirmed place on a shift that ended yesterday."""
    return confirm(volunteer, _shift(opportunity, ended_days_ago=1))


def _write(actor: Any, application: Any, **changes: Any) -> Reference:
    values = {"rating": 5, "no_show": False, "punctual": True, "text": "Calm and kind"}
    return reference_write(actor=actor, application=application, **{**values, **changes})


# --- The organiser's reference ---------------------------------------------------------------


def test_the_organiser_writes_a_reference_and_the_volunteer_is_told(
    org_admin: Any, recent_place: Any, mailbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        page = signed_in(org_admin).post(
            f"/hours/applications/{recent_place.pk}/reference/",
            {"rating": "4", "punctual": "on", "text": "Helped 40 runners at the finish."},
        )
    assert page.status_code == 302
    reference = Reference.objects.get(application=recent_place)
    assert (reference.rating, reference.no_show, reference.punctual) == (4, False, True)
    assert reference.shown_in_record_book is False
    assert reference.organisation_id == recent_place.opportunity.project.owner_id
    assert AuditEvent.objects.filter(action="reference.written", target_id=str(reference.pk))
    assert [message.to for message in mailbox] == [[recent_place.volunteer.email]]
    assert "Astana Volunteer Centre has written a reference" in mailbox[0].body
    listing = signed_in(org_admin).get(f"/hours/orgs/{reference.organisation_id}/references/")
    assert "4 out of 5" in listing.content.decode()


def test_no_reference_before_the_shift_ends(
    org_admin: Any, volunteer: Any, opportunity: Any
) -> None:
    future = Shift.objects.create(
        opportunity=opportunity,
        start=timezone.now() + timedelta(days=2),
        end=timezone.now() + timedelta(days=2, hours=3),
        capacity=5,
    )
    place = confirm(volunteer, future)
    with pytest.raises(ValidationError, match="has not ended"):
        _write(org_admin, place)
    page = signed_in(org_admin).get(f"/hours/applications/{place.pk}/reference/")
    assert "The shift has not ended yet" in page.content.decode()


def test_a_no_show_is_never_punctual_and_one_reference_per_place(
    org_admin: Any, recent_place: Any
) -> None:
    first = _write(org_admin, recent_place, no_show=True, punctual=True, rating=1)
    again = _write(org_admin, recent_place, rating=2, no_show=True)
    assert first.pk == again.pk
    assert Reference.objects.filter(application=recent_place).count() == 1
    again.refresh_from_db()
    assert (again.rating, again.no_show, again.punctual) == (2, True, False)
    assert AuditEvent.objects.filter(action="reference.updated").count() == 1


def test_a_reference_can_be_changed_for_thirty_days_only(org_admin: Any, recent_place: Any) -> None:
    reference = _write(org_admin, recent_place)
    Reference.objects.filter(pk=reference.pk).update(written_at=timezone.now() - timedelta(days=31))
    with pytest.raises(ValidationError, match="30 days"):
        _write(org_admin, recent_place, rating=1)
    page = signed_in(org_admin).post(
        f"/hours/applications/{recent_place.pk}/reference/", {"rating": "1"}
    )
    assert page.status_code == 400
    assert "30 days have passed" in page.content.decode()


@pytest.mark.parametrize("rating", ["0", "6", "five", ""])
def test_a_bad_rating_is_a_field_error(org_admin: Any, recent_place: Any, rating: str) -> None:
    page = signed_in(org_admin).post(
        f"/hours/applications/{recent_place.pk}/reference/", {"rating": rating, "text": "x" * 5}
    )
    assert page.status_code == 400
    assert 'id="id_rating_error"' in page.content.decode() or "rating" in str(
        page.context["form"].errors
    )
    assert not Reference.objects.exists()


def test_a_text_over_a_thousand_characters_is_refused(org_admin: Any, recent_place: Any) -> None:
    page = signed_in(org_admin).post(
        f"/hours/applications/{recent_place.pk}/reference/", {"rating": "5", "text": "x" * 1001}
    )
    assert page.status_code == 400
    assert "text" in page.context["form"].errors
    assert not Reference.objects.exists()


def test_only_the_organisers_of_the_owner_write_references(
    recent_place: Any, org_member: Any, outsider: Any, volunteer: Any
) -> None:
    url = f"/hours/applications/{recent_place.pk}/reference/"
    assert signed_in(outsider).get(url).status_code == 404
    assert signed_in(volunteer).get(url).status_code == 404
    assert signed_in(org_member).get(url).status_code == 403
    assert signed_in(outsider).post(url, {"rating": "5"}).status_code == 404
    assert not Reference.objects.exists()


# --- The volunteer's choice and the record book ----------------------------------------------


def test_the_volunteer_chooses_what_the_record_book_shows(
    org_admin: Any, volunteer: Any, recent_place: Any, project: Any
) -> None:
    verified_entry(volunteer, project, org_admin, description="Finish line")
    reference = _write(org_admin, recent_place, text="Always ready to help.")
    client = signed_in(volunteer)
    mine = client.get("/hours/references/").content.decode()
    assert "Always ready to help." in mine
    assert "Not shown" in mine
    book = client.get("/hours/record-book/").content.decode()
    assert "Always ready to help." not in book
    document = json.loads(client.get("/hours/record-book.json").content)["record_book"]
    assert document["references"] == []

    answer = client.post(f"/hours/references/{reference.pk}/show/", {"shown": "1"})
    assert answer.status_code == 302
    book = client.get("/hours/record-book/").content.decode()
    assert "Always ready to help." in book
    document = json.loads(client.get("/hours/record-book.json").content)["record_book"]
    [shown] = document["references"]
    assert shown["text"] == "Always ready to help."
    assert shown["rating"] == 5
    assert shown["organisation"]["name"] == "Astana Volunteer Centre"
    assert AuditEvent.objects.filter(action="reference.shown").count() == 1

    client.post(f"/hours/references/{reference.pk}/show/", {"shown": "0"})
    document = json.loads(client.get("/hours/record-book.json").content)["record_book"]
    assert document["references"] == []


def test_nobody_else_toggles_a_reference(org_admin: Any, recent_place: Any, outsider: Any) -> None:
    reference = _write(org_admin, recent_place)
    for person in (outsider, org_admin):
        answer = signed_in(person).post(f"/hours/references/{reference.pk}/show/", {"shown": "1"})
        assert answer.status_code == 404
    reference.refresh_from_db()
    assert reference.shown_in_record_book is False


# --- Reliability beside each applicant -------------------------------------------------------


def test_organisers_see_each_applicants_no_shows(
    org_admin: Any, volunteer: Any, opportunity: Any, django_assert_max_num_queries: Any
) -> None:
    places = [confirm(volunteer, _shift(opportunity, ended_days_ago=days)) for days in (3, 10, 40)]
    _write(org_admin, places[0], no_show=True, rating=1)
    # Older than two years: not counted.
    old = confirm(volunteer, _shift(opportunity, ended_days_ago=800))
    _write(org_admin, old, no_show=True, rating=1)
    others = [
        confirm(make_user(f"applicant{n}@example.org"), _shift(opportunity, ended_days_ago=2))
        for n in range(5)
    ]
    Application.objects.create(
        volunteer=make_user("new@example.org"),
        opportunity=opportunity,
        shift=others[0].shift,
        status=ApplicationStatus.PENDING,
    )
    client = signed_in(org_admin)
    client.get(f"/opportunities/{opportunity.pk}/applications/")
    with django_assert_max_num_queries(40):
        page = client.get(f"/opportunities/{opportunity.pk}/applications/")
    text = " ".join(page.content.decode().split())
    assert "Reliability: missed 1 of 3 past shifts (2 years)" in text
    assert "Reliability: missed 0 of 1 past shift (2 years)" in text
    assert "Reliability: no past shifts yet" in text
    assert "Write a reference" in text
    assert "Reference written: change it" in text


def test_the_applicant_list_reads_the_same_queries_for_more_applicants(
    org_admin: Any, opportunity: Any
) -> None:
    def count() -> int:
        client = signed_in(org_admin)
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/opportunities/{opportunity.pk}/applications/")
        return len(queries)

    shift = _shift(opportunity, ended_days_ago=2)
    confirm(make_user("a0@example.org"), shift)
    few = count()
    for n in range(1, 8):
        confirm(make_user(f"a{n}@example.org"), shift)
    assert count() == few


# --- The volunteer's rating of the experience ------------------------------------------------


def test_the_volunteer_rates_and_the_organisation_sees_the_average(
    org_admin: Any, volunteer: Any, recent_place: Any, opportunity: Any, org: Any
) -> None:
    client = signed_in(volunteer)
    assert "Rate" in client.get("/hours/references/").content.decode()
    answer = client.post(
        f"/hours/applications/{recent_place.pk}/rate/",
        {"rating": "4", "comment": "Well organised, hot tea."},
    )
    assert answer.status_code == 302
    for n, stars in enumerate([5, 3]):
        other = confirm(make_user(f"rater{n}@example.org"), recent_place.shift)
        experience_rate(volunteer=other.volunteer, application=other, rating=stars)
    page = signed_in(org_admin).get(f"/hours/orgs/{org.pk}/references/").content.decode()
    text = " ".join(page.split())
    assert "4.0 out of 5" in text
    assert "(3 ratings)" in text
    assert "Well organised, hot tea." in text
    assert volunteer.email not in page
    # The public page of the organisation shows the average from three ratings on.
    public = signed_in(make_user("reader@example.org")).get(f"/orgs/{org.pk}/")
    assert "4.0 out of 5" in " ".join(public.content.decode().split())


def test_the_average_stays_private_under_three_ratings(
    volunteer: Any, recent_place: Any, org: Any, client: Any
) -> None:
    experience_rate(volunteer=volunteer, application=recent_place, rating=2)
    assert "out of 5" not in client.get(f"/orgs/{org.pk}/").content.decode()


def test_only_the_volunteer_rates_their_own_ended_place(
    recent_place: Any, outsider: Any, org_admin: Any, volunteer: Any, opportunity: Any
) -> None:
    url = f"/hours/applications/{recent_place.pk}/rate/"
    assert signed_in(outsider).post(url, {"rating": "1"}).status_code == 404
    assert signed_in(org_admin).post(url, {"rating": "1"}).status_code == 404
    future = Shift.objects.create(
        opportunity=opportunity,
        start=timezone.now() + timedelta(days=1),
        end=timezone.now() + timedelta(days=1, hours=2),
        capacity=3,
    )
    upcoming = confirm(volunteer, future)
    page = signed_in(volunteer).post(f"/hours/applications/{upcoming.pk}/rate/", {"rating": "5"})
    assert page.status_code == 400
    assert "The shift has not ended yet." in page.content.decode()
    bad = signed_in(volunteer).post(url, {"rating": "9"})
    assert bad.status_code == 400
    assert "rating" in bad.context["form"].errors
    assert not ExperienceRating.objects.exists()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_record_book_pdf_carries_the_shown_reference_and_milestones(
    org_admin: Any, volunteer: Any, recent_place: Any, project: Any, language: str
) -> None:
    verified_entry(volunteer, project, org_admin, description="Finish line", hours="12")
    reference = _write(org_admin, recent_place, text="Өте жауапты ерікті, всегда вовремя.")
    client = signed_in(volunteer)
    client.post(f"/hours/references/{reference.pk}/show/", {"shown": "1"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/hours/record-book.pdf")
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    flat = "".join("".join(page.extract_text() for page in reader.pages).split())
    assert "Өтежауаптыерікті,всегдавовремя." in flat
    assert "AstanaVolunteerCentre" in flat
    assert "5" in flat
    # The milestone of 10 hours, with its date as the language writes it.
    with translation.override(language):
        reached = formats.date_format(date(2026, 3, 11), "DATE_FORMAT")
    assert "".join(reached.split()) in flat


def test_the_volunteers_data_export_holds_references_ratings_and_letters(
    org_admin: Any, volunteer: Any, recent_place: Any
) -> None:
    from council.accounts.registry import EXPORTERS

    _write(org_admin, recent_place, text="Punctual and kind.")
    experience_rate(volunteer=volunteer, application=recent_place, rating=5, comment="Great")
    exported = EXPORTERS["references"](volunteer)
    assert [row["text"] for row in exported["references_received"]] == ["Punctual and kind."]
    assert [row["comment"] for row in exported["experience_ratings"]] == ["Great"]
    assert exported["letters_of_recommendation"] == []


def test_erasing_the_account_removes_what_was_said_about_the_person(
    org_admin: Any, volunteer: Any, recent_place: Any
) -> None:
    from council.accounts.registry import ERASERS

    _write(org_admin, recent_place, text="Punctual and kind.")
    experience_rate(volunteer=volunteer, application=recent_place, rating=4, comment="Great")
    ERASERS["references"](volunteer)
    assert not Reference.objects.exists()
    assert list(ExperienceRating.objects.values_list("rating", "comment")) == [(4, "")]
