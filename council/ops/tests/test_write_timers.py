"""`manage.py write_timers`: the committed systemd units follow the registry."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from council.ops import systemd
from council.ops.jobs import JOBS, Job

COMMITTED = Path(settings.BASE_DIR) / "deploy" / "systemd"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    directory = tmp_path / "systemd"
    shutil.copytree(COMMITTED, directory)
    return directory


def test_the_committed_units_match_the_registry(capsys: Any) -> None:
    call_command("write_timers", "--check")
    assert "match the registry" in capsys.readouterr().out
    timers = sorted(path.name for path in COMMITTED.glob("council-job@*.timer"))
    assert timers == sorted(f"council-job@{job.name}.timer" for job in JOBS)


def test_the_units_run_the_job_on_its_calendar() -> None:
    service = (COMMITTED / "council-job@.service").read_text()
    for line in (
        "Type=oneshot",
        "ExecStart=/srv/council/venv/bin/python manage.py run_job %i",
        "User=council",
        "TimeoutStartSec=25min",
        "WorkingDirectory=/srv/council/app",
        "EnvironmentFile=/etc/council/council.env",
    ):
        assert f"\n{line}\n" in service
    daily = (COMMITTED / "council-job@close_expired_agreements.timer").read_text()
    assert "\nOnCalendar=*-*-* 00:10:00 UTC\nPersistent=true\nRandomizedDelaySec=5min\n" in daily
    often = (COMMITTED / "council-job@send_shift_reminders.timer").read_text()
    assert "\nOnCalendar=*:0/5\nPersistent=true\n\n" in often


def test_check_fails_after_an_edit_and_writing_mends_it(copy: Path) -> None:
    timer = copy / "council-job@send_shift_reminders.timer"
    timer.write_text(timer.read_text().replace("*:0/5", "*:0/10"))
    (copy / "council-job@retired_job.timer").write_text("[Timer]\n")
    with pytest.raises(CommandError) as error:
        call_command("write_timers", "--check", "--directory", copy)
    assert "council-job@send_shift_reminders.timer, council-job@retired_job.timer" in str(
        error.value
    )
    call_command("write_timers", "--directory", copy)
    call_command("write_timers", "--check", "--directory", copy)
    assert not (copy / "council-job@retired_job.timer").exists()
    assert "OnCalendar=*:0/5\n" in timer.read_text()


def test_a_job_added_to_the_registry_gets_its_timer(copy: Path, monkeypatch: Any) -> None:
    reindex = Job(
        "search_reindex",
        timedelta(days=1),
        "*-*-* 02:30:00 UTC",
        "Keep 100% of it.",
        lease=timedelta(hours=6),
    )
    monkeypatch.setattr(systemd, "JOBS", (*JOBS, reindex))
    with pytest.raises(CommandError, match=r"council-job@search_reindex\.timer"):
        call_command("write_timers", "--check", "--directory", copy)
    call_command("write_timers", "--directory", copy)
    timer = (copy / "council-job@search_reindex.timer").read_text()
    assert (
        "\nDescription=Volunteer Council periodic job search_reindex: Keep 100%% of it.\n" in timer
    )
    assert "\nOnCalendar=*-*-* 02:30:00 UTC\n" in timer
    timeout = copy / "council-job@search_reindex.service.d" / "timeout.conf"
    assert timeout.read_text().endswith("\n[Service]\nTimeoutStartSec=300min\n")

    monkeypatch.setattr(systemd, "JOBS", JOBS)
    call_command("write_timers", "--directory", copy)
    assert not (copy / "council-job@search_reindex.timer").exists()
    assert not timeout.parent.exists()
    call_command("write_timers", "--check", "--directory", copy)
