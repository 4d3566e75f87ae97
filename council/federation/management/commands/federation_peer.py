from __future__ import annotations

import importlib
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from council.accounts.models import User
from council.federation.models import Peer


def _peering() -> Any:
    """The peering services, imported when used: the command reports their absence rather
    than failing to load."""
    try:
        return importlib.import_module("council.federation.services.peering")
    except ModuleNotFoundError as error:
        if error.name != "council.federation.services.peering":
            raise
        raise CommandError(
            "The peering services (council/federation/services/peering.py) are not in this "
            "build: peers cannot be added or accepted here yet."
        ) from error


class Command(BaseCommand):
    help = (
        "Peer this node with another, as the node's secretariat would on /federation/peers/: "
        "--url <the other node's address> adds it (and asks it to peer), --accept <node id> "
        "accepts a peering it asked for; the peering is live once both sides have accepted. "
        "--list shows the peers and their status (--json for scripts)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--url", help="Add the node at this address as a peer.")
        action.add_argument("--accept", metavar="NODE_ID", help="Accept this peer's request.")
        action.add_argument("--list", action="store_true", help="The peers and their status.")
        parser.add_argument(
            "--as",
            dest="actor",
            metavar="EMAIL",
            help="Act as this person (default: the node's first secretariat account).",
        )
        parser.add_argument(
            "--fingerprint",
            help=(
                "With --url: the key fingerprint the other node's secretariat read out to you "
                "(without it, the fingerprint read now is printed and trusted)."
            ),
        )
        parser.add_argument("--json", action="store_true", help="With --list: as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            self._list(as_json=options["json"])
            return
        actor = self._actor(options["actor"])
        peering = _peering()
        try:
            if options["url"]:
                fingerprint = options["fingerprint"]
                if not fingerprint:
                    fingerprint = peering.peer_preview(url=options["url"])["fingerprint"]
                    self.stdout.write(f"The node's key fingerprint: {fingerprint}")
                peer = peering.peer_add(actor=actor, url=options["url"], fingerprint=fingerprint)
            else:
                peer = Peer.objects.filter(node_id=options["accept"].strip().lower()).first()
                if peer is None:
                    raise CommandError(
                        f"No peer {options['accept']!r} here: add it, or wait for its request."
                    )
                peer = peering.peer_accept(actor=actor, peer=peer)
        except CommandError:
            raise
        except Exception as error:  # refused, unreachable, invalid: said, not a traceback
            raise CommandError(f"{type(error).__name__}: {error}") from error
        self.stdout.write(f"{peer.node_id} ({peer.url}): {peer.status}")

    def _actor(self, email: str | None) -> User:
        people = User.objects.filter(is_active=True)
        actor = (
            people.filter(email__iexact=email).first()
            if email
            else people.filter(is_secretariat=True).order_by("pk").first()
        )
        if actor is None:
            raise CommandError(
                f"No active account {email!r} here."
                if email
                else "No secretariat account on this node: run federation_seed, or pass --as."
            )
        return actor

    def _list(self, *, as_json: bool) -> None:
        rows = [
            {
                "node_id": peer.node_id,
                "country": peer.country_id,
                "url": peer.url,
                "status": peer.status,
                "last_error": peer.last_error,
            }
            for peer in Peer.objects.order_by("node_id")
        ]
        if as_json:
            self.stdout.write(json.dumps(rows))
            return
        if not rows:
            self.stdout.write("No peers.")
        for row in rows:
            self.stdout.write(f"{row['node_id']:<8} {row['status']:<10} {row['url']}")
