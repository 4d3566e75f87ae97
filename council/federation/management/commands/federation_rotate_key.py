from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from council.federation import keys
from council.lib import signing


class Command(BaseCommand):
    help = (
        "Rotate the node's signing key: the current key is retired (still published, so that "
        "what it signed can be checked, and no longer used) and a new one signs from now on. "
        "Peers read the new key from the well-known document on its first use. With "
        "NODE_SIGNING_KEY set, prints how to rotate it in the environment instead."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.NODE_SIGNING_KEY:
            old = signing.public_key_from_private(settings.NODE_SIGNING_KEY)
            new = signing.generate_private_key()
            retired = ",".join([old, *settings.NODE_RETIRED_PUBLIC_KEYS])
            raise CommandError(
                "NODE_SIGNING_KEY is set, so the key lives in the environment. To rotate it:\n"
                f"  NODE_SIGNING_KEY={new}\n"
                f"  NODE_RETIRED_PUBLIC_KEYS={retired}\n"
                f"and restart the node (new fingerprint: "
                f"{keys.fingerprint(signing.public_key_from_private(new))})."
            )
        before = keys.node_fingerprint()
        created = keys.rotate_key()
        self.stdout.write(f"Retired the key {before}.")
        self.stdout.write(f"The node now signs with {keys.fingerprint(created.public_key)}.")
