"""Who may see and keep an exchange: a call once open is public, a call being prepared is the
secretariat's; the national networks see their country's applications, the panel scores the
nominated ones."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from council.cooperation.access import is_secretariat
from council.exchanges.models import Exchange, ExchangeApplication, ExchangeStatus
from council.orgs.models import Membership, MembershipRole


def get_exchange_for_viewer(*, user: Any, pk: int) -> Exchange:
    """A call once open is public; a call being prepared is the secretariat's."""
    exchange = Exchange.objects.select_related("council").filter(pk=pk).first()
    if exchange is None:
        raise Http404
    if exchange.status == ExchangeStatus.DRAFT and not is_secretariat(user=user):
        raise Http404
    return exchange


def get_exchange_for_keeper(*, user: Any, pk: int) -> Exchange:
    exchange = get_exchange_for_viewer(user=user, pk=pk)
    if not is_secretariat(user=user):
        raise Http404
    return exchange


def nominating_countries(*, user: Any, exchange: Exchange) -> list[str]:
    """The countries whose nominating organisation this person organises."""
    if not user.is_authenticated:
        return []
    networks = Membership.objects.filter(
        user=user, role__in=(MembershipRole.ADMIN, MembershipRole.COORDINATOR)
    ).values("organisation_id")
    return list(
        exchange.countries.filter(network_id__in=networks).values_list("country_id", flat=True)
    )


def is_panel_member(*, user: Any, exchange: Exchange) -> bool:
    return bool(user.is_authenticated and exchange.panel.filter(user=user).exists())


def get_application_for_network(*, user: Any, pk: int) -> ExchangeApplication:
    """An application, for the organisers of its country's nominating network only."""
    application = (
        ExchangeApplication.objects.select_related("exchange", "person").filter(pk=pk).first()
    )
    if application is None or application.country_id not in nominating_countries(
        user=user, exchange=application.exchange
    ):
        raise Http404
    return application


def get_application_for_panel(*, user: Any, pk: int) -> ExchangeApplication:
    application = (
        ExchangeApplication.objects.select_related("exchange", "person").filter(pk=pk).first()
    )
    if application is None or not is_panel_member(user=user, exchange=application.exchange):
        raise Http404
    return application
