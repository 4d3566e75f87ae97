import pytest

from council.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_saves_names_in_both_scripts(client, volunteer, kazakhstan) -> None:
    client.force_login(volunteer)
    response = client.post(
        "/me/",
        {
            "given_name": "Әлия",
            "family_name": "Сейітова",
            "given_name_latin": "Aliya",
            "family_name_latin": "Seitova",
            "preferred_language": "kk",
            "home_country": "KZ",
        },
    )
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.given_name == "Әлия" and volunteer.family_name_latin == "Seitova"
    assert "seiitova" in volunteer.name_search
    assert AuditEvent.objects.filter(action="user.profile_updated", actor=volunteer).exists()
    # The interface now speaks Kazakh to this person.
    assert client.get("/me/")["Content-Language"] == "kk"


def test_it_names_the_missing_field(client, volunteer) -> None:
    client.force_login(volunteer)
    response = client.post("/me/", {"given_name": "", "preferred_language": "xx"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "given_name" in errors and "preferred_language" in errors and "home_country" in errors
