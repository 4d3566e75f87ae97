"""The registry of periodic jobs (council/ops/jobs.py) against the commands and systemd."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime
from itertools import pairwise

import pytest
from django.core.management import get_commands

from council.ops.jobs import DAILY, JOBS


def test_every_job_is_a_management_command() -> None:
    commands = get_commands()
    assert [job.name for job in JOBS if job.name not in commands] == []
    assert len({job.name for job in JOBS}) == len(JOBS)


def test_a_time_of_day_is_written_in_utc() -> None:
    assert [
        job.name for job in JOBS if job.every >= DAILY and not job.calendar.endswith(" UTC")
    ] == []


SYSTEMD_ANALYZE = shutil.which("systemd-analyze")


@pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="needs systemd-analyze")
def test_each_calendar_fires_once_per_period() -> None:
    assert SYSTEMD_ANALYZE is not None
    for job in JOBS:
        out = subprocess.run(  # noqa: S603 (systemd's own tool, the registry's calendars)
            [SYSTEMD_ANALYZE, "calendar", "--iterations=3", job.calendar],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        elapses = [
            datetime.strptime(found, "%Y-%m-%d %H:%M:%S")
            for found in re.findall(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", out)
        ]
        assert len(elapses) == 3, out
        assert {later - earlier for earlier, later in pairwise(elapses)} == {job.every}, job.name
