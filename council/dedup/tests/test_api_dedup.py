"""The duplicates queue over the API, with the pages' access rules."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from council.accounts.models import User
from council.api.tests.conftest import API, assert_problem, bearer, fields_of, key_for, post
from council.dedup.models import AccountMerge, CandidateStatus, DuplicateCandidate, MergeStatus
from council.dedup.services.candidates import duplicates_find
from council.dedup.tests.conftest import signed_in
from council.dedup.tests.test_find_duplicates import person


@pytest.fixture
def pair(kazakhstan: Any) -> DuplicateCandidate:
    born = date(1998, 3, 14)
    person("aigerim@mail.kz", kazakhstan, "Айгерим", "Сарсенбаева", born)
    person("a.sarsenbayeva@example.org", kazakhstan, "Aigerim", "Sarsenbayeva", born)
    duplicates_find()
    return DuplicateCandidate.objects.get()


def test_the_queue_and_a_pair(
    client: Client, pair: DuplicateCandidate, kz_coordinator: User
) -> None:
    key = key_for(kz_coordinator, "read")
    listed = client.get(f"{API}/duplicates", headers=bearer(key)).json()
    assert [item["id"] for item in listed["items"]] == [pair.pk]
    item = listed["items"][0]
    assert (
        item["left"]["name"] == "Айгерим Сарсенбаева"
        and "Same date of birth" in item["reason_labels"]
    )
    detail = client.get(f"{API}/duplicates/{pair.pk}", headers=bearer(key)).json()
    facts = {fact["label"]: fact["value"] for fact in detail["sides"][1]["facts"]}
    assert facts["Email"] == "a.sarsenbayeva@example.org" and facts["Date of birth"] == "1998-03-14"


def test_another_country_s_pair_is_a_404(
    client: Client, pair: DuplicateCandidate, ru_coordinator: User
) -> None:
    key = key_for(ru_coordinator)
    assert client.get(f"{API}/duplicates", headers=bearer(key)).json()["items"] == []
    assert_problem(client.get(f"{API}/duplicates/{pair.pk}", headers=bearer(key)), 404)
    assert_problem(post(client, f"/duplicates/{pair.pk}/decide", {"decision": "dismiss"}, key), 404)


def test_deciding(
    client: Client,
    pair: DuplicateCandidate,
    kz_coordinator: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    key = key_for(kz_coordinator)
    refused = post(
        client, f"/duplicates/{pair.pk}/decide", {"decision": "merge", "survivor": 99}, key
    )
    assert "survivor" in fields_of(assert_problem(refused, 422))
    assert_problem(post(client, f"/duplicates/{pair.pk}/decide", {"decision": "same"}, key), 422)
    assert_problem(
        post(client, f"/duplicates/{pair.pk}/decide", {"decision": "merge", "survivor": "1"}, key),
        422,
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            f"/duplicates/{pair.pk}/decide",
            {"decision": "merge", "survivor": pair.left_user_id},
            key,
        )

    assert response.status_code == 200, response.content
    assert response.json()["status"] == CandidateStatus.MERGED
    assert response.json()["merge_status"] == MergeStatus.DONE
    again = post(client, f"/duplicates/{pair.pk}/decide", {"decision": "different"}, key)
    errors = assert_problem(again, 422)["errors"]
    assert "already been decided" in errors[0]["message"]


def test_the_person_confirms_over_the_api(
    client: Client,
    pair: DuplicateCandidate,
    kz_coordinator: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    left, right = pair.left_user, pair.right_user
    assert left is not None and right is not None
    signed_in(left)
    signed_in(right)
    post(
        client,
        f"/duplicates/{pair.pk}/decide",
        {"decision": "merge", "survivor": left.pk},
        key_for(kz_coordinator),
    )
    merge = AccountMerge.objects.get()
    assert_problem(
        client.get(f"{API}/merges/{merge.pk}", headers=bearer(key_for(kz_coordinator))), 404
    )

    first = post(client, f"/merges/{merge.pk}/confirm", {}, key_for(left))
    assert first.json() == {
        "id": merge.pk,
        "status": "proposed",
        "kept_email": left.email,
        "merged_email": right.email,
        "survivor_confirmed": True,
        "merged_confirmed": False,
    }
    with django_capture_on_commit_callbacks(execute=True):
        second = post(client, f"/merges/{merge.pk}/confirm", {}, key_for(right))
    assert second.json()["status"] == MergeStatus.DONE
