"""When both accounts hold a row that may exist once (one membership per organisation, one
live consent per purpose, one live application per shift …), the merge keeps the better one
and closes or drops the other as docs/merging-accounts.md says; where closing would lose
someone's history it refuses, and nothing moves."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.accounts.models import Consent, ConsentPurpose, User
from council.api.models import ApiToken
from council.conftest import make_user
from council.cooperation.models import CouncilRole
from council.dedup.services.merge import account_merge
from council.dedup.tests.conftest import ROW_FACTORIES, Scene, every_row
from council.forums.models import Registration, RegistrationStatus
from council.orgs.models import Membership, MembershipRole
from council.projects.models import Application, ApplicationStatus, CalendarFeed
from council.volunteers.models import LanguageSkill, VolunteerProfile


@pytest.fixture
def survivor(kazakhstan: Any) -> User:
    return make_user("survivor@example.org", kazakhstan, given_name="Dana")


@pytest.fixture
def merged(kazakhstan: Any) -> User:
    return make_user("merged@example.org", kazakhstan, given_name="Dana")


def _make(label: str, scene: Scene, *people: User) -> None:
    for person in people:
        ROW_FACTORIES[label](scene, person)


def test_rows_that_would_lose_history_refuse_the_merge_and_nothing_moves(
    scene: Scene, survivor: User, merged: User, secretariat: User
) -> None:
    every_row(scene, survivor)
    every_row(scene, merged)
    applications = Application.objects.filter(volunteer=merged).count()

    with pytest.raises(ValidationError) as refused:
        account_merge(survivor=survivor, merged=merged, actor=secretariat)

    assert "Both accounts have candidacies" in refused.value.messages[0]
    merged.refresh_from_db()
    assert merged.is_active and merged.email == "merged@example.org"
    assert Application.objects.filter(volunteer=merged).count() == applications


@pytest.mark.parametrize(
    "label",
    [
        "exchanges.exchangeapplication.person",
        "exchanges.panelmember.user",
        "deployments.candidacy.person",
        "forums.delegationmember.person",
    ],
)
def test_each_refusal_names_what_to_close(
    scene: Scene, survivor: User, merged: User, secretariat: User, label: str
) -> None:
    if label == "forums.delegationmember.person":
        delegation = ROW_FACTORIES["forums.delegation.head"](scene, scene.admin)
        for person in (survivor, merged):
            delegation.members.create(person=person, status="confirmed")
    else:
        _make(label, scene, survivor, merged)

    with pytest.raises(ValidationError, match="Close one of them"):
        account_merge(survivor=survivor, merged=merged, actor=secretariat)


def test_memberships_keep_the_higher_role(
    scene: Scene, survivor: User, merged: User, secretariat: User
) -> None:
    Membership.objects.create(organisation=scene.org, user=survivor, role=MembershipRole.MEMBER)
    Membership.objects.create(organisation=scene.org, user=merged, role=MembershipRole.ADMIN)

    account_merge(survivor=survivor, merged=merged, actor=secretariat)

    rows = Membership.objects.filter(organisation=scene.org, user__in=[survivor, merged])
    assert list(rows.values_list("user_id", "role")) == [(survivor.pk, MembershipRole.ADMIN)]


def test_the_older_live_consent_stays_live(survivor: User, merged: User, secretariat: User) -> None:
    now = timezone.now()
    newer = Consent.objects.create(
        user=survivor, purpose=ConsentPurpose.PROCESSING, text_version="2026-11", given_at=now
    )
    older = Consent.objects.create(
        user=merged,
        purpose=ConsentPurpose.PROCESSING,
        text_version="2026-11",
        given_at=now - timedelta(days=30),
    )

    account_merge(survivor=survivor, merged=merged, actor=secretariat)

    older.refresh_from_db()
    newer.refresh_from_db()
    assert older.user_id == survivor.pk and older.withdrawn_at is None
    assert newer.withdrawn_at is not None


def test_two_seats_on_one_shift_free_one_for_the_waiting_list(
    scene: Scene, survivor: User, merged: User, secretariat: User, kazakhstan: Any
) -> None:
    scene.shift.capacity = 2
    scene.shift.save(update_fields=["capacity"])
    first = Application.objects.create(
        volunteer=merged,
        opportunity=scene.opportunity,
        shift=scene.shift,
        status=ApplicationStatus.CONFIRMED,
        created_at=timezone.now() - timedelta(days=2),
    )
    second = Application.objects.create(
        volunteer=survivor,
        opportunity=scene.opportunity,
        shift=scene.shift,
        status=ApplicationStatus.CONFIRMED,
    )
    waiting = Application.objects.create(
        volunteer=make_user("waiting@example.org", kazakhstan),
        opportunity=scene.opportunity,
        shift=scene.shift,
        status=ApplicationStatus.WAITLISTED,
    )

    account_merge(survivor=survivor, merged=merged, actor=secretariat)

    statuses = dict(
        Application.objects.filter(pk__in=[first.pk, second.pk, waiting.pk]).values_list(
            "pk", "status"
        )
    )
    assert statuses == {
        first.pk: ApplicationStatus.CONFIRMED,
        second.pk: ApplicationStatus.WITHDRAWN,
        waiting.pk: ApplicationStatus.CONFIRMED,
    }
    assert set(
        Application.objects.filter(pk__in=[first.pk, second.pk]).values_list(
            "volunteer_id", flat=True
        )
    ) == {survivor.pk}


def test_a_confirmed_forum_seat_beats_a_waiting_one(
    scene: Scene, survivor: User, merged: User, secretariat: User
) -> None:
    waiting = Registration.objects.create(
        forum=scene.forum,
        quota=scene.open_quota,
        person=survivor,
        status=RegistrationStatus.WAITLISTED,
    )
    confirmed = Registration.objects.create(
        forum=scene.forum,
        quota=scene.open_quota,
        person=merged,
        status=RegistrationStatus.CONFIRMED,
    )

    account_merge(survivor=survivor, merged=merged, actor=secretariat)

    waiting.refresh_from_db()
    confirmed.refresh_from_db()
    assert (confirmed.person_id, confirmed.status) == (survivor.pk, RegistrationStatus.CONFIRMED)
    assert (waiting.person_id, waiting.status) == (survivor.pk, RegistrationStatus.CANCELLED)


def test_the_profiles_are_joined_blanks_filled(
    scene: Scene, survivor: User, merged: User, secretariat: User
) -> None:
    VolunteerProfile.objects.create(user=survivor, bio="Nurse", availability=["weekends"])
    LanguageSkill.objects.create(profile_id=survivor.pk, language=scene.language, level="A2")
    ROW_FACTORIES["volunteers.languageskill.profile"](scene, merged)  # B1, with a birth date
    VolunteerProfile.objects.filter(pk=merged.pk).update(availability=["evenings"])

    account_merge(survivor=survivor, merged=merged, actor=secretariat)

    profile = VolunteerProfile.objects.get(pk=survivor.pk)
    assert profile.bio == "Nurse" and str(profile.date_of_birth) == "1995-04-01"
    assert profile.availability == ["weekends", "evenings"]
    assert list(profile.skills.all()) == [scene.skill]
    assert list(profile.languages.values_list("level", flat=True)) == ["B1"]
    assert not VolunteerProfile.objects.filter(pk=merged.pk).exists()


def test_links_held_twice_are_kept_once(
    scene: Scene, survivor: User, merged: User, secretariat: User
) -> None:
    for label in (
        "projects.calendarfeed.user",
        "cooperation.councilrole.user",
        "mfa.authenticator.user",
        "accounts.user_groups.user",
        "deployments.talentpoolentry.user",
    ):
        _make(label, scene, survivor, merged)
    feed = CalendarFeed.objects.get(user=survivor)
    totp = Authenticator.objects.get(user=survivor)

    account_merge(survivor=survivor, merged=merged, actor=secretariat)

    assert list(CalendarFeed.objects.filter(user=survivor)) == [feed]
    assert list(Authenticator.objects.filter(user=survivor)) == [totp]
    assert CouncilRole.objects.filter(user=survivor).count() == 1
    assert list(survivor.groups.all()) == [scene.group]


def test_the_merged_account_s_api_tokens_are_revoked(
    scene: Scene, survivor: User, merged: User, secretariat: User
) -> None:
    _make("api.apitoken.user", scene, merged)

    account_merge(survivor=survivor, merged=merged, actor=secretariat)

    token = ApiToken.objects.get(user=survivor)
    assert token.revoked_at is not None


@pytest.mark.parametrize("flag", ["is_staff", "is_superuser", "is_secretariat"])
def test_an_account_with_staff_rights_is_not_merged_away(
    survivor: User, merged: User, secretariat: User, flag: str
) -> None:
    setattr(merged, flag, True)
    merged.save(update_fields=[flag])

    with pytest.raises(ValidationError, match="staff rights"):
        account_merge(survivor=survivor, merged=merged, actor=secretariat)


def test_an_account_is_not_merged_into_itself(survivor: User, secretariat: User) -> None:
    with pytest.raises(ValidationError, match="into itself"):
        account_merge(survivor=survivor, merged=survivor, actor=secretariat)
