import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from council.accounts.models import Consent, User
from council.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


# Aliya from Kazakhstan: what she signs up with (agreeing to the processing of her data),
# then signs in with.
EMAIL = "aliya@example.org"
PASSPHRASE = "a long enough passphrase"
SIGNUP = {
    "email": EMAIL,
    "password1": PASSPHRASE,
    "password2": PASSPHRASE,
    "given_name": "Алия",
    "family_name": "Жұмабаева",
    "given_name_latin": "Aliya",
    "family_name_latin": "Zhumabayeva",
    "home_country": "KZ",
    "consent_processing": "on",
}
LOGIN = {"login": EMAIL, "password": PASSPHRASE}


def signup_data(**changes: str) -> dict[str, str]:
    """Aliya's sign-up with the fields given changed."""
    return {**SIGNUP, **changes}


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


# --- Confirming the address signs the person in (issue 17, item 21) --------------------------

NAME = "Алия Жұмабаева"
LOGOUT_KK = "Шығу"  # the header's sign-out button
PROFILE_KK = "Ерікті профилі"  # "Volunteer profile", the heading of /volunteer/


def _signed_up_in_kazakh(client, capture) -> str:
    """Sign up with Kazakh chosen in the language switcher; the confirmation link's path."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    with capture(execute=True):
        response = client.post("/accounts/signup/", signup_data())
    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    link = re.search(r"https?://\S+?(/accounts/confirm-email/\S+/)", mail.outbox[-1].body)
    return link.group(1)


def _confirm(client, path: str):
    page = client.get(path)
    assert page.status_code == 200
    assert "Растау" in page.content.decode()  # the "Confirm" button, in Kazakh
    return client.post(path, follow=True)


def test_confirming_in_the_signup_browser_signs_in_on_the_profile(
    client, kazakhstan, django_capture_on_commit_callbacks
) -> None:
    path = _signed_up_in_kazakh(client, django_capture_on_commit_callbacks)
    response = _confirm(client, path)
    assert response.redirect_chain == [("/volunteer/", 302)]
    html = response.content.decode()
    assert '<html lang="kk">' in html
    assert f'<span class="signed-in">{NAME}</span>' in html
    assert LOGOUT_KK in html
    assert f"<h1>{PROFILE_KK}</h1>" in html
    assert "aliya@example.org мекенжайы расталды." in html
    assert "/accounts/login/" not in html.split("<main", 1)[1]


def test_confirming_half_an_hour_later_still_signs_in(
    client, kazakhstan, django_capture_on_commit_callbacks
) -> None:
    # allauth keeps the sign-up waiting 15 minutes by default; a newcomer who took longer to
    # find the mail was sent back to the sign-in form.
    path = _signed_up_in_kazakh(client, django_capture_on_commit_callbacks)
    session = client.session
    session["account_login"]["initiated_at"] -= 30 * 60
    session.save()
    response = _confirm(client, path)
    assert response.redirect_chain == [("/volunteer/", 302)]
    assert f'<span class="signed-in">{NAME}</span>' in response.content.decode()


def test_confirming_in_another_browser_signs_in_then_leads_to_the_profile(
    client, kazakhstan, django_capture_on_commit_callbacks
) -> None:
    path = _signed_up_in_kazakh(client, django_capture_on_commit_callbacks)
    other = Client()
    other.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    response = _confirm(other, path)
    # The link alone does not sign anyone in: the sign-in form, with the address confirmed.
    assert response.redirect_chain == [("/accounts/login/?next=%2Fvolunteer%2F", 302)]
    html = response.content.decode()
    assert "aliya@example.org мекенжайы расталды." in html
    assert NAME not in html
    response = other.post("/accounts/login/?next=%2Fvolunteer%2F", LOGIN, follow=True)
    assert response.redirect_chain[-1] == ("/volunteer/", 302)
    assert f"<h1>{PROFILE_KK}</h1>" in response.content.decode()
