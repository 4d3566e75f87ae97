"""The council's work over the API, under the rules of the pages: councils side by side,
agreements (drafts for the secretariat), the joint plan as each person may read it, and the
status of a commitment for its owners."""

# The council fixture is imported from the cooperation tests; pytest passes it in by name.
# ruff: noqa: F811

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client

from council.api.tests.conftest import assert_problem, bearer, fields_of, key_for
from council.api.tests.conftest import post_json as post
from council.cooperation.services.agreements import agreement_create
from council.cooperation.services.plan import commitment_create
from council.cooperation.tests.conftest import council, signed_agreement  # noqa: F401

API = "/api/v1"


def test_councils_agreements_and_the_plan(
    client: Client,
    council: Any,
    secretariat: Any,
    ru_network: Any,
    kz_network: Any,
    ru_coordinator: Any,
    outsider: Any,
) -> None:
    signed = signed_agreement(
        council, secretariat, [ru_network, kz_network], ends_on=date(2029, 1, 1)
    )
    draft = agreement_create(
        actor=secretariat, council=council, parties=[ru_network, kz_network], title_en="Draft"
    )
    ours = commitment_create(
        actor=secretariat,
        council=council,
        owners=[ru_network],
        title_en="Ours",
        due_on=date(2020, 1, 1),
    )
    commitment_create(actor=secretariat, council=council, owners=[kz_network], title_en="Theirs")

    detail = client.get(f"{API}/councils/{council.pk}").json()
    sides = {side["country"]: side for side in detail["countries"]}
    assert set(sides) == {"RU", "KZ"}
    assert sides["RU"]["commitments"] == {"total": 1, "done": 0, "late": 1}
    assert detail["agreements"] == [signed.pk]

    public = client.get(f"{API}/councils/{council.pk}/agreements").json()
    assert [row["id"] for row in public] == [signed.pk]
    assert public[0]["signatories"][0]["position"] == "Chair"
    # The plain names still read in the request's language; each language as stored beside.
    assert public[0]["signatories"][0]["positions"] == {"ru": "", "kk": "", "en": "Chair"}
    assert public[0]["signed_at"] == "Omsk"
    assert public[0]["signed_at_texts"] == {"ru": "", "kk": "", "en": "Omsk"}
    keeper = key_for(secretariat)
    listed = client.get(f"{API}/councils/{council.pk}/agreements", headers=bearer(keeper)).json()
    assert {row["id"] for row in listed} == {signed.pk, draft.pk}
    assert_problem(client.get(f"{API}/agreements/{draft.pk}"), 404)

    everything = client.get(f"{API}/councils/{council.pk}/plan", headers=bearer(keeper)).json()
    assert {row["title"] for row in everything} == {"Ours", "Theirs"}
    russian = key_for(ru_coordinator)
    own = client.get(f"{API}/councils/{council.pk}/plan", headers=bearer(russian)).json()
    assert [(row["title"], row["late"]) for row in own] == [("Ours", True)]
    nothing = client.get(f"{API}/councils/{council.pk}/plan", headers=bearer(key_for(outsider)))
    assert nothing.json() == []

    bad = post(client, f"{API}/commitments/{ours.pk}/status", {"status": "finished"}, russian)
    assert "status" in str(fields_of(assert_problem(bad, 422)))
    moved = post(client, f"{API}/commitments/{ours.pk}/status", {"status": "done"}, russian)
    assert (moved.json()["status"], moved.json()["late"]) == ("done", False)
    assert_problem(
        post(
            client, f"{API}/commitments/{ours.pk}/status", {"status": "planned"}, key_for(outsider)
        ),
        404,
    )


def test_applying_to_exchanges_and_assignments(
    client: Client,
    council: Any,
    secretariat: Any,
    ru_network: Any,
    kz_network: Any,
    russia: Any,
    kazakhstan: Any,
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from council.conftest import make_user
    from council.deployments import services as deployments
    from council.deployments.tests.conftest import draft_assignment
    from council.exchanges import services as exchanges
    from council.exchanges.tests.conftest import exchange_dates

    today = timezone.localdate()
    exchange = exchanges.exchange_create(
        actor=secretariat,
        council=council,
        title_en="Exchange",
        **exchange_dates(today, 60, 70),
    )
    for network, country in ((ru_network, russia), (kz_network, kazakhstan)):
        exchanges.country_add(
            actor=secretariat, exchange=exchange, country=country, quota=5, network=network
        )
        exchanges.panel_member_add(
            actor=secretariat,
            exchange=exchange,
            person=make_user(f"panel.{country.pk}@example.org", country),
        )
    exchanges.criterion_add(actor=secretariat, exchange=exchange, names={"en": "Motivation"})
    assert client.get(f"{API}/exchanges").json() == []  # not open yet
    exchanges.exchange_open(actor=secretariat, exchange=exchange)
    listed = client.get(f"{API}/exchanges").json()
    assert [(row["id"], row["quotas"]) for row in listed] == [(exchange.pk, {"KZ": 5, "RU": 5})]
    person = make_user("applicant@example.org", kazakhstan)
    key = key_for(person)
    refused = post(client, f"{API}/exchanges/{exchange.pk}/applications", {"motivation": "Me"}, key)
    assert "cross_border_consent" in fields_of(assert_problem(refused, 422))
    applied = post(
        client,
        f"{API}/exchanges/{exchange.pk}/applications",
        {"motivation": "Me", "cross_border_consent": True},
        key,
    )
    assert (applied.status_code, applied.json()["status"]) == (201, "submitted")

    assignment = draft_assignment(
        secretariat,
        council,
        kz_network,
        (russia, "Moscow"),
        title_en="Youth officer",
        starts_on=today + timedelta(days=90),
    )
    assert_problem(client.get(f"{API}/assignments/{assignment.pk}"), 404)  # a draft
    deployments.assignment_open(actor=secretariat, assignment=assignment)
    assert [row["id"] for row in client.get(f"{API}/assignments").json()] == [assignment.pk]
    outside = post(client, f"{API}/assignments/{assignment.pk}/candidacies", {}, key)
    messages = [error["message"] for error in assert_problem(outside, 422)["errors"]]
    assert messages == ["Only volunteers in the talent pool can be candidates."]
    deployments.pool_join(person=person, available_from=today)
    joined = post(client, f"{API}/assignments/{assignment.pk}/candidacies", {}, key)
    assert (joined.status_code, joined.json()["status"]) == (201, "candidate")
