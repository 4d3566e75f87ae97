"""The person's pages: applying to another node's opportunity, withdrawing, the sharing
choice, the transfer log on /me/data/ and in the export; the secretariat's transfer log."""

from __future__ import annotations

import json

import pytest

from council.accounts.models import ConsentPurpose
from council.accounts.services import consent_withdraw
from council.conftest import reader
from council.federation.models import OutboxMessage, SharingChoice, Transfer
from council.federation.services.home.applications import apply_answered, remote_apply
from council.projects.models import Application, ApplicationStatus
from council.projects.tests.conftest import make_opportunity, make_project


def _url(opportunity):
    return f"/federation/apply/{opportunity.pk}/"


def test_the_page_lists_what_is_sent_and_the_consent(aliya, ru_opportunity, ru_shift):
    page = reader("en", aliya).get(_url(ru_opportunity))
    assert page.status_code == 200
    text = page.content.decode()
    assert "What is sent to the Russia node" in text
    for shown in ("Әлия", "Serikkyzy", "Age band on the day", "adult", "aliya@example.kz"):
        assert shown in text
    assert "Cross-border consent no." in text
    assert "3 places left" in text  # capacity 5, 2 taken on the owner node
    assert "Send my application" in text


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_pages_read_in_every_language(aliya, ru_opportunity, ru_shift, secretariat, language):
    remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    for who, url in [
        (aliya, _url(ru_opportunity)),
        (aliya, "/federation/me/sharing/"),
        (aliya, "/me/data/"),
        (aliya, "/me/applications/"),
        (secretariat, "/federation/transfers/"),
    ]:
        page = reader(language, who).get(url)
        assert page.status_code == 200, url
        assert f'lang="{language}"' in page.content.decode()


def test_without_consent_the_page_sends_to_the_consents(aliya, ru_opportunity, ru_shift):
    consent_withdraw(user=aliya, purpose=ConsentPurpose.CROSS_BORDER)
    text = reader("en", aliya).get(_url(ru_opportunity)).content.decode()
    assert "/me/consents/" in text
    assert "Send my application" not in text


def test_posting_applies_and_shows_it_on_its_way(aliya, ru_opportunity, ru_shift):
    client = reader("en", aliya)
    answer = client.post(
        _url(ru_opportunity), {"shift": ru_shift.pk, "motivation": "Да", "confirm": "1"}
    )
    assert answer.status_code == 302 and answer["Location"] == "/me/applications/"
    application = Application.objects.get()
    assert application.status == ApplicationStatus.SENT
    assert OutboxMessage.objects.filter(kind="apply").count() == 1
    mine = client.get("/me/applications/").content.decode()
    assert "On its way to the organiser" in mine
    assert "On the RU node" in mine
    assert f"/federation/applications/{application.pk}/withdraw/" in mine


def test_a_post_from_the_opportunity_page_asks_to_confirm_first(aliya, ru_opportunity, ru_shift):
    answer = reader("en", aliya).post(
        _url(ru_opportunity), {"shift": ru_shift.pk, "motivation": "Хочу помочь"}
    )
    assert answer.status_code == 200
    text = answer.content.decode()
    assert "What is sent to the Russia node" in text
    assert f'value="{ru_shift.pk}" id="shift-{ru_shift.pk}" checked' in text
    assert "Хочу помочь" in text
    assert not Application.objects.exists()


def test_a_refusal_is_shown_on_the_form(aliya, ru_opportunity, ru_shift):
    consent_withdraw(user=aliya, purpose=ConsentPurpose.CROSS_BORDER)
    answer = reader("en", aliya).post(_url(ru_opportunity), {"shift": ru_shift.pk, "confirm": "1"})
    assert answer.status_code == 400
    assert "cross-border consent" in answer.content.decode()
    assert not Application.objects.exists()


def test_a_local_opportunity_has_no_such_page(aliya, org):
    opportunity = make_opportunity(make_project(org))
    assert reader("en", aliya).get(_url(opportunity)).status_code == 404


def test_withdrawing(aliya, ru_opportunity, ru_shift):
    application = remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    apply_answered(OutboxMessage.objects.get(), {"application": "501", "status": "confirmed"})
    client = reader("en", aliya)
    answer = client.post(f"/federation/applications/{application.pk}/withdraw/")
    assert answer.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert OutboxMessage.objects.filter(kind="application-withdraw").count() == 1


def test_someone_elses_application_is_a_404(aliya, ru_opportunity, ru_shift, volunteer):
    application = remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    client = reader("en", volunteer)
    assert client.post(f"/federation/applications/{application.pk}/withdraw/").status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SENT


def test_the_sharing_choice(aliya, ru_opportunity, ru_shift):
    client = reader("en", aliya)
    assert "/federation/me/sharing/" in client.get("/me/consents/").content.decode()
    assert client.post("/federation/me/sharing/", {}).status_code == 302
    assert SharingChoice.objects.get(user=aliya).share_email is False
    assert "Not shared" in client.get(_url(ru_opportunity)).content.decode()


def test_my_data_lists_every_transfer_and_exports_it(aliya, ru_opportunity, ru_shift):
    client = reader("en", aliya)
    assert (
        "None of your personal data has crossed a border."
        in client.get("/me/data/").content.decode()
    )
    remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    consent = aliya.consents.get(purpose=ConsentPurpose.CROSS_BORDER)
    text = client.get("/me/data/").content.decode()
    assert "Data sent to or received from other countries" in text
    assert "Russia (ru)" in text and "An application" in text and "given_name_latin" in text
    assert f"no. {consent.pk}" in text
    exported = json.loads(client.get("/me/data/export.json").content)
    [row] = exported["cross_border_transfers"]
    assert (row["direction"], row["node"], row["country"], row["purpose"]) == (
        "out",
        "ru",
        "RU",
        "apply",
    )
    assert row["consent"] == str(consent.pk) and "contact.email" in row["fields"]


def test_the_secretariat_reads_the_log_and_nobody_else(
    aliya, ru_opportunity, ru_shift, secretariat
):
    remote_apply(volunteer=aliya, opportunity=ru_opportunity, shift=ru_shift)
    page = reader("en", secretariat).get("/federation/transfers/?direction=out")
    assert page.status_code == 200
    assert f"<td>{aliya.pk}</td>" in page.content.decode()
    assert "<td>apply</td>" in page.content.decode()
    empty = reader("en", secretariat).get("/federation/transfers/?direction=in")
    assert "No transfers yet." in empty.content.decode()
    assert reader("en", aliya).get("/federation/transfers/").status_code == 404
    assert Transfer.objects.count() == 1
