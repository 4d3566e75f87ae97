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
