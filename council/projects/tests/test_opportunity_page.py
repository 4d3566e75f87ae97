import pytest

from council.projects.models import Application
from council.projects.tests.conftest import adult, make_opportunity

pytestmark = pytest.mark.django_db


def test_anyone_reads_a_published_opportunity_in_local_time(client, opportunity, shift) -> None:
    from zoneinfo import ZoneInfo

    opportunity.timezone = "Asia/Almaty"
    opportunity.save()
    page = client.get(f"/opportunities/{opportunity.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Beach clean-up volunteer" in text
    local = shift.start.astimezone(ZoneInfo("Asia/Almaty"))
    assert f"{local:%H}:00" in text
    assert "Sign in to apply" in text
    # The time zone by its name in the language read, not its identifier.
    assert "<dd>Almaty (UTC+5)</dd>" in text and "Asia/Almaty" not in text
    text = client.get(f"/opportunities/{opportunity.pk}/", HTTP_ACCEPT_LANGUAGE="ru").content
    assert "<dd>Алматы (UTC+5)</dd>" in text.decode()


def test_a_draft_is_404_for_outsiders(client, project, opportunity, outsider) -> None:
    project.status = "draft"
    project.save()
    client.force_login(outsider)
    assert client.get(f"/opportunities/{opportunity.pk}/").status_code == 404
    assert client.post(f"/opportunities/{opportunity.pk}/apply/").status_code == 404
    assert client.get("/opportunities/999999/").status_code == 404


def test_apply_through_the_page(client, opportunity, shift, volunteer) -> None:
    adult(volunteer)
    client.force_login(volunteer)
    response = client.post(
        f"/opportunities/{opportunity.pk}/apply/", {"shift": shift.pk, "motivation": "I swim"}
    )
    assert response.status_code == 302 and response.url == "/me/applications/"
    application = Application.objects.get(volunteer=volunteer)
    assert application.status == "confirmed" and application.motivation == "I swim"
    page = client.get("/me/applications/").content.decode()
    assert "Beach clean-up volunteer" in page and "Confirmed" in page
    assert "Your place is confirmed." in page


def test_apply_errors_name_the_field(client, opportunity, volunteer) -> None:
    adult(volunteer)
    client.force_login(volunteer)
    response = client.post(f"/opportunities/{opportunity.pk}/apply/", {"shift": "not-a-number"})
    assert response.status_code == 400
    assert "shift" in response.context["form"].errors
    response = client.post(f"/opportunities/{opportunity.pk}/apply/", {})
    assert response.status_code == 400
    assert response.context["form"].errors["shift"] == ["This field is required."]
    # A key that is no shift, or a shift of another opportunity, is refused on the field.
    response = client.post(f"/opportunities/{opportunity.pk}/apply/", {"shift": 987654})
    assert response.status_code == 400
    assert response.context["form"].errors["shift"] == ["Choose one of this opportunity's shifts."]
    other = make_opportunity(opportunity.project, capacity=3)
    response = client.post(
        f"/opportunities/{opportunity.pk}/apply/", {"shift": other.shifts.get().pk}
    )
    assert response.status_code == 400
    assert 'id="id_shift_error"' in response.content.decode()
    assert response.context["form"].errors["shift"] == [
        "This shift belongs to another opportunity."
    ]
    volunteer.preferred_language = "kk"
    volunteer.save()
    response = client.post(f"/opportunities/{opportunity.pk}/apply/", {"shift": 987654})
    assert response.context["form"].errors["shift"] == [
        "Осы мүмкіндіктің ауысымдарының бірін таңдаңыз."
    ]
    assert not Application.objects.exists()


def test_a_minor_sees_why_they_cannot_apply(client, project, volunteer) -> None:
    from datetime import date

    from council.volunteers.models import VolunteerProfile

    VolunteerProfile.objects.create(
        user=volunteer, date_of_birth=date(date.today().year - 15, 1, 1)
    )
    opportunity = make_opportunity(project, restricted_category="hazardous")
    client.force_login(volunteer)
    text = client.get(f"/opportunities/{opportunity.pk}/").content.decode()
    assert "Volunteers under 18 may not take part in this kind of work" in text


def test_anonymous_apply_goes_to_login(client, opportunity) -> None:
    response = client.post(f"/opportunities/{opportunity.pk}/apply/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_opportunity_page_query_count_is_flat(
    client, project, volunteer, django_assert_max_num_queries
) -> None:
    opportunity = make_opportunity(project, shifts=12, capacity=5)
    adult(volunteer)
    client.force_login(volunteer)
    with django_assert_max_num_queries(16):
        response = client.get(f"/opportunities/{opportunity.pk}/")
        assert response.status_code == 200
    page = response.content.decode()
    assert "Beach clean-up volunteer" in page
    assert "Clean shores" in page
