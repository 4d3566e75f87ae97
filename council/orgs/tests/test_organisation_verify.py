import pytest
from django.core import mail

from council.audit.models import AuditEvent
from council.conftest import make_org
from council.orgs.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(kazakhstan, volunteer) -> Organisation:
    volunteer.preferred_language = "kk"
    volunteer.save()
    return make_org("Shymkent Eco Club", kazakhstan, status="pending", created_by=volunteer)


def test_the_countrys_coordinator_sees_it_in_the_queue(client, kz_coordinator, pending) -> None:
    client.force_login(kz_coordinator)
    page = client.get("/orgs/verification/")
    assert page.status_code == 200
    assert "Shymkent Eco Club" in page.content.decode()
    assert client.get(f"/orgs/{pending.pk}/").status_code == 200


def test_the_countrys_coordinator_verifies_and_the_applicant_is_mailed_in_kazakh(
    client, kz_coordinator, pending, django_capture_on_commit_callbacks
) -> None:
    client.force_login(kz_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/orgs/{pending.pk}/verify/", {"decision": "verify"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "verified" and pending.verified_by == kz_coordinator
    event = AuditEvent.objects.get(action="organisation.verified")
    assert event.actor == kz_coordinator and event.organisation_id == pending.pk
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["volunteer@example.org"]
    assert "Shymkent Eco Club" in mail.outbox[0].subject
    assert "расталды" in mail.outbox[0].subject
    assert "Shymkent Eco Club" in client.get("/orgs/").content.decode()


def test_a_rejection_needs_a_reason_and_mails_it(
    client, kz_coordinator, pending, django_capture_on_commit_callbacks
) -> None:
    client.force_login(kz_coordinator)
    response = client.post(f"/orgs/{pending.pk}/verify/", {"decision": "reject", "reason": ""})
    assert response.status_code == 400
    assert "reason" in response.context["reject_form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/orgs/{pending.pk}/verify/",
            {"decision": "reject", "reason": "No registration documents."},
        )
    pending.refresh_from_db()
    assert pending.status == "rejected"
    assert "No registration documents." in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="organisation.rejected").count() == 1


def test_a_coordinator_of_the_other_country_gets_404(client, ru_coordinator, pending) -> None:
    client.force_login(ru_coordinator)
    assert client.get(f"/orgs/{pending.pk}/").status_code == 404
    assert client.post(f"/orgs/{pending.pk}/verify/", {"decision": "verify"}).status_code == 404
    assert "Shymkent Eco Club" not in client.get("/orgs/verification/").content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_a_plain_volunteer_has_no_queue(client, outsider, pending) -> None:
    client.force_login(outsider)
    assert client.get("/orgs/verification/").status_code == 404
    assert client.post(f"/orgs/{pending.pk}/verify/", {"decision": "verify"}).status_code == 404


def test_outsider_is_sent_to_login(client, pending) -> None:
    assert client.get("/orgs/verification/").status_code == 302
    assert client.post(f"/orgs/{pending.pk}/verify/").status_code == 302


def test_a_decided_organisation_cannot_be_decided_again(client, kz_coordinator, pending) -> None:
    client.force_login(kz_coordinator)
    client.post(f"/orgs/{pending.pk}/verify/", {"decision": "verify"})
    response = client.post(
        f"/orgs/{pending.pk}/verify/",
        {"decision": "reject", "reason": "Changed my mind"},
        follow=True,
    )
    assert "This organisation has already been decided on." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "verified"


def test_the_secretariat_verifies_a_national_network(client, secretariat, kazakhstan) -> None:
    network = make_org("New network", kazakhstan, kind="national_network", status="pending")
    client.force_login(secretariat)
    assert "New network" in client.get("/orgs/verification/").content.decode()
    client.post(f"/orgs/{network.pk}/verify/", {"decision": "verify"})
    network.refresh_from_db()
    assert network.status == "verified"


def test_queue_query_count_does_not_grow(
    client, kz_coordinator, kazakhstan, django_assert_max_num_queries
) -> None:
    for number in range(15):
        make_org(f"Pending {number}", kazakhstan, status="pending")
    client.force_login(kz_coordinator)
    with django_assert_max_num_queries(10):
        response = client.get("/orgs/verification/")
    assert response.status_code == 200
    assert "Pending 14" in response.content.decode()
