"""The load scenario of `make load` (bench/load.py): a realistic mix of people on the site.

Run by bench/load.py, headless, against the two web nodes behind nginx; it reads the fixture
the runner made (LOAD_FIXTURE: the load volunteers' sessions, the staff's sessions, the
opportunities and the forum) and appends what the clients saw to LOAD_OUTCOMES (JSON lines:
every apply and registration with what the page said afterwards, and every failed request
with its start time, which the runner sets against the moments a node was stopped or
PgBouncer restarted). LOAD_PEOPLE ("first:last") is the slice of the load volunteers this run
may use. Never imported by the Django test suite (gevent patches the standard
library when locust is imported).

The mix, by user class (weights are locust's share of the simulated people; each waits 1–4 s
between actions, a person reading the page):

- Visitor, weight 50, anonymous: the home page 3, the search page 3, a search with words
  and filters 3, an opportunity's page 3, a forum's page 1.
- Volunteer, weight 35: a volunteer arriving signed in (a session made beforehand; a new
  person each visit): the search page, an opportunity's page, apply for one of the load
  opportunities' shifts (five seats each: most end on the waiting list), and two visits in
  five the forum's page and a registration for its open quota.
- Organiser, weight 8, the organisation's admin: an opportunity's applicant list 3, the
  opportunity's page 2, the organisation's report 1.
- Dashboards, weight 5: the secretariat's council dashboard 2, the open statistics 1, the
  national coordinator's network dashboard 1.
- SignIn, two people whatever the total (fixed_count): the sign-in form and a real sign-in
  (allauth, the password hashed) every 15 s each, 8 a minute: under nginx's 30 a minute per
  address and allauth's own limits, which hold here as in production.

Request names are the kinds reported (per kind p50/p95/p99, CPU): "home", "search",
"search words+filters", "opportunity", "forum", "apply", "register", "applicants",
"organiser opportunity", "organisation report", "council dashboard", "statistics",
"network dashboard", "sign-in form", "sign in".

LOAD_ONLY=<kind> with the user class OneKind runs that single kind, for its CPU per request.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import secrets
import time
from typing import Any

from locust import HttpUser, between, constant_pacing, events, task

FIXTURE: dict[str, Any] = json.loads(open(os.environ["LOAD_FIXTURE"]).read())  # noqa: SIM115
OUTCOMES = open(os.environ["LOAD_OUTCOMES"], "a", buffering=1)  # noqa: SIM115 (line-buffered)
CA = os.environ.get("LOAD_CA") or False
# The load volunteers of this run (LOAD_PEOPLE "first:last"): each run of the runner gets
# people of its own, who have applied and registered for nothing yet.
_FIRST, _, _LAST = os.environ.get("LOAD_PEOPLE", "0:").partition(":")
PEOPLE = iter(FIXTURE["people"][int(_FIRST or 0) : int(_LAST) if _LAST else None])
SIGN_INS = itertools.cycle(FIXTURE["sign_ins"] or [""])
OPPORTUNITIES = {int(pk): shifts for pk, shifts in FIXTURE["opportunities"].items()}
SEEN_TEXTS = {
    "apply": {
        "Your place is confirmed.": "confirmed",
        "All places are taken: you are on the waiting list.": "waitlisted",
        "Your application has been sent to the organiser.": "pending",
    },
    "register": {
        "Your seat is confirmed.": "confirmed",
        "All seats are taken: you are on the waiting list.": "waitlisted",
    },
}


def record(**fields: Any) -> None:
    OUTCOMES.write(json.dumps(fields) + "\n")


@events.request.add_listener
def on_request(
    request_type: str,
    name: str,
    response_time: float,
    exception: BaseException | None,
    start_time: float | None = None,
    response: Any = None,
    **_: Any,
) -> None:
    if exception is None:
        return
    status = getattr(response, "status_code", 0) or 0
    record(
        type="failure",
        kind=name,
        method=request_type,
        status=status,
        at=start_time or time.time() - response_time / 1000,
        error=str(exception)[:200],
    )


class Person(HttpUser):
    """A browser: the site's certificate, English, and CSRF as Django expects over HTTPS."""

    abstract = True
    wait_time = between(1, 4)

    def on_start(self) -> None:
        self.client.verify = CA
        self.client.headers["Accept-Language"] = "en"

    def become(self, session_key: str) -> None:
        """Arrive as the person of this session (a fresh browser: only its cookies)."""
        self.client.cookies.clear()
        if session_key:
            self.client.cookies.set("sessionid", session_key)
        self.csrf = secrets.token_hex(16)  # Django's CSRF token: 32 alphanumeric characters
        self.client.cookies.set("csrftoken", self.csrf)

    def post(self, path: str, name: str, data: dict[str, str] | None = None) -> Any:
        """A form post as a browser sends it (the same-origin Referer Django checks), the
        redirect followed to the page that says how it went."""
        headers = {"Referer": self.host + path, "Origin": self.host}
        form = {"csrfmiddlewaretoken": self.csrf, **(data or {})}
        return self.client.post(path, data=form, headers=headers, name=name)

    def search_words(self) -> None:
        params = {
            "q": random.choice(FIXTURE["words"]),
            "country": random.choice(["KZ", "RU", ""]),
            "cause": random.choice(FIXTURE["causes"]),
            "date_from": time.strftime("%Y-%m-%d"),
        }
        self.client.get("/search/", params=params, name="search words+filters")


