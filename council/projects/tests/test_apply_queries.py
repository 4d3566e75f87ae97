import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from council.projects.models import Application
from council.projects.tests.conftest import adult

pytestmark = pytest.mark.django_db


def test_an_instant_application_costs_a_fixed_number_of_queries(
    client, opportunity, shift, volunteer
) -> None:
    adult(volunteer)
    client.force_login(volunteer)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/opportunities/{opportunity.pk}/apply/", {"shift": shift.pk})
    for q in queries.captured_queries:
        print(q["sql"][:220])
    assert response.status_code == 302
    assert Application.objects.get(volunteer=volunteer).status == "confirmed"
    assert len(queries.captured_queries) <= 30
