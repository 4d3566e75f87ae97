"""Who may see and keep an exchange: a call once open is public, a call being prepared is the
secretariat's; the national networks see their country's applications, the panel scores the
nominated ones."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.cooperation.access import is_secretariat, unless_draft
from council.exchanges.models import Exchange, ExchangeApplication, ExchangeStatus
from council.lib.found import found_if
from council.lib.mirrors import local_or_404
from council.orgs.access import memberships


def get_exchange_for_viewer(*, user: Viewer, pk: int) -> Exchange:
    """A call once open is public; a call being prepared is the secretariat's."""
    exchange: Exchange = get_object_or_404(Exchange.objects.select_related("council"), pk=pk)
    return unless_draft(user=user, found=exchange, draft=ExchangeStatus.DRAFT)


def get_exchange_for_keeper(*, user: Viewer, pk: int) -> Exchange:
    exchange = get_exchange_for_viewer(user=user, pk=pk)
    return local_or_404(found_if(is_secretariat(user=user), exchange))


def nominating_countries(*, user: Viewer, exchange: Exchange) -> list[str]:
    """The countries whose nominating organisation this person organises."""
    if not user.is_authenticated:
        return []
    networks = memberships(user, organiser=True).values("organisation_id")
    return list(
        exchange.countries.filter(network_id__in=networks).values_list("country_id", flat=True)
    )


def is_panel_member(*, user: Viewer, exchange: Exchange) -> bool:
    return bool(user.is_authenticated and exchange.panel.filter(user=user).exists())


def get_application_for_network(*, user: Viewer, pk: int) -> ExchangeApplication:
    """An application, for the organisers of its country's nominating network only."""
    application = get_object_or_404(
        ExchangeApplication.objects.select_related("exchange", "person"), pk=pk
    )
    if application.country_id not in nominating_countries(user=user, exchange=application.exchange):
        raise Http404
    return application


def get_application_for_panel(*, user: Viewer, pk: int) -> ExchangeApplication:
    application = get_object_or_404(
        ExchangeApplication.objects.select_related("exchange", "person"), pk=pk
    )
    return found_if(is_panel_member(user=user, exchange=application.exchange), application)
