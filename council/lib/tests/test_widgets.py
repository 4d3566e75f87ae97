import re

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
