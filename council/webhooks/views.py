"""The organisation administrators' pages of webhooks: endpoints, their delivery log, a
delivery, and the actions on them (council/webhooks/access.py decides who)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.lib.timezones import reader_zone, zone_label
from council.lib.views import action_view, form_data, page, saved
from council.webhooks import access, selectors
from council.webhooks.events import event_label
from council.webhooks.forms import DeliveryFilterForm, EndpointForm, PauseForm
from council.webhooks.models import WebhookEndpoint
from council.webhooks.services import delivery as deliveries
from council.webhooks.services import emit, endpoints

PAGE_SIZE = 50


@login_required
def endpoint_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_webhooks(user=request.user, pk=pk)
    rows = selectors.endpoints_of(organisation=organisation)
    return render(request, "webhooks/list.html", {"organisation": organisation, "rows": rows})


def _secret_page(request: HttpRequest, endpoint: WebhookEndpoint, rotated: bool) -> HttpResponse:
    """The secret, shown this once (it is not kept anywhere else it could be read back)."""
    context = {"endpoint": endpoint, "rotated": rotated}
    response = render(request, "webhooks/secret.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def endpoint_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = access.get_organisation_for_webhooks(user=request.user, pk=pk)
    form = EndpointForm(request.POST or None)
    if request.method == "POST":
        created = saved(
            form,
            lambda: endpoints.webhook_endpoint_create(
                actor=request.user, organisation=organisation, **form.cleaned_data
            ),
        )
        if created is not None:
            return _secret_page(request, created, rotated=False)
    context = {"organisation": organisation, "form": form, "creating": True}
    return render(request, "webhooks/form.html", context, status=400 if form.errors else 200)


@login_required
def endpoint_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    endpoint = access.get_endpoint_for_admin(user=request.user, pk=pk)
    initial = {"url": endpoint.url, "description": endpoint.description, "events": endpoint.events}
    form = EndpointForm(request.POST or None, initial=initial)
    if request.method == "POST":
        done = saved(
            form,
            lambda: endpoints.webhook_endpoint_update(
                actor=request.user, endpoint=endpoint, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("The endpoint has been saved."))
            return redirect("webhooks:endpoint", endpoint.pk)
    context = {"organisation": endpoint.organisation, "endpoint": endpoint, "form": form}
    return render(request, "webhooks/form.html", context, status=400 if form.errors else 200)


@login_required
def endpoint_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    endpoint = access.get_endpoint_for_admin(user=request.user, pk=pk)
    form = DeliveryFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else None
    log = selectors.deliveries_of(endpoint=endpoint, status=status or None)
    zone = reader_zone(request.user)
    context: dict[str, Any] = {
        "endpoint": endpoint,
        "organisation": endpoint.organisation,
        "events": [event_label(event) for event in endpoint.events],
        "form": form,
        "page": Paginator(log, PAGE_SIZE).get_page(request.GET.get("page")),
        "pause_form": PauseForm(),
        "zone": zone,
        "zone_label": zone_label(zone),
    }
    return render(request, "webhooks/endpoint.html", context)


@login_required
@require_POST
def endpoint_rotate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    endpoint = access.get_endpoint_for_admin(user=request.user, pk=pk)
    endpoint = endpoints.webhook_secret_rotate(actor=request.user, endpoint=endpoint)
    return _secret_page(request, endpoint, rotated=True)


@login_required
@require_POST
def endpoint_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    endpoint = access.get_endpoint_for_admin(user=request.user, pk=pk)
    organisation_id = endpoint.organisation_id
    endpoints.webhook_endpoint_delete(actor=request.user, endpoint=endpoint)
    messages.success(request, _("The endpoint has been deleted."))
    return redirect("webhooks:list", organisation_id)


_to_endpoint = page("webhooks:endpoint")
endpoint_pause = action_view(
    access.get_endpoint_for_admin,
    endpoints.webhook_endpoint_pause,
    "endpoint",
    data=form_data(PauseForm),
    success=gettext_lazy("The endpoint is paused."),
    redirect_to=_to_endpoint,
)
endpoint_resume = action_view(
    access.get_endpoint_for_admin,
    endpoints.webhook_endpoint_resume,
    "endpoint",
    success=gettext_lazy("The endpoint is active again."),
    redirect_to=_to_endpoint,
)
endpoint_test = action_view(
    access.get_endpoint_for_admin,
    emit.webhook_test_send,
    "endpoint",
    success=gettext_lazy("A test event is on its way; its delivery is at the top of the log."),
    redirect_to=_to_endpoint,
)


@login_required
def delivery_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    delivery = access.get_delivery_for_admin(user=request.user, pk=pk)
    zone = reader_zone(request.user)
    context = {
        "delivery": delivery,
        "endpoint": delivery.endpoint,
        "organisation": delivery.endpoint.organisation,
        "event": event_label(delivery.event_type),
        "payload": json.dumps(delivery.payload, indent=2, ensure_ascii=False),
        "zone": zone,
        "zone_label": zone_label(zone),
    }
    return render(request, "webhooks/delivery.html", context)


delivery_redeliver = action_view(
    access.get_delivery_for_admin,
    deliveries.webhook_redeliver,
    "delivery",
    success=gettext_lazy("The delivery is sent again."),
    redirect_to=page("webhooks:delivery"),
)
