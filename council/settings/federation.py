"""The federation of national nodes (council.federation, docs/federation.md)."""

from __future__ import annotations

import os

from council.settings.environment import EXCHANGE_COUNTRY, SITE_URL, envint, envlist

# A deployment is a node when NODE_COUNTRY is set: the ISO 3166-1 alpha-2 code of the country
# whose national network runs it and where its database is. NODE_ID is its stable name among
# the nodes (default: the country code in lower case); NODE_URL the address peers reach it at.
NODE_COUNTRY = os.environ.get("NODE_COUNTRY", EXCHANGE_COUNTRY).strip().upper()
NODE_ID = os.environ.get("NODE_ID", NODE_COUNTRY.lower()).strip().lower()
NODE_URL = os.environ.get("NODE_URL", SITE_URL).rstrip("/")
# The node's Ed25519 signing key (base64 of the 32-byte seed; `manage.py federation_keygen`
# prints one). Without it a node makes one on first use and keeps it in the database.
NODE_SIGNING_KEY = os.environ.get("NODE_SIGNING_KEY", "")
# Public keys this node signed with before a rotation (base64, comma-separated): still
# published, so that peers can check what was signed with them, and never used to sign.
NODE_RETIRED_PUBLIC_KEYS = envlist("NODE_RETIRED_PUBLIC_KEYS", "")

# Hosts ("host" or "host:port") of peer nodes that may be reached over plain http:// or at
# private and loopback addresses (a demo, tests, a private network between nodes); every other
# peer must be https:// at a public address.
FEDERATION_ALLOWED_HOSTS = envlist("FEDERATION_ALLOWED_HOSTS", "")
# A call to a peer waits this long for its answer.
FEDERATION_TIMEOUT_SECONDS = envint("FEDERATION_TIMEOUT_SECONDS", 10)
# A signed call is accepted this long after its `created` time, and no more than this far
# ahead of our clock (skew between the nodes' clocks).
FEDERATION_MAX_AGE_SECONDS = 300
FEDERATION_MAX_SKEW_SECONDS = 60
