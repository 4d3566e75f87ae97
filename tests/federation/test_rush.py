"""A cross-node rush (issue 21): 200 volunteers of two nodes apply at once for the 50 seats of
one shift of the Russian node — 100 Russians on the Russian node, 100 Kazakhs from the Kazakh
node — while the Russian node's link is cut halfway and restored. Exactly 50 are confirmed,
the rest waitlisted, and nothing is lost or sent twice: every Kazakh application that waited
in the outbox arrives once the node's secretariat sends what waited."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from council.demo.nodes import NodePair
from council.demo.seed_federation import email_of, volunteer_email
from tests.federation.client import NodeClient
from tests.federation.test_journey import query

FEDERATION_SEED = {"volunteers": 100, "seats": 50}
PEOPLE = 100

SESSIONS = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from council.accounts.models import User
store = import_module(settings.SESSION_ENGINE).SessionStore
result = {"cookie": settings.SESSION_COOKIE_NAME, "sessions": {}}
for user in User.objects.filter(email__in=%r):
    session = store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    result["sessions"][user.email] = session.session_key
"""

RU_SHIFT = """
from council.projects.models import Shift
shift = Shift.objects.filter(opportunity__origin_node="", capacity=50).order_by("-start")[0]
result = {"shift": shift.pk, "opportunity": shift.opportunity_id}
"""

KZ_COPY = """
from council.projects.models import Shift
shift = Shift.objects.get(origin_node="ru", origin_key="%s")
result = {"shift": shift.pk, "opportunity": shift.opportunity_id}
"""

RU_COUNTS = """
from django.db.models import Count
from council.projects.models import Application
rows = Application.objects.filter(shift_id=%d).values("status", "volunteer__home_node")
result = [
    [row["status"], row["volunteer__home_node"], row["n"]]
    for row in rows.annotate(n=Count("pk")).order_by()
]
"""

PEER_RU = """
from council.federation.models import Peer
result = Peer.objects.get(node_id="ru").pk
"""

KZ_COUNTS = """
from django.db.models import Count
from council.federation.models import OutboxMessage
from council.projects.models import Application
rows = Application.objects.filter(shift_id=%d).values("status").annotate(n=Count("pk"))
result = {
    "statuses": {row["status"]: row["n"] for row in rows.order_by()},
    "waiting": OutboxMessage.objects.filter(state="pending").count(),
    "refused": OutboxMessage.objects.filter(state="refused").count(),
}
"""


def signed_in(node: Any, emails: list[str]) -> list[NodeClient]:
    """A session per person, made on the node itself (the rush is about seats, not about
    200 password checks)."""
    made = query(node, SESSIONS % (emails,))
    clients = []
    for email in emails:
        person = NodeClient(node, language="en")
        person.session.cookies.set(made["cookie"], made["sessions"][email])
        clients.append(person)
    return clients


def test_two_hundred_people_of_two_nodes_rush_fifty_seats(
    peered_nodes: NodePair, client: Any
) -> None:
    ru, kz = peered_nodes.ru, peered_nodes.kz
    kz.run("federation_pull")
    target = query(ru, RU_SHIFT)
    copy = query(kz, KZ_COPY % target["shift"])
    russians = signed_in(ru, [volunteer_email("ru", n) for n in range(1, PEOPLE + 1)])
    kazakhs = signed_in(kz, [volunteer_email("kz", n) for n in range(1, PEOPLE + 1)])
    for person in (*russians, *kazakhs):
        person.csrf_token("/")
        # No kept-alive connection waits through the barrier: gunicorn closes idle ones after
        # two seconds, and a POST sent on a closed one is not retried.
        person.session.close()

    start = threading.Barrier(2 * PEOPLE)
    kazakh_answers: list[int] = []
    halfway = threading.Event()
    lock = threading.Lock()

    def apply_at_home(person: NodeClient) -> int:
        start.wait()
        return person.post(
            f"/opportunities/{target['opportunity']}/apply/",
            {"shift": target["shift"]},
            allow_redirects=False,
        ).status_code

    def apply_from_kazakhstan(person: NodeClient) -> int:
        start.wait()
        status = person.post(
            f"/federation/apply/{copy['opportunity']}/",
            {"shift": copy["shift"], "confirm": "1"},
            allow_redirects=False,
            timeout=120,
        ).status_code
        with lock:
            kazakh_answers.append(status)
            if len(kazakh_answers) == PEOPLE // 2:
                halfway.set()
        return status

    def cut_halfway() -> None:
        halfway.wait(timeout=300)
        ru.link.cut()

    cutter = threading.Thread(target=cut_halfway)
    cutter.start()
    with ThreadPoolExecutor(max_workers=2 * PEOPLE) as pool:
        futures = [pool.submit(apply_at_home, person) for person in russians]
        futures += [pool.submit(apply_from_kazakhstan, person) for person in kazakhs]
        answers = [future.result() for future in futures]
    cutter.join()
    # Every application was taken by its person's node (a redirect to "my applications").
    assert answers.count(302) == 2 * PEOPLE, answers
    cut = query(kz, KZ_COUNTS % copy["shift"])
    assert cut["statuses"].get("sent", 0) == cut["waiting"] > 0

    # The link is back; the Kazakh secretariat sends what waited.
    ru.link.restore()
    desk = client(kz, "en")
    desk.login(email_of("kz", "secretariat"))
    peer = query(kz, PEER_RU)
    sent = desk.post(f"/federation/peers/{peer}/send-now/", allow_redirects=False, timeout=600)
    assert sent.status_code == 302
    kz.run("federation_deliver")

    owner = {(status, home): n for status, home, n in query(ru, RU_COUNTS % target["shift"])}
    assert sum(owner.values()) == 2 * PEOPLE
    assert owner.get(("confirmed", ""), 0) + owner.get(("confirmed", "kz"), 0) == 50
    assert owner.get(("waitlisted", ""), 0) + owner.get(("waitlisted", "kz"), 0) == 150
    assert owner.get(("waitlisted", "kz"), 0) + owner.get(("confirmed", "kz"), 0) == PEOPLE
    home = query(kz, KZ_COUNTS % copy["shift"])
    assert home["waiting"] == home["refused"] == 0
    expected = {
        "confirmed": owner.get(("confirmed", "kz"), 0),
        "waitlisted": owner.get(("waitlisted", "kz"), 0),
    }
    assert home["statuses"] == {status: n for status, n in expected.items() if n}
