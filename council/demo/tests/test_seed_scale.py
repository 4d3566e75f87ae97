from __future__ import annotations

from datetime import UTC, datetime
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import call_command

from council.accounts.models import Consent, ConsentPurpose, User
from council.demo.personas import DEMO_PASSWORD
from council.demo.scale import Generator
from council.orgs.models import Membership, MembershipRole, Organisation

pytestmark = pytest.mark.django_db

SCALE = "@scale.example"


def scale(n: int) -> str:
    out = StringIO()
    call_command("seed_demo", scale=n, stdout=out)
    return out.getvalue()


def scale_counts() -> dict[str, int]:
    return {
        "users": User.objects.filter(email__endswith=SCALE).count(),
        "consents": Consent.objects.filter(
            user__email__endswith=SCALE,
            purpose=ConsentPurpose.PROCESSING,
            withdrawn_at__isnull=True,
        ).count(),
        "addresses": EmailAddress.objects.filter(email__endswith=SCALE, verified=True).count(),
        "organisations": Organisation.objects.filter(email__endswith=SCALE).count(),
        "admins": Membership.objects.filter(
            organisation__email__endswith=SCALE, role=MembershipRole.ADMIN
        ).count(),
    }


def test_scale_500_then_again_then_more() -> None:
    output = scale(500)
    assert "Scale data: 1,520 rows" in output
    assert scale_counts() == {
        "users": 500,
        "consents": 500,
        "addresses": 500,
        "organisations": 10,
        "admins": 10,
    }
    assert "already present" in scale(500)
    assert scale_counts()["users"] == 500
    scale(600)
    assert scale_counts() == {
        "users": 600,
        "consents": 600,
        "addresses": 600,
        "organisations": 12,
        "admins": 12,
    }


def test_scale_rows_are_realistic_and_usable() -> None:
    scale(500)
    users = User.objects.filter(email__endswith=SCALE)
    countries = dict.fromkeys(("RU", "KZ"), 0)
    for user in users:
        countries[user.home_country_id] += 1
        assert user.given_name and user.family_name and user.name_search
        assert user.given_name_latin.isascii() or user.home_country_id == "KZ"
        assert user.preferred_language in ("ru", "kk", "en")
    assert countries["RU"] > countries["KZ"] > 0
    assert users.values("password").distinct().count() == 1
    assert authenticate(email="v0000007@scale.example", password=DEMO_PASSWORD) is not None
    for organisation in Organisation.objects.filter(email__endswith=SCALE):
        admin = organisation.memberships.get().user
        assert admin.email.endswith(SCALE)
        assert organisation.created_by == admin
        assert organisation.city is not None
        assert organisation.city.country_id == organisation.country_id
        assert organisation.name_ru and organisation.name_kk and organisation.name_en


def test_generation_is_deterministic() -> None:
    anchor = datetime(2026, 1, 1, tzinfo=UTC)
    one, again, other = (Generator(seed=seed, anchor=anchor) for seed in (7, 7, 8))
    assert [one.volunteer(i)[2:] for i in range(1, 50)] == [
        again.volunteer(i)[2:] for i in range(1, 50)
    ]
    assert [one.volunteer(i)[2:] for i in range(1, 50)] != [
        other.volunteer(i)[2:] for i in range(1, 50)
    ]
