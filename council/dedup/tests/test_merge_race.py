"""Merges under real concurrency on PostgreSQL: two coordinators merging one pair in opposite
directions at once make one merge, never two half-merges, and never deadlock; a merge and an
application for the same shift at once leave one live application."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from council.accounts.models import User
from council.conftest import make_user
from council.dedup.models import AccountMerge, MergeStatus
from council.dedup.services.merge import account_merge, account_merges_sweep
from council.dedup.tests.conftest import Scene
from council.projects.models import LIVE_STATUSES, Application
from council.projects.services.applications import application_submit
from council.projects.tests.conftest import adult


@pytest.fixture
def postgres_only(transactional_db: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency are tested on PostgreSQL")


def _at_once(*actions: Callable[[], Any]) -> list[Any]:
    """Run the actions in threads released together; their results or the errors raised."""
    barrier = threading.Barrier(len(actions))
    results: list[Any] = [None] * len(actions)

    def run(index: int, action: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = action()
        except ValidationError as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_merges_of_one_pair_in_opposite_directions(
    postgres_only: None, kazakhstan: Any, secretariat: User
) -> None:
    one = make_user("one@example.org", kazakhstan)
    two = make_user("two@example.org", kazakhstan)

    results = _at_once(
        lambda: account_merge(survivor=one, merged=two, actor=secretariat),
        lambda: account_merge(survivor=two, merged=one, actor=secretariat),
    )

    done = [result for result in results if isinstance(result, AccountMerge)]
    refused = [result for result in results if isinstance(result, ValidationError)]
    assert len(done) == 1 and len(refused) == 1
    assert "no longer an active account" in refused[0].messages[0]
    assert AccountMerge.objects.filter(status=MergeStatus.DONE).count() == 1
    assert User.objects.filter(pk__in=[one.pk, two.pk], is_active=True).count() == 1


@pytest.mark.parametrize("repeat", range(3))
def test_a_merge_and_an_application_from_the_old_account_at_once(
    postgres_only: None, scene: Scene, kazakhstan: Any, secretariat: User, repeat: int
) -> None:
    """Whichever comes first, after the nightly sweep the person holds one live place and
    nothing points at the old account."""
    one = adult(make_user("one@example.org", kazakhstan))
    two = adult(make_user("two@example.org", kazakhstan))
    shift = scene.opportunity.shifts.filter(start__gt=scene.shift.end).get()
    application_submit(volunteer=one, opportunity=scene.opportunity, shift=shift)

    def apply() -> Any:
        return application_submit(volunteer=two, opportunity=scene.opportunity, shift=shift)

    _at_once(lambda: account_merge(survivor=one, merged=two, actor=secretariat), apply)
    account_merges_sweep()

    assert not User.objects.get(pk=two.pk).is_active
    assert not Application.objects.filter(volunteer=two).exists()
    live = Application.objects.filter(shift=shift, status__in=LIVE_STATUSES)
    assert list(live.values_list("volunteer_id", flat=True)) == [one.pk]
