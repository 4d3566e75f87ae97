"""Encrypt the two-factor secrets stored in clear before MFA_ENCRYPTION_KEYS
(council/accounts/mfa.py); rows already encrypted are only re-encrypted under the newest key."""

from typing import Any

from django.db import migrations

from council.accounts.mfa import authenticator_data_reencrypt


def encrypt_secrets(apps: Any, schema_editor: Any) -> None:
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.order_by("pk").iterator():
        data = authenticator_data_reencrypt(authenticator.data)
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, migrations.RunPython.noop)]
