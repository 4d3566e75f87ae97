"""The federation's journey on two live nodes (issue 21): a Kazakh volunteer, on the Kazakh
node, applies to a shift of the Russian node's catalogue; the Russian node confirms the seat
under its own lock; the Russian organiser checks the volunteer in and out at the desk, which
verifies the hours; the hours go home signed and appear in the volunteer's Kazakh record book.
Then the residency scan: the Russian node's database holds nothing of a Kazakh person who never
gave the cross-border consent, and of the traveller only what the consent allowed."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from council.demo.nodes import NodePair, NodeProcess
from council.demo.seed_federation import email_of, volunteer_email


def query(node: NodeProcess, code: str) -> Any:
    """Run `code` on the node (in `manage.py shell`); it sets `result`, printed as JSON."""
    script = textwrap.dedent(code) + "\nimport json as _json\nprint(_json.dumps(result))\n"
    output = node.run("shell", "-c", script)
    return json.loads(output.strip().splitlines()[-1])


MIRRORED_OPPORTUNITY = """
from council.projects.models import Opportunity
opportunity = Opportunity.objects.filter(origin_node="ru", is_published=True).order_by("pk")[0]
result = {
    "pk": opportunity.pk,
    "titles": [opportunity.title_ru, opportunity.title_kk, opportunity.title_en],
    "shifts": [shift.pk for shift in opportunity.shifts.order_by("start")],
}
"""

RU_APPLICATION = """
from council.projects.models import Application
application = Application.objects.select_related("volunteer").get(volunteer__home_node="kz")
result = {
    "pk": application.pk,
    "shift": application.shift_id,
    "status": application.status,
    "email": application.volunteer.email,
}
"""

KZ_HOURS = """
from council.hours.models import HoursEntry
result = [
    {"origin": entry.origin, "hours": str(entry.hours), "status": entry.status}
    for entry in HoursEntry.objects.filter(volunteer__email="%s")
]
"""

KZ_APPLICATION = """
from council.projects.models import Application
result = Application.objects.get(volunteer__email="%s").status
"""

KZ_APPLICATION_COUNT = """
from council.projects.models import Application
result = Application.objects.filter(volunteer__email="%s").count()
"""

SCAN = """
from council.federation.residency import scan_for
result = [list(map(str, hit)) for hit in scan_for(%r)]
"""

TRAVELLER = volunteer_email("kz", 1)
STAY_AT_HOME = volunteer_email("kz", 2)

KZ_PERSON = """
from council.accounts.models import User
user = User.objects.get(email="%s")
result = [user.email, user.given_name, user.family_name, user.given_name_latin,
          user.family_name_latin]
