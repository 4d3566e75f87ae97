import pytest

from council.projects.models import Application
from council.projects.tests.conftest import adult

pytestmark = pytest.mark.django_db


def test_an_instant_application_costs_nine_queries_and_a_savepoint(
    client, opportunity, shift, volunteer, django_assert_max_num_queries
) -> None:
    """Session, user, opportunity with its project; then profile lock, shift lock, earlier
    applications, clashes and seats taken in one, the application, its audit event and the
    organisation's webhook subscribers (plus the savepoint of the transaction and its release;
    the mail task is written after the commit here, inside the transaction with the database
    task backend)."""
    adult(volunteer)
    client.force_login(volunteer)
    with django_assert_max_num_queries(11):
        response = client.post(f"/opportunities/{opportunity.pk}/apply/", {"shift": shift.pk})
    assert response.status_code == 302
    assert Application.objects.get(volunteer=volunteer).status == "confirmed"
    page = client.get(response.url).content.decode()
    assert "Your place is confirmed." in page
