from datetime import date, timedelta

import pytest
from django.utils import timezone

from council.audit.models import AuditEvent
from council.lib.tests.pages import assert_shown, page_text
from council.reference.models import Language, Skill
from council.volunteers.models import LanguageSkill, VolunteerProfile
from council.volunteers.tests.conftest import make_profile, profile_post, years_ago

pytestmark = pytest.mark.django_db


def test_it_sends_anonymous_visitors_to_login(client) -> None:
    for method, path in [
        ("get", "/volunteer/"),
        ("post", "/volunteer/"),
        ("post", "/volunteer/guardian/"),
        ("post", "/volunteer/guardian/withdraw/"),
    ]:
        response = getattr(client, method)(path)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")
    assert not VolunteerProfile.objects.exists()


def test_it_shows_an_empty_profile_without_creating_one(client, volunteer, reference) -> None:
    page = page_text(client, "/volunteer/", volunteer)
    assert_shown(
        page,
        "Volunteer profile",
        # Skills in fieldsets by group, goals with their colour, cities of council members.
        "<legend>Social care</legend>",
        "<legend>Digital</legend>",
        '<span class="swatch sdg-1" aria-hidden="true">',
        "Astana, Kazakhstan",
        "Moscow, Russia",
        'name="languages-0-language"',
    )
    assert "Parent or guardian" not in page
    assert not VolunteerProfile.objects.exists()


def test_it_saves_every_field(client, volunteer, reference) -> None:
    client.force_login(volunteer)
    data = profile_post(
        languages=[("kk", "native"), ("ru", "C1")],
        date_of_birth="1990-05-17",
        city=reference.astana.pk,
        skills=[reference.skills["first-aid"].pk, reference.skills["web-design"].pk],
        causes=[reference.causes["education"].pk],
        sdg_goals=[4, 10],
        availability=["evenings", "weekdays"],
        medical_qualification="on",
        bio_ru="Учитель",
        bio_kk="Мұғалім",
        bio_en="Teacher",
        discoverable="on",
    )
    response = client.post("/volunteer/", data)
    assert response.status_code == 302 and response.url == "/volunteer/"
    profile = VolunteerProfile.objects.get(pk=volunteer.pk)
    assert profile.date_of_birth == date(1990, 5, 17) and profile.city == reference.astana
    assert sorted(profile.skills.values_list("slug", flat=True)) == ["first-aid", "web-design"]
    assert list(profile.causes.values_list("slug", flat=True)) == ["education"]
    assert sorted(profile.sdg_goals.values_list("number", flat=True)) == [4, 10]
    assert profile.availability == ["weekdays", "evenings"]
    assert profile.medical_qualification and profile.discoverable
    assert (profile.bio_ru, profile.bio_kk, profile.bio_en) == ("Учитель", "Мұғалім", "Teacher")
    assert sorted(profile.languages.values_list("language_id", "level")) == [
        ("kk", "native"),
        ("ru", "C1"),
    ]
    event = AuditEvent.objects.get(action="volunteer.profile_updated")
    assert event.actor == volunteer and "skills" in event.data["fields"]

    page = client.get("/volunteer/").content.decode()
    assert "Your volunteer profile has been saved." in page
    assert 'value="1990-05-17"' in page
    assert 'name="languages-1-DELETE"' in page  # saved rows can be removed


def test_it_removes_and_keeps_language_rows(client, volunteer, reference) -> None:
    profile = make_profile(volunteer)
    LanguageSkill.objects.create(profile=profile, language_id="ru", level="native")
    LanguageSkill.objects.create(profile=profile, language_id="en", level="B2")
    client.force_login(volunteer)
    data = profile_post(languages=[("ru", "native"), ("en", "B2")])
    data["languages-INITIAL_FORMS"] = "2"
    data["languages-1-DELETE"] = "on"
    assert client.post("/volunteer/", data).status_code == 302
    assert list(profile.languages.values_list("language_id", "level")) == [("ru", "native")]


