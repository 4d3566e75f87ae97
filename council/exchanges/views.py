"""Exchanges with joint selection: the call and applying, the secretariat's preparation and
selection, the national networks' nominations, the panel's scoring and the ranking."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.accounts.models import User
from council.accounts.selectors import person_by_email
from council.cooperation.access import is_secretariat, keeps
from council.cooperation.views.under_council import council_create_page
from council.exchanges import access, selectors, services
from council.exchanges.forms import (
    ApplyForm,
    CriterionForm,
    ExchangeCountryForm,
    ExchangeForm,
    PanelMemberForm,
    ScoreForm,
)
from council.exchanges.models import Exchange, ExchangeApplication, ExchangeStatus
from council.lib.mirrors import remote_action_url, remote_request_state
from council.lib.views import (
    action_view,
    actions,
    list_page,
    object_page,
    page,
    post_action,
    posted,
)

exchange_list = list_page(
    "exchanges/exchange_list.html", "exchanges", selectors.open_exchanges_with_countries
)


def exchange_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exchange = access.get_exchange_for_viewer(user=request.user, pk=pk)
    mine = selectors.own_application(exchange=exchange, user=request.user)
    is_open = exchange.status == ExchangeStatus.OPEN
    context = {
        "exchange": exchange,
        "countries": selectors.exchange_countries(exchange=exchange),
        "criteria": exchange.criteria.all(),
        "mine": mine,
        "apply_form": ApplyForm() if is_open and not exchange.is_mirrored and not mine else None,
        # Another node's call: applications go through the federation's page, when there is one.
        "remote_apply_url": remote_action_url("federation:remote_exchange_apply", exchange.pk)
        if is_open and exchange.is_mirrored and not mine
        else None,
        # What the person already sent from here to the node that runs it.
        "sent_abroad": remote_request_state(request.user, exchange),
        "keeper": keeps(user=request.user, row=exchange),
        "panel": access.is_panel_member(user=request.user, exchange=exchange),
        "nominating": access.nominating_countries(user=request.user, exchange=exchange),
    }
    return render(request, "exchanges/exchange.html", context)


exchange_create = council_create_page(
    ExchangeForm,
    services.exchange_create,
    success=_("The call is prepared: add its countries, criteria and panel."),
    redirect_to=page("exchanges:exchange_manage"),
    heading=_("New call for an exchange"),
    draft=True,
)


def _manage(_request: HttpRequest, exchange: Exchange) -> dict[str, Any]:
    """The call's countries, criteria, panel and applications, and the forms that add them."""
    return {
        "countries": selectors.exchange_countries(exchange=exchange),
        "criteria": exchange.criteria.all(),
        "panel": selectors.exchange_panel(exchange=exchange),
        "applications": selectors.application_count(exchange=exchange),
        "country_form": ExchangeCountryForm(),
        "criterion_form": CriterionForm(),
        "panel_form": PanelMemberForm(),
    }


exchange_manage = object_page(
    access.get_exchange_for_keeper, "exchange", "exchanges/exchange_manage.html", _manage
)


def _criterion_add(actor: User, exchange: Exchange, data: dict[str, Any]) -> Any:
    max_score = data.pop("max_score")
    names = {key.removeprefix("name_"): value for key, value in data.items()}
    return services.criterion_add(actor=actor, exchange=exchange, names=names, max_score=max_score)


def _panel_member_add(actor: User, exchange: Exchange, data: dict[str, Any]) -> Any:
    person = person_by_email(data["email"])
    return services.panel_member_add(actor=actor, exchange=exchange, person=person)


# The secretariat's steps on a call: the form it sends (if any) and the service it runs.
STEPS: dict[str, tuple[type | None, Callable[[User, Exchange, dict[str, Any]], Any]]] = {
    "country": (
        ExchangeCountryForm,
        lambda actor, exchange, data: services.country_add(actor=actor, exchange=exchange, **data),
    ),
    "criterion": (CriterionForm, _criterion_add),
    "panel": (PanelMemberForm, _panel_member_add),
    "open": (
        None,
        lambda actor, exchange, _data: services.exchange_open(actor=actor, exchange=exchange),
    ),
    "close": (
        None,
        lambda actor, exchange, _data: services.applications_close(actor=actor, exchange=exchange),
    ),
    "select": (
        None,
        lambda actor, exchange, _data: services.exchange_select(actor=actor, exchange=exchange),
    ),
}


