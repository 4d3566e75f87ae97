from council.accounts.services import authenticator_secrets_rotate
from council.lib.commands import job_command

Command = job_command(
    "Re-encrypt every two-factor secret (TOTP secrets, recovery-code seeds) under the "
    "newest key of MFA_ENCRYPTION_KEYS, and encrypt any still in clear. Put the new key "
    "first, keep the old ones after it, run this, then drop the old ones. Safe to run twice.",
    authenticator_secrets_rotate,
    "Authenticators re-encrypted: {}.",
)
