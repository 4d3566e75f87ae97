import pytest

from council.accounts.models import Consent
from council.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_gives_and_withdraws_cross_border_consent(client, volunteer) -> None:
    client.force_login(volunteer)
    response = client.post("/me/consents/", {"purpose": "cross_border", "action": "give"})
    assert response.status_code == 302
    consent = Consent.objects.get(user=volunteer, purpose="cross_border")
    assert consent.text_version == "2026-11" and consent.given_ip == "127.0.0.1"
    page = client.get("/me/consents/").content.decode()
    assert "Cross-border sharing of personal data" in page

    client.post("/me/consents/", {"purpose": "cross_border", "action": "withdraw"})
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    actions = list(
        AuditEvent.objects.filter(target_id=str(consent.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["consent.given", "consent.withdrawn"]


def test_guardian_consent_names_the_missing_field(client, volunteer) -> None:
    client.force_login(volunteer)
    response = client.post("/me/consents/", {"purpose": "guardian", "action": "give"})
    assert response.status_code == 400
    assert response.context["guardian_form"].errors["guardian_name"] == ["This field is required."]
    assert not Consent.objects.filter(user=volunteer).exists()


def test_an_unknown_purpose_is_refused_without_a_500(client, volunteer) -> None:
    client.force_login(volunteer)
    response = client.post("/me/consents/", {"purpose": "marketing", "action": "give"})
    assert response.status_code == 200
    assert "Unknown consent purpose." in response.content.decode()


def test_consents_page_query_count_is_flat(client, volunteer, django_assert_max_num_queries):
    client.force_login(volunteer)
    for purpose in ("processing", "cross_border"):
        client.post("/me/consents/", {"purpose": purpose, "action": "give"})
    with django_assert_max_num_queries(12):
        response = client.get("/me/consents/")
    assert response.status_code == 200
    assert "<h1>Consents</h1>" in response.content.decode()
