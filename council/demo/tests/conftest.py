"""Reference data (skills, causes, SDGs, languages, places) loaded once for the demo tests;
each test runs in a savepoint inside this transaction."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from council.reference.services import reference_load


@pytest.fixture(scope="package", autouse=True)
def reference(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, int]]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield reference_load()
        transaction.set_rollback(True)
