"""The password rules and errors on sign-up and password change are in the language read.

Django's Kazakh catalogue leaves its password rules empty, so without the platform's own
(locale_vendor/django) a Kazakh page fell back to Russian, the default language. The autouse
fixture makes English the default for tests; these tests put Russian back, as in production.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from council.accounts.tests.test_signup import signup_data
from council.conftest import PASSWORD

pytestmark = pytest.mark.django_db

RULES = {
    "kk": [
        "Құпиясөзіңіз басқа жеке деректеріңізге тым ұқсас болмауы керек.",
        "Құпиясөзіңіз кемінде 10 таңбадан тұруы керек.",
        "Құпиясөзіңіз жиі қолданылатын құпиясөз болмауы керек.",
        "Құпиясөзіңіз тек цифрлардан тұрмауы керек.",
    ],
    "ru": ["Ваш пароль должен содержать как минимум 10 символов."],
    "en": ["Your password must contain at least 10 characters."],
}
TOO_SHORT = {
    "kk": "Бұл құпиясөз тым қысқа. Ол кемінде 10 таңбадан тұруы керек.",
    "ru": "Введённый пароль слишком короткий. Он должен состоять из как минимум 10 символов.",
    "en": "This password is too short. It must contain at least 10 characters.",
}
ENTIRELY_NUMERIC = {
    "kk": "Бұл құпиясөз тек цифрлардан тұрады.",
    "ru": "Введённый пароль состоит только из цифр.",
    "en": "This password is entirely numeric.",
}


def page_text(response: Any) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture(autouse=True)
def _russian_by_default(settings: Any) -> None:
    settings.LANGUAGE_CODE = "ru"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_sign_up_shows_the_rules_and_errors_in_the_language_read(
    client, kazakhstan, language
) -> None:
    text = page_text(client.get("/accounts/signup/", HTTP_ACCEPT_LANGUAGE=language))
    for rule in RULES[language]:
        assert rule in text

    response = client.post(
        "/accounts/signup/",
        signup_data(password1="41758", password2="41758"),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    text = page_text(response)
    assert TOO_SHORT[language] in text
    assert ENTIRELY_NUMERIC[language] in text
    if language == "kk":
        assert "Введённый" not in text and "пароль" not in text


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_password_change_shows_the_rules_and_errors_in_the_language_read(
    client, volunteer, language, settings
) -> None:
    client.force_login(volunteer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the language switcher's choice
    page = client.get("/accounts/password/change/")
    text = page_text(page)
    for rule in RULES[language]:
        assert rule in text

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "1234", "password2": "1234"},
    )
    text = page_text(response)
    assert TOO_SHORT[language] in text
    if language == "kk":
        assert "Введённый" not in text and "Ваш пароль" not in text