def test_add_another_language_gives_a_row_and_saves_nothing(client, volunteer, reference):
    client.force_login(volunteer)
    data = profile_post(languages=[("ru", "native")], bio_en="Not yet")
    response = client.post("/volunteer/", {**data, "add_language": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="languages-2-language"' in page and "Not yet" in page
    assert not VolunteerProfile.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"date_of_birth": (timezone.localdate() + timedelta(days=3)).isoformat()},
            "date_of_birth",
            "The date of birth must be in the past.",
        ),
        (
            {"skills": ["999999"]},
            "skills",
            "Select a valid choice. 999999 is not one of the available choices.",
        ),
        (
            {"availability": ["nights"]},
            "availability",
            "Select a valid choice. nights is not one of the available choices.",
        ),
    ],
)
def test_bad_profile_input_is_a_400_naming_the_field(
    client, volunteer, reference, fields, field, message
):
    client.force_login(volunteer)
    data = profile_post(languages=[("en", "B1")], bio_en="Half-saved?", **fields)
    response = client.post("/volunteer/", data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page and message in page
    assert "Half-saved?" in page  # what was typed comes back
    assert not VolunteerProfile.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("languages", "row", "field", "message"),
    [
        ([("ru", "Z9")], 0, "level", "Select a valid choice. Z9 is not one of the"),
        ([("ru", "native"), ("ru", "B1")], 1, "language", "already in the list"),
        ([("ru", "")], 0, "level", "Choose a level for this language."),
        ([("tlh", "B1")], 0, "language", "Select a valid choice. tlh is not one of the"),
    ],
)
def test_bad_language_rows_are_a_400_naming_the_row(
    client, volunteer, reference, languages, row, field, message
):
    client.force_login(volunteer)
    response = client.post("/volunteer/", profile_post(languages=languages, bio_en="Half-saved?"))
    assert response.status_code == 400
    errors = response.context["languages"].forms[row].errors[field]
    assert message in errors[0]
    assert f'id="id_languages-{row}-{field}_error"' in response.content.decode()
    assert not VolunteerProfile.objects.exists()
    assert not LanguageSkill.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_bad_language_row_keeps_the_saved_profile(client, volunteer, reference) -> None:
    make_profile(volunteer, bio_en="Before")
    client.force_login(volunteer)
    data = profile_post(languages=[("ru", "native"), ("ru", "A1")], bio_en="After")
    assert client.post("/volunteer/", data).status_code == 400
    assert VolunteerProfile.objects.get(pk=volunteer.pk).bio_en == "Before"


@pytest.mark.parametrize(
    ("years", "band"),
    [(15, "14–17"), (60, "“silver” volunteer (55+)"), (30, "adult"), (10, "under 14")],
)
def test_it_shows_the_age_band(client, volunteer, reference, years, band) -> None:
    make_profile(volunteer, date_of_birth=years_ago(years))
    client.force_login(volunteer)
    response = client.get("/volunteer/")
    assert response.context["age"] == years
    assert f"<dd>{band}</dd>" in response.content.decode()


def test_the_query_count_does_not_grow_with_the_profile(
    client, volunteer, reference, django_assert_max_num_queries
):
    profile = make_profile(volunteer, date_of_birth=years_ago(16), city=reference.astana)
    for number in range(40):
        Skill.objects.create(
            slug=f"skill-{number}",
            group=reference.groups["care" if number % 2 else "digital"],
            isco_major=reference.isco,
            name_en=f"Skill {number}",
            name_ru=f"Навык {number}",
        )
    for number in range(15):
        Language.objects.create(code=f"x{number:02d}", name_en=f"L{number}", name_ru=f"Я{number}")
    profile.skills.set(Skill.objects.all())
    profile.causes.set(reference.causes.values())
    profile.sdg_goals.set(reference.goals.values())
    for language in Language.objects.all():
        LanguageSkill.objects.create(profile=profile, language=language, level="B1")
    client.force_login(volunteer)
    # 16, three for the milestones (hours by day, cross-border projects, first forum) and one
    # for the credentials held.
    with django_assert_max_num_queries(20):
        response = client.get("/volunteer/")
    assert response.status_code == 200
    assert response.content.decode().count('type="checkbox" name="skills"') == 43
    assert len(response.context["languages"].forms) == 20
