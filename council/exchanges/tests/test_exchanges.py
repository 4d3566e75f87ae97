"""Exchanges with joint selection: applications, nominations by each national network,
scores of a panel from both countries, the ranking (mean, disagreements, the tie rule) and the
selection within each country's quota."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from council.conftest import make_user
from council.exchanges import services
from council.exchanges.models import ApplicationStatus, Exchange, ExchangeStatus
from council.exchanges.tests.conftest import exchange_dates
from council.forums.tests.test_registration import signed_in

TODAY = date(2026, 11, 22)


@pytest.fixture
def exchange(
    council: Any, secretariat: Any, ru_network: Any, kz_network: Any, russia: Any, kazakhstan: Any
) -> Exchange:
    exchange = services.exchange_create(
        actor=secretariat,
        council=council,
        title_en="Twenty from each country",
        **exchange_dates(TODAY, 100, 114),
    )
    services.country_add(
        actor=secretariat, exchange=exchange, country=russia, quota=1, network=ru_network
    )
    services.country_add(
        actor=secretariat, exchange=exchange, country=kazakhstan, quota=1, network=kz_network
    )
    for name in ("Motivation", "Experience"):
        services.criterion_add(actor=secretariat, exchange=exchange, names={"en": name})
    return exchange


@pytest.fixture
def panel(exchange: Exchange, secretariat: Any, russia: Any, kazakhstan: Any) -> dict[str, Any]:
    members = {
        "RU": make_user("panel.ru@example.org", russia),
        "KZ": make_user("panel.kz@example.org", kazakhstan),
    }
    for person in members.values():
        services.panel_member_add(actor=secretariat, exchange=exchange, person=person)
    return members


@dataclass
class Roles:
    """Who takes part in a call besides its candidates: the secretariat keeps it, each
    country's network coordinator nominates that country's candidates and each country's panel
    member scores them."""

    secretariat: Any
    networks: dict[str, Any]
    panel: dict[str, Any]


@pytest.fixture
def roles(
    secretariat: Any, ru_coordinator: Any, kz_coordinator: Any, panel: dict[str, Any]
) -> Roles:
    return Roles(secretariat, {"RU": ru_coordinator, "KZ": kz_coordinator}, panel)


def apply(exchange: Exchange, email: str, country: Any) -> Any:
    person = make_user(email, country)
    return services.application_submit(
        person=person,
        exchange=exchange,
        motivation="I run a volunteer centre.",
        cross_border_consent=True,
        today=TODAY,
    )


def score(exchange: Exchange, member: Any, application: Any, *values: int) -> None:
    criteria = list(exchange.criteria.order_by("pk"))
    services.scores_set(
        actor=member,
        application=application,
        values={criterion.pk: value for criterion, value in zip(criteria, values, strict=True)},
    )


def test_the_call_opens_only_when_it_is_complete(
    exchange: Exchange, secretariat: Any, russia: Any, kazakhstan: Any
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.exchange_open(actor=secretariat, exchange=exchange)
    assert caught.value.messages == ["The panel needs members from every country taking part."]
    services.panel_member_add(
        actor=secretariat, exchange=exchange, person=make_user("p1@example.org", russia)
    )
    with pytest.raises(ValidationError):
        services.exchange_open(actor=secretariat, exchange=exchange)
    services.panel_member_add(
        actor=secretariat, exchange=exchange, person=make_user("p2@example.org", kazakhstan)
    )
    services.exchange_open(actor=secretariat, exchange=exchange)
    with pytest.raises(ValidationError) as caught:
        services.criterion_add(actor=secretariat, exchange=exchange, names={"en": "Late"})
    assert caught.value.messages == [
        "The call is open: its countries, criteria and panel are fixed."
    ]


def test_joint_selection_ranks_by_the_mean_within_each_countrys_quota(
    exchange: Exchange,
    roles: Roles,
    russia: Any,
    kazakhstan: Any,
    mailbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    services.exchange_open(actor=roles.secretariat, exchange=exchange)
    with pytest.raises(ValidationError) as caught:
        services.application_submit(
            person=make_user("no.consent@example.org", russia),
            exchange=exchange,
            motivation="x",
            today=TODAY,
        )
    assert list(caught.value.message_dict) == ["cross_border_consent"]
    a1, a2, a3, a4 = (apply(exchange, f"a{n}@example.org", russia) for n in range(1, 5))
    b1, b2 = (apply(exchange, f"b{n}@example.org", kazakhstan) for n in range(1, 3))
    # Each network nominates its own country's candidates only.
    with pytest.raises(ValidationError):
        services.application_nominate(actor=roles.networks["KZ"], application=a1, nominate=True)
    for application in (a1, a2, a3, a4):
        services.application_nominate(
            actor=roles.networks["RU"], application=application, nominate=True
        )
    services.application_nominate(actor=roles.networks["KZ"], application=b1, nominate=True)
    services.application_nominate(actor=roles.networks["KZ"], application=b2, nominate=False)
    services.applications_close(actor=roles.secretariat, exchange=exchange)
    ru, kz = roles.panel["RU"], roles.panel["KZ"]
    score(exchange, ru, a1, 8, 8)  # 16
    score(exchange, kz, a1, 4, 4)  # 8: mean 12, the panel disagrees
    score(exchange, ru, a2, 6, 6)
    score(exchange, kz, a2, 6, 6)  # mean 12, agreed
    score(exchange, ru, a4, 6, 6)
    score(exchange, kz, a4, 6, 6)  # mean 12, agreed, applied after a2
    score(exchange, ru, a3, 5, 5)
    score(exchange, ru, b1, 7, 7)
    score(exchange, kz, b1, 7, 7)
    with pytest.raises(ValidationError) as caught:
        services.exchange_select(actor=roles.secretariat, exchange=exchange)
    assert caught.value.messages == [
        "1 nominated candidates still lack scores from the whole panel."
    ]
    score(exchange, kz, a3, 5, 5)
    with pytest.raises(ValidationError) as caught:
        score(exchange, kz, b2, 9, 9)
    assert caught.value.messages == ["Only nominated candidates are scored."]

    ranked = services.ranking(exchange=exchange)
    assert [(r.application, r.mean, r.spread, r.disagreement) for r in ranked["RU"]] == [
        (a2, Decimal("12.00"), 0, False),
        (a4, Decimal("12.00"), 0, False),
        (a1, Decimal("12.00"), 8, True),
        (a3, Decimal("10.00"), 0, False),
    ]
    assert [r.application for r in ranked["KZ"]] == [b1]

    with django_capture_on_commit_callbacks(execute=True):
        services.exchange_select(actor=roles.secretariat, exchange=exchange)
    statuses = {
        application.person.email: application.status
        for application in exchange.applications.select_related("person")
    }
    assert statuses == {
        "a2@example.org": ApplicationStatus.SELECTED,
        "a4@example.org": ApplicationStatus.RESERVE,
        "a1@example.org": ApplicationStatus.NOT_SELECTED,
        "a3@example.org": ApplicationStatus.NOT_SELECTED,
        "b1@example.org": ApplicationStatus.SELECTED,
        "b2@example.org": ApplicationStatus.NOT_NOMINATED,
    }
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.SELECTED
    subjects = {message.to[0]: message.subject for message in mailbox}
    assert subjects["a2@example.org"] == "You are selected for “Twenty from each country”"
    assert subjects["a4@example.org"].startswith("You are on the reserve list")
    assert "b2@example.org" not in subjects  # not nominated: told by the network, not here


def test_the_pages_keep_each_role_to_its_part(
    exchange: Exchange, roles: Roles, russia: Any, outsider: Any
) -> None:
    page = signed_in(outsider).get(f"/exchanges/{exchange.pk}/")
    assert page.status_code == 404  # still being prepared
    keeper = signed_in(roles.secretariat)
    keeper.post(f"/exchanges/{exchange.pk}/manage/open/")
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.OPEN
    volunteer = make_user("ivan@example.org", russia)
    person = signed_in(volunteer)
    refused = person.post(f"/exchanges/{exchange.pk}/apply/", {"motivation": "Me"}, follow=True)
    assert "agree to share your application with them" in refused.content.decode()
    person.post(
        f"/exchanges/{exchange.pk}/apply/", {"motivation": "Me", "cross_border_consent": "on"}
    )
    application = exchange.applications.get()
    assert "Submitted" in person.get(f"/exchanges/{exchange.pk}/").content.decode()
    # The Russian network sees its applicants; the Kazakh one and the public do not.
    assert (
        "ivan@example.org"
        not in signed_in(outsider).get(f"/exchanges/{exchange.pk}/").content.decode()
    )
    russian = signed_in(roles.networks["RU"])
    assert (
        volunteer.display_name
        in russian.get(f"/exchanges/{exchange.pk}/nominations/").content.decode()
    )
    assert signed_in(outsider).get(f"/exchanges/{exchange.pk}/nominations/").status_code == 404
    kazakh_page = signed_in(roles.networks["KZ"]).get(f"/exchanges/{exchange.pk}/nominations/")
    assert volunteer.display_name not in kazakh_page.content.decode()
    kazakh_try = signed_in(roles.networks["KZ"]).post(
        f"/exchange-applications/{application.pk}/nominate/", {"decision": "nominate"}
    )
    assert kazakh_try.status_code == 404
    russian.post(f"/exchange-applications/{application.pk}/nominate/", {"decision": "nominate"})
    keeper.post(f"/exchanges/{exchange.pk}/manage/close/")
    # Only the panel scores and sees the ranking.
    assert signed_in(outsider).get(f"/exchanges/{exchange.pk}/panel/").status_code == 404
    assert signed_in(outsider).get(f"/exchanges/{exchange.pk}/ranking/").status_code == 404
    assert (
        signed_in(outsider).post(f"/exchange-applications/{application.pk}/score/").status_code
        == 404
    )
    member = signed_in(roles.panel["RU"])
    assert volunteer.display_name in member.get(f"/exchanges/{exchange.pk}/panel/").content.decode()
    criteria = list(exchange.criteria.order_by("pk"))
    bad = member.post(
        f"/exchange-applications/{application.pk}/score/",
        {f"a{application.pk}-criterion_{criteria[0].pk}": "11"},
        follow=True,
    )
    assert "Ensure this value is less than or equal to 10." in bad.content.decode()
    member.post(
        f"/exchange-applications/{application.pk}/score/",
        {f"a{application.pk}-criterion_{c.pk}": "7" for c in criteria},
    )
    assert application.scores.count() == 2
    ranking = member.get(f"/exchanges/{exchange.pk}/ranking/").content.decode()
    assert "14" in ranking and "not scored by the whole panel" in ranking
