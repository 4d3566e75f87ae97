"""An opportunity whose shifts are all past: its page says it has ended and offers no form
(no "places left" either), and the project's list of opportunities marks it as ended."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from council.conftest import PASSWORD
from council.projects.models import Shift
from council.projects.services.index import opportunity_refresh
from council.projects.tests.conftest import make_opportunity, make_project

WORDS = {
    "ru": ("Эта вакансия завершена: все её смены уже прошли.", "Завершена"),
    "kk": ("Бұл мүмкіндік аяқталды: оның барлық ауысымы өтіп кетті.", "Аяқталды"),
}


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_an_opportunity_whose_shifts_are_past_has_ended(
    org: Any, volunteer: Any, org_admin: Any, language: str
) -> None:
    opportunity = make_opportunity(make_project(org), shifts=2)
    Shift.objects.filter(opportunity=opportunity).update(
        start=timezone.now() - timedelta(days=3, hours=4),
        end=timezone.now() - timedelta(days=3),
    )
    opportunity = opportunity_refresh(opportunity=opportunity)
    client = Client()
    assert client.login(email=volunteer.email, password=PASSWORD)
    client.cookies["django_language"] = language
    said, marker = WORDS[language]
    html = client.get(f"/opportunities/{opportunity.pk}/").content.decode()
    assert said in html
    assert f'action="/opportunities/{opportunity.pk}/apply/"' not in html
    project = client.get(f"/projects/{opportunity.project_id}/").content.decode()
    assert f'<span class="badge ended">{marker}</span>' in project
    organiser = Client()
    assert organiser.login(email=org_admin.email, password=PASSWORD)
    organiser.cookies["django_language"] = language
    manage = organiser.get(f"/projects/{opportunity.project_id}/manage/").content.decode()
    assert f'<span class="badge ended">{marker}</span>' in manage


def test_an_opportunity_with_shifts_ahead_keeps_its_form(org: Any, volunteer: Any) -> None:
    opportunity = make_opportunity(make_project(org), shifts=1)
    client = Client()
    assert client.login(email=volunteer.email, password=PASSWORD)
    client.cookies["django_language"] = "en"
    html = client.get(f"/opportunities/{opportunity.pk}/").content.decode()
    assert f'action="/opportunities/{opportunity.pk}/apply/"' in html
    assert "has ended" not in html
    project = client.get(f"/projects/{opportunity.project_id}/").content.decode()
    assert "badge ended" not in project
