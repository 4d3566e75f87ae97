"""Agreements: draft → signed → extended (history kept) → expired; reminders to the
secretariat 90 and 30 days before the end, once each; signed copies as PDF only."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from council.audit.models import AuditEvent
from council.conftest import speaking
from council.cooperation.models import AgreementReminder, AgreementStatus
from council.cooperation.services.agreements import (
    agreement_create,
    agreement_extend,
    agreement_sign,
    agreements_close_expired,
    agreements_remind,
)
from council.cooperation.tests.conftest import signed_agreement

TODAY = date(2026, 11, 22)


def test_an_agreement_is_drafted_signed_and_extended_with_its_history(
    council: Any, secretariat: Any, ru_network: Any, kz_network: Any
) -> None:
    with pytest.raises(ValidationError) as caught:
        agreement_create(actor=secretariat, council=council, parties=[ru_network], title_en="X")
    assert caught.value.message_dict == {"parties": ["An agreement has at least two parties."]}
    draft = agreement_create(
        actor=secretariat, council=council, parties=[ru_network, kz_network], title_en="X"
    )
    assert draft.status == AgreementStatus.DRAFT
    with pytest.raises(ValidationError) as caught:
        agreement_sign(actor=secretariat, agreement=draft, signed_on=TODAY)
    assert caught.value.messages == ["Add the signatories before recording the signature."]

    agreement = signed_agreement(
        council, secretariat, [ru_network, kz_network], ends_on=date(2026, 11, 8), today=TODAY
    )
    assert agreement.status == AgreementStatus.EXPIRED  # its term was already over
    with pytest.raises(ValidationError) as caught:
        agreement_extend(actor=secretariat, agreement=agreement, ends_on=date(2026, 1, 1))
    assert caught.value.message_dict == {
        "ends_on": ["The new end must come after the current one."]
    }
    agreement_extend(
        actor=secretariat,
        agreement=agreement,
        ends_on=date(2029, 11, 8),
        note="Three more years",
        today=TODAY,
    )
    agreement_extend(actor=secretariat, agreement=agreement, ends_on=date(2032, 11, 8), today=TODAY)
    agreement.refresh_from_db()
    assert (agreement.status, agreement.ends_on) == (AgreementStatus.ACTIVE, date(2032, 11, 8))
    history = list(agreement.extensions.values_list("previous_ends_on", "ends_on"))
    assert history == [
        (date(2026, 11, 8), date(2029, 11, 8)),
        (date(2029, 11, 8), date(2032, 11, 8)),
    ]
    actions = list(
        AuditEvent.objects.filter(target_type="cooperation.agreement", target_id=str(agreement.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "agreement.created",
        "agreement.signatory_added",
        "agreement.signatory_added",
        "agreement.signed",
        "agreement.extended",
        "agreement.extended",
    ]


def test_agreements_expire_once_when_their_term_ends(
    council: Any, secretariat: Any, ru_network: Any, kz_network: Any
) -> None:
    agreement = signed_agreement(
        council, secretariat, [ru_network, kz_network], ends_on=TODAY, today=TODAY
    )
    assert agreement.status == AgreementStatus.ACTIVE
    assert agreements_close_expired(today=TODAY) == 0  # in force through its last day
    assert agreements_close_expired(today=TODAY + timedelta(days=1)) == 1
    assert agreements_close_expired(today=TODAY + timedelta(days=1)) == 0
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.EXPIRED
    assert AuditEvent.objects.filter(action="agreement.expired").count() == 1


def test_the_secretariat_is_reminded_90_and_30_days_before_the_end(
    council: Any,
    secretariat: Any,
    ru_network: Any,
    kz_network: Any,
    mailbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    speaking(secretariat, "kk")
    end = TODAY + timedelta(days=120)
    agreement = signed_agreement(
        council, secretariat, [ru_network, kz_network], ends_on=end, today=TODAY
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert agreements_remind(today=end - timedelta(days=91)) == 0
        assert agreements_remind(today=end - timedelta(days=90)) == 1
        assert agreements_remind(today=end - timedelta(days=60)) == 0  # sent already
        assert agreements_remind(today=end - timedelta(days=30)) == 1
        assert agreements_remind(today=end - timedelta(days=10)) == 0
    assert [(r.days_before, r.ends_on) for r in AgreementReminder.objects.order_by("pk")] == [
        (90, end),
        (30, end),
    ]
    assert [message.to for message in mailbox] == [[secretariat.email]] * 2
    with translation.override("kk"):
        expected = translation.ngettext(
            "“%(title)s” expires in %(days)s day", "“%(title)s” expires in %(days)s days", 30
        ) % {"title": agreement.title_ru, "days": 30}
    assert mailbox[1].subject == expected
    # An extension moves the end: the reminders count again for the new date.
    agreement_extend(actor=secretariat, agreement=agreement, ends_on=end + timedelta(days=365))
    assert agreements_remind(today=end + timedelta(days=365 - 20)) == 1
    assert AgreementReminder.objects.filter(days_before=30).count() == 2


def test_an_agreement_first_seen_close_to_its_end_gets_only_the_30_day_reminder(
    council: Any, secretariat: Any, ru_network: Any, kz_network: Any
) -> None:
    end = TODAY + timedelta(days=20)
    signed_agreement(council, secretariat, [ru_network, kz_network], ends_on=end, today=TODAY)
    assert agreements_remind(today=TODAY) == 1
    assert list(AgreementReminder.objects.values_list("days_before", flat=True)) == [30]
