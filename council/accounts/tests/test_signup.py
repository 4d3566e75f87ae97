import re

import pytest
from django.core import mail

from council.accounts.models import Consent, User
from council.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def signup_data(**overrides: str) -> dict[str, str]:
    data = {
        "email": "aliya@example.org",
        "password1": "a long enough passphrase",
        "password2": "a long enough passphrase",
        "given_name": "Алия",
        "family_name": "Жұмабаева",
        "given_name_latin": "Aliya",
        "family_name_latin": "Zhumabayeva",
        "home_country": "KZ",
        "consent_processing": "on",
    }
    data.update(overrides)
    return data


def test_it_signs_up_verifies_and_logs_in(
    client, kazakhstan, django_capture_on_commit_callbacks
) -> None:
    # The verification mail is sent by a task once the request's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", signup_data(), HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 302
    user = User.objects.get(email="aliya@example.org")
    assert user.family_name == "Жұмабаева"
    assert user.home_country_id == "KZ"
    assert user.preferred_language == "kk"
    assert "zhumabaeva" in user.name_search
    consent = Consent.objects.get(user=user)
    assert consent.purpose == "processing" and consent.withdrawn_at is None
    assert AuditEvent.objects.filter(action="consent.given", target_id=str(consent.pk)).exists()

    # Email verification is mandatory: the login waits for it.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aliya@example.org"]
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    path = link.split("testserver", 1)[-1]
    client.logout()
    assert client.post(
        "/accounts/login/", {"login": "aliya@example.org", "password": "a long enough passphrase"}
    ).url.startswith("/accounts/confirm-email")

    response = client.post(path)
    assert response.status_code == 302
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "aliya@example.org", "password": "a long enough passphrase"}
    )
    assert response.status_code == 302
    assert response.url == "/"
    page = client.get("/")
    assert "Алия Жұмабаева" in page.content.decode()


def test_it_requires_consent_and_names_the_field(client, kazakhstan) -> None:
    response = client.post("/accounts/signup/", signup_data(consent_processing=""))
    assert response.status_code == 200
    assert "consent_processing" in response.context["form"].errors
    assert not User.objects.filter(email="aliya@example.org").exists()


def test_it_rejects_an_unknown_country_without_a_500(client, kazakhstan) -> None:
    response = client.post("/accounts/signup/", signup_data(home_country="ZZ"))
    assert response.status_code == 200
    assert "home_country" in response.context["form"].errors


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("ru", "Пожалуйста, подтвердите Ваш адрес электронной почты"),
        ("kk", "Электрондық пошта мекенжайыңызды растаңыз"),
        ("en", "Please Confirm Your Email Address"),
    ],
)
def test_it_mails_the_confirmation_in_the_signup_language(
    client, kazakhstan, language, subject, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/signup/", signup_data(), HTTP_ACCEPT_LANGUAGE=language)
    assert subject in mail.outbox[0].subject
