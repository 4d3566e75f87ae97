"""A hand-computed world for the reports (every figure the tests expect is worked out here).

2026, verified unless said otherwise; wages: RU 400 RUB/h, KZ 2,000 KZT/h (country averages);
stated rates: 1 RUB = 0.011 USD, 1 KZT = 0.002 USD.

Russia — Moscow Volunteer Centre (region Moscow), project "Reading club" (cause education;
targets 4.6 and 11.7; joint: the Astana centre is a partner):
  r1 (born 1960, silver) 2 h on 10 March and 3 h on 2 April;
  r2 (born 2010, 14–17) 2 h on 10 March, and 4 h on 11 March in paid work time;
  r3–r6 (born 1995, adults) 2 h each on 10 March;
  a submitted 9 h entry of r3 (not counted).
  → 6 people, 15 h (March 12, April 3), paid work time 4 h, 6,000 RUB ≈ 66.00 USD.
Kazakhstan — Astana Volunteer Centre (region Astana), project "First aid" (cause health;
target 3.4):
  k1 (born 2015, under 14), k2 and k3 (no date of birth) 5 h each on 15 March;
  a rejected 7 h entry of k1 (not counted).
  → 3 people, 15 h, 30,000 KZT ≈ 60.00 USD.
Joint plan: the Russian network's commitment due 1 June is done; the Kazakh network's due
1 February is still planned (late).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from council.conftest import make_org, make_user
from council.cooperation.models import Commitment, CommitmentStatus, Council, CouncilMember
from council.hours.models import ExchangeRate, HoursEntry, WageRate
from council.hours.services.entries import hours_reject, hours_verify
from council.hours.tests.conftest import volunteer_entry
from council.orgs.models import Membership, MembershipRole
from council.projects.services.index import project_refresh
from council.projects.tests.conftest import make_project
from council.reference.models import Cause, Region, SdgGoal, SdgTarget
from council.volunteers.models import VolunteerProfile


def log_hours(
    volunteer: Any,
    project: Any,
    day: date,
    hours: str,
    *,
    actor: Any,
    description: str = "Work",
    opportunity: Any = None,
    shift: Any = None,
    during_paid_work: bool = False,
) -> HoursEntry:
    """A volunteer's entry of hours on a project (submitted: verify it to count)."""
    return volunteer_entry(
        volunteer,
        project,
        day,
        Decimal(hours),
        description,
        actor=actor,
        during_paid_work=during_paid_work,
        opportunity=opportunity,
        shift=shift,
    )


