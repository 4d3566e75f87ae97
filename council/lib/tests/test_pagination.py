import pytest

from council.lib.pagination import CappedPaginator
from council.reference.models import Language

pytestmark = pytest.mark.django_db


def test_it_counts_up_to_the_cap(django_assert_num_queries) -> None:
    for number in range(7):
        Language.objects.create(code=f"x{number}", name_en=f"L{number}")
    paginator = CappedPaginator(Language.objects.order_by("code"), 2)
    paginator.cap = 5
    with django_assert_num_queries(1):
        assert paginator.count == 6
    assert paginator.is_capped
    assert paginator.num_pages == 3
    small = CappedPaginator(Language.objects.filter(code="x1"), 2)
    assert small.count == 1 and not small.is_capped
