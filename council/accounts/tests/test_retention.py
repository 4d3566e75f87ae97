"""Accounts nobody uses: warned in their language, erased a warning period later with the
aggregates kept, and kept when the person signs in again (council.accounts.retention)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from council.accounts.models import User
from council.accounts.retention import retention_sweep
from council.audit.models import AuditEvent
from council.conftest import make_user
from council.ops.jobs import JOBS

YEAR = timedelta(days=365)


def unused(user: User, *, years: float = 3.5) -> User:
    """The person last signed in `years` ago."""
    User.objects.filter(pk=user.pk).update(
        last_login=timezone.now() - years * YEAR, date_joined=timezone.now() - 5 * YEAR
    )
    user.refresh_from_db()
    return user


@pytest.fixture
def sleeper(kazakhstan: Any) -> User:
    return unused(
        make_user("sleeper@example.kz", kazakhstan, given_name="Дана", preferred_language="kk")
    )


def test_an_unused_account_is_warned_in_its_language_then_erased(
    sleeper: User, volunteer: User, mailbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        swept = retention_sweep()
    assert (swept.warned, swept.erased) == (1, 0)  # the active volunteer is left alone
    sleeper.refresh_from_db()
    assert sleeper.retention_warned_at is not None and sleeper.erased_at is None
    [message] = mailbox
    assert message.to == ["sleeper@example.kz"]
    assert "Дана" in message.body and "/accounts/login/" in message.body
    assert "өшіріледі" in message.subject  # Kazakh: "will be erased"

    # Swept again the next day: nothing new, no second mail.
    mailbox.clear()
    later = timezone.now() + timedelta(days=1)
    assert (retention_sweep(now=later).warned, retention_sweep(now=later).erased) == (0, 0)
    assert mailbox == []

    # The warning period over and still unused: erased, as the person's own erasure does.
    swept = retention_sweep(now=timezone.now() + timedelta(days=31))
    assert swept.erased == 1
    sleeper.refresh_from_db()
    assert sleeper.erased_at is not None and not sleeper.is_active
    assert sleeper.given_name == "" and sleeper.email.endswith("@erased.invalid")
    assert AuditEvent.objects.filter(action="user.erased_unused", target_id=str(sleeper.pk))
    volunteer.refresh_from_db()
    assert volunteer.erased_at is None


def test_signing_in_after_the_warning_keeps_the_account(sleeper: User) -> None:
    retention_sweep()
    sleeper.refresh_from_db()
    User.objects.filter(pk=sleeper.pk).update(last_login=timezone.now() + timedelta(minutes=1))
    swept = retention_sweep(now=timezone.now() + timedelta(days=31))
    assert (swept.kept, swept.erased) == (1, 0)
    sleeper.refresh_from_db()
    assert sleeper.erased_at is None and sleeper.retention_warned_at is None


def test_staff_the_secretariat_other_nodes_people_and_recent_accounts_are_not_swept(
    kazakhstan: Any, russia: Any
) -> None:
    staff = unused(make_user("staff@example.org", russia, is_staff=True))
    secretariat = unused(make_user("sec@example.org", russia, is_secretariat=True))
    remote = unused(make_user("psn_x@ru.node.invalid", russia))
    User.objects.filter(pk=remote.pk).update(home_node="ru", is_active=False)
    recent = unused(make_user("recent@example.kz", kazakhstan), years=2.5)
    never = make_user("never@example.kz", kazakhstan)
    User.objects.filter(pk=never.pk).update(last_login=None, date_joined=timezone.now() - YEAR)
    assert retention_sweep().warned == 0
    for user in (staff, secretariat, remote, recent, never):
        user.refresh_from_db()
        assert user.retention_warned_at is None


def test_zero_years_keeps_every_account(sleeper: User, settings: Any) -> None:
    settings.ACCOUNT_RETENTION_YEARS = 0
    assert retention_sweep().warned == 0


def test_the_daily_job_runs_it(sleeper: User) -> None:
    assert "retention_sweep" in {job.name for job in JOBS}
    out = StringIO()
    call_command("retention_sweep", stdout=out)
    assert "Accounts warned or erased: 1." in out.getvalue()
