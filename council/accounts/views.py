from __future__ import annotations

import json
from typing import cast

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.accounts.consents import CONSENT_TEXTS
from council.accounts.forms import EraseForm, GuardianConsentForm, ProfileForm
from council.accounts.http import AuthenticatedRequest
from council.accounts.models import ConsentPurpose
from council.accounts.registry import data_sections
from council.accounts.selectors import consents_history, consents_live, user_as_stored
from council.accounts.services import (
    ProfileFields,
    consent_give,
    consent_withdraw,
    user_erase,
    user_export_data,
    user_update_profile,
)
from council.lib.client_ip import client_ip
from council.lib.downloads import attachment
from council.lib.forms import flash_errors


@login_required
def profile(request: AuthenticatedRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        # The ModelForm has already set the attributes; the service audits and saves them.
        user_update_profile(
            user=user_as_stored(user=request.user),
            actor=request.user,
            **cast(ProfileFields, {name: form.cleaned_data[name] for name in form.Meta.fields}),
        )
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    status = 400 if form.errors else 200
    return render(request, "accounts/profile.html", {"form": form}, status=status)


@login_required
def consents(request: AuthenticatedRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_consents(request, GuardianConsentForm())
    purpose = request.POST.get("purpose", "")
    if purpose not in ConsentPurpose.values:
        messages.error(request, _("Unknown consent purpose."))
        return _render_consents(request, GuardianConsentForm())
    if request.POST.get("action") == "withdraw":
        consent_withdraw(user=request.user, purpose=purpose)
        messages.success(request, _("Your consent has been withdrawn."))
        return redirect("accounts:consents")
    guardian = purpose == ConsentPurpose.GUARDIAN
    guardian_form = GuardianConsentForm(request.POST if guardian else None)
    if guardian and not guardian_form.is_valid():
        return _render_consents(request, guardian_form, status=400)
    try:
        consent_give(
            user=request.user,
            purpose=purpose,
            ip_address=client_ip(request),
            guardian_name=guardian_form.cleaned_data["guardian_name"] if guardian else "",
        )
    except ValidationError as error:
        flash_errors(request, error)
        return _render_consents(request, guardian_form)
    messages.success(request, _("Your consent has been recorded."))
    return redirect("accounts:consents")


def _render_consents(
    request: AuthenticatedRequest, guardian_form: GuardianConsentForm, status: int = 200
) -> HttpResponse:
    live = consents_live(user=request.user)
    rows = [
        {
            "purpose": purpose,
            "label": ConsentPurpose(purpose).label,
            "version": version,
            "text": text,
            "live": live.get(purpose),
        }
        for purpose, (version, text) in CONSENT_TEXTS.items()
    ]
    history = consents_history(user=request.user)
    context = {"rows": rows, "history": history, "guardian_form": guardian_form}
    return render(request, "accounts/consents.html", context, status=status)


@login_required
def my_data(request: AuthenticatedRequest) -> HttpResponse:
    return _render_my_data(request, EraseForm(user=request.user))


def _render_my_data(
    request: AuthenticatedRequest, form: EraseForm, status: int = 200
) -> HttpResponse:
    context = {"erase_form": form, "sections": data_sections(request.user)}
    return render(request, "accounts/my_data.html", context, status=status)


@login_required
def my_data_export(request: AuthenticatedRequest) -> HttpResponse:
    data = user_export_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    return attachment(response, "my-data.json")


@login_required
@require_POST
def my_data_erase(request: AuthenticatedRequest) -> HttpResponse:
    form = EraseForm(request.POST, user=request.user)
    if not form.is_valid():
        return _render_my_data(request, form, status=400)
    user_erase(user=request.user)
    logout(request)
    messages.success(request, _("Your account has been deleted and your personal data erased."))
    return redirect("home")
