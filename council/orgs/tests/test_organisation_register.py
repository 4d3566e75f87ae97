import pytest

from council.audit.models import AuditEvent
from council.orgs.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def form_data(**changes: str) -> dict[str, str]:
    """What registering a volunteer centre in Kazakhstan posts (named in Russian and Kazakh),
    with the fields given changed or added."""
    return {
        "kind": "volunteer_centre",
        "name_ru": "Волонтёрский центр Астаны",
        "name_kk": "Астана еріктілер орталығы",
        "name_en": "",
        "country": "KZ",
        "website": "https://example.kz",
        **changes,
    }


def test_outsider_is_sent_to_login(client) -> None:
    response = client.get("/orgs/new/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_it_registers_a_pending_organisation(client, volunteer, astana, kz_network) -> None:
    client.force_login(volunteer)
    data = form_data(city=str(astana.pk), region=str(astana.region_id), parent=str(kz_network.pk))
    response = client.post("/orgs/new/", data)
    assert response.status_code == 302
    organisation = Organisation.objects.get(name_ru="Волонтёрский центр Астаны")
    assert response.url == f"/orgs/{organisation.pk}/"
    assert organisation.status == "pending"
    assert organisation.created_by == volunteer
    assert Membership.objects.get(organisation=organisation).role == "admin"
    assert AuditEvent.objects.filter(
        action="organisation.registered", organisation_id=organisation.pk
    ).exists()
    page = client.get(response.url).content.decode()
    assert "Pending verification" in page
    # Not public until verified.
    assert "Волонтёрский центр Астаны" not in client.get("/orgs/").content.decode()


def test_a_pending_organisation_is_hidden_from_outsiders(client, volunteer, outsider, kazakhstan):
    client.force_login(volunteer)
    client.post("/orgs/new/", form_data())
    organisation = Organisation.objects.get()
    client.force_login(outsider)
    assert client.get(f"/orgs/{organisation.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/orgs/{organisation.pk}/").status_code == 404


def test_it_names_the_fields_that_are_wrong(client, volunteer, astana, russia) -> None:
    client.force_login(volunteer)
    response = client.post(
        "/orgs/new/",
        form_data(name_ru="", name_kk="", country="RU", city=str(astana.pk), website="not a url"),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"name_ru", "city", "website"}
    assert errors["city"] == ["This city is not in the chosen country."]
    assert not Organisation.objects.exists()


def test_malformed_input_is_a_400_not_a_500(client, volunteer, kazakhstan) -> None:
    client.force_login(volunteer)
    response = client.post("/orgs/new/", {"kind": "spaceship", "country": "🚀", "parent": "x"})
    assert response.status_code == 400
    assert {"kind", "country", "parent"} <= set(response.context["form"].errors)
