"""Creating and editing opportunities through the organiser pages."""

import pytest
from django.core.exceptions import ValidationError

from council.audit.models import AuditEvent
from council.projects.models import Opportunity, OpportunityLanguage
from council.projects.services.opportunities import opportunity_language_set, opportunity_update
from council.projects.tests.conftest import make_opportunity, make_project

pytestmark = pytest.mark.django_db

NO_LANGUAGES = {
    "languages-TOTAL_FORMS": "2",
    "languages-INITIAL_FORMS": "0",
    "languages-MIN_NUM_FORMS": "0",
    "languages-MAX_NUM_FORMS": "10",
}


def opportunity_data(**overrides):
    data = {
        **NO_LANGUAGES,
        "title_ru": "Волонтёр на берегу",
        "title_en": "Shore volunteer",
        "description_en": "Collect litter.",
        "questions_en": "Can you swim?\nDo you have boots?",
        "min_age": "16",
        "application_mode": "review",
        "capacity": "0",
        "timezone": "",
    }
    data.update(overrides)
    return data


def edit_in_place(client, opportunity, **overrides):
    """Post the edit form of `opportunity`, keeping its point and the Almaty time zone."""
    return client.post(
        f"/opportunities/{opportunity.pk}/edit/",
        opportunity_data(
            latitude=str(opportunity.latitude),
            longitude=str(opportunity.longitude),
            timezone="Asia/Almaty",
            **overrides,
        ),
    )


@pytest.fixture
def draft(org):
    return make_project(org, status="draft")


def test_an_organiser_adds_an_onsite_opportunity(client, org_admin, org, draft, astana, reference):
    client.force_login(org_admin)
    page = client.get(f"/projects/{draft.pk}/opportunities/new/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "Astana (Kazakhstan)" in page.content.decode()
    # Countries and time zones by their names in the language read, not by their codes.
    client.cookies["django_language"] = "kk"
    page = client.get(f"/projects/{draft.pk}/opportunities/new/")
    text = page.content.decode()
    assert "(Қазақстан)" in text and "(KZ)" not in text
    assert '<option value="Asia/Almaty">Алматы (UTC+5)</option>' in text
    del client.cookies["django_language"]
    data = opportunity_data(
        city=str(astana.pk),
        address="Mangilik El 55",
        skills=[reference["first_aid"].pk],
        restricted_category="hazardous",
        medical_required="on",
        **{
            "languages-0-language": "kk",
            "languages-0-min_level": "B1",
            "languages-1-language": "en",
            "languages-1-min_level": "A2",
        },
    )
    response = client.post(f"/projects/{draft.pk}/opportunities/new/", data)
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    assert response.url == f"/opportunities/{opportunity.pk}/shifts/"
    # Coordinates, time zone, country and region come from the city.
    assert (opportunity.latitude, opportunity.longitude) == (51.1801, 71.446)
    assert opportunity.timezone == "Asia/Almaty"
    assert opportunity.country_id == "KZ" and opportunity.region_id == astana.region_id
    assert opportunity.min_age == 16 and opportunity.medical_required
    assert opportunity.restricted_category == "hazardous"
    assert opportunity.question_list == ["Can you swim?", "Do you have boots?"]
    assert list(opportunity.skills.all()) == [reference["first_aid"]]
    assert dict(opportunity.languages.values_list("language_id", "min_level")) == {
        "kk": "B1",
        "en": "A2",
    }
    assert not opportunity.is_published
    assert AuditEvent.objects.filter(action="opportunity.created", organisation_id=org.pk).exists()
    assert AuditEvent.objects.filter(action="opportunity.languages_set").exists()
    page = client.get(f"/projects/{draft.pk}/manage/").content.decode()
    assert "Shore volunteer" in page and "Astana" in page


def test_an_online_opportunity_has_no_city(client, org_admin, draft, astana) -> None:
    client.force_login(org_admin)
    response = client.post(
        f"/projects/{draft.pk}/opportunities/new/",
        opportunity_data(is_online="on", city=str(astana.pk), address="Somewhere"),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"city", "address"}
    response = client.post(
        f"/projects/{draft.pk}/opportunities/new/",
        opportunity_data(is_online="on", timezone="Asia/Almaty"),
    )
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    assert opportunity.is_online and opportunity.city is None and opportunity.latitude is None
    assert opportunity.timezone == "Asia/Almaty" and opportunity.country_id == "KZ"


def test_an_onsite_opportunity_needs_a_city_of_the_project_countries(
    client, org_admin, draft, moscow, ru_partner
) -> None:
    client.force_login(org_admin)
    response = client.post(f"/projects/{draft.pk}/opportunities/new/", opportunity_data())
    assert response.status_code == 400
    assert response.context["form"].errors["city"] == [
        "Choose the city, or mark the opportunity as online."
    ]
    # Moscow is no choice until a Russian partner joins.
    response = client.post(
        f"/projects/{draft.pk}/opportunities/new/", opportunity_data(city=str(moscow.pk))
    )
    assert response.status_code == 400 and "city" in response.context["form"].errors
    assert not Opportunity.objects.exists()
    from council.projects.services.projects import project_partner_add, project_partner_remove

    project_partner_add(actor=org_admin, project=draft, organisation=ru_partner)
    response = client.post(
        f"/projects/{draft.pk}/opportunities/new/", opportunity_data(city=str(moscow.pk))
    )
    assert response.status_code == 302
    assert Opportunity.objects.get().timezone == "Europe/Moscow"
    # …and the partner stays while an opportunity stands in its country.
    with pytest.raises(ValidationError) as error:
        project_partner_remove(actor=org_admin, project=draft, organisation=ru_partner)
    assert "Move the opportunity first" in error.value.messages[0]
    assert draft.partners.filter(pk=ru_partner.pk).exists()


def test_errors_name_the_fields_and_nothing_is_saved(
    client, org_admin, draft, astana, reference
) -> None:
    client.force_login(org_admin)
    response = client.post(
        f"/projects/{draft.pk}/opportunities/new/",
        opportunity_data(
            title_ru="",
            title_en="",
            city=str(astana.pk),
            latitude="51.1",
            **{
                "languages-0-language": "kk",
                "languages-0-min_level": "",
                "languages-1-language": "",
                "languages-1-min_level": "C1",
            },
        ),
    )
    assert response.status_code == 400
    languages = response.context["languages"]
    assert languages.forms[0].errors == {"min_level": ["Choose the minimum level."]}
    assert languages.forms[1].errors == {"language": ["Choose the language."]}
    assert not Opportunity.objects.exists()
    response = client.post(
        f"/projects/{draft.pk}/opportunities/new/",
        opportunity_data(title_ru="", title_en="", city=str(astana.pk), latitude="51.1"),
    )
    errors = response.context["form"].errors
    assert response.status_code == 400
    assert errors["title_ru"] == ["Enter the title in at least one language."]
    assert errors["latitude"] == ["Enter both latitude and longitude, or neither."]
    assert "Enter both latitude and longitude, or neither." in response.content.decode()
    assert not Opportunity.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="opportunity.").exists()


