"""Another node's call for an exchange (a mirrored row): shown with the node's country,
kept and applied to only there (through the federation's page here)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from council.conftest import reader
from council.exchanges import services
from council.exchanges.access import get_exchange_for_keeper
from council.exchanges.models import ExchangeApplication, ExchangeStatus
from council.exchanges.tests.conftest import exchange_dates
from council.projects.tests.mirrors import mirror

pytestmark = pytest.mark.django_db

STUB_URLS = "council.projects.tests.federation_stub_urls"


@pytest.fixture
def ru_call(council, secretariat):
    exchange = services.exchange_create(
        actor=secretariat,
        council=council,
        title_en="Twenty from each country",
        **exchange_dates(date.today(), 100, 114),
    )
    return mirror(exchange, "e-1", status=ExchangeStatus.OPEN)


def test_the_secretariat_does_not_keep_it(client, ru_call, secretariat) -> None:
    with pytest.raises(Http404):
        get_exchange_for_keeper(user=secretariat, pk=ru_call.pk)
    client.force_login(secretariat)
    assert client.get(f"/exchanges/{ru_call.pk}/manage/").status_code == 404
    with pytest.raises(ValidationError, match="only be changed on its home node"):
        services.applications_close(actor=secretariat, exchange=ru_call)


def test_applying_here_is_refused_with_the_way_to_apply(ru_call, volunteer) -> None:
    with pytest.raises(ValidationError, match="apply from its page on your home node"):
        services.application_submit(person=volunteer, exchange=ru_call, motivation="Yes")
    assert not ExchangeApplication.objects.exists()


@pytest.mark.parametrize(
    ("language", "country"), [("en", "From the Russia node"), ("ru", "Россия"), ("kk", "Ресей")]
)
def test_its_pages_show_the_home_country(ru_call, language, country) -> None:
    browser = reader(language)
    for address in ("/exchanges/", f"/exchanges/{ru_call.pk}/"):
        response = browser.get(address)
        assert response.status_code == 200, address
        page = response.content.decode()
        assert "data-mirrored" in page, address
        assert country in page, address


def test_the_apply_button_goes_to_the_federations_page(client, settings, ru_call, volunteer):
    client.force_login(volunteer)
    # A build without the federation's pages: a disabled button, never a broken link.
    settings.ROOT_URLCONF = "council.projects.tests.no_federation_urls"
    page = client.get(f"/exchanges/{ru_call.pk}/").content.decode()
    assert "not available on this node yet" in page
    assert f'action="/exchanges/{ru_call.pk}/apply/"' not in page
    settings.ROOT_URLCONF = STUB_URLS
    page = client.get(f"/exchanges/{ru_call.pk}/").content.decode()
    assert f'href="/remote/exchanges/{ru_call.pk}/apply/"' in page
