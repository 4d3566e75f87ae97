"""Helpers shared by the demo tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from typing import Any

from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from council.accounts.models import Consent, User
from council.demo.catalogue import ORGANISATIONS
from council.demo.personas import PERSONAS
from council.orgs.models import Membership, Organisation
from council.projects.models import Application, Opportunity, Project, Shift
from council.reference.models import City, Country, Region
from council.volunteers.models import LanguageSkill, VolunteerProfile

TABLES = (
    User,
    EmailAddress,
    Consent,
    Organisation,
    Membership,
    Country,
    Region,
    City,
    VolunteerProfile,
    LanguageSkill,
    Project,
    Opportunity,
    Shift,
    Application,
)
# The opportunity's search and matching fields that `opportunity_refresh` writes.
DENORMALISED_FIELDS = (
    "country_id",
    "region_id",
    "latitude",
    "longitude",
    "timezone",
    "first_start",
    "last_end",
    "is_published",
    "match_signals",
)
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


def seed(*args: str, **options: Any) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, **options)
    return out.getvalue()


def assert_seeding_again_creates_nothing() -> None:
    """A second seed_demo creates nothing, and the first made every persona and organisation."""
    first = counts()
    assert seed().startswith("Demo data: nothing new")
    assert counts() == first
    assert first["User"] == len(PERSONAS)
    assert first["Organisation"] == len(ORGANISATIONS)


@contextmanager
def kept_for_module(blocker: Any) -> Iterator[None]:
    """Data made once for a test module: each test runs in a savepoint inside this
    transaction, which is rolled back at the end of the module."""
    with (
        blocker.unblock(),
        transaction.atomic(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER, LANGUAGE_CODE="en"),
    ):
        yield
        transaction.set_rollback(True)
