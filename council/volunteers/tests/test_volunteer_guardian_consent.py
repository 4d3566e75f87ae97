import pytest
from django.core.exceptions import ValidationError

from council.accounts.models import Consent
from council.accounts.services import has_live_consent
from council.audit.models import AuditEvent
from council.volunteers.models import VolunteerProfile
from council.volunteers.services import (
    volunteer_guardian_consent,
    volunteer_guardian_consent_withdraw,
)
from council.volunteers.tests.conftest import make_profile, years_ago

pytestmark = pytest.mark.django_db


def test_it_stores_the_guardian_and_the_consent(volunteer) -> None:
    make_profile(volunteer, date_of_birth=years_ago(15))
    consent = volunteer_guardian_consent(
        user=volunteer,
        guardian_name=" Gulnara Seitova ",
        guardian_contact="+7 701 000 00 00",
        ip_address="10.0.0.7",
    )
    profile = VolunteerProfile.objects.get(pk=volunteer.pk)
    assert profile.guardian_name == "Gulnara Seitova"
    assert profile.guardian_contact == "+7 701 000 00 00"
    assert consent.purpose == "guardian" and consent.is_live
    assert consent.guardian_name == "Gulnara Seitova" and consent.given_ip == "10.0.0.7"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert actions == {"consent.given", "volunteer.guardian_consent_given"}


def test_a_new_guardian_replaces_the_consent(volunteer) -> None:
    make_profile(volunteer, date_of_birth=years_ago(12))
    first = volunteer_guardian_consent(
        user=volunteer, guardian_name="Mother", guardian_contact="m@example.org", ip_address=None
    )
    second = volunteer_guardian_consent(
        user=volunteer, guardian_name="Father", guardian_contact="f@example.org", ip_address=None
    )
    first.refresh_from_db()
    assert first.withdrawn_at is not None and second.is_live
    assert second.guardian_name == "Father"


@pytest.mark.parametrize(
    ("birth", "message"),
    [
        (None, "Add your date of birth"),
        (years_ago(18), "only for volunteers under 18"),
    ],
)
def test_it_is_only_for_minors(volunteer, birth, message) -> None:
    make_profile(volunteer, date_of_birth=birth)
    with pytest.raises(ValidationError, match=message):
        volunteer_guardian_consent(
            user=volunteer, guardian_name="Someone", guardian_contact="x", ip_address=None
        )
    assert not Consent.objects.exists()


def test_it_names_the_missing_fields_and_saves_nothing(volunteer) -> None:
    make_profile(volunteer, date_of_birth=years_ago(15))
    with pytest.raises(ValidationError) as error:
        volunteer_guardian_consent(
            user=volunteer, guardian_name=" ", guardian_contact="", ip_address=None
        )
    assert set(error.value.message_dict) == {"guardian_name", "guardian_contact"}
    assert not Consent.objects.exists()
    assert VolunteerProfile.objects.get(pk=volunteer.pk).guardian_name == ""


def test_withdrawing_clears_the_guardian(volunteer) -> None:
    make_profile(volunteer, date_of_birth=years_ago(15))
    volunteer_guardian_consent(
        user=volunteer, guardian_name="Mother", guardian_contact="m@example.org", ip_address=None
    )
    consent = volunteer_guardian_consent_withdraw(user=volunteer)
    assert consent is not None and consent.withdrawn_at is not None
    assert not has_live_consent(user=volunteer, purpose="guardian")
    profile = VolunteerProfile.objects.get(pk=volunteer.pk)
    assert (profile.guardian_name, profile.guardian_contact) == ("", "")
    assert AuditEvent.objects.filter(action="volunteer.guardian_consent_withdrawn").exists()
    # Nothing left to withdraw: nothing happens.
    assert volunteer_guardian_consent_withdraw(user=volunteer) is None
