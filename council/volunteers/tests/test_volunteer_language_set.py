import pytest
from django.core.exceptions import ValidationError

from council.audit.models import AuditEvent
from council.volunteers.models import LanguageSkill
from council.volunteers.services import volunteer_language_set

pytestmark = pytest.mark.django_db


def _languages(user) -> list[tuple[str, str]]:
    return sorted(
        LanguageSkill.objects.filter(profile__user=user).values_list("language_id", "level")
    )


def test_it_replaces_the_whole_set_and_audits(volunteer, reference) -> None:
    volunteer_language_set(user=volunteer, languages=[("ru", "native"), ("en", "A2")])
    volunteer_language_set(user=volunteer, languages=[("ru", "native"), ("de", "B1")])
    assert _languages(volunteer) == [("de", "B1"), ("ru", "native")]
    events = AuditEvent.objects.filter(action="volunteer.languages_set").order_by("pk")
    assert [e.data["languages"] for e in events] == [
        [["ru", "native"], ["en", "A2"]],
        [["ru", "native"], ["de", "B1"]],
    ]
    assert all(e.actor_id == volunteer.pk for e in events)


def test_the_same_set_again_writes_nothing(volunteer, reference) -> None:
    volunteer_language_set(user=volunteer, languages=[("ru", "native")])
    volunteer_language_set(user=volunteer, languages=[("ru", "native")])
    assert AuditEvent.objects.filter(action="volunteer.languages_set").count() == 1


def test_an_empty_list_removes_every_language(volunteer, reference) -> None:
    volunteer_language_set(user=volunteer, languages=[("ru", "native")])
    volunteer_language_set(user=volunteer, languages=[])
    assert _languages(volunteer) == []


@pytest.mark.parametrize(
    ("languages", "message"),
    [
        ([("ru", "native"), ("ru", "B1")], "Each language once, please: ru."),
        ([("ru", "Z9")], "Unknown level: Z9."),
        ([("tlh", "C2")], "Unknown language: tlh."),
    ],
)
def test_it_refuses_bad_rows_and_keeps_the_old_set(volunteer, reference, languages, message):
    volunteer_language_set(user=volunteer, languages=[("en", "C1")])
    with pytest.raises(ValidationError) as error:
        volunteer_language_set(user=volunteer, languages=[("kk", "A1"), *languages])
    assert error.value.message_dict["languages"] == [message]
    assert _languages(volunteer) == [("en", "C1")]
