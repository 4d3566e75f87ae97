"""The node secretariat's pages of the federation: this node and its peers, adding a peer,
a peer with its calls and outbox, and the log of calls (council/federation/access.py decides
who)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from council.accounts.http import AuthenticatedRequest
from council.federation import access, keys, selectors
from council.federation.forms import CallFilterForm, PeerAddressForm
from council.federation.services import outbox, peering
from council.lib.timezones import reader_zone
from council.lib.views import action_view, page, saved

PAGE_SIZE = 50


def _node() -> dict[str, object]:
    if not keys.is_node():
        return {"is_node": False}
    return {
        "is_node": True,
        "node_id": settings.NODE_ID,
        "country": settings.NODE_COUNTRY,
        "url": settings.NODE_URL,
        "fingerprint": keys.node_fingerprint(),
        "key_id": keys.current_key_id(),
    }


@login_required
@require_GET
def overview(request: AuthenticatedRequest) -> HttpResponse:
    access.require_node_secretariat(user=request.user)
    peers = selectors.peers_overview()
    for peer in peers:
        peer.fingerprint = selectors.peer_fingerprint(peer)  # type: ignore[attr-defined]
    context = {"node": _node(), "peers": peers, "zone": reader_zone(request.user)}
    return render(request, "federation/overview.html", context)


@login_required
def peer_add(request: AuthenticatedRequest) -> HttpResponse:
    """Step 1: the address → the node's name, country and key fingerprint. Step 2: confirm
    (the fingerprint shown travels back) → the peer is added and asked."""
    access.require_node_secretariat(user=request.user)
    form = PeerAddressForm(request.POST if request.method == "POST" else None)
    preview = None
    if request.method == "POST" and form.is_valid():
        url, fingerprint = form.cleaned_data["url"], form.cleaned_data["fingerprint"]
        if fingerprint:
            added = saved(
                form,
                lambda: peering.peer_add(actor=request.user, url=url, fingerprint=fingerprint),
            )
            if added is not None:
                messages.success(
                    request,
                    _("The node %(node)s has been asked to accept the peering.")
                    % {"node": added.node_id},
                )
                return redirect("federation:peer", added.pk)
        else:
            preview = saved(form, lambda: peering.peer_preview(url=url))
            if preview is not None:
                form = PeerAddressForm(initial={"url": url, "fingerprint": preview["fingerprint"]})
    context = {"node": _node(), "form": form, "preview": preview}
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "federation/peer_add.html", context, status=status)


@login_required
@require_GET
def peer_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    peer = access.get_peer_for_secretariat(user=request.user, pk=pk)
    calls = selectors.recent_calls(peer)
    context = {
        "node": _node(),
        "peer": peer,
        "peer_fingerprint": selectors.peer_fingerprint(peer),
        "calls": calls,
        "counts": outbox.outbox_counts(peer),
        "zone": reader_zone(request.user),
    }
    return render(request, "federation/peer.html", context)


@login_required
@require_GET
def calls(request: AuthenticatedRequest) -> HttpResponse:
    access.require_node_secretariat(user=request.user)
    form = CallFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.calls_filtered(filters)
    listing = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"node": _node(), "form": form, "page": listing, "zone": reader_zone(request.user)}
    return render(request, "federation/calls.html", context)


peer_accept = action_view(
    access.get_peer_for_secretariat,
    peering.peer_accept,
    "peer",
    success=_("The peering is accepted; the other node has been told."),
    redirect_to=page("federation:peer"),
)
peer_suspend = action_view(
    access.get_peer_for_secretariat,
    peering.peer_suspend,
    "peer",
    success=_("The peering is suspended; the other node has been told."),
    redirect_to=page("federation:peer"),
)
peer_resume = action_view(
    access.get_peer_for_secretariat,
    peering.peer_resume,
    "peer",
    success=_("The peering is resumed; the other node has been told."),
    redirect_to=page("federation:peer"),
)
peer_send_now = action_view(
    access.get_peer_for_secretariat,
    peering.peer_send_now,
    "peer",
    success=_("The messages waiting for this node are on their way again."),
    redirect_to=page("federation:peer"),
)
