"""`seed_demo --scale 500`, run once for the module (see helpers)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from io import StringIO
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from council.accounts.models import Consent, ConsentPurpose, User
from council.demo.activity import ActivityGenerator, Reference
from council.demo.personas import DEMO_PASSWORD
from council.demo.scale import Generator
from council.demo.tests.helpers import DENORMALISED_FIELDS, kept_for_module
from council.orgs.models import Membership, MembershipRole, Organisation
from council.projects.models import (
    LIVE_STATUSES,
    Application,
    ApplicationStatus,
    Opportunity,
    Project,
    Shift,
)
from council.projects.search_backend import opportunity_document
from council.projects.services.index import opportunity_refresh
from council.volunteers.models import ADULT_AGE, LanguageSkill, VolunteerProfile

pytestmark = pytest.mark.django_db

SCALE = "@scale.example"
N = 500


def scale(n: int) -> str:
    out = StringIO()
    call_command("seed_demo", scale=n, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def scaled(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    with kept_for_module(django_db_blocker):
        yield scale(N)


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


def activity_counts() -> dict[str, int]:
    return {
        "profiles": VolunteerProfile.objects.filter(user__email__endswith=SCALE).count(),
        "projects": Project.objects.filter(owner__email__endswith=SCALE).count(),
        "opportunities": Opportunity.objects.filter(project__owner__email__endswith=SCALE).count(),
        "shifts": Shift.objects.filter(opportunity__project__owner__email__endswith=SCALE).count(),
        "applications": Application.objects.filter(volunteer__email__endswith=SCALE).count(),
    }


def scalar(sql: str, params: list[Any] | None = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        row = cursor.fetchone()
    return int(row[0] or 0)


def rows_per_table(output: str) -> dict[str, int]:
    rows = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == "rows":
            rows[parts[0]] = int(parts[1].replace(",", ""))
    return rows


def test_scale_500_then_again_then_more(scaled: str) -> None:
    rows = rows_per_table(scaled)
    assert f"Scale data: {sum(rows.values()):,} rows" in scaled
    assert rows["accounts_user"] == 500 and rows["orgs_organisation"] == 10
    assert rows["projects_opportunity"] == activity_counts()["opportunities"] == 100
    assert rows["projects_application"] == activity_counts()["applications"]
    assert scale_counts() == {
        "users": 500,
        "consents": 500,
        "addresses": 500,
        "organisations": 10,
        "admins": 10,
    }
    before = activity_counts()
    assert "already present" in scale(N)
    assert scale_counts()["users"] == 500
    assert activity_counts() == before
    scale(600)
    assert scale_counts() == {
        "users": 600,
        "consents": 600,
        "addresses": 600,
        "organisations": 12,
        "admins": 12,
    }
    after = activity_counts()
    assert after["projects"] == 24 and after["opportunities"] == 120
    assert after["shifts"] > before["shifts"] and after["applications"] > before["applications"]


def test_scale_rows_are_realistic_and_usable(scaled: str) -> None:
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


def test_activity_is_in_proportion(scaled: str) -> None:
    counts = activity_counts()
    # Per million volunteers: 300k profiles, 40k projects, 200k opportunities, ~1M shifts,
    # ~5M applications.
    assert 0.2 * N <= counts["profiles"] <= 0.4 * N
    assert counts["projects"] == N // 25
    assert counts["opportunities"] == N // 5
    assert 0.8 * N <= counts["shifts"] <= 1.3 * N
    assert 3.5 * N <= counts["applications"] <= 7 * N
    statuses = dict(Application.objects.values_list("status").annotate(n=Count("pk")).order_by())
    assert statuses[ApplicationStatus.CONFIRMED] > statuses[ApplicationStatus.WITHDRAWN]
    assert statuses[ApplicationStatus.WITHDRAWN] > 0
    assert statuses[ApplicationStatus.WAITLISTED] > 0
    assert statuses[ApplicationStatus.PENDING] > 0
    assert LanguageSkill.objects.filter(profile__user__email__endswith=SCALE).exists()
    assert [p for p in Project.objects.filter(owner__email__endswith=SCALE) if p.is_joint]


def test_no_shift_over_capacity_and_no_second_live_application(scaled: str) -> None:
    over = scalar(
        "SELECT COUNT(*) FROM (SELECT s.id FROM projects_shift s "
        "JOIN projects_application a ON a.shift_id = s.id AND a.status = 'confirmed' "
        "GROUP BY s.id, s.capacity HAVING COUNT(*) > s.capacity) AS x"
    )
    assert over == 0
    over_pool = scalar(
        "SELECT COUNT(*) FROM (SELECT o.id FROM projects_opportunity o "
        "JOIN projects_application a ON a.opportunity_id = o.id AND a.shift_id IS NULL "
        "AND a.status = 'confirmed' GROUP BY o.id, o.capacity HAVING COUNT(*) > o.capacity) AS x"
    )
    assert over_pool == 0
    marks = ", ".join(["%s"] * len(LIVE_STATUSES))
    twice = scalar(
        "SELECT COUNT(*) FROM (SELECT volunteer_id, shift_id FROM projects_application "  # noqa: S608
        f"WHERE shift_id IS NOT NULL AND status IN ({marks}) "
        "GROUP BY volunteer_id, shift_id HAVING COUNT(*) > 1) AS x",
        list(LIVE_STATUSES),
    )
    assert twice == 0
    waiting_with_free_seats = scalar(
        "SELECT COUNT(*) FROM (SELECT s.id FROM projects_shift s "
        "JOIN projects_application a ON a.shift_id = s.id GROUP BY s.id, s.capacity "
        "HAVING SUM(CASE WHEN a.status = 'waitlisted' THEN 1 ELSE 0 END) > 0 "
        "AND SUM(CASE WHEN a.status = 'confirmed' THEN 1 ELSE 0 END) < s.capacity) AS x"
    )
    assert waiting_with_free_seats == 0


def test_applicants_are_eligible_and_applied_in_time(scaled: str) -> None:
    applications = Application.objects.filter(volunteer__email__endswith=SCALE).select_related(
        "opportunity__project", "shift", "volunteer__volunteer"
    )
    for application in applications:
        profile = application.volunteer.volunteer
        opportunity = application.opportunity
        assert opportunity.project.status in ("published", "completed")
        day = (application.shift.start if application.shift else application.created_at).date()
        age = profile.age(day)
        assert age is not None and age >= opportunity.min_age
        assert not (opportunity.restricted_category and age < ADULT_AGE)
        assert profile.medical_qualification or not opportunity.medical_required
        assert application.created_at >= application.volunteer.date_joined
        assert application.created_at >= opportunity.created_at
        if application.shift:
            assert application.created_at < application.shift.start
            assert application.shift.opportunity_id == opportunity.pk


def test_denormalised_fields_and_index_are_what_the_services_write(scaled: str) -> None:
    fields = DENORMALISED_FIELDS
    opportunities = Opportunity.objects.filter(
        project__owner__email__endswith=SCALE
    ).select_related("project__owner", "city")
    for opportunity in opportunities.order_by("pk")[:15]:
        before = {name: getattr(opportunity, name) for name in fields}
        assert before == {
            name: getattr(opportunity_refresh(opportunity=opportunity), name) for name in fields
        }
        title, body = opportunity_document(opportunity)
        assert indexed(opportunity.pk, title, body)


def indexed(pk: int, title: str, body: str) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT document = setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B') "
                "FROM projects_opportunity_search WHERE opportunity_id = %s",
                [title, body, pk],
            )
            row = cursor.fetchone()
            return bool(row and row[0])
        cursor.execute("SELECT title, body FROM projects_opportunity_search WHERE rowid = %s", [pk])
        return cursor.fetchone() == (title, body)


def test_generation_is_deterministic() -> None:
    anchor = datetime(2026, 1, 1, tzinfo=UTC)
    one, again, other = (Generator(seed=seed, anchor=anchor) for seed in (7, 7, 8))
    assert [one.volunteer(i)[2:] for i in range(1, 50)] == [
        again.volunteer(i)[2:] for i in range(1, 50)
    ]
    assert [one.volunteer(i)[2:] for i in range(1, 50)] != [
        other.volunteer(i)[2:] for i in range(1, 50)
    ]


def test_activity_generation_is_deterministic(scaled: str) -> None:
    anchor = datetime(2026, 1, 1, tzinfo=UTC)
    reference = Reference.load()
    one, again = (ActivityGenerator(Generator(seed=7, anchor=anchor), reference) for _ in range(2))
    assert [one.profile_facts(i) for i in range(1, 200)] == [
        again.profile_facts(i) for i in range(1, 200)
    ]
    assert [one.profile(i, i) for i in range(1, 50)] == [again.profile(i, i) for i in range(1, 50)]