def test_a_language_twice_is_refused(client, org_admin, draft, astana, reference) -> None:
    client.force_login(org_admin)
    response = client.post(
        f"/projects/{draft.pk}/opportunities/new/",
        opportunity_data(
            city=str(astana.pk),
            **{
                "languages-0-language": "kk",
                "languages-0-min_level": "B1",
                "languages-1-language": "kk",
                "languages-1-min_level": "C1",
            },
        ),
    )
    assert response.status_code == 400
    assert response.context["languages"].non_form_errors() == ["Kazakh is listed twice."]
    assert not Opportunity.objects.exists()


def test_malformed_input_is_a_400_not_a_500(client, org_admin, draft) -> None:
    client.force_login(org_admin)
    response = client.post(
        f"/projects/{draft.pk}/opportunities/new/",
        {
            **NO_LANGUAGES,
            "title_en": "Shore",
            "city": "🚀",
            "min_age": "-3",
            "capacity": "lots",
            "latitude": "north",
            "longitude": "400",
            "timezone": "Mars/Olympus",
            "application_mode": "whenever",
            "restricted_category": "pirates",
            "skills": ["x"],
            "languages-0-language": "klingon",
            "languages-0-min_level": "Z9",
        },
    )
    assert response.status_code == 400
    assert {
        "city",
        "min_age",
        "capacity",
        "latitude",
        "longitude",
        "timezone",
        "application_mode",
        "restricted_category",
        "skills",
    } <= set(response.context["form"].errors)
    # A tampered language formset is a 400 as well.
    response = client.post(
        f"/projects/{draft.pk}/opportunities/new/", {"title_en": "Shore", "is_online": "on"}
    )
    assert response.status_code == 400
    assert response.context["languages"].non_form_errors()
    response = client.post(
        f"/projects/{draft.pk}/opportunities/new/",
        opportunity_data(is_online="on", **{"languages-TOTAL_FORMS": "99999"}),
    )
    assert response.status_code == 400
    assert not Opportunity.objects.exists()


