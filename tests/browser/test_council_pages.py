"""The council's pages in a browser: the countries side by side on a desktop and one under
the other on a phone, without sideways scrolling and without serious accessibility issues;
the exchange's ranking table on a phone."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from council.conftest import make_org, make_user
from council.cooperation.models import Council, CouncilMember
from council.cooperation.services.agreements import agreement_create, agreement_sign, signatory_add
from council.orgs.models import OrganisationKind
from council.projects.models import Project
from council.reference.models import Country

pytestmark = pytest.mark.browser


@pytest.fixture
def council(transactional_db: Any) -> Council:
    russia = Country.objects.create(
        code="RU", code3="RUS", numeric="643", name_en="Russia", is_council_member=True
    )
    kazakhstan = Country.objects.create(
        code="KZ", code3="KAZ", numeric="398", name_en="Kazakhstan", is_council_member=True
    )
    ru = make_org(
        "Association of Volunteer Centres", russia, kind=OrganisationKind.NATIONAL_NETWORK
    )
    kz = make_org("National Volunteer Network", kazakhstan, kind=OrganisationKind.NATIONAL_NETWORK)
    council = Council.objects.create(name_en="Volunteer Council", founded_on=date(2019, 11, 8))
    for organisation in (ru, kz):
        CouncilMember.objects.create(council=council, organisation=organisation)
        Project.objects.create(
            owner=organisation,
            title_en=f"Flagship project of {organisation.name} with a rather long title",
            status="published",
            is_flagship=True,
        )
    keeper = make_user("secretariat@example.org", kazakhstan, is_secretariat=True)
    agreement = agreement_create(
        actor=keeper,
        council=council,
        parties=[ru, kz],
        title_en="Agreement on the establishment of the Volunteer Council",
    )
    signatory_add(actor=keeper, agreement=agreement, name="Chair", organisation=ru)
    agreement_sign(actor=keeper, agreement=agreement, signed_on=date(2019, 11, 8))
    return council


def test_the_council_page_on_a_desktop_and_on_a_phone(
    council: Council, page: Any, live_server: Any, check_page: Any, small_screen: Any
) -> None:
    page.goto(f"{live_server.url}/councils/{council.pk}/")
    check_page(page, "council page")
    russia = page.locator("#country-RU").bounding_box()
    kazakhstan = page.locator("#country-KZ").bounding_box()
    assert russia and kazakhstan
    assert abs(russia["y"] - kazakhstan["y"]) < 2  # side by side on a desktop
    small_screen(page, "council")  # no sideways scroll at 360 px (a screenshot is kept)
    page.set_viewport_size({"width": 360, "height": 740})
    russia = page.locator("#country-RU").bounding_box()
    kazakhstan = page.locator("#country-KZ").bounding_box()
    assert russia and kazakhstan and russia["y"] != kazakhstan["y"]  # one under the other
    page.goto(f"{live_server.url}/agreements/{council.agreements.get().pk}/")
    check_page(page, "agreement page")
    small_screen(page, "agreement")
