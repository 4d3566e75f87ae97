"""Write the development secrets once into the data folder (`make run`'s setup step).

The settings only read them (council/settings/): `data/secret_key` keeps sessions valid
across restarts, `data/mfa_encryption_key` keeps two-factor secrets readable. Files that exist
are left as they are, and `data/vapid_private_key` signs web push (council/push).
Production takes them from the environment (SECRET_KEY, MFA_ENCRYPTION_KEYS,
VAPID_PRIVATE_KEY), so under COUNCIL_ENV=production this writes nothing.

    python scripts/dev_secrets.py [DATA_DIR]    # default: $COUNCIL_DATA_DIR or ./data
    python scripts/dev_secrets.py --vapid       # print a new VAPID key pair for production
"""

from __future__ import annotations

import base64
import os
import secrets
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRETS: dict[str, Callable[[], str]] = {
    "secret_key": lambda: secrets.token_urlsafe(50),
    # A Fernet key: 32 random bytes, url-safe base64.
    "mfa_encryption_key": lambda: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    "vapid_private_key": lambda: vapid_private_key(),
}


def vapid_private_key() -> str:
    """A new P-256 private key as its 32 raw bytes in url-safe base64 without padding (the
    form web-push tools print; the settings derive the public key from it)."""
    from cryptography.hazmat.primitives.asymmetric import ec

    number = ec.generate_private_key(ec.SECP256R1()).private_numbers().private_value
    return base64.urlsafe_b64encode(number.to_bytes(32, "big")).rstrip(b"=").decode()


def write_secrets(data_dir: Path) -> list[Path]:
    """Create data_dir and each missing secret file (mode 0600); return the files written."""
    data_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in SECRETS.items():
        path = data_dir / name
        if path.exists():
            continue
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(make())
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    if argv[1:] == ["--vapid"]:
        sys.path.insert(0, str(ROOT))
        from council.settings.push import vapid_public_key_of

        private = vapid_private_key()
        print(f"VAPID_PRIVATE_KEY={private}\nVAPID_PUBLIC_KEY={vapid_public_key_of(private)}")
        return 0
    if os.environ.get("COUNCIL_ENV") == "production":
        print("dev_secrets: COUNCIL_ENV=production takes its secrets from the environment.")
        return 0
    default = os.environ.get("COUNCIL_DATA_DIR") or ROOT / "data"
    data_dir = Path(argv[1]) if len(argv) > 1 else Path(default)
    for path in write_secrets(data_dir):
        print(f"dev_secrets: wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
