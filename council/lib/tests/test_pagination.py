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


def test_with_a_loader_one_query_gives_the_count_and_every_page(django_assert_num_queries) -> None:
    for number in range(7):
        Language.objects.create(code=f"x{number}", name_en=f"L{number}")
    loaded: list[list[str]] = []

    def load(keys: list[str]) -> list[str]:
        loaded.append(keys)
        return [f"row {key}" for key in keys]

    paginator = CappedPaginator(
        Language.objects.filter(code__startswith="x").order_by("-code"), 2, load=load
    )
    paginator.cap = 5
    with django_assert_num_queries(1):
        first = paginator.get_page(1)
        second = paginator.get_page(2)
        last = paginator.get_page(99)
    assert paginator.count == 6 and paginator.is_capped
    assert list(first.object_list) == ["row x6", "row x5"]
    assert list(second.object_list) == ["row x4", "row x3"]
    assert last.number == 3 and list(last.object_list) == ["row x2", "row x1"]
    assert loaded == [["x6", "x5"], ["x4", "x3"], ["x2", "x1"]]
