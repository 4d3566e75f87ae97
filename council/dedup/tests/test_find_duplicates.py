"""The candidate search: people who share a blocking key are compared, likely pairs join the
queue once, decided pairs stay decided; organisations meet by registration number and name."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from council.accounts.models import User
from council.conftest import make_org, make_user
from council.dedup.models import (
    CandidateKind,
    CandidateStatus,
    DedupKey,
    DedupRun,
    DuplicateCandidate,
)
from council.dedup.services.candidates import candidate_decide, duplicates_find
from council.orgs.models import OrganisationStatus
from council.volunteers.models import VolunteerProfile


def person(email: str, country: Any, given: str, family: str, born: date | None = None) -> User:
    user = make_user(email, country, given_name=given, family_name=family)
    if born is not None:
        VolunteerProfile.objects.create(user=user, date_of_birth=born)
    return user


@pytest.fixture
def aigerim(kazakhstan: Any) -> tuple[User, User]:
    """One person, entered once in Cyrillic and once in Latin."""
    born = date(1998, 3, 14)
    return (
        person("aigerim@mail.kz", kazakhstan, "Айгерим", "Сарсенбаева", born),
        person("a.sarsenbayeva@example.org", kazakhstan, "Aigerim", "Sarsenbayeva", born),
    )


def test_one_person_in_two_scripts_becomes_a_pair(aigerim: tuple[User, User]) -> None:
    run = duplicates_find()

    candidate = DuplicateCandidate.objects.get(kind=CandidateKind.PERSON)
    assert (candidate.left_user, candidate.right_user) == aigerim
    assert candidate.country_id == candidate.other_country_id == "KZ"
    assert candidate.score > 0.9 and "date_of_birth" in candidate.reasons
    assert run.people == 2 and run.found == 1 and run.finished_at is not None
    assert DedupKey.objects.filter(user=aigerim[0]).exists()


def test_namesakes_born_on_different_days_are_not_a_pair(kazakhstan: Any) -> None:
    person("one@example.org", kazakhstan, "Айгерим", "Сарсенбаева", date(1998, 3, 14))
    person("two@example.org", kazakhstan, "Айгерим", "Сарсенбаева", date(1975, 11, 2))

    assert duplicates_find().found == 0
    assert not DuplicateCandidate.objects.exists()


def test_a_second_run_adds_nothing_and_different_is_remembered(
    aigerim: tuple[User, User], secretariat: User
) -> None:
    duplicates_find()
    candidate = DuplicateCandidate.objects.get()
    candidate_decide(actor=secretariat, candidate=candidate, decision="different")

    assert duplicates_find().found == 0
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.DIFFERENT
    assert DuplicateCandidate.objects.count() == 1


def test_a_dismissed_pair_comes_back_only_when_it_scores_clearly_higher(
    aigerim: tuple[User, User], secretariat: User
) -> None:
    duplicates_find()
    candidate = DuplicateCandidate.objects.get()
    candidate_decide(actor=secretariat, candidate=candidate, decision="dismiss")
    assert duplicates_find().found == 0

    DuplicateCandidate.objects.filter(pk=candidate.pk).update(score=0.5)
    assert duplicates_find().found == 1
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.OPEN


def test_a_later_run_looks_at_who_changed_since(
    kazakhstan: Any, aigerim: tuple[User, User]
) -> None:
    duplicates_find()
    since = timezone.now()
    newcomer = person(
        "aigerim.s@example.org", kazakhstan, "Әйгерім", "Сәрсенбаева", date(1998, 3, 14)
    )

    run = duplicates_find(since=since)

    assert run.people == 1
    assert run.found == 2
    assert DuplicateCandidate.objects.filter(right_user=newcomer).count() == 2


def test_the_nightly_job_starts_from_the_last_run(aigerim: tuple[User, User], capsys: Any) -> None:
    call_command("find_duplicates")
    assert "Pairs new in the duplicates queue: 1." in capsys.readouterr().out
    first = DedupRun.objects.get()

    call_command("find_duplicates")

    second = DedupRun.objects.exclude(pk=first.pk).get()
    assert second.since == first.started_at and second.people == 0


def test_organisations_meet_by_registration_number_and_by_name(kazakhstan: Any) -> None:
    registered = make_org("Astana Volunteers", kazakhstan, registration_number="120540001238")
    twice = make_org(
        "Volunteers of Astana",
        kazakhstan,
        status=OrganisationStatus.PENDING,
        registration_number="1205 4000 1238",
    )
    named = make_org("Добрые руки", kazakhstan)
    named_again = make_org("ТОО «Добрые руки»", kazakhstan)
    make_org("Other", kazakhstan, registration_number="120540001239")  # a wrong check digit

    duplicates_find()

    pairs = {
        (c.left_organisation_id, c.right_organisation_id): c.reasons
        for c in DuplicateCandidate.objects.filter(kind=CandidateKind.ORGANISATION)
    }
    assert pairs.keys() == {(registered.pk, twice.pk), (named.pk, named_again.pk)}
    assert "registration_number" in pairs[(registered.pk, twice.pk)]


def test_an_inactive_account_is_no_candidate(aigerim: tuple[User, User]) -> None:
    duplicates_find()
    User.objects.filter(pk=aigerim[1].pk).update(is_active=False)
    DuplicateCandidate.objects.all().delete()

    assert duplicates_find(since=timezone.now() - timedelta(days=1)).found == 0
    assert not DuplicateCandidate.objects.exists()


def test_erasing_a_person_forgets_their_keys_pairs_and_merged_addresses(
    aigerim: tuple[User, User], secretariat: User
) -> None:
    from council.accounts.services import user_erase
    from council.dedup.models import AccountMerge
    from council.dedup.services.merge import account_merge

    third = person("third@example.org", aigerim[0].home_country, "Третий", "Человек")
    account_merge(survivor=aigerim[0], merged=third, actor=secretariat)
    duplicates_find()
    assert DuplicateCandidate.objects.exists()

    user_erase(user=aigerim[0])

    assert not DedupKey.objects.filter(user=aigerim[0]).exists()
    assert not DuplicateCandidate.objects.filter(left_user=aigerim[0]).exists()
    assert list(AccountMerge.objects.values_list("merged_email", flat=True)) == [
        "erased@erased.invalid"
    ]


def test_a_first_run_that_stopped_is_taken_up_where_it_stopped(
    aigerim: tuple[User, User], kazakhstan: Any
) -> None:
    from council.dedup.services.candidates import duplicates_find_since_last_run
    from council.dedup.services.keys import keys_refresh

    keys_refresh(users=[aigerim[0]])  # what the stopped run did before it stopped
    stopped = DedupRun.objects.create(last_user=aigerim[0].pk, people=1)
    later = person("aigerim.s@example.org", kazakhstan, "Әйгерім", "Сәрсенбаева", date(1998, 3, 14))

    # The pair of the two before the stop is made when the second one's turn comes.
    assert duplicates_find_since_last_run() == 3

    stopped.refresh_from_db()
    assert stopped.finished_at is not None and stopped.people == 3
    assert DedupRun.objects.count() == 1
    assert DuplicateCandidate.objects.filter(right_user=later).count() == 2
