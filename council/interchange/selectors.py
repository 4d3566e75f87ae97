"""Reads of the exchange format's own records."""

from __future__ import annotations

from django.db.models import QuerySet

from council.accounts.models import User
from council.interchange.models import ExchangeImport


def exchange_imports_recent(*, user: User, limit: int = 10) -> QuerySet[ExchangeImport]:
    """The person's latest imports of exchange files, newest first."""
    return ExchangeImport.objects.filter(requested_by=user)[:limit]