def test_an_organiser_edits_an_opportunity(client, org_admin, draft, astana, moscow, ru_partner):
    opportunity = make_opportunity(draft, city=astana, shifts=0, capacity=5)
    OpportunityLanguage.objects.create(opportunity=opportunity, language_id="ru", min_level="B2")
    from council.reference.models import Language

    Language.objects.create(code="ru", name_en="Russian", position=1)
    client.force_login(org_admin)
    page = client.get(f"/opportunities/{opportunity.pk}/edit/")
    assert page.status_code == 200
    assert page.context["languages"].forms[0].initial == {"language": "ru", "min_level": "B2"}
    draft.partners.add(ru_partner)
    from council.projects.services.index import project_refresh

    project_refresh(project=draft)
    response = edit_in_place(
        client,
        opportunity,
        title_en="River warden",
        city=str(moscow.pk),
        capacity="8",
        **{"languages-INITIAL_FORMS": "1"},
    )
    assert response.status_code == 302
    opportunity.refresh_from_db()
    # The city moved; coordinates and time zone left as they were follow it.
    assert opportunity.city == moscow and opportunity.country_id == "RU"
    assert (opportunity.latitude, opportunity.longitude) == (55.7522, 37.6156)
    assert opportunity.timezone == "Europe/Moscow"
    assert opportunity.capacity == 8 and opportunity.title_en == "River warden"
    assert not opportunity.languages.exists()
    event = AuditEvent.objects.get(action="opportunity.updated")
    assert {"city", "latitude", "longitude", "timezone", "title_en", "capacity"} <= set(
        event.data["fields"]
    )


def test_capacity_does_not_shrink_below_confirmed(org_admin, org, volunteer) -> None:
    from council.projects.services.applications import application_submit
    from council.projects.tests.conftest import adult

    project = make_project(org)
    opportunity = make_opportunity(project, shifts=0, capacity=2, is_online=True)
    application_submit(volunteer=adult(volunteer), opportunity=opportunity)
    with pytest.raises(ValidationError) as error:
        opportunity_update(actor=org_admin, opportunity=opportunity, capacity=0)
    assert error.value.message_dict["capacity"] == [
        "1 volunteers are already confirmed; the capacity cannot be lower."
    ]
    opportunity_update(actor=org_admin, opportunity=opportunity, capacity=1)
    assert Opportunity.objects.get(pk=opportunity.pk).capacity == 1


def test_language_requirements_are_replaced(org_admin, draft, reference) -> None:
    opportunity = make_opportunity(draft)
    opportunity_language_set(
        actor=org_admin,
        opportunity=opportunity,
        requirements=[(reference["russian"], "B1"), (reference["english"], "A1")],
    )
    opportunity_language_set(
        actor=org_admin,
        opportunity=opportunity,
        requirements=[(reference["russian"], "C1")],
    )
    assert dict(opportunity.languages.values_list("language_id", "min_level")) == {"ru": "C1"}
    with pytest.raises(ValidationError):
        opportunity_language_set(
            actor=org_admin, opportunity=opportunity, requirements=[(reference["kazakh"], "Z9")]
        )
    assert AuditEvent.objects.filter(action="opportunity.languages_set").count() == 2


def test_opportunity_edit_is_for_open_projects(client, org_admin, org) -> None:
    project = make_project(org, status="completed")
    opportunity = make_opportunity(project, is_online=True)
    client.force_login(org_admin)
    response = client.post(
        f"/opportunities/{opportunity.pk}/edit/", opportunity_data(is_online="on")
    )
    assert response.status_code == 400
    assert "This project is completed; it can no longer be changed." in response.content.decode()


def test_moving_online_drops_the_place(client, org_admin, draft, astana) -> None:
    opportunity = make_opportunity(draft, city=astana, shifts=0, capacity=5)
    assert opportunity.latitude == 51.1801
    client.force_login(org_admin)
    response = edit_in_place(client, opportunity, is_online="on")
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.is_online and opportunity.city is None
    assert opportunity.latitude is None and opportunity.longitude is None
    assert opportunity.country_id == "KZ" and opportunity.region_id is None
