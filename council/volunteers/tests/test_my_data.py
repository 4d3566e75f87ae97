import json
from datetime import date

import pytest

from council.accounts.models import Consent
from council.audit.models import AuditEvent
from council.volunteers.models import LanguageSkill, VolunteerProfile
from council.volunteers.services import volunteer_guardian_consent, volunteer_profile_update
from council.volunteers.tests.conftest import years_ago

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_volunteer_profile(client, volunteer, outsider, reference) -> None:
    volunteer_profile_update(
        user=volunteer,
        actor=volunteer,
        date_of_birth=years_ago(16),
        city=reference.astana,
        skills=[reference.skills["first-aid"]],
        causes=[reference.causes["environment"]],
        sdg_goals=[reference.goals[13]],
        availability=["weekends"],
        bio_kk="Тау",
        languages=[("kk", "native"), ("en", "B1")],
    )
    volunteer_guardian_consent(
        user=volunteer, guardian_name="Mother", guardian_contact="m@example.org", ip_address=None
    )
    volunteer_profile_update(user=outsider, actor=outsider, bio_en="Outsider's secret")
    client.force_login(volunteer)
    data = json.loads(client.get("/me/data/export.json").content)
    assert data["volunteer_profile"] == {
        "date_of_birth": years_ago(16).isoformat(),
        "city": reference.astana.geonames_id,
        "city_name": "Astana",
        "skills": ["first-aid"],
        "causes": ["environment"],
        "sdg_goals": [13],
        "availability": ["weekends"],
        "medical_qualification": False,
        "bio": {"ru": "", "kk": "Тау", "en": ""},
        "discoverable": False,
        "languages": [{"language": "en", "level": "B1"}, {"language": "kk", "level": "native"}],
        "guardian_name": "Mother",
        "guardian_contact": "m@example.org",
        "updated_at": data["volunteer_profile"]["updated_at"],
    }
    assert "Outsider's secret" not in json.dumps(data, ensure_ascii=False)


def test_the_export_without_a_profile_says_none(client, volunteer) -> None:
    client.force_login(volunteer)
    assert json.loads(client.get("/me/data/export.json").content)["volunteer_profile"] is None


def test_erasure_deletes_the_profile(client, volunteer, outsider, reference) -> None:
    volunteer_profile_update(
        user=volunteer,
        actor=volunteer,
        date_of_birth=date(2011, 3, 1),
        skills=[reference.skills["first-aid"]],
        bio_ru="Обо мне",
        languages=[("ru", "native")],
    )
    volunteer_guardian_consent(
        user=volunteer, guardian_name="Mother", guardian_contact="m@example.org", ip_address=None
    )
    volunteer_profile_update(user=outsider, actor=outsider, bio_en="Stays")
    client.force_login(volunteer)
    response = client.post("/me/data/erase/", {"email": volunteer.email})
    assert response.status_code == 302
    assert not VolunteerProfile.objects.filter(pk=volunteer.pk).exists()
    assert not LanguageSkill.objects.filter(profile_id=volunteer.pk).exists()
    consent = Consent.objects.get(user=volunteer, purpose="guardian")
    assert consent.withdrawn_at is not None and consent.guardian_name == ""
    assert VolunteerProfile.objects.get(pk=outsider.pk).bio_en == "Stays"
    assert AuditEvent.objects.filter(action="user.erased", target_id=str(volunteer.pk)).exists()
