"""Implausible input on the organiser pages: dates outside 2000 … ten years ahead, titles
that show nothing or carry text-direction controls, descriptions beyond the limit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from council.projects.models import Opportunity, Project
from council.projects.tests.conftest import make_project
from council.projects.tests.test_project_create import project_data

MAX_TEXT = 10_000

pytestmark = pytest.mark.django_db


def errors_of(response, field):
    assert response.status_code in (200, 400), response.status_code
    return response.context["form"].errors.get(field, [])


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"start_date": "0001-01-01"}, "start_date", "Enter a date between 2000-01-01 and"),
        ({"end_date": "9999-12-31"}, "end_date", "Enter a date between 2000-01-01 and"),
        ({"title_en": "", "title_ru": "\u200b\u200c\u200d\ufeff"}, "title_ru", "visible"),
        ({"title_en": "Clean \u202eserohs"}, "title_en", "text-direction control"),
        ({"title_en": "Clean\u2066 shores\u2069"}, "title_en", "text-direction control"),
        ({"description_en": "x" * (MAX_TEXT + 1)}, "description_en", "at most 10000 characters"),
    ],
)
def test_the_project_form_names_the_implausible_field(
    client, org_admin, org, overrides, field, message
) -> None:
    client.force_login(org_admin)
    response = client.post("/projects/new/", project_data(org, **overrides))
    assert any(message in error for error in errors_of(response, field)), response.context[
        "form"
    ].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Project.objects.exists()


def test_the_description_box_shows_its_limit(client, org_admin) -> None:
    client.force_login(org_admin)
    page = client.get("/projects/new/").content.decode()
    assert f'maxlength="{MAX_TEXT}"' in page


def test_a_plan_up_to_ten_years_ahead_is_accepted(client, org_admin, org) -> None:
    client.force_login(org_admin)
    last = timezone.localdate() + timedelta(days=365 * 10 - 5)
    data = project_data(org, start_date="2000-01-01", end_date=last.isoformat())
    data["title_ru"] = "Ёлки\u200dи палки"  # a joiner inside a word is fine
    assert client.post("/projects/new/", data).status_code == 302
    assert Project.objects.get().end_date == last


def test_the_opportunity_form_refuses_an_invisible_title(client, org_admin, org) -> None:
    project = make_project(org)
    client.force_login(org_admin)
    response = client.post(
        f"/projects/{project.pk}/opportunities/new/",
        {
            "title_en": "\u2060\u180e\u3164",
            "is_online": "on",
            "application_mode": "review",
            "min_age": "0",
            "capacity": "5",
            "languages-TOTAL_FORMS": "0",
            "languages-INITIAL_FORMS": "0",
        },
    )
    assert any("visible" in error for error in errors_of(response, "title_en"))
    assert not Opportunity.objects.exists()
