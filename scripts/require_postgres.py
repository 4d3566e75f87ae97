"""Exit non-zero, loudly, when the PostgreSQL that the test suite needs is unreachable."""

from __future__ import annotations

import sys

import psycopg


def main(url: str) -> int:
    if not url.startswith("postgres"):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    # Connect to the maintenance database: the test database is created by the test run.
    base, _, _name = url.rpartition("/")
    try:
        with psycopg.connect(f"{base}/postgres", connect_timeout=5) as conn:
            version = conn.execute("show server_version").fetchone()
    except psycopg.OperationalError as error:
        print(f"PostgreSQL is unreachable at {base}: {error}", file=sys.stderr)
        return 1
    print(f"PostgreSQL {version[0] if version else '?'} reachable at {base}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
