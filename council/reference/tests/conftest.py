from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from council.reference.services import reference_load


@pytest.fixture(scope="package")
def loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, int]]:
    """Load once for these tests; each test runs in a savepoint inside this transaction."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield reference_load()
        transaction.set_rollback(True)
