from typing import Any

from django.core.management.base import BaseCommand

from council.accounts.services import authenticator_secrets_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every two-factor secret (TOTP secrets, recovery-code seeds) under the "
        "newest key of MFA_ENCRYPTION_KEYS, and encrypt any still in clear. Put the new key "
        "first, keep the old ones after it, run this, then drop the old ones. Safe to run twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Authenticators re-encrypted: {authenticator_secrets_rotate()}.")
