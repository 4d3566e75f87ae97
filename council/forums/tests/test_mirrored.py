"""Another node's forum with its quotas (mirrored rows): shown with its home country, its
seats as that node had them, never hosted or registered for here but through the
federation's page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from council.conftest import make_member, make_org, reader
from council.forums.access import get_forum_for_host, host_organisations, is_host
from council.forums.models import Quota, QuotaKind, Registration, RegistrationStatus
from council.forums.selectors import quota_availability
from council.forums.services.delegations import delegation_create
from council.forums.services.forums import forum_create, forum_update, quota_add
from council.forums.services.registrations import registration_create
from council.forums.tests.conftest import make_country_quota, make_forum
from council.orgs.models import MembershipRole
from council.projects.tests.mirrors import mirror

pytestmark = pytest.mark.django_db

STUB_URLS = "council.projects.tests.federation_stub_urls"


@pytest.fixture
def ru_org(russia):
    return mirror(make_org("Moscow Volunteer Centre", russia), "org-1")


@pytest.fixture
def ru_admin(ru_org, russia):
    return make_member("admin@ru.example", russia, ru_org, MembershipRole.ADMIN, "Ivan")


@pytest.fixture
def ru_forum(ru_org, astana):
    return mirror(make_forum(ru_org, astana, capacity=20), "f-1")


@pytest.fixture
def ru_open_quota(ru_forum):
    quota = Quota.objects.create(forum=ru_forum, kind=QuotaKind.OPEN, name="Individuals", size=10)
    return mirror(quota, "q-1", remote_taken=4)


@pytest.fixture
def ru_country_quota(ru_forum, ru_org):
    return mirror(make_country_quota(ru_forum, ru_org, size=8), "q-2", remote_taken=7)


def test_the_host_pages_are_not_found(client, ru_admin, ru_forum) -> None:
    assert not is_host(user=ru_admin, forum=ru_forum)
    with pytest.raises(Http404):
        get_forum_for_host(user=ru_admin, pk=ru_forum.pk)
    client.force_login(ru_admin)
    for address in ("host", "edit", "check-in"):
        assert client.get(f"/forums/{ru_forum.pk}/{address}/").status_code == 404, address


def test_the_services_refuse_to_change_it(ru_admin, ru_forum, ru_country_quota) -> None:
    for write in (
        lambda: forum_update(actor=ru_admin, forum=ru_forum, capacity=50),
        lambda: quota_add(actor=ru_admin, forum=ru_forum, kind="open", name_en="More", size=1),
    ):
        with pytest.raises(ValidationError, match="only be changed on its home node"):
            write()
    with pytest.raises(ValidationError, match="register from its page on your home node"):
        delegation_create(actor=ru_admin, quota=ru_country_quota, head=ru_admin)


def test_registering_here_is_refused_with_the_way_to_register(volunteer, ru_open_quota):
    with pytest.raises(ValidationError, match="register from its page on your home node"):
        registration_create(person=volunteer, forum=ru_open_quota.forum)
    assert not Registration.objects.exists()


def test_the_seats_are_those_the_owner_node_had_taken(
    volunteer, ru_open_quota, ru_country_quota
) -> None:
    # A registration here is not a seat of that node's forum.
    Registration.objects.create(
        forum=ru_open_quota.forum,
        quota=ru_open_quota,
        person=volunteer,
        status=RegistrationStatus.CONFIRMED,
    )
    seats = quota_availability(quota=ru_open_quota)
    # The quota has 10 - 4 = 6 free; the forum 20 - (4 + 7) = 9.
    assert (seats.taken, seats.free) == (4, 6)
    country = quota_availability(quota=ru_country_quota)
    assert (country.taken, country.free) == (7, 1)


@pytest.mark.parametrize(
    ("language", "country"), [("en", "From the Russia node"), ("ru", "Россия"), ("kk", "Ресей")]
)
def test_its_pages_show_the_home_country(ru_open_quota, language, country) -> None:
    browser = reader(language)
    for address in (f"/forums/{ru_open_quota.forum_id}/", "/forums/"):
        response = browser.get(address)
        assert response.status_code == 200, address
        page = response.content.decode()
        assert "data-mirrored" in page, address
        assert country in page, address


def test_the_page_shows_the_seats_and_asks_a_visitor_to_sign_in(client, ru_open_quota) -> None:
    page = client.get(f"/forums/{ru_open_quota.forum_id}/").content.decode()
    assert "6 seats left." in page
    assert "Sign in to register" in page
    assert f'action="/forums/{ru_open_quota.forum_id}/register/"' not in page


def test_registration_goes_through_the_federations_page(
    client, settings, volunteer, ru_open_quota
) -> None:
    forum = ru_open_quota.forum_id
    client.force_login(volunteer)
    # A build without the federation's pages: a disabled button, never a broken link.
    settings.ROOT_URLCONF = "council.projects.tests.no_federation_urls"
    page = client.get(f"/forums/{forum}/").content.decode()
    assert "not available on this node yet" in page
    settings.ROOT_URLCONF = STUB_URLS
    page = client.get(f"/forums/{forum}/").content.decode()
    assert f'href="/remote/forums/{forum}/register/"' in page
    assert f'action="/forums/{forum}/register/"' not in page


def test_no_forum_is_created_for_another_nodes_organisation(ru_admin, ru_org, astana) -> None:
    assert host_organisations(user=ru_admin) == []
    with pytest.raises(ValidationError, match="only be changed on its home node"):
        forum_create(actor=ru_admin, host=ru_org, title_en="New", city=astana)
