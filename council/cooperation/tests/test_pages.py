"""The council's pages: the countries side by side, agreements kept by the secretariat only,
signed copies for those concerned."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from council.conftest import make_user
from council.cooperation.models import Agreement, AgreementStatus
from council.cooperation.services.agreements import MAX_DOCUMENT_BYTES
from council.cooperation.tests.conftest import real_pdf, signed_agreement
from council.forums.tests.test_registration import signed_in
from council.orgs.models import Membership, MembershipRole

PDF = real_pdf()


pytestmark = pytest.mark.usefixtures("private_files")


def test_the_council_page_shows_both_countries_side_by_side(
    council: Any, ru_network: Any, kz_network: Any, secretariat: Any, astana: Any
) -> None:
    from council.forums.models import Forum
    from council.forums.tests.conftest import make_forum
    from council.projects.tests.conftest import make_project

    make_project(ru_network, title_en="Silver volunteers of Omsk")
    make_project(kz_network, title_en="Year of the Volunteer in Astana")
    make_forum(kz_network, astana, title_en="Astana forum")
    signed_agreement(council, secretariat, [ru_network, kz_network])
    page = Client().get(f"/councils/{council.pk}/").content.decode()
    columns = {section.split('"', 1)[0]: section for section in page.split('id="country-')[1:]}
    assert "Silver volunteers of Omsk" in columns["RU"]
    assert "Year of the Volunteer in Astana" in columns["KZ"]
    assert "Silver volunteers of Omsk" not in columns["KZ"]
    assert "Astana forum" in columns["KZ"] and "Astana forum" not in columns["RU"]
    assert "Agreement on the Volunteer Council" in page
    assert Forum.objects.count() == 1


def test_only_the_secretariat_drafts_and_keeps_agreements(
    council: Any, secretariat: Any, ru_network: Any, kz_network: Any, outsider: Any
) -> None:
    assert signed_in(outsider).get(f"/councils/{council.pk}/agreements/new/").status_code == 404
    keeper = signed_in(secretariat)
    answer = keeper.post(f"/councils/{council.pk}/agreements/new/", {"parties": [ru_network.pk]})
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "Give the agreement a title in at least one language." in text
    assert "An agreement has at least two parties." in text
    answer = keeper.post(
        f"/councils/{council.pk}/agreements/new/",
        {
            "title_en": "Memorandum",
            "parties": [ru_network.pk, kz_network.pk],
            "funding_amount": "5",
        },
    )
    assert answer.status_code == 400
    assert "Give the currency of the funding." in answer.content.decode()
    answer = keeper.post(
        f"/councils/{council.pk}/agreements/new/",
        {
            "title_en": "Memorandum",
            "parties": [ru_network.pk, kz_network.pk],
            "ends_on": "2027-12-31",
            "funding_amount": "1000000",
            "funding_currency": "kzt",
        },
    )
    agreement = Agreement.objects.get()
    assert answer["Location"] == f"/agreements/{agreement.pk}/"
    assert agreement.funding_currency == "KZT"
    # A draft is the secretariat's alone.
    assert Client().get(f"/agreements/{agreement.pk}/").status_code == 404
    assert keeper.get(f"/agreements/{agreement.pk}/").status_code == 200
    for path in ("sign", "extend", "signatories", "documents"):
        assert signed_in(outsider).post(f"/agreements/{agreement.pk}/{path}/").status_code == 404
    keeper.post(
        f"/agreements/{agreement.pk}/signatories/",
        {"name": "Head of the network", "position_en": "Chair", "organisation": ru_network.pk},
    )
    keeper.post(
        f"/agreements/{agreement.pk}/sign/", {"signed_on": "2026-11-20", "signed_at_en": "Omsk"}
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    page = Client().get(f"/agreements/{agreement.pk}/").content.decode()
    assert "Head of the network" in page
    # Money in the one format of the language read: grouped thousands, the code after it.
    ru = Client().get(f"/agreements/{agreement.pk}/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "1\xa0000\xa0000,00\xa0KZT" in ru
    en = Client().get(f"/agreements/{agreement.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1,000,000.00\xa0KZT" in en
    extended = keeper.post(
        f"/agreements/{agreement.pk}/extend/", {"ends_on": "2027-01-01"}, follow=True
    )
    assert "The new end must come after the current one." in extended.content.decode()


def test_signed_copies_are_pdf_and_read_by_those_concerned(
    council: Any, secretariat: Any, ru_network: Any, kz_network: Any, outsider: Any, russia: Any
) -> None:
    agreement = signed_agreement(council, secretariat, [ru_network, kz_network])
    keeper = signed_in(secretariat)
    url = f"/agreements/{agreement.pk}/documents/"
    not_pdf = keeper.post(
        url, {"title": "Scan", "file": SimpleUploadedFile("scan.pdf", b"GIF89a...")}, follow=True
    )
    assert "Upload the signed copy as a PDF file." in not_pdf.content.decode()
    too_big = keeper.post(
        url,
        {"title": "Scan", "file": SimpleUploadedFile("scan.pdf", PDF + b"0" * MAX_DOCUMENT_BYTES)},
        follow=True,
    )
    assert "The file is larger than 20 MB." in too_big.content.decode()
    keeper.post(url, {"title": "Signed in Omsk", "file": SimpleUploadedFile("omsk.pdf", PDF)})
    document = agreement.documents.get()
    assert document.size == len(PDF)
    member = make_user("member@example.org", russia)  # the party's coordinator
    Membership.objects.create(organisation=ru_network, user=member, role=MembershipRole.COORDINATOR)
    answer = signed_in(member).get(f"/agreements/documents/{document.pk}/")
    assert answer["Content-Type"] == "application/pdf"
    assert b"".join(answer.streaming_content) == PDF
    assert signed_in(outsider).get(f"/agreements/documents/{document.pk}/").status_code == 404
    assert Client().get(f"/agreements/documents/{document.pk}/").status_code == 302  # sign in
    # Outsiders see the agreement but not its signed copies.
    page = signed_in(outsider).get(f"/agreements/{agreement.pk}/").content.decode()
    assert "Signed in Omsk" not in page
    assert (
        "Signed in Omsk" in signed_in(member).get(f"/agreements/{agreement.pk}/").content.decode()
    )


def test_the_secretariat_records_a_programme_with_its_projects(
    council: Any, secretariat: Any, ru_network: Any, kz_network: Any, outsider: Any
) -> None:
    from council.cooperation.models import Programme
    from council.projects.tests.conftest import make_project

    flagship = make_project(ru_network, title_en="Exchange of experience", is_flagship=True)
    assert signed_in(outsider).get(f"/councils/{council.pk}/programmes/new/").status_code == 404
    keeper = signed_in(secretariat)
    refused = keeper.post(f"/councils/{council.pk}/programmes/new/", {"countries": ["RU"]})
    assert refused.status_code == 400
    assert "Name the programme in at least one language." in refused.content.decode()
    answer = keeper.post(
        f"/councils/{council.pk}/programmes/new/",
        {
            "name_en": "Volunteers of the World",
            "countries": ["RU", "KZ"],
            "organisations": [ru_network.pk, kz_network.pk],
            "projects": [flagship.pk],
            "started_on": "2017-01-01",
        },
    )
    programme = Programme.objects.get()
    assert answer["Location"] == f"/programmes/{programme.pk}/"
    page = Client().get(f"/programmes/{programme.pk}/").content.decode()
    assert "Exchange of experience" in page and "flagship" in page
    # The project's page names its programme.
    project_page = Client().get(f"/projects/{flagship.pk}/").content.decode()
    assert f'href="/programmes/{programme.pk}/"' in project_page


def test_the_secretariat_records_a_council_its_members_and_co_chairs(
    secretariat: Any, ru_network: Any, ru_coordinator: Any, outsider: Any
) -> None:
    from council.cooperation.models import Council, CouncilRoleKind

    assert signed_in(outsider).get("/councils/new/").status_code == 404
    keeper = signed_in(secretariat)
    assert keeper.post("/councils/new/", {}).status_code == 400
    answer = keeper.post("/councils/new/", {"name_en": "Eurasian Volunteer Council"})
    council = Council.objects.get()
    assert answer["Location"] == f"/councils/{council.pk}/"
    assert signed_in(outsider).post(f"/councils/{council.pk}/members/").status_code == 404
    keeper.post(f"/councils/{council.pk}/members/", {"organisation": ru_network.pk})
    assert list(council.organisations.all()) == [ru_network]
    refused = keeper.post(
        f"/councils/{council.pk}/roles/",
        {"email": outsider.email, "role": "co_chair", "organisation": ru_network.pk},
        follow=True,
    )
    assert "This person is not a member of that organisation." in refused.content.decode()
    keeper.post(
        f"/councils/{council.pk}/roles/",
        {"email": ru_coordinator.email, "role": "co_chair", "organisation": ru_network.pk},
    )
    assert council.roles.get().role == CouncilRoleKind.CO_CHAIR
    page = Client().get(f"/councils/{council.pk}/").content.decode()
    assert ru_coordinator.display_name in page and "Association of Volunteer Centres" in page
