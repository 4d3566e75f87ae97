"""Two-factor secrets encrypted at rest.

allauth keeps each TOTP secret and each recovery-code seed in `mfa_authenticator.data` and
passes them through its adapter's `encrypt`/`decrypt` hooks. Here they are Fernet tokens
(AES-128-CBC with HMAC-SHA256) under the keys of settings.MFA_ENCRYPTION_KEYS, newest first:
the newest encrypts, any of them decrypts, so a key can be rotated in
(`manage.py rotate_mfa_keys`) before an old one is dropped.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

# Every Fernet token is base64 of version byte 0x80 and a timestamp; TOTP secrets (base32)
# and recovery seeds (hex) never start so.
FERNET_PREFIX = "gAAAAA"
# The fields of an authenticator's data that hold secrets.
SECRET_FIELDS = ("secret", "seed")
SECRET_LISTS = ("migrated_codes",)


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def keyring() -> MultiFernet:
    return _fernet(tuple(settings.MFA_ENCRYPTION_KEYS))


def secret_encrypt(text: str) -> str:
    return keyring().encrypt(text.encode()).decode()


def secret_decrypt(token: str) -> str:
    """Raises cryptography.fernet.InvalidToken when no key of the ring opens it."""
    return keyring().decrypt(token.encode()).decode()


def secret_reencrypt(value: str) -> str:
    """`value` under the newest key: a token is re-encrypted (a token under a key no longer
    in the ring raises InvalidToken), a secret still in clear is encrypted."""
    if value.startswith(FERNET_PREFIX):
        return keyring().rotate(value.encode()).decode()
    return secret_encrypt(value)


def authenticator_data_reencrypt(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of an authenticator's data with every secret under the newest key."""
    data = dict(data)
    for field in SECRET_FIELDS:
        if isinstance(data.get(field), str):
            data[field] = secret_reencrypt(data[field])
    for field in SECRET_LISTS:
        if isinstance(data.get(field), list):
            data[field] = [secret_reencrypt(value) for value in data[field]]
    return data


class MfaAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return secret_encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return secret_decrypt(encrypted_text)