"""

WITHDRAW_CROSS_BORDER = """
from council.accounts.models import ConsentPurpose, User
from council.accounts.services import consent_withdraw
user = User.objects.get(email="%s")
consent_withdraw(user=user, purpose=ConsentPurpose.CROSS_BORDER)
result = True
"""


def test_a_kazakh_volunteer_works_a_russian_shift_and_the_hours_come_home(
    peered_nodes: NodePair, client: Any
) -> None:
    ru, kz = peered_nodes.ru, peered_nodes.kz
    # One Kazakh volunteer takes back the cross-border consent before anything happens.
    query(kz, WITHDRAW_CROSS_BORDER % STAY_AT_HOME)

    # The Kazakh node copies the Russian catalogue.
    kz.run("federation_pull")
    opportunity = query(kz, MIRRORED_OPPORTUNITY)
    soon = opportunity["shifts"][0]

    volunteer = client(kz, "en")
    volunteer.login(TRAVELLER)
    # The traveller keeps their email address at home (names, age band, languages and skills
    # go with an application; contact details only when the person agrees).
    kept = volunteer.post("/federation/me/sharing/", {})
    assert kept.status_code in (200, 302)
    page = volunteer.get(f"/opportunities/{opportunity['pk']}/")
    assert page.status_code == 200
    # The page is in the person's language (Kazakh), the copy marked with its home country.
    assert opportunity["titles"][1] in page.text
    assert "Ресей" in page.text

    # What will be sent is shown before anything leaves.
    confirm = volunteer.get(f"/federation/apply/{opportunity['pk']}/")
    assert confirm.status_code == 200
    answer = volunteer.post(
        f"/federation/apply/{opportunity['pk']}/", {"shift": soon, "confirm": "1"}
    )
    assert answer.status_code in (200, 302), answer.text[-2000:]
    kz.run("federation_deliver")

    owner_side = query(ru, RU_APPLICATION)
    assert owner_side["status"] == "confirmed"
    assert owner_side["email"].endswith("@kz.node.invalid")
    mine = volunteer.get("/me/applications/")
    assert opportunity["titles"][1] in mine.text
    assert query(kz, KZ_APPLICATION % TRAVELLER) == "confirmed"

    # The person who withdrew the consent cannot send anything.
    stay = client(kz, "en")
    stay.login(STAY_AT_HOME)
    refused = stay.post(f"/federation/apply/{opportunity['pk']}/", {"shift": soon, "confirm": "1"})
    assert refused.status_code == 400  # the form again, with the reason
    assert query(kz, KZ_APPLICATION_COUNT % STAY_AT_HOME) == 0

    # The Russian organiser checks the volunteer in and out at the desk.
    organiser = client(ru, "en")
    organiser.login(email_of("ru", "organiser"))
    shift = owner_side["shift"]
    for action in ("in", "out"):
        scanned = organiser.post(
            f"/hours/shifts/{shift}/scan/", {"action": action, "application": owner_side["pk"]}
        )
        assert scanned.status_code in (200, 302)

    # The verified hours go home, signed, and join the record book there.
    ru.run("federation_hours")
    ru.run("federation_deliver")
    entries = query(kz, KZ_HOURS % TRAVELLER)
    assert [(e["origin"], e["status"]) for e in entries] == [("peer:ru", "verified")]
    book = volunteer.get("/hours/record-book/")
    assert "Ресей" in book.text

    # Residency: nothing of the person without the consent on the Russian node; of the
    # traveller, not the email address they kept at home.
    stay_names = query(kz, KZ_PERSON % STAY_AT_HOME)
    assert query(ru, SCAN % (stay_names[1:],)) == []
    traveller = query(kz, KZ_PERSON % TRAVELLER)
    assert query(ru, SCAN % ([traveller[0]],)) == []


MIRRORED_FORUM = """
from council.forums.models import Forum, QuotaKind
forum = Forum.objects.get(origin_node="ru")
result = {
    "pk": forum.pk,
    "kz_quota": forum.quotas.get(kind=QuotaKind.COUNTRY, country_id="KZ").pk,
}
"""

KZ_REGISTRATION = """
from council.forums.models import Registration
result = [r.status for r in Registration.objects.filter(person__email="%s")]
"""

KZ_DELEGATION = """
from council.forums.models import Delegation, DelegationMember
delegation = Delegation.objects.get(forum_id=%d)
result = {
    "pk": delegation.pk,
    "members": {m.person.email: [m.pk, m.status] for m in DelegationMember.objects.filter(
        delegation=delegation)},
}
"""

RU_REGISTRATIONS = """
from council.audit.models import AuditEvent
from council.forums.models import Registration
result = {
    str(r.pk): [r.quota.kind, r.quota.country_id, r.status,
                AuditEvent.objects.filter(action="registration.delegation",
                                          target_id=str(r.pk)).exists()]
    for r in Registration.objects.filter(person__home_node="kz").select_related("quota")
}
"""


def test_kazakh_volunteers_go_to_a_russian_forum_alone_and_in_their_delegation(
    peered_nodes: NodePair, client: Any
) -> None:
    ru, kz = peered_nodes.ru, peered_nodes.kz
    kz.run("federation_pull")
    forum = query(kz, MIRRORED_FORUM)

    # One volunteer registers alone, from the forum's page on the Kazakh node.
    alone_email = volunteer_email("kz", 3)
    alone = client(kz, "kk")
    alone.login(alone_email)
    page = alone.get(f"/forums/{forum['pk']}/")
    assert f"/federation/forums/{forum['pk']}/register/" in page.text
    sent = alone.post(f"/federation/forums/{forum['pk']}/register/", {"confirm": "1"})
    assert sent.status_code in (200, 302), sent.text[-2000:]
    kz.run("federation_deliver")
    assert query(kz, KZ_REGISTRATION % alone_email) == ["confirmed"]

    # The Kazakh network forms the Kazakh delegation in the forum's quota for Kazakhstan,
    # and invites a volunteer, who accepts.
    network = client(kz, "en")
    network.login(email_of("kz", "secretariat"))
    formed = network.post(
        f"/forums/quotas/{forum['kz_quota']}/delegation/",
        {"email": email_of("kz", "secretariat")},
    )
    assert formed.status_code in (200, 302), formed.text[-2000:]
    delegation = query(kz, KZ_DELEGATION % forum["pk"])
    member_email = volunteer_email("kz", 4)
    invited = network.post(
        f"/forums/delegations/{delegation['pk']}/invite/", {"email": member_email}
    )
    assert invited.status_code in (200, 302)
    member_pk = query(kz, KZ_DELEGATION % forum["pk"])["members"][member_email][0]
    member = client(kz, "en")
    member.login(member_email)
    accepted = member.post(f"/forums/members/{member_pk}/respond/", {"answer": "accept"})
    assert accepted.status_code in (200, 302), accepted.text[-2000:]
    kz.run("federation_deliver")

    # The Russian node placed the member in Kazakhstan's quota, and the individual in the
    # open one; the Kazakh node shows the member confirmed by the host.
    owner_side = sorted(query(ru, RU_REGISTRATIONS).values())
    assert ["country", "KZ", "confirmed", True] in owner_side
    assert ["open", None, "confirmed", False] in owner_side
    members = query(kz, KZ_DELEGATION % forum["pk"])["members"]
    assert members[member_email][1] == "confirmed"
    # (The page is in the member's own language, Kazakh: "Confirmed by the host".)
    assert "Қабылдаушы ұйым растады" in member.get(f"/forums/{forum['pk']}/").text

    # The individual cancels from home; the Russian node frees the seat.
    registration = query(
        kz,
        "from council.forums.models import Registration\n"
        f"result = Registration.objects.get(person__email={alone_email!r}).pk",
    )
    cancelled = alone.post(f"/federation/registrations/{registration}/cancel/")
    assert cancelled.status_code in (200, 302)
    kz.run("federation_deliver")
    assert ["open", None, "cancelled", False] in sorted(query(ru, RU_REGISTRATIONS).values())
