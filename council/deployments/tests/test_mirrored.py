"""Another node's international assignment (a mirrored row): shown with its host's country,
managed and applied to only there (through the federation's page here)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from council.conftest import make_member, reader
from council.deployments import services
from council.deployments.access import get_assignment_for_manager, manages_assignment
from council.deployments.models import AssignmentStatus, Candidacy
from council.deployments.tests.conftest import draft_assignment
from council.orgs.models import MembershipRole
from council.projects.tests.mirrors import mirror

pytestmark = pytest.mark.django_db

STUB_URLS = "council.projects.tests.federation_stub_urls"


@pytest.fixture
def ru_assignment(council, secretariat, ru_network, russia):
    assignment = draft_assignment(
        secretariat,
        council,
        ru_network,
        (russia, "Moscow"),
        title_en="Volunteer coordinator",
        starts_on=date(2027, 3, 1),
    )
    mirror(ru_network, "org-1")
    return mirror(assignment, "as-1", status=AssignmentStatus.OPEN)


def test_nobody_here_manages_it(client, ru_assignment, secretariat, ru_network, russia):
    host_admin = make_member("a@ru.example", russia, ru_network, MembershipRole.ADMIN, "Ivan")
    for person in (secretariat, host_admin):
        assert not manages_assignment(user=person, assignment=ru_assignment)
        with pytest.raises(Http404):
            get_assignment_for_manager(user=person, pk=ru_assignment.pk)
    client.force_login(secretariat)
    assert client.get(f"/deployments/{ru_assignment.pk}/longlist/").status_code == 404


def test_applying_here_is_refused_with_the_way_to_apply(ru_assignment, volunteer) -> None:
    with pytest.raises(ValidationError, match="apply from its page on your home node"):
        services.candidacy_apply(person=volunteer, assignment=ru_assignment, motivation="Yes")
    assert not Candidacy.objects.exists()


@pytest.mark.parametrize(
    ("language", "country"), [("en", "From the Russia node"), ("ru", "Россия"), ("kk", "Ресей")]
)
def test_its_pages_show_the_home_country(ru_assignment, language, country) -> None:
    browser = reader(language)
    for address in ("/deployments/", f"/deployments/{ru_assignment.pk}/"):
        response = browser.get(address)
        assert response.status_code == 200, address
        page = response.content.decode()
        assert "data-mirrored" in page, address
        assert country in page, address


def test_the_apply_button_goes_to_the_federations_page(client, settings, ru_assignment, volunteer):
    client.force_login(volunteer)
    # A build without the federation's pages: a disabled button, never a broken link.
    settings.ROOT_URLCONF = "council.projects.tests.no_federation_urls"
    page = client.get(f"/deployments/{ru_assignment.pk}/").content.decode()
    assert "not available on this node yet" in page
    assert f'action="/deployments/{ru_assignment.pk}/apply/"' not in page
    settings.ROOT_URLCONF = STUB_URLS
    page = client.get(f"/deployments/{ru_assignment.pk}/").content.decode()
    assert f'href="/remote/deployments/{ru_assignment.pk}/apply/"' not in page
    assert f'href="/remote/assignments/{ru_assignment.pk}/apply/"' in page
