"""A hand-computed Russian node for the aggregates' tests (every figure expected is worked out
here). The node runs with NODE_COUNTRY "RU", NODE_ID "ru"; wages: 400 RUB/h in 2025 and 2026.

Moscow Volunteer Centre (region Moscow, RU-MOW), project "Reading club" (target 4.6):
  r1–r6 2 h each on 10 March 2026 (r1 also 5 h on 1 June 2025);
  x1, a volunteer of the Kazakh node (a remote account, home_node "kz"), 3 h on 11 March 2026:
  work done here, so it counts here;
  a submitted 9 h entry of r2 (not counted), 4 h of r3 in paid work time (not counted).
  → 2026: 7 people, 15 h; all time: 7 people, 20 h.
Tver Centre (region Tver, RU-TVE), project "Tver garden" (target 3.4):
  t1, t2 4 h each on 1 April 2026. → 2 people, 8 h.
Not counted here (the Kazakh node's): p1's 6 h that came home from Kazakhstan (origin
"peer:kz") on the Reading club; r1's 5 h on the Kazakh node's mirrored project.
→ 2026: 9 people, 23 h, 9,200 RUB; all time: 9 people, 28 h, 11,200 RUB.
Regions: Moscow 7, Tver 2 → Tver hidden, and Moscow with it (it would give Tver away).
Goals: 4 (7 people, 15 h in 2026) shown, 3 (2 people) hidden.
Catalogue: 2 organisations, 2 projects, 1 open opportunity, 1 forum (the mirrored copies of
the Kazakh node's are not ours); 9 registered volunteers (r1–r6, t1, t2, p1; not x1).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from council.conftest import make_member, make_org, make_user
from council.cooperation.models import Council, CouncilMember
from council.federation.models import Peer, PeerStatus
from council.forums.models import Forum
from council.hours.models import EntrySource, EntryStatus, HoursEntry, WageRate
from council.hours.services.entries import hours_verify, volunteer_entry
from council.orgs.models import MembershipRole, OrganisationKind
from council.projects.tests.conftest import make_opportunity, make_project
from council.reference.models import Region, SdgGoal, SdgTarget
from council.volunteers.models import VolunteerProfile


def _target(number: int, colour: str, code: str) -> SdgTarget:
    goal, _ = SdgGoal.objects.update_or_create(
        number=number, defaults={"short_name_en": f"Goal {number}", "colour": colour}
    )
    target, _ = SdgTarget.objects.update_or_create(
        code=code, defaults={"goal": goal, "position": 1, "title_en": code}
    )
    return target


def _worked(person: Any, project: Any, day: date, hours: str, verifier: Any, **kw: Any) -> Any:
    entry = volunteer_entry(person, project, day, Decimal(hours), "Work", actor=person, **kw)
    hours_verify(actor=verifier, entry=entry)
    return entry


@pytest.fixture
def node(settings: Any) -> None:
    settings.NODE_COUNTRY = "RU"
    settings.NODE_ID = "ru"


@pytest.fixture
def world(node: None, russia: Any, kazakhstan: Any, astana: Any) -> dict[str, Any]:
    from council.forums.tests.conftest import make_forum

    moscow = Region.objects.create(country=russia, name_en="Moscow", code="RU-MOW")
    tver = Region.objects.create(country=russia, name_en="Tver", code="RU-TVE")
    for year in (2025, 2026):
        WageRate.objects.create(
            country_id="RU", year=year, currency="RUB", hourly_rate=Decimal("400"), source="Test"
        )
    reading_target, garden_target = _target(4, "#C5192D", "4.6"), _target(3, "#4C9F38", "3.4")
    centre = make_org("Moscow Volunteer Centre", russia, region=moscow)
    tver_centre = make_org("Tver Centre", russia, region=tver)
    admin = make_member("admin.ru@example.org", russia, centre, MembershipRole.ADMIN, "Pavel")
    tver_admin = make_member(
        "admin.tver@example.org", russia, tver_centre, MembershipRole.ADMIN, "Olga"
    )
    reading = make_project(centre, title_en="Reading club")
    reading.sdg_targets.set([reading_target])
    garden = make_project(tver_centre, title_en="Tver garden")
    garden.sdg_targets.set([garden_target])
    make_opportunity(reading)
    held = make_forum(centre, astana)
    Forum.objects.filter(pk=held.pk).update(starts_on=date(2026, 5, 20), ends_on=date(2026, 5, 22))
    # The Kazakh node's catalogue, mirrored here: not our figures.
    mirror_org = make_org("Astana Volunteer Centre", kazakhstan, origin_node="kz", origin_key="1")
    mirror_project = make_project(
        mirror_org, title_en="First aid", origin_node="kz", origin_key="2"
    )
    make_opportunity(mirror_project, origin_node="kz", origin_key="3")
    make_forum(mirror_org, astana, origin_node="kz", origin_key="4")

    people: dict[str, Any] = {}
    for name in ["r1", "r2", "r3", "r4", "r5", "r6", "t1", "t2", "p1", "x1"]:
        people[name] = make_user(
            f"{name}@example.org",
            kazakhstan if name == "x1" else russia,
            given_name=name,
            home_node="kz" if name == "x1" else "",
        )
        VolunteerProfile.objects.create(user=people[name])
    for n in range(1, 7):
        _worked(people[f"r{n}"], reading, date(2026, 3, 10), "2", admin)
    _worked(people["r1"], reading, date(2025, 6, 1), "5", admin)
    _worked(people["x1"], reading, date(2026, 3, 11), "3", admin)
    _worked(people["r3"], reading, date(2026, 3, 12), "4", admin, during_paid_work=True)
    volunteer_entry(
        people["r2"], reading, date(2026, 3, 13), Decimal("9"), "Not yet", actor=people["r2"]
    )
    for name in ("t1", "t2"):
        _worked(people[name], garden, date(2026, 4, 1), "4", tver_admin)
    # Hours worked on the Kazakh node, come home signed: the Kazakh node counts them.
    HoursEntry.objects.create(
        volunteer=people["p1"],
        organisation=centre,
        project=reading,
        country=kazakhstan,
        date=date(2026, 3, 14),
        hours=Decimal("6"),
        source=EntrySource.IMPORTED,
        origin="peer:kz",
        external_id="55",
        status=EntryStatus.VERIFIED,
        value=Decimal("12000"),
        currency="KZT",
    )
    HoursEntry.objects.create(
        volunteer=people["r1"],
        organisation=mirror_org,
        project=mirror_project,
        country=kazakhstan,
        date=date(2026, 3, 15),
        hours=Decimal("5"),
        source=EntrySource.IMPORTED,
        status=EntryStatus.VERIFIED,
    )
    return {
        "centre": centre,
        "reading": reading,
        "admin": admin,
        "people": people,
        "moscow": moscow,
        "tver": tver,
    }


@pytest.fixture
def kz_peer(kazakhstan: Any) -> Peer:
    return Peer.objects.create(
        node_id="kz",
        country=kazakhstan,
        names={"en": "Kazakh node", "ru": "Казахстанский узел", "kk": "Қазақстан торабы"},
        url="https://kz.example.org",
        status=PeerStatus.LIVE,
    )


@pytest.fixture
def council_secretariat(russia: Any) -> Any:
    return make_user("secretariat@example.org", russia, is_secretariat=True)


@pytest.fixture
def council_with_networks(russia: Any, kazakhstan: Any) -> dict[str, Any]:
    """The council of two national networks, with each network's coordinator."""
    council = Council.objects.create(name="Volunteer Council")
    coordinators = {}
    for country, email in ((russia, "coordinator.ru"), (kazakhstan, "coordinator.kz")):
        network = make_org(
            f"Network {country.code}", country, kind=OrganisationKind.NATIONAL_NETWORK
        )
        CouncilMember.objects.create(council=council, organisation=network)
        coordinators[country.code] = make_member(
            f"{email}@example.org", country, network, MembershipRole.COORDINATOR, "Irina"
        )
    return coordinators
