from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.audit.models import AuditEvent
from council.volunteers.models import LanguageSkill, VolunteerProfile
from council.volunteers.services import volunteer_profile_update

pytestmark = pytest.mark.django_db


def test_it_saves_every_field_and_audits(volunteer, reference) -> None:
    profile = volunteer_profile_update(
        user=volunteer,
        actor=volunteer,
        date_of_birth=date(1990, 5, 17),
        city=reference.astana,
        skills=[reference.skills["first-aid"], reference.skills["web-design"].pk],
        causes=[reference.causes["environment"]],
        sdg_goals=[reference.goals[3], reference.goals[13]],
        availability=["weekends", "remote", "weekends"],
        medical_qualification=True,
        bio_ru="Люблю горы",
        bio_kk="Тауды жақсы көремін",
        bio_en="I love mountains",
        discoverable=True,
        languages=[("kk", "native"), ("ru", "C1")],
    )
    profile = VolunteerProfile.objects.get(pk=profile.pk)
    assert profile.date_of_birth == date(1990, 5, 17)
    assert profile.city == reference.astana
    assert sorted(profile.skills.values_list("slug", flat=True)) == ["first-aid", "web-design"]
    assert list(profile.causes.values_list("slug", flat=True)) == ["environment"]
    assert sorted(profile.sdg_goals.values_list("number", flat=True)) == [3, 13]
    # Stored once each, in the order of the choices.
    assert profile.availability == ["weekends", "remote"]
    assert profile.medical_qualification and profile.discoverable
    assert (profile.bio_ru, profile.bio_kk, profile.bio_en) == (
        "Люблю горы",
        "Тауды жақсы көремін",
        "I love mountains",
    )
    assert sorted(profile.languages.values_list("language_id", "level")) == [
        ("kk", "native"),
        ("ru", "C1"),
    ]
    event = AuditEvent.objects.get(action="volunteer.profile_updated")
    assert event.actor == volunteer and event.target_id == str(volunteer.pk)
    assert set(event.data["fields"]) == {
        "date_of_birth",
        "city",
        "availability",
        "medical_qualification",
        "bio_ru",
        "bio_kk",
        "bio_en",
        "discoverable",
        "skills",
        "causes",
        "sdg_goals",
    }
    assert AuditEvent.objects.filter(action="volunteer.languages_set").count() == 1


def test_it_writes_nothing_when_nothing_changed(volunteer, reference) -> None:
    fields = {"date_of_birth": date(1990, 5, 17), "skills": [reference.skills["first-aid"]]}
    volunteer_profile_update(user=volunteer, actor=volunteer, **fields)
    volunteer_profile_update(user=volunteer, actor=volunteer, **fields)
    assert AuditEvent.objects.filter(action="volunteer.profile_updated").count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        # Offsets from today, taken when the test runs (not when it is collected, which may be
        # the day before).
        ("date_of_birth", timedelta(days=1), "must be in the past"),
        ("date_of_birth", timedelta(0), "must be in the past"),
        ("date_of_birth", date(1890, 1, 1), "Check the year"),
        ("date_of_birth", timedelta(days=-400), "Check the year"),
        ("availability", ["weekends", "nights"], "Unknown availability: nights"),
        ("skills", [999_999], "Unknown choice: 999999"),
        ("sdg_goals", [18], "Unknown choice: 18"),
        ("causes", ["not-a-number"], "Choose from the list"),
    ],
)
def test_it_refuses_bad_values_and_saves_nothing(volunteer, reference, field, value, message):
    if isinstance(value, timedelta):
        value = timezone.localdate() + value
    with pytest.raises(ValidationError) as error:
        volunteer_profile_update(
            user=volunteer,
            actor=volunteer,
            bio_en="Half of an update",
            languages=[("en", "B2")],
            **{field: value},
        )
    assert message in " ".join(error.value.message_dict[field])
    assert not VolunteerProfile.objects.filter(bio_en="Half of an update").exists()
    assert not LanguageSkill.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_bad_language_undoes_the_profile_change(volunteer, reference) -> None:
    with pytest.raises(ValidationError) as error:
        volunteer_profile_update(
            user=volunteer, actor=volunteer, bio_en="Kept?", languages=[("xx", "B2")]
        )
    assert error.value.message_dict["languages"] == ["Unknown language: xx."]
    assert not VolunteerProfile.objects.filter(bio_en="Kept?").exists()
    assert not AuditEvent.objects.exists()


def test_it_refuses_a_field_that_is_not_editable(volunteer) -> None:
    with pytest.raises(ValueError, match="guardian_name"):
        volunteer_profile_update(user=volunteer, actor=volunteer, guardian_name="Someone")