@login_required
@require_POST
def exchange_step(request: AuthenticatedRequest, pk: int, step: str) -> HttpResponse:
    """The secretariat's writes on a call, one service each."""
    exchange = access.get_exchange_for_keeper(user=request.user, pk=pk)
    if step not in STEPS:
        raise Http404
    form_class, run = STEPS[step]
    manage = reverse("exchanges:exchange_manage", args=[exchange.pk])
    selected = step == "select"
    return post_action(
        request,
        lambda data=None: run(request.user, exchange, data or {}),
        success=_("The selection is made; every applicant is told.") if selected else _("Saved."),
        redirect_to=reverse("exchanges:exchange_ranking", args=[exchange.pk])
        if selected
        else manage,
        failure_to=manage,
        form=form_class(request.POST) if form_class else None,
    )


@login_required
def nominations(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The applications of the countries whose network this person organises."""
    exchange = access.get_exchange_for_viewer(user=request.user, pk=pk)
    countries = access.nominating_countries(user=request.user, exchange=exchange)
    if not countries:
        raise Http404
    applications = selectors.applications_of_countries(exchange=exchange, countries=countries)
    context = {"exchange": exchange, "applications": applications}
    return render(request, "exchanges/exchange_nominations.html", context)


@login_required
def panel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    exchange = access.get_exchange_for_viewer(user=request.user, pk=pk)
    if not access.is_panel_member(user=request.user, exchange=exchange):
        raise Http404
    criteria = list(exchange.criteria.all())
    rows = [
        (
            row.application,
            ScoreForm(initial=row.initial, criteria=criteria, prefix=f"a{row.application.pk}"),
            row.scored,
        )
        for row in selectors.panel_sheet(exchange=exchange, user=request.user, criteria=criteria)
    ]
    context = {
        "exchange": exchange,
        "rows": rows,
        "scoring": exchange.status == ExchangeStatus.SCORING,
    }
    return render(request, "exchanges/exchange_panel.html", context)


@login_required
def ranking(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The ranking per country, for the secretariat and the panel."""
    exchange = access.get_exchange_for_viewer(user=request.user, pk=pk)
    keeper = is_secretariat(user=request.user)
    if not keeper and not access.is_panel_member(user=request.user, exchange=exchange):
        raise Http404
    ranked = selectors.ranking(exchange=exchange)
    countries = selectors.exchange_countries(exchange=exchange, with_network=False)
    context = {
        "exchange": exchange,
        "keeper": keeper,
        "tables": [(row, ranked.get(row.country_id, [])) for row in countries],
        "share": int(selectors.DISAGREEMENT_SHARE * 100),
    }
    return render(request, "exchanges/exchange_ranking.html", context)


def _score_form(data: Any, application: ExchangeApplication) -> ScoreForm:
    criteria = list(application.exchange.criteria.all())
    return ScoreForm(data, criteria=criteria, prefix=f"a{application.pk}")


def _scores_set(*, actor: User, application: ExchangeApplication, **cleaned: Any) -> Any:
    return services.scores_set(
        actor=actor, application=application, values=ScoreForm.scores(cleaned)
    )


apply = action_view(
    access.get_exchange_for_viewer,
    services.application_submit,
    "exchange",
    actor="person",
    form=ApplyForm,
    success=_("Your application is sent to your national network."),
    redirect_to=page("exchanges:exchange"),
)
# The national network's and the panel's steps on an application, back to their page.
_on_application = actions(
    access.get_application_for_panel,
    "application",
    redirect_to=page("exchanges:exchange_panel", "exchange_id"),
)
nominate = action_view(
    access.get_application_for_network,
    services.application_nominate,
    "application",
    data=posted("decision", "nominate", equals="nominate"),
    success=_("Saved."),
    redirect_to=page("exchanges:exchange_nominations", "exchange_id"),
)
score = _on_application(
    _scores_set, _("Your scores are saved."), form=_score_form, form_takes_target=True
)
