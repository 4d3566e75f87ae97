"""Exchanges with joint selection: the call and applying, the secretariat's preparation and
selection, the national networks' nominations, the panel's scoring and the ranking."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.accounts.selectors import person_by_email
from council.cooperation import access
from council.cooperation.forms import (
    ApplyForm,
    CriterionForm,
    ExchangeCountryForm,
    ExchangeForm,
    PanelMemberForm,
    ScoreForm,
)
from council.cooperation.models import (
    ApplicationStatus,
    Exchange,
    ExchangeApplication,
    ExchangeStatus,
    Score,
)
from council.cooperation.services import exchanges as services
from council.lib.forms import add_service_errors, flash_errors, valid_data


def exchange_list(request: HttpRequest) -> HttpResponse:
    exchanges = (
        Exchange.objects.exclude(status=ExchangeStatus.DRAFT)
        .select_related("council")
        .prefetch_related("countries__country")
        .order_by("-starts_on", "pk")
    )
    return render(request, "cooperation/exchange_list.html", {"exchanges": exchanges})


def exchange_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exchange = access.get_exchange_for_viewer(user=request.user, pk=pk)
    mine = (
        exchange.applications.filter(person=request.user).first()
        if request.user.is_authenticated
        else None
    )
    context = {
        "exchange": exchange,
        "countries": exchange.countries.select_related("country", "network"),
        "criteria": exchange.criteria.all(),
        "mine": mine,
        "apply_form": ApplyForm() if exchange.status == ExchangeStatus.OPEN and not mine else None,
        "keeper": access.is_secretariat(user=request.user),
        "panel": access.is_panel_member(user=request.user, exchange=exchange),
        "nominating": access.nominating_countries(user=request.user, exchange=exchange),
    }
    return render(request, "cooperation/exchange.html", context)


@login_required
@require_POST
def apply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    exchange = access.get_exchange_for_viewer(user=request.user, pk=pk)
    try:
        data = valid_data(ApplyForm(request.POST))
        services.application_submit(person=request.user, exchange=exchange, **data)
        messages.success(request, _("Your application is sent to your national network."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("cooperation:exchange", pk=exchange.pk)


@login_required
def exchange_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    council = access.get_council_for_keeper(user=request.user, pk=pk)
    form = ExchangeForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            exchange = services.exchange_create(
                actor=request.user, council=council, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The call is prepared: add its countries, criteria and panel.")
            )
            return redirect("cooperation:exchange_manage", pk=exchange.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "council": council}
    return render(
        request,
        "cooperation/form_page.html",
        {**context, "heading": _("New call for an exchange"), "draft": True},
        status=status,
    )


@login_required
def exchange_manage(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    exchange = access.get_exchange_for_keeper(user=request.user, pk=pk)
    context = {
        "exchange": exchange,
        "countries": exchange.countries.select_related("country", "network"),
        "criteria": exchange.criteria.all(),
        "panel": exchange.panel.select_related("user", "country"),
        "applications": exchange.applications.count(),
        "country_form": ExchangeCountryForm(),
        "criterion_form": CriterionForm(),
        "panel_form": PanelMemberForm(),
    }
    return render(request, "cooperation/exchange_manage.html", context)


@login_required
@require_POST
def exchange_step(request: AuthenticatedRequest, pk: int, step: str) -> HttpResponse:
    """The secretariat's writes on a call, one service each."""
    exchange = access.get_exchange_for_keeper(user=request.user, pk=pk)
    actor = request.user
    try:
        if step == "country":
            services.country_add(
                actor=actor, exchange=exchange, **valid_data(ExchangeCountryForm(request.POST))
            )
        elif step == "criterion":
            data = valid_data(CriterionForm(request.POST))
            max_score = data.pop("max_score")
            names = {key.removeprefix("name_"): value for key, value in data.items()}
            services.criterion_add(actor=actor, exchange=exchange, names=names, max_score=max_score)
        elif step == "panel":
            person = person_by_email(valid_data(PanelMemberForm(request.POST))["email"])
            services.panel_member_add(actor=actor, exchange=exchange, person=person)
        elif step == "open":
            services.exchange_open(actor=actor, exchange=exchange)
        elif step == "close":
            services.applications_close(actor=actor, exchange=exchange)
        elif step == "select":
            services.exchange_select(actor=actor, exchange=exchange)
            messages.success(request, _("The selection is made; every applicant is told."))
            return redirect("cooperation:exchange_ranking", pk=exchange.pk)
        else:
            raise Http404
        messages.success(request, _("Saved."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("cooperation:exchange_manage", pk=exchange.pk)


@login_required
def nominations(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The applications of the countries whose network this person organises."""
    exchange = access.get_exchange_for_viewer(user=request.user, pk=pk)
    countries = access.nominating_countries(user=request.user, exchange=exchange)
    if not countries:
        raise Http404
    applications = (
        exchange.applications.filter(country_id__in=countries)
        .select_related("person")
        .order_by("created_at", "pk")
    )
    context = {"exchange": exchange, "applications": applications}
    return render(request, "cooperation/exchange_nominations.html", context)


@login_required
@require_POST
def nominate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = access.get_application_for_network(user=request.user, pk=pk)
    try:
        services.application_nominate(
            actor=request.user,
            application=application,
            nominate=request.POST.get("decision") == "nominate",
        )
        messages.success(request, _("Saved."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("cooperation:exchange_nominations", pk=application.exchange_id)


@login_required
def panel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    exchange = access.get_exchange_for_viewer(user=request.user, pk=pk)
    if not access.is_panel_member(user=request.user, exchange=exchange):
        raise Http404
    criteria = list(exchange.criteria.all())
    mine = {
        (score.application_id, score.criterion_id): score.value
        for score in Score.objects.filter(
            application__exchange=exchange, panel_member__user=request.user
        )
    }
    rows = []
    for application in (
        exchange.applications.filter(status=ApplicationStatus.NOMINATED)
        .select_related("person", "country")
        .order_by("country_id", "created_at", "pk")
    ):
        initial = {
            f"criterion_{criterion.pk}": mine.get((application.pk, criterion.pk))
            for criterion in criteria
        }
        scored = all(value is not None for value in initial.values())
        rows.append(
            (
                application,
                ScoreForm(initial=initial, criteria=criteria, prefix=f"a{application.pk}"),
                scored,
            )
        )
    context = {
        "exchange": exchange,
        "rows": rows,
        "scoring": exchange.status == ExchangeStatus.SCORING,
    }
    return render(request, "cooperation/exchange_panel.html", context)


@login_required
@require_POST
def score(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application: ExchangeApplication = access.get_application_for_panel(user=request.user, pk=pk)
    criteria = list(application.exchange.criteria.all())
    form = ScoreForm(request.POST, criteria=criteria, prefix=f"a{application.pk}")
    try:
        valid_data(form)
        services.scores_set(actor=request.user, application=application, values=form.values())
        messages.success(request, _("Your scores are saved."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("cooperation:exchange_panel", pk=application.exchange_id)


@login_required
def ranking(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The ranking per country, for the secretariat and the panel."""
    exchange = access.get_exchange_for_viewer(user=request.user, pk=pk)
    keeper = access.is_secretariat(user=request.user)
    if not keeper and not access.is_panel_member(user=request.user, exchange=exchange):
        raise Http404
    ranked = services.ranking(exchange=exchange)
    countries = exchange.countries.select_related("country")
    context = {
        "exchange": exchange,
        "keeper": keeper,
        "tables": [(row, ranked.get(row.country_id, [])) for row in countries],
        "share": int(services.DISAGREEMENT_SHARE * 100),
    }
    return render(request, "cooperation/exchange_ranking.html", context)
