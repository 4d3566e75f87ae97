"""Training and credentials over the API: the public modules (without right answers), taking
the quiz, the caller's credentials, the organisers' writes with the pages' rules — another
organisation 404, a read-only member 403, bad input a 422 naming the field — and the
credentials an opportunity requires."""

from __future__ import annotations

from typing import Any

from django.test import Client

from council.api.tests.conftest import API, assert_problem, bearer, fields_of, key_for, post
from council.projects.tests.conftest import make_opportunity, make_project
from council.training.tests.conftest import questions
from council.volunteers.models import VolunteerCredential


def test_the_public_modules_hide_the_right_answers(client: Client, module: Any) -> None:
    items = client.get(f"{API}/training/modules").json()["items"]
    assert [item["title"] for item in items] == ["First aid basics"]
    body = client.get(f"{API}/training/modules/{module.pk}").json()
    assert body["credential"] == module.credential_id and body["pass_mark"] == 50
    assert body["questions"][0]["options"] == ["Bandage", "Airway", "Phone"]
    assert "correct" not in body["questions"][0]
    assert client.get(f"{API}/credentials/{module.credential_id}").json()["name"] == "First aid"


def test_taking_the_quiz_grants_the_credential(client: Client, module: Any, volunteer: Any) -> None:
    key = key_for(volunteer)
    first, second = questions(module)
    response = post(
        client,
        f"/training/modules/{module.pk}/attempts",
        {"answers": {str(first.pk): 2, str(second.pk): 1}},
        key,
    )
    assert response.status_code == 201, response.content
    assert response.json()["score"] == 100 and response.json()["passed"] is True
    mine = client.get(f"{API}/me/credentials", headers=bearer(key)).json()
    assert [row["credential"]["name"] for row in mine] == ["First aid"]
    assert mine[0]["valid"] is True and mine[0]["expires_on"]
    missing = post(
        client, f"/training/modules/{module.pk}/attempts", {"answers": {str(first.pk): 2}}, key
    )
    assert_problem(missing, 422)
    malformed = post(client, f"/training/modules/{module.pk}/attempts", {"answers": "x"}, key)
    assert "answers" in str(fields_of(assert_problem(malformed, 422)))


def test_organisers_write_modules_and_credentials(
    client: Client, org: Any, org_admin: Any, other_admin: Any, org_member: Any, volunteer: Any
) -> None:
    key = key_for(org_admin)
    credential = post(
        client, f"/organisations/{org.pk}/credentials", {"name_en": "Interpreting"}, key
    )
    assert credential.status_code == 201, credential.content
    credential_id = credential.json()["id"]
    module = post(
        client,
        f"/organisations/{org.pk}/training/modules",
        {"title_en": "Interpreting 101", "credential": credential_id, "pass_mark": 60},
        key,
    )
    assert module.status_code == 201, module.content
    module_id = module.json()["id"]
    assert_problem(post(client, f"/training/modules/{module_id}/publish", {}, key), 422)
    question = post(
        client,
        f"/training/modules/{module_id}/questions",
        {"text_en": "Say hello", "options_en": "Сәлем\nBye", "correct": 1},
        key,
    )
    assert question.status_code == 201, question.content
    published = post(client, f"/training/modules/{module_id}/publish", {}, key)
    assert published.json()["is_published"] is True
    uneven = post(
        client,
        f"/training/modules/{module_id}/questions",
        {"text_en": "Two?", "options_en": "One", "correct": 1},
        key,
    )
    assert "options_en" in fields_of(assert_problem(uneven, 422))
    no_title = post(client, f"/organisations/{org.pk}/training/modules", {"title_en": ""}, key)
    assert "title_ru" in fields_of(assert_problem(no_title, 422))
    for outsider, status in ((other_admin, 404), (org_member, 403)):
        other = key_for(outsider)
        assert_problem(post(client, f"/training/modules/{module_id}/publish", {}, other), status)
        assert_problem(
            post(client, f"/organisations/{org.pk}/credentials", {"name_en": "X"}, other), status
        )
        confirm = {"email": volunteer.email, "credential": credential_id}
        assert_problem(
            post(client, f"/organisations/{org.pk}/credentials/confirm", confirm, other), status
        )


def test_confirming_over_the_api(
    client: Client, org: Any, org_admin: Any, credential: Any, volunteer: Any
) -> None:
    key = key_for(org_admin)
    url = f"/organisations/{org.pk}/credentials/confirm"
    body = {"email": volunteer.email, "credential": credential.pk, "expires_on": "2030-05-01"}
    response = post(client, url, body, key)
    assert response.status_code == 201, response.content
    assert response.json()["expires_on"] == "2030-05-01"
    assert VolunteerCredential.objects.get(volunteer=volunteer).source == "organiser"
    past = post(client, url, {**body, "expires_on": "2021-01-01"}, key)
    assert "expires_on" in fields_of(assert_problem(past, 422))
    nobody = post(client, url, {**body, "email": "nobody@example.org"}, key)
    assert "email" in fields_of(assert_problem(nobody, 422))


def test_an_opportunity_requires_credentials_over_the_api(
    client: Client, org: Any, org_admin: Any, credential: Any, astana: Any
) -> None:
    opportunity = make_opportunity(make_project(org), city=astana)
    key = key_for(org_admin)
    response = client.patch(
        f"{API}/opportunities/{opportunity.pk}",
        {"credentials": [credential.pk]},
        content_type="application/json",
        headers=bearer(key),
    )
    assert response.status_code == 200, response.content
    assert response.json()["credentials"] == [credential.pk]
    assert list(opportunity.credentials.all()) == [credential]
    wrong = client.patch(
        f"{API}/opportunities/{opportunity.pk}",
        {"credentials": [999999]},
        content_type="application/json",
        headers=bearer(key),
    )
    assert "credentials" in fields_of(assert_problem(wrong, 422))
