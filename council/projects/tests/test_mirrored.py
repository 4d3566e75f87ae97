"""Another node's projects, opportunities and shifts (mirrored rows): read-only here, marked
with their home country, their seats as that node had them, found by search and "for you"
like local ones, applied for through the federation's page."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from council.conftest import make_member, make_org, make_user, reader
from council.orgs.models import MembershipRole
from council.projects.access import (
    get_opportunity_for_editor,
    get_project_for_editor,
    get_shift_for_editor,
    is_organiser,
    organisations_for_organiser,
)
from council.projects.models import Application
from council.projects.selectors.matching import opportunities_for_you
from council.projects.selectors.search import opportunity_search
from council.projects.selectors.seats import free_seats
from council.projects.services.applications import application_submit
from council.projects.services.opportunities import opportunity_update
from council.projects.services.projects import project_create, project_publish, project_update
from council.projects.services.shifts import shift_delete, shift_update
from council.projects.tests.conftest import adult, make_opportunity, make_project
from council.projects.tests.mirrors import mirror
from council.projects.tests.search_helpers import confirm
from council.volunteers.models import VolunteerProfile

pytestmark = pytest.mark.django_db

STUB_URLS = "council.projects.tests.federation_stub_urls"


@pytest.fixture
def ru_org(russia):
    return mirror(make_org("Moscow Volunteer Centre", russia), "org-1")


@pytest.fixture
def ru_admin(ru_org, russia):
    """Someone holding a membership of the copy (which the feed never sends): still no
    editor of it here."""
    return make_member("admin@ru.example", russia, ru_org, MembershipRole.ADMIN, "Ivan")


@pytest.fixture
def ru_project(ru_org):
    return mirror(make_project(ru_org, title_en="Volga shores", title_ru="Берега Волги"), "p-1")


@pytest.fixture
def ru_opportunity(ru_project, reference):
    opportunity = make_opportunity(
        ru_project,
        capacity=10,
        title_en="River clean-up crew",
        title_ru="Команда уборки реки",
        skills=[reference["first_aid"]],
        is_online=True,
    )
    mirror(opportunity.shifts.get(), "s-1", remote_taken=7)
    return mirror(opportunity, "o-1")


@pytest.fixture
def ru_shift(ru_opportunity):
    return ru_opportunity.shifts.get()


# --- Read-only ------------------------------------------------------------------------------


def test_the_editor_helpers_refuse_another_nodes_rows(ru_admin, ru_opportunity, ru_shift) -> None:
    for getter, pk in (
        (get_project_for_editor, ru_opportunity.project_id),
        (get_opportunity_for_editor, ru_opportunity.pk),
        (get_shift_for_editor, ru_shift.pk),
    ):
        with pytest.raises(Http404):
            getter(user=ru_admin, pk=pk)
    assert not is_organiser(user=ru_admin, project=ru_opportunity.project)


def test_the_organiser_pages_are_not_found(client, ru_admin, ru_opportunity, ru_shift) -> None:
    client.force_login(ru_admin)
    project = ru_opportunity.project_id
    for address in (
        f"/projects/{project}/manage/",
        f"/projects/{project}/edit/",
        f"/opportunities/{ru_opportunity.pk}/edit/",
        f"/opportunities/{ru_opportunity.pk}/applications/",
        f"/opportunities/{ru_opportunity.pk}/shifts/",
        f"/shifts/{ru_shift.pk}/edit/",
    ):
        assert client.get(address).status_code == 404, address
    assert client.post(f"/projects/{project}/publish/").status_code == 404


def test_the_write_services_refuse_another_nodes_rows(ru_admin, ru_opportunity, ru_shift) -> None:
    project = ru_opportunity.project
    writes = (
        lambda: project_update(actor=ru_admin, project=project, title_en="Changed"),
        lambda: project_publish(actor=ru_admin, project=project),
        lambda: opportunity_update(actor=ru_admin, opportunity=ru_opportunity, capacity=3),
        lambda: shift_update(
            actor=ru_admin,
            shift=ru_shift,
            start=ru_shift.start,
            end=ru_shift.end,
            capacity=20,
        ),
        lambda: shift_delete(actor=ru_admin, shift=ru_shift),
    )
    for write in writes:
        with pytest.raises(ValidationError) as refused:
            write()
        assert "can only be changed on its home node" in str(refused.value)
    ru_shift.refresh_from_db()
    assert ru_shift.capacity == 10


def test_applying_here_is_refused_with_the_way_to_apply(volunteer, ru_opportunity, ru_shift):
    with pytest.raises(ValidationError) as refused:
        application_submit(volunteer=adult(volunteer), opportunity=ru_opportunity, shift=ru_shift)
    assert "apply from its page on your home node" in str(refused.value)
    assert not Application.objects.exists()


def test_the_apply_form_posted_anyway_says_so(client, volunteer, ru_opportunity, ru_shift):
    client.force_login(adult(volunteer))
    response = client.post(
        f"/opportunities/{ru_opportunity.pk}/apply/", {"shift": ru_shift.pk, "motivation": "Hi"}
    )
    assert response.status_code == 400
    assert "apply from its page on your home node" in response.content.decode()
    assert not Application.objects.exists()


# --- Seats -----------------------------------------------------------------------------------


def test_free_seats_are_the_owner_nodes(ru_opportunity, ru_shift) -> None:
    # Applications here never count on another node's shift (none should exist; if some
    # did, they are not seats of that node).
    confirm(ru_opportunity, "a@example.org", shift=ru_shift)
    confirm(ru_opportunity, "b@example.org", shift=ru_shift)
    assert free_seats(opportunity=ru_opportunity, shift=ru_shift) == 3
    (found,) = opportunity_search(query="river")
    assert found.free_seats == 3


def test_an_opportunity_without_shifts_has_its_pool_of_the_owner(ru_project, client) -> None:
    opportunity = mirror(
        make_opportunity(ru_project, shifts=0, capacity=5, title_en="Online mentor"),
        "o-2",
        remote_taken=2,
    )
    confirm(opportunity, "c@example.org")
    assert free_seats(opportunity=opportunity, shift=None) == 3
    (found,) = opportunity_search(query="mentor")
    assert found.free_seats == 3
    assert "3 places left" in client.get(f"/opportunities/{opportunity.pk}/").content.decode()


def test_a_shift_not_synced_yet_counts_nothing_taken(ru_opportunity, ru_shift) -> None:
    mirror(ru_shift, "s-1", remote_taken=None)
    assert free_seats(opportunity=ru_opportunity, shift=ru_shift) == 10


# --- Shown like local ones ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "country", "title"),
    [
        ("en", "From the Russia node", "River clean-up crew"),
        ("ru", "Россия", "Команда уборки реки"),
        ("kk", "Ресей", "Команда уборки реки"),  # no Kazakh title: the Russian one
    ],
)
def test_the_pages_show_the_home_country_in_every_language(
    ru_opportunity, language, country, title
) -> None:
    browser = reader(language)
    for address in (
        f"/opportunities/{ru_opportunity.pk}/",
        f"/projects/{ru_opportunity.project_id}/",
        "/projects/",
        "/search/?q=river",
    ):
        response = browser.get(address)
        assert response.status_code == 200, address
        page = response.content.decode()
        assert "data-mirrored" in page, address
        assert country in page, address
        assert 'datetime="2026-12-07T' in page, address
    assert title in browser.get("/search/?q=river").content.decode()


def test_a_local_opportunity_has_no_mark(client, org) -> None:
    opportunity = make_opportunity(make_project(org), title_en="River watch")
    for address in (f"/opportunities/{opportunity.pk}/", "/search/?q=river", "/projects/"):
        assert "data-mirrored" not in client.get(address).content.decode()


def test_search_finds_another_nodes_opportunity_like_a_local_one(org, ru_opportunity) -> None:
    local = make_opportunity(make_project(org), title_en="River watch")
    assert {row.pk for row in opportunity_search(query="river")} == {
        local.pk,
        ru_opportunity.pk,
    }
    assert [row.pk for row in opportunity_search(query="river", country="RU")] == [
        ru_opportunity.pk
    ]
    assert ru_opportunity.pk in [row.pk for row in opportunity_search(has_free_seats=True)]


def test_for_you_ranks_another_nodes_opportunity_like_a_local_one(
    client, volunteer, org, ru_opportunity, reference
) -> None:
    profile = VolunteerProfile.objects.create(user=volunteer, date_of_birth=date(1995, 3, 1))
    profile.skills.add(reference["first_aid"])
    local = make_opportunity(
        make_project(org),
        title_en="Medic at the run",
        skills=[reference["first_aid"]],
        is_online=True,
    )
    matched = {match.opportunity.pk: match for match in opportunities_for_you(user=volunteer)}
    assert set(matched) == {local.pk, ru_opportunity.pk}
    assert matched[local.pk].score == matched[ru_opportunity.pk].score
    client.force_login(volunteer)
    page = client.get("/for-you/").content.decode()
    assert f'href="/opportunities/{ru_opportunity.pk}/"' in page
    assert "From the Russia node" in page
    assert "needs First aid — you have it" in page


# --- Applying from here ------------------------------------------------------------------------


def test_a_visitor_is_asked_to_sign_in(client, ru_opportunity) -> None:
    page = client.get(f"/opportunities/{ru_opportunity.pk}/").content.decode()
    assert "Sign in to apply" in page
    assert "7 of 10 places taken" in page
    assert f'action="/opportunities/{ru_opportunity.pk}/apply/"' not in page


def test_the_apply_button_goes_to_the_federations_page(
    client, settings, volunteer, ru_opportunity, ru_shift
) -> None:
    settings.ROOT_URLCONF = STUB_URLS
    client.force_login(adult(volunteer))
    page = client.get(f"/opportunities/{ru_opportunity.pk}/").content.decode()
    assert f'action="/remote/opportunities/{ru_opportunity.pk}/apply/"' in page
    assert f'name="shift" value="{ru_shift.pk}"' in page
    assert "7 of 10 places taken" in page
    assert f'action="/opportunities/{ru_opportunity.pk}/apply/"' not in page


def test_without_the_federations_page_the_button_is_disabled(
    client, volunteer, ru_opportunity, settings
) -> None:
    settings.ROOT_URLCONF = "council.projects.tests.no_federation_urls"
    client.force_login(adult(volunteer))
    page = client.get(f"/opportunities/{ru_opportunity.pk}/").content.decode()
    assert "not available on this node yet" in page
    assert "disabled" in page
    assert f'action="/opportunities/{ru_opportunity.pk}/apply/"' not in page


def test_the_organiser_parts_are_not_shown(client, ru_admin, ru_opportunity) -> None:
    client.force_login(ru_admin)
    opportunity_page = client.get(f"/opportunities/{ru_opportunity.pk}/").content.decode()
    assert f"/opportunities/{ru_opportunity.pk}/applications/" not in opportunity_page
    project_page = client.get(f"/projects/{ru_opportunity.project_id}/").content.decode()
    assert "Manage this project" not in project_page


# --- Admin -------------------------------------------------------------------------------------


def test_the_admin_shows_another_nodes_rows_read_only(client, ru_opportunity, ru_shift) -> None:
    superuser = make_user("root@example.org", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    for model, pk in (
        ("project", ru_opportunity.project_id),
        ("opportunity", ru_opportunity.pk),
        ("shift", ru_shift.pk),
    ):
        address = f"/admin/projects/{model}/{pk}/change/"
        page = client.get(address)
        assert page.status_code == 200, address
        assert 'name="_save"' not in page.content.decode(), address
        assert client.post(address, {}).status_code == 403, address
        assert client.get(f"/admin/projects/{model}/{pk}/delete/").status_code == 403


def test_no_project_is_created_for_another_nodes_organisation(ru_admin, ru_org) -> None:
    assert not organisations_for_organiser(user=ru_admin).exists()
    with pytest.raises(ValidationError, match="only be changed on its home node"):
        project_create(actor=ru_admin, owner=ru_org, title_en="New")
