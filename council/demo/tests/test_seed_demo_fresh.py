"""seed_demo on an empty database (no module-wide data here)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management.base import CommandError

from council.accounts.models import User
from council.demo.tests.helpers import assert_seeding_again_creates_nothing, seed
from council.orgs.models import Organisation
from council.reference.models import City, Region

pytestmark = pytest.mark.django_db


def test_running_twice_creates_nothing_new() -> None:
    output = seed()
    assert "8 projects" in output and "23 opportunities" in output
    assert_seeding_again_creates_nothing()


def test_reference_rows_already_loaded_are_used(astana: City) -> None:
    # The conftest's Astana stands for what `load_reference` would have put there.
    seed()
    assert City.objects.get(geonames_id=1526273).region == astana.region
    assert Region.objects.filter(code="KZ-71").count() == 1
    assert (
        Organisation.objects.get(
            name_en="Ministry of Information and Social Development of the Republic of Kazakhstan"
        ).city
        == astana
    )


def test_refuses_production(settings: Any) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        seed()
    assert not User.objects.exists()
