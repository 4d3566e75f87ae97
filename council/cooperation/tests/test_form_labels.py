"""Every form labels a translated field the same way: "Title in Russian", never
modeltranslation's "Title [ru]"."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from typing import Any

import pytest
from django import forms
from django.utils import translation

import council
from council.forums.tests.test_registration import signed_in

pytestmark = pytest.mark.django_db

IN_LANGUAGE = re.compile(r"_(ru|kk|en)$")
LANGUAGE_NAMES = {"ru": "Russian", "kk": "Kazakh", "en": "English"}


def translated_fields() -> list[tuple[str, str, str]]:
    """(form, field, label in English) for each language's field of every form."""
    found = []
    for module_info in pkgutil.walk_packages(council.__path__, "council."):
        if ".forms" not in module_info.name or ".tests" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, forms.BaseForm):
                continue
            for field_name, field in cls.base_fields.items():
                if IN_LANGUAGE.search(field_name):
                    with translation.override("en"):
                        found.append((f"{name}.{field_name}", field_name, str(field.label)))
    return found


def test_every_translated_field_is_labelled_with_its_language_in_words() -> None:
    fields = translated_fields()
    assert len(fields) > 60  # cooperation, forums, orgs, projects, volunteers
    wrong = [
        (form, label)
        for form, name, label in fields
        if "[" in label or not label.endswith(f" in {LANGUAGE_NAMES[name[-2:]]}")
    ]
    assert not wrong


@pytest.mark.parametrize(
    ("language", "expected", "wrong"),
    [
        ("kk", ["Атауы орыс тілінде", "Сипаттамасы қазақ тілінде"], "[ru]"),
        ("ru", ["Название на русском языке", "Описание на английском языке"], "[ru]"),
        ("en", ["Title in Russian", "Description in Kazakh"], "Title [ru]"),
    ],
)
def test_the_new_exchange_form_says_which_language_each_field_is_in(
    council: Any, secretariat: Any, settings: Any, language: str, expected: list[str], wrong: str
) -> None:
    client = signed_in(secretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(f"/councils/{council.pk}/exchanges/new/")
    assert page.status_code == 200
    text = page.content.decode()
    for label in expected:
        assert label in text
    assert wrong not in text
