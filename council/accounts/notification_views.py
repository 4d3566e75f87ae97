"""The person's notification choices and the one-click unsubscribe link of every mail
(council/accounts/notifications.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from council.accounts.http import AuthenticatedRequest
from council.accounts.models import NotificationChannel, NotificationKind
from council.accounts.notifications import (
    notifications_set,
    notifications_unsubscribe,
    read_unsubscribe_token,
    turned_off,
)


@login_required
def notifications(request: AuthenticatedRequest) -> HttpResponse:
    """A grid of kinds × channels, each checked while on."""
    if request.method == "POST":
        on = set(request.POST.getlist("on"))
        off = {
            (kind, channel)
            for kind in NotificationKind.values
            for channel in NotificationChannel.values
            if f"{kind}/{channel}" not in on
        }
        notifications_set(user=request.user, off=off)
        messages.success(request, _("Your notification choices have been saved."))
        return redirect("accounts:notifications")
    off = turned_off(user=request.user)
    rows = [
        {
            "label": label,
            "cells": [
                {
                    "value": f"{kind}/{channel}",
                    "label": channel_label,
                    "on": (kind, channel) not in off,
                }
                for channel, channel_label in NotificationChannel.choices
            ],
        }
        for kind, label in NotificationKind.choices
    ]
    context = {"rows": rows, "channels": NotificationChannel.choices}
    return render(request, "accounts/notifications.html", context)


@csrf_exempt  # RFC 8058: mail clients post the one-click request without a session
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link turns off, with a button (link checkers only GET); POST, from
    the button or a mail client's one-click request, turns it off."""
    found = read_unsubscribe_token(token)
    if found is None:
        raise Http404
    user, kind = found
    done = False
    if request.method == "POST":
        notifications_unsubscribe(user=user, kind=kind)
        done = True
    context = {"kind": NotificationKind(kind).label, "done": done, "token": token}
    return render(request, "accounts/unsubscribe.html", context)
