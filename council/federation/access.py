"""Who may see and run the node's federation: its secretariat (`User.is_secretariat`). Everyone
else gets a 404, as for the other pages of the platform's operation."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from council.accounts.http import Viewer
from council.cooperation.access import is_secretariat
from council.federation.models import Peer
from council.lib.found import found_if


def require_node_secretariat(*, user: Viewer) -> None:
    found_if(is_secretariat(user=user), None)


def get_peer_for_secretariat(*, user: Viewer, pk: int) -> Peer:
    require_node_secretariat(user=user)
    peer: Peer = get_object_or_404(Peer.objects.select_related("country"), pk=pk)
    return peer
