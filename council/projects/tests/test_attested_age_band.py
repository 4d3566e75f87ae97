"""Eligibility of a person known by the age band their home node attested (no date of
birth here): the band's youngest age stands in for the age."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from council.conftest import make_user
from council.projects.services.applications import eligibility_problems
from council.volunteers.models import VolunteerProfile


@pytest.mark.parametrize(
    ("band", "min_age", "restricted", "eligible"),
    [
        ("adult", 18, "", True),
        ("adult", 55, "", False),
        ("silver", 55, "", True),
        ("14_17", 14, "", True),
        ("14_17", 16, "", False),
        ("14_17", 0, "hazardous", False),
        ("under_14", 1, "", False),
    ],
)
def test_the_band_stands_in_for_the_age(
    opportunity: Any, kazakhstan: Any, band: str, min_age: int, restricted: str, eligible: bool
) -> None:
    person = make_user("remote@kz.node.invalid", kazakhstan)
    profile = VolunteerProfile.objects.create(user=person, attested_age_band=band)
    opportunity.min_age = min_age
    opportunity.restricted_category = restricted

    problems = eligibility_problems(
        volunteer=person, profile=profile, opportunity=opportunity, on=timezone.localdate()
    )

    assert (problems == []) is eligible


def test_without_date_of_birth_or_band_the_person_is_asked_for_it(
    opportunity: Any, kazakhstan: Any
) -> None:
    person = make_user("local@example.org", kazakhstan)
    profile = VolunteerProfile.objects.create(user=person)
    opportunity.min_age = 16

    problems = eligibility_problems(
        volunteer=person, profile=profile, opportunity=opportunity, on=timezone.localdate()
    )

    assert problems == ["Add your date of birth to your volunteer profile first."]
