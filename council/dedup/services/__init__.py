"""Writes of the duplicates app: merging accounts (merge, moves), the candidate search and
the queue's decisions (candidates, keys), merging organisations (organisations); and the
app's part of a person's data export and erasure."""

from __future__ import annotations

from typing import Any

from council.accounts.models import User


def duplicates_export(user: User) -> Any:
    """The accounts merged into this person's."""
    from council.dedup.selectors import merges_into

    return merges_into(user=user)


def duplicates_erase(user: User) -> None:
    """The person's search keys and pairs in the queue go, and the addresses of the accounts
    once merged into theirs."""
    from council.dedup.models import AccountMerge
    from council.dedup.services.candidates import candidates_forget_person

    candidates_forget_person(user)
    AccountMerge.objects.filter(survivor=user).update(merged_email="erased@erased.invalid")
