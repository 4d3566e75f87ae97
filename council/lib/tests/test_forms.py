"""Form helpers."""

from __future__ import annotations

import pytest
from django import forms

from council.lib.forms import ReferenceChoiceField
from council.reference.models import Country


@pytest.mark.django_db
def test_a_reference_choice_is_found_once_and_a_wrong_one_is_named(
    russia, django_assert_num_queries
) -> None:
    class Form(forms.Form):
        country = ReferenceChoiceField(queryset=Country.objects.all(), label="Country")

    with django_assert_num_queries(1):
        assert Form({"country": "RU"}).is_valid()
    with django_assert_num_queries(0):
        form = Form({"country": "RU"})
        assert form.is_valid() and form.cleaned_data["country"] == russia
    form = Form({"country": "XX"})
    assert not form.is_valid()
    assert "Select a valid choice" in form.errors["country"][0]
