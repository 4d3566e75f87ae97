"""The duplicates queue on the pages: who sees which pairs, the two records side by side, the
decisions, and the person's confirmation when they signed in to both accounts."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from council.accounts.models import ConsentPurpose, User
from council.accounts.services import consent_give
from council.audit.models import AuditEvent
from council.conftest import make_org, make_user, reader
from council.dedup.models import AccountMerge, CandidateStatus, DuplicateCandidate, MergeStatus
from council.dedup.services.candidates import duplicates_find
from council.dedup.tests.conftest import signed_in
from council.dedup.tests.test_find_duplicates import person
from council.orgs.models import Membership, OrganisationStatus
from council.projects.models import Project
from council.projects.tests.conftest import make_project


@pytest.fixture
def pair(kazakhstan: Any) -> DuplicateCandidate:
    born = date(1998, 3, 14)
    person("aigerim@mail.kz", kazakhstan, "Айгерим", "Сарсенбаева", born)
    person("a.sarsenbayeva@example.org", kazakhstan, "Aigerim", "Sarsenbayeva", born)
    duplicates_find()
    return DuplicateCandidate.objects.get()


def test_a_coordinator_works_their_country_s_queue(
    pair: DuplicateCandidate, kz_coordinator: User, django_assert_num_queries: Any
) -> None:
    client = reader("en", kz_coordinator)
    client.get(reverse("dedup:queue"))  # session and caches warm
    with django_assert_num_queries(6):
        response = client.get(reverse("dedup:queue"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Айгерим Сарсенбаева · Aigerim Sarsenbayeva" in page
    assert "Same date of birth" in page


def test_the_queue_costs_the_same_for_more_pairs(
    kazakhstan: Any, kz_coordinator: User, django_assert_num_queries: Any
) -> None:
    for number in range(6):
        born = date(1990, 1, number + 1)
        person(f"p{number}@a.kz", kazakhstan, "Дана", f"Омарова{number}", born)
        person(f"q{number}@b.kz", kazakhstan, "Dana", f"Omarova{number}", born)
    duplicates_find()
    assert DuplicateCandidate.objects.count() >= 6
    client = reader("en", kz_coordinator)
    client.get(reverse("dedup:queue"))
    with django_assert_num_queries(6):
        assert client.get(reverse("dedup:queue")).status_code == 200


def test_another_country_s_coordinator_gets_a_404(
    pair: DuplicateCandidate, ru_coordinator: User, outsider: User
) -> None:
    client = reader("en", ru_coordinator)
    assert "No pairs to look at." in client.get(reverse("dedup:queue")).content.decode()
    assert client.get(reverse("dedup:candidate", args=[pair.pk])).status_code == 404
    decide = client.post(reverse("dedup:decide", args=[pair.pk]), {"decision": "different"})
    assert decide.status_code == 404
    assert reader("en", outsider).get(reverse("dedup:queue")).status_code == 404


def test_the_two_records_side_by_side(pair: DuplicateCandidate, secretariat: User) -> None:
    response = reader("en", secretariat).get(reverse("dedup:candidate", args=[pair.pk]))
    page = response.content.decode()
    for shown in ("Айгерим Сарсенбаева", "Aigerim Sarsenbayeva", "aigerim@mail.kz", "1998-03-14"):
        assert shown in page
    assert "Same — merge" in page


def test_merging_from_the_page(
    pair: DuplicateCandidate,
    kz_coordinator: User,
    mailbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = reader("en", kz_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("dedup:decide", args=[pair.pk]),
            {"decision": "merge", "survivor": pair.right_user_id},
            follow=True,
        )
    assert "The records are merged." in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == CandidateStatus.MERGED and pair.left_user_id is None
    assert pair.decided_by == kz_coordinator
    assert len(mailbox) == 2
    assert AuditEvent.objects.filter(action="account.merged", actor=kz_coordinator).exists()


def test_different_people_are_remembered(pair: DuplicateCandidate, kz_coordinator: User) -> None:
    client = reader("en", kz_coordinator)
    response = client.post(
        reverse("dedup:decide", args=[pair.pk]), {"decision": "different"}, follow=True
    )
    assert "will not come back" in response.content.decode()
    duplicates_find()
    assert list(DuplicateCandidate.objects.values_list("status", flat=True)) == ["different"]
    assert AuditEvent.objects.filter(action="duplicate.different").exists()


def test_a_bad_decision_is_a_message_not_a_500(
    pair: DuplicateCandidate, kz_coordinator: User
) -> None:
    client = reader("en", kz_coordinator)
    response = client.post(
        reverse("dedup:decide", args=[pair.pk]),
        {"decision": "merge", "survivor": "999999"},
        follow=True,
    )
    assert "Choose which of the two records to keep." in response.content.decode()
    response = client.post(
        reverse("dedup:decide", args=[pair.pk]), {"decision": "bogus"}, follow=True
    )
    assert "Decision" in response.content.decode()
    assert (
        client.get(reverse("dedup:queue"), {"min_score": "x", "country": "KZZ"}).status_code == 400
    )


def test_a_coordinator_does_not_merge_their_own_account(
    kazakhstan: Any, kz_coordinator: User, kz_network: Any
) -> None:
    twin = make_user("irina.twin@example.org", kazakhstan, given_name=kz_coordinator.given_name)
    left, right = sorted((kz_coordinator, twin), key=lambda u: u.pk)
    pair = DuplicateCandidate.objects.create(
        kind="person",
        left_user=left,
        right_user=right,
        score=0.9,
        country=kazakhstan,
        other_country=kazakhstan,
    )
    response = reader("en", kz_coordinator).post(
        reverse("dedup:decide", args=[pair.pk]),
        {"decision": "merge", "survivor": kz_coordinator.pk},
        follow=True,
    )
    assert "You cannot merge your own account" in response.content.decode()
    assert Membership.objects.filter(user=kz_coordinator).exists()


def test_a_person_of_another_country_shows_only_with_consent(
    kazakhstan: Any, russia: Any, kz_coordinator: User
) -> None:
    here = make_user("here@example.org", kazakhstan, given_name="Oleg", family_name="Ivanov")
    there = make_user("there@example.org", russia, given_name="Олег", family_name="Иванов")
    pair = DuplicateCandidate.objects.create(
        kind="person",
        left_user=here,
        right_user=there,
        score=0.8,
        country=kazakhstan,
        other_country=russia,
    )
    client = reader("en", kz_coordinator)
    page = client.get(reverse("dedup:candidate", args=[pair.pk])).content.decode()
    assert "there@example.org" not in page and "Иванов" not in page
    assert "a coordinator of their country" in page
    assert "Иванов" not in client.get(reverse("dedup:queue")).content.decode()
    decide = client.post(reverse("dedup:decide", args=[pair.pk]), {"decision": "different"})
    assert decide.status_code == 403

    consent_give(user=there, purpose=ConsentPurpose.CROSS_BORDER)
    page = client.get(reverse("dedup:candidate", args=[pair.pk])).content.decode()
    assert "there@example.org" in page


def _link(message: Any) -> str:
    found = re.search(r"https?://\S+(/duplicates/merges/\d+/)", message.body)
    assert found is not None, message.body
    return found.group(1)


def test_a_person_who_signed_in_to_both_confirms_from_each(
    pair: DuplicateCandidate,
    kz_coordinator: User,
    mailbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    left, right = pair.left_user, pair.right_user
    assert left is not None and right is not None
    signed_in(left)
    signed_in(right)
    with django_capture_on_commit_callbacks(execute=True):
        response = reader("en", kz_coordinator).post(
            reverse("dedup:decide", args=[pair.pk]),
            {"decision": "merge", "survivor": left.pk},
            follow=True,
        )
    assert "asked by mail to confirm" in response.content.decode()
    assert sorted(m.to[0] for m in mailbox) == sorted([left.email, right.email])
    link = _link(mailbox[0])
    merge = AccountMerge.objects.get()
    assert merge.status == MergeStatus.PROPOSED
    right.refresh_from_db()
    assert right.is_active  # nothing moved yet

    assert reader("en", kz_coordinator).get(link).status_code == 404
    first = reader("en", left)
    assert "Yes, both are mine" in first.get(link).content.decode()
    response = first.post(
        reverse("dedup:merge_answer", args=[merge.pk]), {"answer": "confirm"}, follow=True
    )
    assert "Now sign in to the other account" in response.content.decode()
    right.refresh_from_db()
    assert right.is_active

    with django_capture_on_commit_callbacks(execute=True):
        response = reader("en", right).post(
            reverse("dedup:merge_answer", args=[merge.pk]), {"answer": "confirm"}
        )
    assert response.status_code == 302
    right.refresh_from_db()
    merge.refresh_from_db()
    pair.refresh_from_db()
    assert not right.is_active and merge.status == MergeStatus.DONE
    assert pair.status == CandidateStatus.MERGED
    assert "Merged" in first.get(link).content.decode()


def test_the_person_may_decline(
    pair: DuplicateCandidate, kz_coordinator: User, django_capture_on_commit_callbacks: Any
) -> None:
    left, right = pair.left_user, pair.right_user
    assert left is not None and right is not None
    signed_in(left)
    signed_in(right)
    reader("en", kz_coordinator).post(
        reverse("dedup:decide", args=[pair.pk]), {"decision": "merge", "survivor": left.pk}
    )
    merge = AccountMerge.objects.get()

    reader("en", right).post(reverse("dedup:merge_answer", args=[merge.pk]), {"answer": "decline"})

    merge.refresh_from_db()
    pair.refresh_from_db()
    assert merge.status == MergeStatus.DECLINED and pair.status == CandidateStatus.DIFFERENT
    response = reader("en", left).post(
        reverse("dedup:merge_answer", args=[merge.pk]), {"answer": "confirm"}, follow=True
    )
    assert "no longer waiting" in response.content.decode()


@pytest.fixture
def org_pair(kazakhstan: Any, org: Any, org_member: User) -> DuplicateCandidate:
    duplicate = make_org("Astana Volunteer Centre", kazakhstan, status=OrganisationStatus.PENDING)
    Membership.objects.create(organisation=duplicate, user=org_member, role="admin")
    duplicates_find()
    return DuplicateCandidate.objects.get(kind="organisation")


def test_a_pending_duplicate_organisation_is_merged(
    org_pair: DuplicateCandidate, org: Any, org_member: User, kz_coordinator: User
) -> None:
    response = reader("en", kz_coordinator).post(
        reverse("dedup:decide", args=[org_pair.pk]),
        {"decision": "merge", "survivor": org.pk},
        follow=True,
    )
    assert "The records are merged." in response.content.decode()
    duplicate = org_pair.right_organisation
    assert duplicate is not None
    duplicate.refresh_from_db()
    assert (
        duplicate.status == OrganisationStatus.REJECTED
        and "Duplicate of" in duplicate.rejection_reason
    )
    assert Membership.objects.get(user=org_member, organisation=org).role == "admin"
    assert not Membership.objects.filter(organisation=duplicate).exists()


def test_a_duplicate_with_projects_is_not_merged_and_says_why(
    org_pair: DuplicateCandidate, org: Any, kz_coordinator: User
) -> None:
    duplicate = org_pair.right_organisation
    make_project(duplicate)
    response = reader("en", kz_coordinator).post(
        reverse("dedup:decide", args=[org_pair.pk]),
        {"decision": "merge", "survivor": org.pk},
        follow=True,
    )
    assert "projects: 1" in response.content.decode()
    assert Project.objects.filter(owner=duplicate).exists()
    response = reader("en", kz_coordinator).post(
        reverse("dedup:decide", args=[org_pair.pk]),
        {"decision": "merge", "survivor": duplicate.pk},
        follow=True,
    )
    assert "is verified" in response.content.decode()


def test_the_pages_speak_russian_and_kazakh(pair: DuplicateCandidate, kz_coordinator: User) -> None:
    for language in ("ru", "kk"):
        client: Client = reader(language, kz_coordinator)
        assert client.get(reverse("dedup:queue")).status_code == 200
        assert client.get(reverse("dedup:candidate", args=[pair.pk])).status_code == 200
