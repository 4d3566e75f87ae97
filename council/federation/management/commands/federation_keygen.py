from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from council.federation import keys
from council.lib import signing


class Command(BaseCommand):
    help = (
        "Print a new Ed25519 signing key for a node (NODE_SIGNING_KEY), with its public key "
        "and fingerprint. Nothing is stored: put the key in the node's environment."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        private = signing.generate_private_key()
        public = signing.public_key_from_private(private)
        self.stdout.write(f"NODE_SIGNING_KEY={private}")
        self.stdout.write(f"# public key: {public}")
        self.stdout.write(f"# key id: {keys.key_id(public)}")
        self.stdout.write(f"# fingerprint: {keys.fingerprint(public)}")
