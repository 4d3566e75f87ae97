"""Team sign-up on the services: seats all or none, waiting together, split when allowed,
members named by invitation, replaced, minors with their guardian's consent, the names
deadline, and the organiser's decision."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.accounts.services import consent_give
from council.audit.models import AuditEvent
from council.conftest import make_user
from council.projects.models import (
    Application,
    ApplicationMode,
    ApplicationStatus,
    Team,
)
from council.projects.selectors.seats import free_seats
from council.projects.services.applications import application_submit, application_withdraw
from council.projects.services.teams import (
    team_decide,
    team_invite,
    team_join,
    team_member_remove,
    team_submit,
    team_withdraw,
    teams_release_unnamed,
)
from council.projects.tests.conftest import adult, make_opportunity, make_project
from council.projects.tests.test_application_cycle import minor

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(kazakhstan):
    return [adult(make_user(f"t{n}@example.org", kazakhstan)) for n in range(8)]


def _opportunity(org, capacity: int, **fields):
    fields.setdefault("team_max_size", 6)
    return make_opportunity(make_project(org), capacity=capacity, **fields)


def _team(leader, opportunity, size: int = 4, name: str = "9 «Б»"):
    return team_submit(
        leader=leader,
        opportunity=opportunity,
        shift=opportunity.shifts.get(),
        name=name,
        kind="class",
        size=size,
    )


def _free(opportunity) -> int:
    return free_seats(opportunity=opportunity, shift=opportunity.shifts.get())


def test_a_team_takes_all_its_seats_and_names_its_members(
    org, people, django_capture_on_commit_callbacks
) -> None:
    opportunity = _opportunity(org, capacity=10)
    leader, member = people[0], people[1]
    with django_capture_on_commit_callbacks(execute=True):
        team = _team(leader, opportunity)
    assert (team.status, team.seats_held) == (ApplicationStatus.CONFIRMED, 3)
    assert Application.objects.get(volunteer=leader).status == ApplicationStatus.CONFIRMED
    assert _free(opportunity) == 6
    assert "are confirmed" in mail.outbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        invite = team_invite(leader=leader, team=team, email=member.email.upper())
    assert mail.outbox[-1].to == [member.email]
    assert f"/teams/join/{invite.token}/" in mail.outbox[-1].body
    joined = team_join(volunteer=member, invite=invite)
    team.refresh_from_db()
    assert (joined.status, joined.team_id, team.seats_held) == ("confirmed", team.pk, 2)
    assert _free(opportunity) == 6  # naming a member takes no other seat
    assert AuditEvent.objects.filter(action="team.confirmed").count() == 1


def test_a_team_waits_together_and_moves_up_whole(org, people) -> None:
    opportunity = _opportunity(org, capacity=4)
    single = people[5]
    first = application_submit(
        volunteer=single, opportunity=opportunity, shift=opportunity.shifts.get()
    )
    team = _team(people[0], opportunity, size=4)
    assert (team.status, team.seats_held, _free(opportunity)) == ("waitlisted", 0, 3)
    # A single person asking later takes a free seat: the team does not fit yet.
    later = application_submit(
        volunteer=people[6], opportunity=opportunity, shift=opportunity.shifts.get()
    )
    assert later.status == ApplicationStatus.CONFIRMED
    application_withdraw(volunteer=single, application=first)
    team.refresh_from_db()
    assert team.status == "waitlisted"  # 3 free, 4 needed: never split
    application_withdraw(volunteer=people[6], application=later)
    team.refresh_from_db()
    assert (team.status, team.seats_held, _free(opportunity)) == ("confirmed", 3, 0)
    assert Application.objects.get(volunteer=people[0]).status == "confirmed"
    assert AuditEvent.objects.filter(action="team.promoted").exists()


def test_a_team_is_split_only_when_the_organiser_allows_it(org, people) -> None:
    opportunity = _opportunity(org, capacity=3, team_split_allowed=True)
    team = _team(people[0], opportunity, size=5)
    assert (team.status, team.seats_held, _free(opportunity)) == ("waitlisted", 2, 0)
    assert Application.objects.get(volunteer=people[0]).status == "confirmed"


def test_a_member_who_leaves_gives_the_seat_back_to_the_team(org, people) -> None:
    opportunity = _opportunity(org, capacity=6)
    leader, member, other, outsider = people[:4]
    team = _team(leader, opportunity, size=3)
    joined = team_join(
        volunteer=member, invite=team_invite(leader=leader, team=team, email=member.email)
    )
    application_withdraw(volunteer=member, application=joined)
    team.refresh_from_db()
    assert (team.seats_held, _free(opportunity)) == (2, 3)
    second = team_join(
        volunteer=other, invite=team_invite(leader=leader, team=team, email=other.email)
    )
    team_member_remove(leader=leader, application=second)
    team.refresh_from_db()
    assert (team.seats_held, _free(opportunity)) == (2, 3)
    assert Application.objects.get(pk=second.pk).status == "withdrawn"
    with pytest.raises(ValidationError) as error:
        team_join(
            volunteer=outsider,
            invite=team_invite(leader=leader, team=team, email="someone@example.org"),
        )
    assert "sent to another address" in str(error.value)


def test_a_team_never_has_more_members_than_seats(org, people) -> None:
    opportunity = _opportunity(org, capacity=6)
    leader = people[0]
    team = _team(leader, opportunity, size=2)
    team_invite(leader=leader, team=team, email=people[1].email)
    with pytest.raises(ValidationError) as error:
        team_invite(leader=leader, team=team, email=people[2].email)
    assert "Every seat of the team has a member or an invitation" in str(error.value)
    with pytest.raises(ValidationError) as error:
        _team(people[3], opportunity, size=7)
    assert error.value.message_dict["size"] == ["A team here has from 2 to 6 people."]


def test_a_minor_joins_only_with_the_guardians_consent(org, people, kazakhstan) -> None:
    opportunity = _opportunity(org, capacity=6)
    leader = people[0]
    teen = minor(make_user("pupil@example.org", kazakhstan), 15)
    team = _team(leader, opportunity, size=3)
    invite = team_invite(leader=leader, team=team, email=teen.email)
    with pytest.raises(ValidationError) as error:
        team_join(volunteer=teen, invite=invite)
    assert "A parent or guardian must give their consent" in str(error.value)
    consent_give(user=teen, purpose="guardian", guardian_name="Гульнара Сейтова")
    assert team_join(volunteer=teen, invite=invite).status == "confirmed"


def test_unnamed_seats_go_to_the_waiting_list_when_names_are_due(
    org, people, django_capture_on_commit_callbacks
) -> None:
    opportunity = _opportunity(org, capacity=4, team_names_days=2)
    leader = people[0]
    team = _team(leader, opportunity, size=4)
    waiting = application_submit(
        volunteer=people[5], opportunity=opportunity, shift=opportunity.shifts.get()
    )
    assert waiting.status == "waitlisted"
    assert teams_release_unnamed() == 0  # the shift is a week ahead: names not yet due
    due = opportunity.shifts.get().start - timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert teams_release_unnamed(at=due + timedelta(minutes=1)) == 1
    team.refresh_from_db()
    waiting.refresh_from_db()
    assert (team.size, team.seats_held, team.status) == (1, 0, "confirmed")
    assert waiting.status == "confirmed"
    assert any("the names were due" in message.subject for message in mail.outbox)
    assert teams_release_unnamed(at=due + timedelta(minutes=2)) == 0  # once


def test_the_organiser_decides_on_a_team_as_a_whole(org, org_admin, people) -> None:
    opportunity = _opportunity(org, capacity=4, application_mode=ApplicationMode.REVIEW)
    leader, member = people[:2]
    team = _team(leader, opportunity, size=3)
    assert (team.status, _free(opportunity)) == ("pending", 4)
    joined = team_join(
        volunteer=member, invite=team_invite(leader=leader, team=team, email=member.email)
    )
    assert joined.status == "pending"
    team = team_decide(actor=org_admin, team=team, decision="accept")
    joined.refresh_from_db()
    assert (team.status, team.seats_held, joined.status, _free(opportunity)) == (
        "confirmed",
        1,
        "confirmed",
        1,
    )
    team_decide(actor=org_admin, team=team, decision="reject", reason="Не хватает мест")
    assert set(Application.objects.filter(team=team).values_list("status", flat=True)) == {
        "rejected"
    }
    assert _free(opportunity) == 4


def test_a_withdrawn_team_frees_its_seats_for_the_waiting_list(org, people) -> None:
    opportunity = _opportunity(org, capacity=4)
    team = _team(people[0], opportunity, size=4)
    waiting = application_submit(
        volunteer=people[5], opportunity=opportunity, shift=opportunity.shifts.get()
    )
    team_withdraw(leader=people[0], team=team)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert Team.objects.get(pk=team.pk).status == "withdrawn"
    assert _free(opportunity) == 3


def test_no_teams_where_the_organiser_takes_none(org, people) -> None:
    opportunity = _opportunity(org, capacity=4, team_max_size=0)
    with pytest.raises(ValidationError) as error:
        _team(people[0], opportunity)
    assert "does not take teams" in str(error.value)
    assert not Team.objects.exists()


def test_the_names_deadline_closes_invitations(org, people) -> None:
    opportunity = _opportunity(org, capacity=4, team_names_days=2)
    team = _team(people[0], opportunity, size=3)
    shift = opportunity.shifts.get()
    shift.start = timezone.now() + timedelta(days=1)
    shift.end = shift.start + timedelta(hours=2)
    shift.save()
    team.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        team_invite(leader=people[0], team=team, email=people[1].email)
    assert "names of this team were due" in str(error.value)
