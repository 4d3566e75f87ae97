"""Reads of one place's reference and rating (council/hours/reference_models.py)."""

from __future__ import annotations

from council.hours.models import ExperienceRating, Reference
from council.projects.models import Application


def reference_of(*, application: Application) -> Reference | None:
    return Reference.objects.filter(application=application).first()


def rating_of(*, application: Application) -> ExperienceRating | None:
    return ExperienceRating.objects.filter(application=application).first()
