"""Two-factor secrets are stored encrypted under MFA_ENCRYPTION_KEYS, and the keys rotate."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from council.accounts.models import User
from council.accounts.tests.test_mfa import current_code, enrol
from council.audit.models import AuditEvent
from council.conftest import PASSWORD

pytestmark = pytest.mark.django_db

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()
CLEAR_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
CLEAR_SEED = "0123456789abcdef" * 5


def sign_in_with_code(user: User, code: str) -> int:
    client = Client()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    return client.post("/accounts/2fa/authenticate/", {"code": code}).status_code


def test_a_totp_secret_and_the_recovery_seed_are_stored_encrypted(
    client: Client, settings: Any, volunteer: User, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MFA_ENCRYPTION_KEYS = [NEW_KEY]
    secret = enrol(client, volunteer, django_capture_on_commit_callbacks)
    totp = Authenticator.objects.get(user=volunteer, type="totp")
    assert totp.data["secret"] != secret
    assert Fernet(NEW_KEY).decrypt(totp.data["secret"].encode()).decode() == secret
    codes = Authenticator.objects.get(user=volunteer, type="recovery_codes")
    seed = Fernet(NEW_KEY).decrypt(codes.data["seed"].encode()).decode()
    assert len(seed) == 80 and seed not in str(codes.data)
    # Without the key the secret is unreadable.
    with pytest.raises(InvalidToken):
        Fernet(OLD_KEY).decrypt(totp.data["secret"].encode())
    assert sign_in_with_code(volunteer, current_code(secret)) == 302


def test_rotating_the_key_keeps_every_second_factor_working(
    client: Client, settings: Any, volunteer: User, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MFA_ENCRYPTION_KEYS = [OLD_KEY]
    secret = enrol(client, volunteer, django_capture_on_commit_callbacks)
    recovery = RecoveryCodes(Authenticator.objects.get(user=volunteer, type="recovery_codes"))
    unused = recovery.get_unused_codes()
    # The new key goes first; the old one still opens what it encrypted.
    settings.MFA_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert sign_in_with_code(volunteer, current_code(secret)) == 302
    call_command("rotate_mfa_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # Each rewrite is on the audit trail, with what was rewritten but never the secret.
    events = AuditEvent.objects.filter(action="authenticator.reencrypted")
    assert sorted(event.data["type"] for event in events) == ["recovery_codes", "totp"]
    assert all(event.actor_id is None and "secret" not in event.data for event in events)
    # Then the old key can go.
    settings.MFA_ENCRYPTION_KEYS = [NEW_KEY]
    for authenticator in Authenticator.objects.filter(user=volunteer):
        for field in ("secret", "seed"):
            if field in authenticator.data:
                Fernet(NEW_KEY).decrypt(authenticator.data[field].encode())
    assert sign_in_with_code(volunteer, unused[0]) == 302
    recovery = RecoveryCodes(Authenticator.objects.get(user=volunteer, type="recovery_codes"))
    assert recovery.get_unused_codes() == unused[1:]


def test_the_migration_encrypts_secrets_stored_in_clear(settings: Any, volunteer: User) -> None:
    settings.MFA_ENCRYPTION_KEYS = [NEW_KEY]
    totp = Authenticator.objects.create(user=volunteer, type="totp", data={"secret": CLEAR_SECRET})
    codes = Authenticator.objects.create(
        user=volunteer,
        type="recovery_codes",
        data={"seed": CLEAR_SEED, "used_mask": 0, "migrated_codes": ["12345678"]},
    )
    migration = importlib.import_module("council.accounts.migrations.0002_encrypt_mfa_secrets")
    migration.encrypt_secrets(apps, None)
    migration.encrypt_secrets(apps, None)  # twice is harmless
    totp.refresh_from_db()
    codes.refresh_from_db()
    assert CLEAR_SECRET not in str(totp.data)
    assert CLEAR_SEED not in str(codes.data) and "12345678" not in str(codes.data)
    assert TOTP(totp).validate_code(current_code(CLEAR_SECRET))
    assert RecoveryCodes(codes).validate_code("12345678")
