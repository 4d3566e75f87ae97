import re

import pytest
from django import forms

from council.lib.widgets import FastSelect

CHOICES = [("", "---"), ("1", "Алматы"), ("2", "<Astana>")]


class Form(forms.Form):
    city = forms.ChoiceField(choices=CHOICES, widget=FastSelect, required=False)


class Plain(forms.Form):
    city = forms.ChoiceField(choices=CHOICES, required=False)


def options(html: str) -> list[str]:
    return re.findall(r"<option[^>]*>[^<]*</option>", html)


def test_it_renders_a_select_and_escapes() -> None:
    html = str(Form(data={"city": "2"})["city"])
    assert html.startswith("<select ") and html.endswith("</select>")
    assert 'name="city"' in html and 'id="id_city"' in html
    assert '<option value="2" selected>&lt;Astana&gt;</option>' in html


def test_its_options_are_djangos() -> None:
    assert options(str(Form(data={"city": "1"})["city"])) == options(
        str(Plain(data={"city": "1"})["city"])
    )


@pytest.mark.django_db
def test_reference_options_are_built_once_per_language_and_marked_per_form(
    russia, kazakhstan, django_assert_num_queries
) -> None:
    from django.utils import translation

    from council.lib.forms import ReferenceChoiceField
    from council.reference.models import Country

    class CountryForm(forms.Form):
        country = ReferenceChoiceField(
            queryset=Country.objects.filter(code__in=["RU", "KZ"]).order_by("code"),
            widget=FastSelect(reference=True),
            required=False,
        )

    with translation.override("en"):
        first = str(CountryForm(data={"country": "RU"})["country"])
        with django_assert_num_queries(0):
            second = str(CountryForm(data={"country": "KZ"})["country"])
    assert '<option value="RU" selected>Russia</option>' in first
    assert '<option value="KZ">Kazakhstan</option>' in first
    assert '<option value="KZ" selected>Kazakhstan</option>' in second
    assert '<option value="RU">Russia</option>' in second
    with translation.override("ru"):
        assert "Россия" in str(CountryForm()["country"])
