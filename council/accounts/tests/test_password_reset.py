import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def test_it_mails_a_reset_link_in_the_recipients_language(client, volunteer) -> None:
    volunteer.preferred_language = "ru"
    volunteer.save()
    response = client.post(
        "/accounts/password/reset/", {"email": volunteer.email}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "парол" in mail.outbox[0].body.lower()
