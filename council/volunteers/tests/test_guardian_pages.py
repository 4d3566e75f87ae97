from typing import Any

import pytest

from council.accounts.models import Consent
from council.accounts.services import has_live_consent
from council.volunteers.models import VolunteerProfile
from council.volunteers.services import volunteer_guardian_consent
from council.volunteers.tests.conftest import make_profile, years_ago

pytestmark = pytest.mark.django_db

CONSENT_TEXT = "As the parent or guardian of this minor, I agree to their volunteering"


def send_guardian_form(client: Any, volunteer: Any, age: int, data: dict[str, str]) -> Any:
    """The answer to the volunteer, of that age, sending the guardian form with `data`."""
    make_profile(volunteer, date_of_birth=years_ago(age))
    client.force_login(volunteer)
    return client.post("/volunteer/guardian/", data)


def test_a_minor_sees_the_guardian_section(client, volunteer, reference) -> None:
    make_profile(volunteer, date_of_birth=years_ago(15))
    client.force_login(volunteer)
    page = client.get("/volunteer/").content.decode()
    assert "Parent or guardian" in page and "No consent yet" in page
    assert CONSENT_TEXT in page
    assert 'name="guardian_contact"' in page


def test_an_adult_does_not(client, volunteer, reference) -> None:
    make_profile(volunteer, date_of_birth=years_ago(18))
    client.force_login(volunteer)
    assert "Parent or guardian" not in client.get("/volunteer/").content.decode()


def test_a_minor_records_the_guardian_consent(client, volunteer, reference) -> None:
    gulnara = {"guardian_name": "Gulnara Seitova", "guardian_contact": "+7 701 000 00 00"}
    response = send_guardian_form(client, volunteer, 15, {**gulnara, "agree": "on"})
    assert response.status_code == 302 and response.url == "/volunteer/"
    consent = Consent.objects.get(user=volunteer, purpose="guardian")
    assert consent.is_live and consent.guardian_name == "Gulnara Seitova"
    assert consent.given_ip == "127.0.0.1"
    profile = VolunteerProfile.objects.get(pk=volunteer.pk)
    assert profile.guardian_name == "Gulnara Seitova"
    assert profile.guardian_contact == "+7 701 000 00 00"
    page = client.get("/volunteer/").content.decode()
    assert "Consent given" in page and "by Gulnara Seitova" in page


def test_the_consent_box_must_be_ticked(client, volunteer, reference) -> None:
    response = send_guardian_form(
        client, volunteer, 15, {"guardian_name": "Gulnara Seitova", "guardian_contact": ""}
    )
    assert response.status_code == 400
    errors = response.context["guardian_form"].errors
    assert set(errors) == {"guardian_contact", "agree"}
    assert 'id="id_agree_error"' in response.content.decode()
    assert not Consent.objects.exists()
    assert VolunteerProfile.objects.get(pk=volunteer.pk).guardian_name == ""


def test_an_adult_cannot_record_one(client, volunteer, reference) -> None:
    someone = {"guardian_name": "Someone", "guardian_contact": "x@example.org", "agree": "on"}
    response = send_guardian_form(client, volunteer, 30, someone)
    assert response.status_code == 400
    assert "only for volunteers under 18" in response.content.decode()
    assert not Consent.objects.exists()


def test_a_minor_withdraws_the_guardian_consent(client, volunteer, reference) -> None:
    make_profile(volunteer, date_of_birth=years_ago(13))
    volunteer_guardian_consent(
        user=volunteer, guardian_name="Mother", guardian_contact="m@example.org", ip_address=None
    )
    client.force_login(volunteer)
    assert client.get("/volunteer/guardian/withdraw/").status_code == 405
    response = client.post("/volunteer/guardian/withdraw/")
    assert response.status_code == 302
    assert not has_live_consent(user=volunteer, purpose="guardian")
    assert Consent.objects.get(user=volunteer).withdrawn_at is not None
    page = client.get("/volunteer/").content.decode()
    assert "Your guardian&#x27;s consent has been withdrawn." in page
    assert "No consent yet" in page


def test_it_touches_only_my_own_consent(client, volunteer, outsider, reference) -> None:
    make_profile(outsider, date_of_birth=years_ago(15))
    volunteer_guardian_consent(
        user=outsider,
        guardian_name="Zhanna Oleg-Parent",
        guardian_contact="p@example.org",
        ip_address=None,
    )
    make_profile(volunteer, date_of_birth=years_ago(15))
    client.force_login(volunteer)
    client.post("/volunteer/guardian/withdraw/")
    assert has_live_consent(user=outsider, purpose="guardian")
    assert "Zhanna Oleg-Parent" not in client.get("/volunteer/").content.decode()
