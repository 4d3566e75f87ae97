import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

MODELS = [
    "country",
    "region",
    "city",
    "language",
    "sdggoal",
    "sdgtarget",
    "cause",
    "iscogroup",
    "skillgroup",
    "skill",
]


@pytest.mark.parametrize("model", MODELS)
def test_it_lists_and_searches(loaded: dict[str, int], admin_client: Client, model: str) -> None:
    url = f"/admin/reference/{model}/"
    listing = admin_client.get(url)
    assert listing.status_code == 200
    assert listing.context["cl"].result_count > 0  # the loaded rows are listed
    found = admin_client.get(url, {"q": "а"})
    assert found.status_code == 200
    assert found.context["cl"].query == "а"


def test_it_shows_a_goal_with_its_targets(loaded: dict[str, int], admin_client: Client) -> None:
    response = admin_client.get("/admin/reference/sdggoal/4/change/")
    assert response.status_code == 200
    assert "4.a" in response.content.decode()