class Visitor(Person):
    weight = 50

    def on_start(self) -> None:
        super().on_start()
        self.become("")

    @task(3)
    def home(self) -> None:
        self.client.get("/", name="home")

    @task(3)
    def search(self) -> None:
        self.client.get("/search/", name="search")

    @task(3)
    def search_with_filters(self) -> None:
        self.search_words()

    @task(3)
    def opportunity(self) -> None:
        pk = random.choice(FIXTURE["other_opportunities"] + list(OPPORTUNITIES))
        self.client.get(f"/opportunities/{pk}/", name="opportunity")

    @task(1)
    def forum(self) -> None:
        pk = random.choice([FIXTURE["forum"], *FIXTURE["other_forums"]])
        self.client.get(f"/forums/{pk}/", name="forum")


def next_person() -> tuple[int, str] | None:
    try:
        person, session = next(PEOPLE)
    except StopIteration:  # every prepared volunteer has had their turn
        return None
    return int(person), str(session)


class Volunteer(Person):
    weight = 35

    def apply(self, person: int) -> None:
        opportunity = random.choice(list(OPPORTUNITIES))
        shift = random.choice(OPPORTUNITIES[opportunity])
        response = self.post(f"/opportunities/{opportunity}/apply/", "apply", {"shift": str(shift)})
        record(
            type="seen",
            kind="apply",
            person=person,
            target=shift,
            seen=seen(response, "apply"),
            at=time.time(),
        )

    def register(self, person: int) -> None:
        forum = FIXTURE["forum"]
        response = self.post(f"/forums/{forum}/register/", "register")
        record(
            type="seen",
            kind="register",
            person=person,
            target=forum,
            seen=seen(response, "register"),
            at=time.time(),
        )

    @task
    def visit(self) -> None:
        arriving = next_person()
        if arriving is None:
            self.wait()
            return
        person, session = arriving
        self.become(session)
        self.client.get("/search/", name="search")
        opportunity = random.choice(list(OPPORTUNITIES))
        self.client.get(f"/opportunities/{opportunity}/", name="opportunity")
        self.wait()
        self.apply(person)
        if random.random() < 0.4:
            self.wait()
            self.client.get(f"/forums/{FIXTURE['forum']}/", name="forum")
            self.register(person)


def seen(response: Any, kind: str) -> str:
    """What the page after the post said ("" when it said none of the outcomes)."""
    if response.status_code != 200:
        return ""
    text = response.text
    return next((status for said, status in SEEN_TEXTS[kind].items() if said in text), "")


class Organiser(Person):
    weight = 8

    def on_start(self) -> None:
        super().on_start()
        self.become(FIXTURE["organiser"])

    @task(3)
    def applicants(self) -> None:
        pk = random.choice(list(OPPORTUNITIES))
        self.client.get(f"/opportunities/{pk}/applications/", name="applicants")

    @task(2)
    def opportunity(self) -> None:
        pk = random.choice(list(OPPORTUNITIES))
        self.client.get(f"/opportunities/{pk}/", name="organiser opportunity")

    @task(1)
    def report(self) -> None:
        self.client.get(f"/reports/orgs/{FIXTURE['organisation']}/", name="organisation report")


class Dashboards(Person):
    weight = 5

    def on_start(self) -> None:
        super().on_start()
        self.become(FIXTURE["secretariat"])

    @task(2)
    def council(self) -> None:
        self.become(FIXTURE["secretariat"])
        self.client.get("/reports/", name="council dashboard")

    @task(1)
    def statistics(self) -> None:
        self.become("")
        self.client.get("/statistics/", name="statistics")

    @task(1)
    def network(self) -> None:
        if FIXTURE["coordinator"] and FIXTURE["network"]:
            self.become(FIXTURE["coordinator"])
            self.client.get(f"/reports/networks/{FIXTURE['network']}/", name="network dashboard")


class SignIn(Person):
    fixed_count = 2
    wait_time = constant_pacing(15)

    @task
    def sign_in(self) -> None:
        email = next(SIGN_INS)
        if not email:
            return
        self.client.cookies.clear()
        page = self.client.get("/accounts/login/", name="sign-in form")
        token = self.client.cookies.get("csrftoken", "")
        self.csrf = token
        with self.client.post(
            "/accounts/login/",
            data={"csrfmiddlewaretoken": token, "login": email, "password": FIXTURE["password"]},
            headers={"Referer": page.url, "Origin": self.host},
            name="sign in",
            catch_response=True,
        ) as response:
            if "/accounts/login/" in response.url:
                response.failure("still on the sign-in page")


# --- One kind at a time (LOAD_ONLY), for the CPU each kind costs --------------------------------


def _one_kind(user: Any) -> None:
    kind = os.environ["LOAD_ONLY"]
    if kind in {"apply", "register"}:
        arriving = next_person()
        if arriving is None:
            return
        person, session = arriving
        user.become(session)
        (Volunteer.apply if kind == "apply" else Volunteer.register)(user, person)
    elif kind == "sign in":
        SignIn.sign_in(user)
        time.sleep(5)  # within nginx's and allauth's limits per address
    else:
        simple = {
            "home": (Visitor.home, ""),
            "search": (Visitor.search, ""),
            "search words+filters": (Visitor.search_with_filters, ""),
            "opportunity": (Visitor.opportunity, ""),
            "forum": (Visitor.forum, ""),
            "applicants": (Organiser.applicants, "organiser"),
            "organisation report": (Organiser.report, "organiser"),
            "council dashboard": (Dashboards.council, "secretariat"),
        }
        action, who = simple[kind]
        user.become(FIXTURE[who] if who else "")
        action(user)


class OneKind(Person):
    """Only LOAD_ONLY's kind, as often as the server answers (no reading time)."""

    wait_time = constant_pacing(0)
    tasks = [_one_kind]
