"""Every dashboard's charts come with the table of their figures; the head of its first
column names what the rows are (a month, a goal, a region...), in the language read, and no
table header on a dashboard is left empty."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings

from council.conftest import make_org, make_user
from council.orgs.models import Membership, MembershipRole, OrganisationKind
from council.projects.tests.conftest import make_project

HEADINGS = {
    "ru": {
        "Month": "Месяц",
        "SDG goal": "Цель ЦУР",
        "Country": "Страна",
        "Age band": "Возрастная группа",
        "Region": "Регион",
        "Project": "Проект",
    },
    "kk": {
        "Month": "Ай",
        "SDG goal": "ТДМ мақсаты",
        "Country": "Ел",
        "Age band": "Жас тобы",
        "Region": "Өңір",
        "Project": "Жоба",
    },
}


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).strip()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_every_dashboard_table_header_has_text(
    client: Any,
    world: dict[str, Any],
    secretariat: Any,
    org: Any,
    org_admin: Any,
    ru_network: Any,
    ru_coordinator: Any,
    kazakhstan: Any,
    language: str,
) -> None:
    company = make_org("KazSteel", kazakhstan, kind=OrganisationKind.COMPANY)
    lead = make_user("lead@kazsteel.kz", kazakhstan)
    Membership.objects.create(organisation=company, user=lead, role=MembershipRole.ADMIN)
    make_project(company, title_en="Tree planting")
    pages = [
        (secretariat, "/reports/", ["Month", "SDG goal", "Country", "Age band"]),
        (secretariat, "/reports/sdg/", ["SDG goal"]),
        (world["people"]["r1"], "/reports/me/", ["Month", "SDG goal"]),
        (org_admin, f"/reports/orgs/{org.pk}/", ["Month", "Month"]),
        (ru_coordinator, f"/reports/networks/{ru_network.pk}/", ["Region"]),
        (lead, f"/reports/companies/{company.pk}/", ["Project"]),
    ]
    for user, path, headings in pages:
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.get(f"{path}?year=2026")
        assert response.status_code == 200, path
        page = response.content.decode()
        assert f'lang="{language}"' in page
        headers = re.findall(r"<th\b[^>]*>(.*?)</th>", page, flags=re.S)
        assert headers, path
        assert all(_text(text) for text in headers), (path, headers)
        charts = re.findall(r'<figure class="chart">(.*?)</figure>', page, flags=re.S)
        first = [
            _text(re.findall(r"<th\b[^>]*>(.*?)</th>", chart, flags=re.S)[0]) for chart in charts
        ]
        assert first == [HEADINGS[language][name] for name in headings], path
    # The open statistics name their goal column with a capital, as a heading is written.
    page = client.get("/statistics/?year=2026").content.decode()
    assert f'<th scope="col">{HEADINGS[language]["SDG goal"]}</th>' in page
