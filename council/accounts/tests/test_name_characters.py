"""A person's name shows what it says: not only invisible characters, no text-direction
controls — on sign-up and on the profile page, each error under its field."""

import pytest

from council.accounts.models import User
from council.accounts.tests.test_signup import signup_data

pytestmark = pytest.mark.django_db

INVISIBLE = "\u200b\u200c\u2060"
REVERSED = "Aliya\u202e"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("given_name", INVISIBLE, "Enter visible characters, not only spaces or invisible ones."),
        ("family_name", "\u3164\u3164", "Enter visible characters, not only spaces or invisible"),
        ("given_name_latin", REVERSED, "Remove the text-direction control characters"),
        ("family_name_latin", "Zhu\u2066mabayeva", "Remove the text-direction control characters"),
    ],
)
def test_sign_up_refuses_a_name_that_hides_itself(client, kazakhstan, field, value, message):
    response = client.post("/accounts/signup/", signup_data(**{field: value}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field], errors
    assert errors[field][0].startswith(message)
    assert message in response.content.decode()
    assert not User.objects.filter(email="aliya@example.org").exists()


def test_sign_up_keeps_a_name_with_a_joiner_inside(client, kazakhstan) -> None:
    response = client.post("/accounts/signup/", signup_data(given_name="Али\u200dя"))
    assert response.status_code == 302
    assert User.objects.get(email="aliya@example.org").given_name == "Али\u200dя"


@pytest.mark.parametrize(
    ("field", "value"),
    [("given_name", INVISIBLE), ("family_name", "\u200f\u200e"), ("family_name_latin", REVERSED)],
)
def test_the_profile_page_refuses_it_too(client, volunteer, kazakhstan, field, value) -> None:
    client.force_login(volunteer)
    data = {
        "given_name": "Әлия",
        "family_name": "Сейітова",
        "given_name_latin": "Aliya",
        "family_name_latin": "Seitova",
        "preferred_language": "en",
        "home_country": "KZ",
        field: value,
    }
    response = client.post("/me/", data)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    volunteer.refresh_from_db()
    assert getattr(volunteer, field) != value
