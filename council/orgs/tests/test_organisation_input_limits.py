"""Registering an organisation: a name that shows nothing or carries text-direction
controls, or a description beyond the limit, is refused under its field; nothing is stored."""

import pytest

from council.orgs.models import Organisation
from council.orgs.tests.test_organisation_register import form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name_ru": "\u200b\u2060", "name_kk": ""}, "name_ru", "Enter visible characters"),
        ({"name_en": "Good \u202eNeighbours"}, "name_en", "Remove the text-direction control"),
        ({"description_en": "x" * 10_001}, "description_en", "at most 10000 characters"),
    ],
)
def test_the_register_form_names_the_field(client, volunteer, overrides, field, message) -> None:
    client.force_login(volunteer)
    response = client.post("/orgs/new/", form_data(**overrides))
    assert response.status_code in (200, 400)
    errors = response.context["form"].errors
    assert any(message in error for error in errors.get(field, [])), errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Organisation.objects.exists()


def test_the_description_box_shows_its_limit(client, volunteer) -> None:
    client.force_login(volunteer)
    assert 'maxlength="10000"' in client.get("/orgs/new/").content.decode()
