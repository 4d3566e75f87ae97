"""Fixtures of the periodic jobs: a shift 20 hours ahead with a confirmed volunteer, so that
`send_shift_reminders` has exactly one reminder to mail."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from council.conftest import make_user
from council.projects.models import Shift
from council.projects.services.applications import application_submit
from council.projects.tests.conftest import adult, make_opportunity, make_project


def shift_tomorrow(org: Any, kazakhstan: Any) -> Shift:
    """A shift 20 hours ahead with one confirmed volunteer, not reminded yet."""
    opportunity = make_opportunity(make_project(org))
    shift = opportunity.shifts.get()
    volunteer = adult(make_user("reminded@example.org", kazakhstan))
    application_submit(volunteer=volunteer, opportunity=opportunity, shift=shift)
    Shift.objects.filter(pk=shift.pk).update(
        start=timezone.now() + timedelta(hours=20), end=timezone.now() + timedelta(hours=24)
    )
    return shift


@pytest.fixture
def tomorrow(org: Any, kazakhstan: Any) -> Shift:
    return shift_tomorrow(org, kazakhstan)
