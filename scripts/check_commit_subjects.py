"""Commit subjects are at most 72 characters (the detail goes in the body).

    python scripts/check_commit_subjects.py [BASE]

Checks the commits after BASE up to HEAD. Without BASE, after the last commit that changed
this script: older history (written before the rule) is never checked, so `make lint` can call
it. Outside a git checkout, or when BASE is not in the history (a shallow clone), it says so
and passes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LIMIT = 72
ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).resolve().relative_to(ROOT).as_posix()


def git(*args: str) -> str | None:
    try:
        result = subprocess.run(  # noqa: S603 (git from PATH, our own arguments)
            ["git", *args],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout.strip()


def subjects(base: str) -> list[str] | None:
    """`<hash> <subject>` of each commit after base (None: cannot tell)."""
    log = git("log", "--format=%h %s", f"{base}..HEAD")
    return None if log is None else log.splitlines()


def main(argv: list[str]) -> int:
    base = argv[1] if len(argv) > 1 else git("log", "-1", "--format=%H", "--", SCRIPT)
    if not base:
        print("check_commit_subjects: no git history to check.")
        return 0
    checked = subjects(base)
    if checked is None:
        print(f"check_commit_subjects: {base} is not in this history; nothing checked.")
        return 0
    offences = [line for line in checked if len(line.split(" ", 1)[1]) > LIMIT]
    print(f"check_commit_subjects: {len(checked)} commit subjects checked.")
    for line in offences:
        print(f"commit subject over {LIMIT} characters: {line}")
    return 1 if offences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
