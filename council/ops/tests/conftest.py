"""Fixtures of the ops tests: a shift 20 hours ahead with a confirmed volunteer, so that
`send_shift_reminders` has exactly one reminder to mail; and what the platform's JSON log
handler writes during a test."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone
from pythonjsonlogger.json import JsonFormatter

from council.conftest import make_user
from council.ops.observability import context
from council.ops.observability.context import LogContextFilter
from council.projects.models import Shift
from council.projects.services.applications import application_submit
from council.projects.tests.conftest import adult, make_opportunity, make_project

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


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


class JsonLines:
    """What the platform's JSON log handler (settings.LOGGING's "json" formatter and its
    context filter) writes during a test, one dict per line."""

    def __init__(self, stream: io.StringIO) -> None:
        self.stream = stream

    def all(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.stream.getvalue().splitlines() if line]

    def saying(self, text: str) -> list[dict[str, Any]]:
        return [line for line in self.all() if text in line["message"]]


@pytest.fixture
def json_log() -> Iterator[JsonLines]:
    options = {k: v for k, v in settings.LOGGING["formatters"]["json"].items() if k != "()"}
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter(**options))
    handler.addFilter(LogContextFilter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    # A test before this one in the same worker may have left a request's context behind (a
    # streamed response that the test never read to its end is never closed, so Django never
    # sends request_finished); a server always closes it. Each test starts outside any request.
    outside = context.current.set(context.LogContext())
    try:
        yield JsonLines(stream)
    finally:
        context.current.reset(outside)
        root.removeHandler(handler)
        root.setLevel(level)
