import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from council.lib.locks import lock_row
from council.reference.models import Language

pytestmark = pytest.mark.django_db


def test_lock_row_reads_the_row_under_a_lock_or_none() -> None:
    Language.objects.create(code="x1", name_en="One")
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        row = lock_row(Language, "x1")
        assert lock_row(Language, "zz") is None
    assert row is not None and row.name_en == "One"
    locked = [q["sql"] for q in queries.captured_queries if "x1" in q["sql"]]
    assert len(locked) == 1
    assert locked[0].endswith("FOR UPDATE") == connection.features.has_select_for_update
