"""A device's notifications turned on and off by the page's script (council/app.js): the
browser's PushSubscription posted as a form, answered as JSON (errors name the field)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.http import AuthenticatedRequest
from council.lib.forms import valid_data
from council.push import services
from council.push.forms import EndpointForm, SubscriptionForm


def _errors(error: ValidationError, form: SubscriptionForm | EndpointForm) -> JsonResponse:
    """400 with each message headed by its field's label, under the field's name."""
    errors: dict[str, list[str]] = {}
    for name, messages in error.message_dict.items():
        field = form.fields.get(name)
        label = f"{field.label}: " if field is not None else ""
        errors[name] = [f"{label}{message}" for message in messages]
    return JsonResponse({"ok": False, "errors": errors}, status=400)


@login_required
@require_POST
def subscribe(request: AuthenticatedRequest) -> HttpResponse:
    form = SubscriptionForm(request.POST)
    try:
        services.push_subscription_save(user=request.user, **valid_data(form))
    except ValidationError as error:
        return _errors(error, form)
    message = _("Notifications are on for this device.")
    return JsonResponse({"ok": True, "message": message}, status=201)


@login_required
@require_POST
def unsubscribe(request: AuthenticatedRequest) -> HttpResponse:
    form = EndpointForm(request.POST)
    try:
        endpoint = valid_data(form)["endpoint"]
    except ValidationError as error:
        return _errors(error, form)
    services.push_subscription_delete_endpoint(user=request.user, endpoint=endpoint)
    # Whether this person's row was there or not, the device hears nothing more for them.
    return JsonResponse({"ok": True, "message": _("Notifications are off for this device.")})
