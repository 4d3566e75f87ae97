"""A merge moves every row of the merged account to the one that stays, and leaves nothing
pointing at the old account: checked over every relation Django knows at test time."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.urls import reverse

from council.accounts.models import User
from council.audit.models import AuditEvent
from council.conftest import PASSWORD, make_user
from council.dedup.models import AccountMerge, MergeStatus
from council.dedup.services.merge import account_merge
from council.dedup.tests.conftest import ROW_FACTORIES, Scene, every_row
from council.hours.models import HoursEntry, VolunteerCount
from council.hours.services.rollups import rollup_rows, rollups_rebuild


def _relations(
    model: type[models.Model],
) -> list[tuple[type[models.Model], models.Field[Any, Any]]]:
    """Every foreign key and one-to-one field pointing at `model`, hidden ones and the
    tables of many-to-many fields included (written here again, apart from the app's own
    council.dedup.relations, so that the test does not trust what it tests)."""
    found = []
    for rel in model._meta._get_fields(forward=False, reverse=True, include_hidden=True):
        if rel.many_to_many or not rel.related_model._meta.managed:
            continue
        found.append((rel.related_model, rel.field))
    return found


def _pointing_at_people() -> dict[str, tuple[type[models.Model], models.Field[Any, Any]]]:
    """label → relation, for relations to people and to rows whose key is a person."""
    relations = _relations(get_user_model())
    for model, field in list(relations):
        if field.primary_key:
            relations += _relations(model)
    return {f"{model._meta.label_lower}.{field.name}": (model, field) for model, field in relations}


def _rows_of(pk: int) -> dict[str, int]:
    return {
        label: model._base_manager.filter(**{field.attname: pk}).count()
        for label, (model, field) in _pointing_at_people().items()
    }


def test_every_relation_to_people_is_covered(db: Any) -> None:
    """A model that starts pointing at people needs a row factory in conftest.py and a look
    at how the merge moves it (a policy in council/dedup/services/moves.py when a unique
    constraint includes the person)."""
    assert set(_pointing_at_people()) == set(ROW_FACTORIES)


@pytest.fixture
def merged(kazakhstan: Any) -> User:
    return make_user("aigerim.s@example.org", kazakhstan, given_name="Aigerim")


@pytest.fixture
def survivor(kazakhstan: Any) -> User:
    """An account made by an import: no password yet, never signed in, no name in Latin."""
    user = make_user("aigerim@mail.kz", kazakhstan, given_name="Айгерим", family_name="Сарсен")
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


def test_a_merge_moves_every_kind_of_row(
    scene: Scene,
    survivor: User,
    merged: User,
    secretariat: User,
    mailbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    every_row(scene, merged)
    before = _rows_of(merged.pk)
    assert all(before.values()), [label for label, count in before.items() if not count]

    with django_capture_on_commit_callbacks(execute=True):
        merge = account_merge(survivor=survivor, merged=merged, actor=secretariat)

    left = {label: count for label, count in _rows_of(merged.pk).items() if count}
    assert left == {}
    after = _rows_of(survivor.pk)
    # Every kind of row is now the survivor's (the merged profile was folded into the
    # survivor's, whose own rows are there).
    assert [label for label, count in after.items() if not count] == []
    assert after["hours.hoursentry.volunteer"] == before["hours.hoursentry.volunteer"]
    assert after["projects.application.volunteer"] == before["projects.application.volunteer"]
    assert after["hours.certificate.volunteer"] == before["hours.certificate.volunteer"]
    # Audit history: events about the merged account are the survivor's; the one event left
    # on the old id says where it went.
    on_old = AuditEvent.objects.filter(target_type="accounts.user", target_id=str(merged.pk))
    assert list(on_old.values_list("action", flat=True)) == ["account.merged_away"]
    assert AuditEvent.objects.get(action="account.merged").target_id == str(survivor.pk)
    assert merge.counts["moved"]["hours.hoursentry.volunteer"] == 1
    # The old row is a tombstone.
    merged.refresh_from_db()
    assert not merged.is_active and not merged.has_usable_password()
    assert merged.email == f"merged-{merged.pk}@merged.invalid"
    assert merge.status == MergeStatus.DONE and merge.merged_email == "aigerim.s@example.org"
    # The survivor took what it lacked; the person is told at both addresses.
    survivor.refresh_from_db()
    assert survivor.given_name == "Айгерим" and survivor.has_usable_password()
    assert sorted(m.to[0] for m in mailbox) == ["aigerim.s@example.org", "aigerim@mail.kz"]
    assert mailbox[0].subject == "Your two accounts are now one"
    assert "either address" in mailbox[0].body and "aigerim.s@example.org" in mailbox[0].body


def test_hours_rollups_equal_a_recount_after_a_merge(
    scene: Scene, survivor: User, merged: User, secretariat: User
) -> None:
    """Both accounts worked on the same project in the same month: the person is counted
    once afterwards, as a recount counts them."""
    for person in (survivor, merged):
        ROW_FACTORIES["hours.hoursentry.volunteer"](scene, person)
    assert max(VolunteerCount.objects.values_list("volunteers", flat=True)) == 2

    account_merge(survivor=survivor, merged=merged, actor=secretariat)

    assert HoursEntry.objects.filter(volunteer=survivor).count() == 2
    assert max(VolunteerCount.objects.values_list("volunteers", flat=True)) == 1
    assert rollup_rows() == (rollups_rebuild() and rollup_rows())


def _sign_in(email: str) -> int | None:
    client = Client()
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    user_id = client.session.get("_auth_user_id")
    return int(user_id) if user_id else None


def test_both_addresses_sign_in_to_the_survivor(
    survivor: User, merged: User, secretariat: User
) -> None:
    account_merge(survivor=survivor, merged=merged, actor=secretariat)

    assert _sign_in("aigerim@mail.kz") == survivor.pk
    assert _sign_in("Aigerim.S@example.org") == survivor.pk
    secondary = EmailAddress.objects.get(email="aigerim.s@example.org")
    assert secondary.user_id == survivor.pk and secondary.verified and not secondary.primary


def test_an_earlier_merge_leads_on(
    survivor: User, merged: User, secretariat: User, kazakhstan: Any
) -> None:
    """Merging an account that others were merged into carries those merges along."""
    third = make_user("third@example.org", kazakhstan)
    account_merge(survivor=merged, merged=third, actor=secretariat)
    account_merge(survivor=survivor, merged=merged, actor=secretariat)

    assert sorted(
        AccountMerge.objects.filter(survivor=survivor).values_list("merged_email", flat=True)
    ) == [
        "aigerim.s@example.org",
        "third@example.org",
    ]
    assert _sign_in("third@example.org") == survivor.pk


def test_the_sweep_moves_what_a_late_request_wrote_for_the_old_account(
    scene: Scene, survivor: User, merged: User, secretariat: User
) -> None:
    """A request under way while the merge ran (it waited for the merge's locks) may still
    write for the old account; the nightly job's sweep moves it on."""
    from council.dedup.services.merge import account_merges_sweep

    account_merge(survivor=survivor, merged=merged, actor=secretariat)
    late = ROW_FACTORIES["projects.application.volunteer"](scene, merged)
    ROW_FACTORIES["volunteers.languageskill.profile"](scene, merged)

    assert account_merges_sweep() >= 2

    late.refresh_from_db()
    assert late.volunteer_id == survivor.pk
    assert {label: n for label, n in _rows_of(merged.pk).items() if n} == {}
    assert AuditEvent.objects.filter(action="account_merge.swept").exists()
    assert account_merges_sweep() == 0
