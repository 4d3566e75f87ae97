"""The joint plan: status and lateness, decisions that create action items, reminders to the
owners, and who sees which commitments."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from council.audit.models import AuditEvent
from council.conftest import make_org, make_user
from council.cooperation.models import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Council,
    CouncilMember,
)
from council.cooperation.services.plan import (
    commitment_create,
    commitment_status_set,
    commitments_remind,
    decision_add,
    meeting_create,
)
from council.forums.tests.test_registration import signed_in
from council.orgs.models import Membership, MembershipRole

TODAY = date(2026, 11, 22)


def commit(council: Any, actor: Any, owners: list[Any], title: str, due: date | None) -> Commitment:
    return commitment_create(
        actor=actor, council=council, owners=owners, title_en=title, due_on=due
    )


def test_status_progress_and_lateness(council: Any, secretariat: Any, ru_network: Any) -> None:
    commitment = commit(council, secretariat, [ru_network], "Exchange of 20 volunteers", TODAY)
    assert not commitment.is_late_on(TODAY)  # due today is not late yet
    assert commitment.is_late_on(TODAY + timedelta(days=1))
    with pytest.raises(ValidationError) as caught:
        commitment_status_set(actor=secretariat, commitment=commitment, status="finished")
    assert caught.value.message_dict == {"status": ["Choose one of the statuses offered."]}
    commitment_status_set(
        actor=secretariat,
        commitment=commitment,
        status=CommitmentStatus.IN_PROGRESS,
        note="Selection under way",
    )
    commitment_status_set(
        actor=secretariat, commitment=commitment, status=CommitmentStatus.DONE, today=TODAY
    )
    commitment.refresh_from_db()
    assert (commitment.status, commitment.done_on) == (CommitmentStatus.DONE, TODAY)
    assert not commitment.is_late_on(TODAY + timedelta(days=30))  # done is never late
    assert list(commitment.notes.values_list("status", "text")) == [
        ("in_progress", "Selection under way"),
        ("done", ""),
    ]
    assert AuditEvent.objects.filter(action="commitment.status_changed").count() == 2


def test_a_decision_creates_an_action_item(
    council: Any, secretariat: Any, ru_network: Any, kz_network: Any
) -> None:
    meeting = meeting_create(
        actor=secretariat, council=council, title_en="Council meeting", held_on=TODAY
    )
    with pytest.raises(ValidationError) as caught:
        decision_add(
            actor=secretariat, meeting=meeting, texts={"en": "Hold it"}, action_due_on=TODAY
        )
    assert caught.value.message_dict == {"owners": ["Name who carries the decision out."]}
    decision = decision_add(
        actor=secretariat,
        meeting=meeting,
        texts={"ru": "Провести обмен", "en": "Hold the exchange", "kk": ""},
        action_owners=[ru_network, kz_network],
        action_due_on=date(2027, 6, 1),
    )
    (item,) = decision.action_items.all()
    assert (item.kind, item.title_en, item.title_ru, item.due_on) == (
        CommitmentKind.ACTION,
        "Hold the exchange",
        "Провести обмен",
        date(2027, 6, 1),
    )
    assert set(item.owners.all()) == {ru_network, kz_network}
    # A decision without owners stays a decision.
    decision_add(actor=secretariat, meeting=meeting, texts={"en": "Thank the hosts"})
    assert Commitment.objects.count() == 1


def test_the_owners_are_reminded_once_before_the_due_date(
    council: Any,
    secretariat: Any,
    ru_network: Any,
    ru_coordinator: Any,
    mailbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    commitment = commit(council, secretariat, [ru_network], "Report", TODAY + timedelta(days=20))
    with django_capture_on_commit_callbacks(execute=True):
        assert commitments_remind(today=TODAY) == 0
        assert commitments_remind(today=TODAY + timedelta(days=6)) == 1
        assert commitments_remind(today=TODAY + timedelta(days=7)) == 0
    assert [message.to for message in mailbox] == [[ru_coordinator.email]]
    assert "Report" in mailbox[0].subject
    # A new due date arms the reminder again; a done commitment is not reminded.
    Commitment.objects.filter(pk=commitment.pk).update(due_on=TODAY + timedelta(days=40))
    assert commitments_remind(today=TODAY + timedelta(days=30)) == 1
    commitment_status_set(actor=secretariat, commitment=commitment, status=CommitmentStatus.DONE)
    Commitment.objects.filter(pk=commitment.pk).update(due_on=TODAY + timedelta(days=50))
    assert commitments_remind(today=TODAY + timedelta(days=45)) == 0


def test_who_sees_which_commitments(
    council: Any,
    secretariat: Any,
    ru_network: Any,
    kz_network: Any,
    ru_coordinator: Any,
    kz_coordinator: Any,
    outsider: Any,
    russia: Any,
) -> None:
    ours = commit(council, secretariat, [ru_network], "Russian commitment", TODAY)
    theirs = commit(council, secretariat, [kz_network], "Kazakh commitment", TODAY)
    other_council = Council.objects.create(name_en="Another council")
    other_org = make_org("Belarus network", russia)
    CouncilMember.objects.create(council=other_council, organisation=other_org)
    elsewhere = commit(other_council, secretariat, [other_org], "Elsewhere", None)
    # The secretariat sees every council's plan.
    keeper = signed_in(secretariat)
    page = keeper.get(f"/councils/{council.pk}/plan/").content.decode()
    assert "Russian commitment" in page and "Kazakh commitment" in page
    assert "Elsewhere" in keeper.get(f"/councils/{other_council.pk}/plan/").content.decode()
    # An organisation sees its own commitments, and updates only those.
    russian = signed_in(ru_coordinator)
    page = russian.get(f"/councils/{council.pk}/plan/").content.decode()
    assert "Russian commitment" in page and "Kazakh commitment" not in page
    assert russian.get(f"/commitments/{theirs.pk}/").status_code == 404
    assert russian.get(f"/commitments/{elsewhere.pk}/").status_code == 404
    assert russian.post(f"/commitments/{theirs.pk}/status/", {"status": "done"}).status_code == 404
    answer = russian.post(
        f"/commitments/{ours.pk}/status/", {"status": "in_progress", "note": "Started"}, follow=True
    )
    assert "The progress is recorded." in answer.content.decode()
    # A member who is not an organiser reads their organisation's commitment but not update it.
    member = make_user("member@example.org", russia)
    Membership.objects.create(organisation=ru_network, user=member, role=MembershipRole.MEMBER)
    assert signed_in(member).get(f"/commitments/{ours.pk}/").status_code == 200
    assert (
        signed_in(member).post(f"/commitments/{ours.pk}/status/", {"status": "done"}).status_code
        == 404
    )
    # Outsiders see no commitment, and write nothing.
    page = signed_in(outsider).get(f"/councils/{council.pk}/plan/").content.decode()
    assert "Russian commitment" not in page and "Kazakh commitment" not in page
    assert signed_in(outsider).post(f"/councils/{council.pk}/commitments/").status_code == 404
    assert signed_in(kz_coordinator).post(f"/councils/{council.pk}/meetings/").status_code == 404


def test_the_plan_shows_what_is_late_and_the_council_page_counts_it(
    council: Any, secretariat: Any, ru_network: Any, kz_network: Any
) -> None:
    commit(council, secretariat, [ru_network], "Overdue report", date(2020, 1, 1))
    commit(council, secretariat, [ru_network, kz_network], "Future forum", date(2035, 1, 1))
    keeper = signed_in(secretariat)
    late = keeper.get(f"/councils/{council.pk}/plan/?late=1").content.decode()
    assert "Overdue report" in late and "Future forum" not in late
    page = Client().get(f"/councils/{council.pk}/").content.decode()
    columns = {s.split('"', 1)[0]: s for s in page.split('id="country-')[1:]}
    assert "2 on the joint plan: 0 done, 1 late" in columns["RU"]
    assert "1 on the joint plan: 0 done, 0 late" in columns["KZ"]
    assert "Overdue report" not in page  # the public sees the figures only


def test_the_secretariat_keeps_the_plan_through_the_pages(
    council: Any, secretariat: Any, ru_network: Any, kz_network: Any
) -> None:
    keeper = signed_in(secretariat)
    refused = keeper.post(f"/councils/{council.pk}/commitments/", {}, follow=True)
    assert "This field is required." in refused.content.decode()
    keeper.post(
        f"/councils/{council.pk}/commitments/",
        {"title_en": "Joint report", "owners": [ru_network.pk], "due_on": "2027-03-01"},
    )
    assert Commitment.objects.get().title_en == "Joint report"
    answer = keeper.post(
        f"/councils/{council.pk}/meetings/", {"title_en": "First meeting", "held_on": "2026-11-20"}
    )
    meeting = council.meetings.get()
    assert answer["Location"] == f"/meetings/{meeting.pk}/"
    keeper.post(
        f"/meetings/{meeting.pk}/decisions/",
        {
            "text_en": "Prepare the IYV 2026 report",
            "owners": [kz_network.pk],
            "due_on": "2026-12-15",
        },
    )
    page = keeper.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Prepare the IYV 2026 report" in page and "Action item" in page
    assert Commitment.objects.filter(kind=CommitmentKind.ACTION).count() == 1
