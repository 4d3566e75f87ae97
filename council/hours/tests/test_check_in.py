"""Check-in and check-out at the desk: hours from the two times, the day where the work
happened, repeated scans shown but not counted, forgotten check-outs closed and flagged."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client

from council.audit.models import AuditEvent
from council.conftest import PASSWORD
from council.hours.models import CheckIn, EntrySource, EntryStatus, HoursEntry
from council.hours.services.checkin import (
    check_in,
    check_out,
    checkins_close_forgotten,
    ticket_for,
)
from council.hours.tests.conftest import at, confirm
from council.lib.tests.languages import in_each_language


def signed_in(user: Any) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


def test_hours_come_from_the_times_and_the_day_is_the_local_one(
    org_admin: Any, place: Any, past_shift: Any
) -> None:
    # 19:40 UTC on 10 March is 00:40 on 11 March in Astana (UTC+5).
    code = ticket_for(application=place).code
    assert check_in(actor=org_admin, shift=past_shift, code=code, at=at(19, 40)).outcome == (
        "checked_in"
    )
    result = check_out(actor=org_admin, shift=past_shift, code=code.lower(), at=at(23, 55))
    assert result.outcome == "checked_out"
    entry = HoursEntry.objects.get()
    assert entry.hours == Decimal("4.25")
    assert entry.date == date(2026, 3, 11)
    assert entry.source == EntrySource.CHECK_IN
    assert entry.status == EntryStatus.VERIFIED
    assert entry.isco_group_id == "32"
    assert [target.code for target in entry.sdg_targets.all()] == ["3.4"]
    assert entry.started_at == at(19, 40) and entry.ended_at == at(23, 55)
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["check_in.in", "check_in.out", "hours.logged", "hours.verified"]


def test_a_repeated_scan_is_answered_and_not_counted(
    org_admin: Any, place: Any, past_shift: Any
) -> None:
    code = ticket_for(application=place).code
    check_in(actor=org_admin, shift=past_shift, code=code, at=at(19, 5))
    again = check_in(actor=org_admin, shift=past_shift, code=code, at=at(19, 6))
    assert again.outcome == "already_in"
    assert not again.counted
    check_out(actor=org_admin, shift=past_shift, code=code, at=at(22))
    assert check_out(actor=org_admin, shift=past_shift, code=code, at=at(22, 1)).outcome == (
        "already_out"
    )
    assert HoursEntry.objects.count() == 1
    assert CheckIn.objects.get().checked_in_at == at(19, 5)


def test_a_check_out_without_a_check_in_is_refused_politely(
    org_admin: Any, place: Any, past_shift: Any
) -> None:
    result = check_out(actor=org_admin, shift=past_shift, application_id=place.pk, at=at(22))
    assert result.outcome == "not_in"
    assert not HoursEntry.objects.exists()


def test_a_code_of_another_shift_is_not_accepted(
    org_admin: Any, place: Any, past_shift: Any, opportunity: Any, outsider: Any
) -> None:
    from council.projects.models import Shift

    other = Shift.objects.create(
        opportunity=opportunity, start=at(8, day=12), end=at(12, day=12), capacity=3
    )
    code = ticket_for(application=confirm(outsider, other)).code
    with pytest.raises(ValidationError) as caught:
        check_in(actor=org_admin, shift=past_shift, code=code, at=at(19, 5))
    assert caught.value.message_dict == {
        "code": ["No confirmed volunteer of this shift has this code."]
    }


def test_scan_times_far_outside_the_shift_or_in_the_future_are_refused(
    org_admin: Any, place: Any, past_shift: Any
) -> None:
    from django.utils import timezone

    for moment in (at(12), timezone.now() + timedelta(hours=1)):
        with pytest.raises(ValidationError) as caught:
            check_in(actor=org_admin, shift=past_shift, application_id=place.pk, at=moment)
        assert list(caught.value.message_dict) == ["at"]
    assert not CheckIn.objects.filter(checked_in_at__isnull=False).exists()


def test_a_forgotten_check_out_closes_at_the_end_of_the_shift_flagged(
    org_admin: Any, place: Any, past_shift: Any
) -> None:
    check_in(actor=org_admin, shift=past_shift, application_id=place.pk, at=at(20))
    assert checkins_close_forgotten() == 1
    assert checkins_close_forgotten() == 0
    entry = HoursEntry.objects.get()
    assert entry.hours == Decimal("4.00")
    assert entry.closed_automatically
    assert entry.status == EntryStatus.SUBMITTED
    assert AuditEvent.objects.filter(action="check_in.closed_automatically").count() == 1


def test_the_organisers_own_attendance_waits_for_a_colleague(
    org_admin: Any, past_shift: Any
) -> None:
    own = confirm(org_admin, past_shift)
    check_in(actor=org_admin, shift=past_shift, application_id=own.pk, at=at(19))
    check_out(actor=org_admin, shift=past_shift, application_id=own.pk, at=at(21))
    assert HoursEntry.objects.get().status == EntryStatus.SUBMITTED


def test_the_volunteer_sees_their_ticket_with_the_code_and_qr(volunteer: Any, place: Any) -> None:
    response = signed_in(volunteer).get(f"/hours/tickets/{place.pk}/")
    assert response.status_code == 200
    code = CheckIn.objects.get(application=place).code
    assert code in response.content.decode()
    assert "<svg" in response.content.decode()


def test_nobody_else_sees_the_ticket(outsider: Any, org_admin: Any, place: Any) -> None:
    assert signed_in(outsider).get(f"/hours/tickets/{place.pk}/").status_code == 404
    assert signed_in(org_admin).get(f"/hours/tickets/{place.pk}/").status_code == 404


def test_the_desk_page_scans_a_typed_code_and_counts(
    org_admin: Any, volunteer: Any, place: Any, past_shift: Any
) -> None:
    code = ticket_for(application=place).code
    client = signed_in(org_admin)
    page = client.get(f"/hours/shifts/{past_shift.pk}/check-in/")
    assert page.status_code == 200
    assert "Aliya" in page.content.decode()
    answer = client.post(
        f"/hours/shifts/{past_shift.pk}/scan/",
        {"action": "in", "code": code, "at": at(19, 30).isoformat()},
        HTTP_ACCEPT="application/json",
    )
    assert answer.status_code == 200
    assert answer.json()["outcome"] == "checked_in"
    assert answer.json()["counts"] == {"confirmed": 1, "present": 1, "left": 0}
    again = client.post(
        f"/hours/shifts/{past_shift.pk}/scan/",
        {"action": "in", "code": code, "at": at(19, 31).isoformat()},
        HTTP_ACCEPT="application/json",
    )
    assert again.json()["outcome"] == "already_in"
    assert "was already checked in at 00:30" in again.json()["message"]
    assert again.json()["counts"]["present"] == 1


@in_each_language(
    ru=(": уход отмечен, 4,25 ч.", "4,25 ч"),
    kk=(": кетуі белгіленді, 4,25 сағ.", "4,25 сағ"),
    en=(" is checked out: 4.25 h.", "4.25 h"),
)
def test_a_check_out_answers_with_the_row_and_the_hours_as_the_language_writes_them(
    org_admin: Any, place: Any, past_shift: Any, language: str, message: str, row: str
) -> None:
    client = signed_in(org_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = f"/hours/shifts/{past_shift.pk}/scan/"
    code = ticket_for(application=place).code
    client.post(url, {"action": "in", "code": code, "at": at(19, 40).isoformat()})
    answer = client.post(
        url,
        {"action": "out", "application": place.pk, "at": at(23, 55).isoformat()},
        HTTP_ACCEPT="application/json",
    ).json()
    assert answer["message"].endswith(message)
    assert answer["application"] == place.pk
    assert f'data-application="{place.pk}"' in answer["row"]
    assert f"<span data-hours>{row}</span>" in answer["row"]
    assert 'value="out"' not in answer["row"]
    desk = client.get(f"/hours/shifts/{past_shift.pk}/check-in/").content.decode()
    assert f"<span data-hours>{row}</span>" in desk


def test_a_bad_scan_gets_a_named_error_not_a_500(
    org_admin: Any, place: Any, past_shift: Any
) -> None:
    client = signed_in(org_admin)
    url = f"/hours/shifts/{past_shift.pk}/scan/"
    for body in (
        {"action": "in", "code": ""},
        {"action": "sideways", "code": "X"},
        {"action": "in", "code": "NOPE"},
        {"action": "in", "code": "A", "at": "yesterday"},
    ):
        answer = client.post(url, body, HTTP_ACCEPT="application/json")
        assert answer.status_code == 400
        assert answer.json()["ok"] is False and answer.json()["errors"]
    form_post = client.post(url, {"action": "in", "code": "NOPE"}, follow=True)
    assert "No confirmed volunteer of this shift has this code." in form_post.content.decode()


def test_the_desk_is_the_organisers_only(
    outsider: Any, org_member: Any, volunteer: Any, past_shift: Any, place: Any
) -> None:
    assert signed_in(outsider).get(f"/hours/shifts/{past_shift.pk}/check-in/").status_code == 404
    assert signed_in(volunteer).get(f"/hours/shifts/{past_shift.pk}/check-in/").status_code == 404
    assert signed_in(org_member).get(f"/hours/shifts/{past_shift.pk}/check-in/").status_code == 403
    answer = signed_in(outsider).post(
        f"/hours/shifts/{past_shift.pk}/scan/", {"action": "in", "application": place.pk}
    )
    assert answer.status_code == 404
    assert not CheckIn.objects.filter(checked_in_at__isnull=False).exists()
