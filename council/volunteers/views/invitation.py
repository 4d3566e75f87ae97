"""The page an invited contact reaches from the mailed link: who holds what about them and
the consent text; they set a password and consent (an account, signed in), or accept into
the account they have, or have the organisation delete their data. A link that no longer
works says why."""

from __future__ import annotations

from typing import Any

from allauth.account import app_settings as allauth_settings
from allauth.account.utils import complete_signup
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from council.accounts.models import User
from council.lib.client_ip import client_ip
from council.lib.views import saved
from council.volunteers.forms import (
    ContactAcceptForm,
    ContactAcceptSignedInForm,
    ContactSelfEraseForm,
)
from council.volunteers.models import ADULT_AGE, Contact, ErasureReason, age_on
from council.volunteers.selectors import contact_account_exists, contact_by_token, contact_held_data
from council.volunteers.services import contacts as services

CLOSED = "volunteers/invitation/closed.html"


def _state(contact: Contact) -> str:
    if contact.erased_at is not None:
        return "erased"
    if contact.accepted_at is not None:
        return "accepted"
    if not contact.invitation_is_open:
        return "expired"
    return "open"


def _closed(request: HttpRequest, token: str, contact: Contact | None, state: str) -> HttpResponse:
    """Why the link no longer works: 404 for a link that never did, 410 for one that did."""
    context = {
        "contact": contact,
        "state": state,
        "token": token,
        "login_url": reverse("account_login"),
    }
    return render(request, CLOSED, context, status=404 if contact is None else 410)


def _mode(request: HttpRequest, contact: Contact) -> str:
    """`new`: no account has the invitation's address; `link`: the person is signed in to
    the one that has; `sign_in`: one has and nobody is signed in; `other`: signed in to
    another account."""
    user = request.user
    if user.is_authenticated:
        return "link" if user.email.lower() == contact.email.lower() else "other"
    return "sign_in" if contact_account_exists(contact=contact) else "new"


def _welcome(request: HttpRequest, contact: Contact) -> str:
    """Where the person goes once in: a minor to their profile, where a parent or guardian
    gives consent (as after any sign-up); anyone else to the organisation's page."""
    birth = contact.date_of_birth
    if birth is not None and age_on(birth, timezone.localdate()) < ADULT_AGE:
        messages.info(
            request,
            _("A parent or guardian must give their consent in your profile before you apply."),
        )
        return reverse("volunteers:profile")
    return reverse("orgs:detail", args=[contact.organisation_id])


@never_cache
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    contact = contact_by_token(token=token)
    if contact is None:
        return _closed(request, token, None, "unknown")
    state = _state(contact)
    if state != "open":
        return _closed(request, token, contact, state)
    mode = _mode(request, contact)
    data = request.POST if request.method == "POST" else None
    form: Any = None
    if mode == "new":
        form = ContactAcceptForm(data)
        person = saved(
            form,
            lambda: services.contact_accept(
                contact=contact,
                password=form.cleaned_data["password"],
                ip=client_ip(request),
                consent=form.cleaned_data["consent"],
            ),
        )
        if person is not None:
            messages.success(request, _("Welcome! Your account is ready."))
            return complete_signup(
                request,
                person,
                allauth_settings.EMAIL_VERIFICATION,
                _welcome(request, contact),
            )
    elif mode == "link":
        form = ContactAcceptSignedInForm(data)
        user = request.user
        assert isinstance(user, User)
        linked = saved(
            form,
            lambda: services.contact_accept(
                contact=contact,
                password="",
                ip=client_ip(request),
                consent=form.cleaned_data["consent"],
                user=user,
            ),
        )
        if linked is not None:
            messages.success(request, _("Welcome! You are now a member of this organisation."))
            return redirect(_welcome(request, contact))
    context = {
        "contact": contact,
        "organisation": contact.organisation,
        "held": contact_held_data(contact),
        "mode": mode,
        "form": form,
        "token": token,
        "login_url": f"{reverse('account_login')}?{urlencode({'next': request.path})}",
    }
    failed = data is not None
    return render(
        request, "volunteers/invitation/accept.html", context, status=400 if failed else 200
    )


@never_cache
def invitation_erase(request: HttpRequest, token: str) -> HttpResponse:
    """ "I do not want this: delete my data" — open while the contact is neither erased nor
    accepted, even after the invitation expired (the right to erasure does not)."""
    contact = contact_by_token(token=token)
    if contact is None:
        return _closed(request, token, None, "unknown")
    state = _state(contact)
    if state in ("erased", "accepted"):
        return _closed(request, token, contact, state)
    form = ContactSelfEraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.contact_erase(contact=contact, actor=None, reason=ErasureReason.PERSON)
        return render(request, CLOSED, {"contact": contact, "state": "erased_now"})
    context = {"contact": contact, "organisation": contact.organisation, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "volunteers/invitation/erase.html", context, status=status)