@pytest.fixture
def export_on_page(client: Any, django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Ask for an export on the page (the background task runs at once)."""

    def post(**data: str) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/reports/exports/", data)

    return post


@pytest.fixture
def export_over_api(client: Any, django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Ask for an export over the API (the background task runs at once)."""

    def post(**body: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/api/v1/reports/exports", body, content_type="application/json")

    return post


def _goal(number: int, name: str, colour: str, target: str, title: str) -> SdgTarget:
    goal, _ = SdgGoal.objects.update_or_create(
        number=number, defaults={"short_name_en": name, "colour": colour}
    )
    made, _ = SdgTarget.objects.update_or_create(
        code=target,
        defaults={"goal": goal, "position": int(target.split(".")[1]), "title_en": title},
    )
    return made


@pytest.fixture
def world(
    russia: Any,
    kazakhstan: Any,
    ru_network: Any,
    kz_network: Any,
    org: Any,
    org_admin: Any,
    ru_coordinator: Any,
    kz_coordinator: Any,
) -> dict[str, Any]:
    moscow = Region.objects.create(country=russia, name_en="Moscow", code="RU-MOW")
    astana = Region.objects.create(country=kazakhstan, name_en="Astana", code="KZ-71")
    org.region = astana
    org.save(update_fields=["region"])
    ru_org = make_org("Moscow Volunteer Centre", russia, parent=ru_network, region=moscow)
    ru_admin = make_user("admin.ru@example.org", russia, given_name="Pavel")
    Membership.objects.create(organisation=ru_org, user=ru_admin, role=MembershipRole.ADMIN)
    health = _goal(3, "Good health", "#4C9F38", "3.4", "Non-communicable diseases")
    literacy = _goal(4, "Quality education", "#C5192D", "4.6", "Literacy")
    heritage = _goal(11, "Sustainable cities", "#FD9D24", "11.7", "Public spaces")
    health_cause, _ = Cause.objects.update_or_create(slug="health", defaults={"name_en": "Health"})
    education, _ = Cause.objects.update_or_create(
        slug="education", defaults={"name_en": "Education"}
    )
    reading = make_project(ru_org, title_en="Reading club")
    reading.partners.set([org])
    project_refresh(project=reading)
    reading.causes.set([education])
    reading.sdg_targets.set([literacy, heritage])
    first_aid = make_project(org, title_en="First aid")
    first_aid.causes.set([health_cause])
    first_aid.sdg_targets.set([health])
    for country, currency, rate in (("RU", "RUB", "400"), ("KZ", "KZT", "2000")):
        WageRate.objects.create(
            country_id=country,
            year=2026,
            currency=currency,
            hourly_rate=Decimal(rate),
            source=f"Demo wage table {country} 2026",
        )
    for currency, rate in (("RUB", "0.011"), ("KZT", "0.002")):
        ExchangeRate.objects.create(
            currency=currency,
            to_currency="USD",
            rate=Decimal(rate),
            as_of=date(2026, 1, 1),
            source="Illustrative rate for the tests",
        )
    births = {
        "r1": date(1960, 1, 1),
        "r2": date(2010, 1, 1),
        "r3": date(1995, 1, 1),
        "r4": date(1995, 1, 1),
        "r5": date(1995, 1, 1),
        "r6": date(1995, 1, 1),
        "k1": date(2015, 1, 1),
    }
    people = {}
    for name in ["r1", "r2", "r3", "r4", "r5", "r6", "k1", "k2", "k3"]:
        country = russia if name.startswith("r") else kazakhstan
        people[name] = make_user(f"{name}@example.org", country, given_name=name)
        if name in births:
            VolunteerProfile.objects.create(user=people[name], date_of_birth=births[name])

    def work(name: str, project: Any, day: date, hours: str, paid: bool = False) -> HoursEntry:
        person = people[name]
        return log_hours(person, project, day, hours, actor=person, during_paid_work=paid)

    verified = [
        work("r1", reading, date(2026, 3, 10), "2"),
        work("r1", reading, date(2026, 4, 2), "3"),
        work("r2", reading, date(2026, 3, 10), "2"),
        work("r2", reading, date(2026, 3, 11), "4", paid=True),
        *[work(f"r{n}", reading, date(2026, 3, 10), "2") for n in range(3, 7)],
    ]
    for entry in verified:
        hours_verify(actor=ru_admin, entry=entry)
    work("r3", reading, date(2026, 3, 12), "9")  # submitted: not counted
    for name in ("k1", "k2", "k3"):
        hours_verify(actor=org_admin, entry=work(name, first_aid, date(2026, 3, 15), "5"))
    hours_reject(actor=org_admin, entry=work("k1", first_aid, date(2026, 3, 16), "7"), reason="No")
    council = Council.objects.create(name="Volunteer Council")
    for network in (ru_network, kz_network):
        CouncilMember.objects.create(council=council, organisation=network)
    done = Commitment.objects.create(
        council=council, title="Exchange", due_on=date(2026, 6, 1), status=CommitmentStatus.DONE
    )
    done.owners.set([ru_network])
    late = Commitment.objects.create(
        council=council, title="Forum", due_on=date(2026, 2, 1), status=CommitmentStatus.PLANNED
    )
    late.owners.set([kz_network])
    return {
        "ru_org": ru_org,
        "ru_admin": ru_admin,
        "moscow": moscow,
        "astana": astana,
        "people": people,
        "reading": reading,
        "first_aid": first_aid,
    }
