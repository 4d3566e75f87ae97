"""International deployments: the talent pool, the longlist ranked by skills, languages and
availability with its reasons, nominations by the candidate's own network, the host's steps
through deployment to the end-of-assignment report, and who may do what."""

# The reference fixture comes from the projects' tests; pytest passes it in by name.
# ruff: noqa: F811

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from council.conftest import make_user
from council.deployments import services
from council.deployments.models import Assignment, CandidacyStatus
from council.deployments.tests.conftest import draft_assignment
from council.forums.tests.test_registration import signed_in
from council.projects.tests.conftest import reference  # noqa: F401
from council.volunteers.models import LanguageSkill, VolunteerProfile

START = date(2027, 3, 1)


@pytest.fixture
def unv(kazakhstan: Any) -> Any:
    from council.conftest import make_org
    from council.orgs.models import OrganisationKind

    return make_org("United Nations Volunteers", kazakhstan, kind=OrganisationKind.INTERNATIONAL)


@pytest.fixture
def unv_admin(unv: Any, kazakhstan: Any) -> Any:
    from council.orgs.models import Membership, MembershipRole

    user = make_user("unv.admin@example.org", kazakhstan)
    Membership.objects.create(organisation=unv, user=user, role=MembershipRole.ADMIN)
    return user


@pytest.fixture
def assignment(
    council: Any, secretariat: Any, unv: Any, reference: dict[str, Any], russia: Any
) -> Assignment:
    assignment = draft_assignment(
        secretariat,
        council,
        unv,
        (russia, "Bishkek"),
        title_en="Community volunteer, Bishkek",
        starts_on=START,
        skills=[reference["first_aid"]],
        languages=[(reference["english"], "B2")],
    )
    services.assignment_open(actor=secretariat, assignment=assignment)
    return assignment


def volunteer(
    email: str,
    country: Any,
    *,
    skills: list[Any],
    english: str | None,
    available: tuple[date, date | None],
) -> Any:
    from council.reference.models import Language

    person = make_user(email, country, given_name=email.split("@")[0].title())
    profile = VolunteerProfile.objects.create(user=person)
    profile.skills.set(skills)
    if english:
        LanguageSkill.objects.create(
            profile=profile, language=Language.objects.get(code="en"), level=english
        )
    services.pool_join(
        person=person,
        available_from=available[0],
        available_until=available[1],
        cross_border_consent=True,
    )
    return person


def test_joining_the_pool_takes_the_cross_border_consent(kazakhstan: Any) -> None:
    person = make_user("pool@example.org", kazakhstan)
    with pytest.raises(ValidationError) as caught:
        services.pool_join(person=person, available_from=START)
    assert list(caught.value.message_dict) == ["cross_border_consent"]
    entry = services.pool_join(person=person, available_from=START, cross_border_consent=True)
    assert entry.available_from == START
    services.pool_leave(person=person)
    with pytest.raises(ValidationError):
        services.pool_leave(person=person)


def test_the_longlist_is_ranked_with_its_reasons(
    assignment: Assignment,
    reference: dict[str, Any],
    kazakhstan: Any,
    russia: Any,
    kz_network: Any,
    kz_coordinator: Any,
    ru_coordinator: Any,
) -> None:
    first_aid = reference["first_aid"]
    best = volunteer(
        "best@example.org",
        kazakhstan,
        skills=[first_aid],
        english="C1",
        available=(date(2027, 1, 1), None),
    )
    partial = volunteer(
        "partial@example.org",
        kazakhstan,
        skills=[],
        english="B1",
        available=(date(2027, 1, 1), date(2027, 5, 1)),
    )
    nominee = volunteer(
        "nominee@example.org",
        kazakhstan,
        skills=[first_aid],
        english=None,
        available=(date(2027, 1, 1), None),
    )
    for person in (partial, best):
        services.candidacy_apply(person=person, assignment=assignment, motivation="I can help.")
    # A network nominates only volunteers of its own country, and only from the pool.
    with pytest.raises(ValidationError):
        services.candidacy_nominate(
            actor=ru_coordinator, assignment=assignment, person=nominee, network=kz_network
        )
    outside = make_user("outside@example.org", kazakhstan)
    with pytest.raises(ValidationError) as caught:
        services.candidacy_nominate(
            actor=kz_coordinator, assignment=assignment, person=outside, network=kz_network
        )
    assert caught.value.messages == ["Only volunteers in the talent pool can be candidates."]
    services.candidacy_nominate(
        actor=kz_coordinator, assignment=assignment, person=nominee, network=kz_network
    )
    rows = services.longlist(assignment=assignment)
    assert [(row.candidacy.person, row.points) for row in rows] == [
        (best, 6),
        (nominee, 4),
        (partial, 0),
    ]
    assert rows[0].reasons == [
        "Skills: 1 of 1 (First aid)",
        "English C1, B2 asked",
        "Available for the whole assignment",
    ]
    assert rows[2].reasons == [
        "Skills: 0 of 1",
        "English: B1, B2 asked",
        "Available 2027-01-01 – 2027-05-01 only",
    ]
    assert rows[1].candidacy.nominated_by == kz_network


def test_the_host_moves_a_candidate_to_the_end_of_assignment_report(
    assignment: Assignment,
    reference: dict[str, Any],
    kazakhstan: Any,
    unv_admin: Any,
    outsider: Any,
    mailbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    person = volunteer(
        "aliya@example.org", kazakhstan, skills=[], english="B2", available=(date(2027, 1, 1), None)
    )
    page = signed_in(person)
    page.post(f"/deployments/{assignment.pk}/apply/", {"motivation": "Ready"})
    candidacy = assignment.candidacies.get()
    # Only the host (or the secretariat) sees the longlist and takes the steps.
    assert signed_in(outsider).get(f"/deployments/{assignment.pk}/longlist/").status_code == 404
    assert (
        signed_in(outsider)
        .post(f"/candidacies/{candidacy.pk}/move/", {"status": "shortlisted"})
        .status_code
        == 404
    )
    host = signed_in(unv_admin)
    assert "Aliya" in host.get(f"/deployments/{assignment.pk}/longlist/").content.decode()
    skipped = host.post(f"/candidacies/{candidacy.pk}/move/", {"status": "deployed"}, follow=True)
    assert "This step does not follow from the candidacy" in skipped.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        for status in ("shortlisted", "selected", "deployed"):
            host.post(f"/candidacies/{candidacy.pk}/move/", {"status": status})
    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.DEPLOYED
    assert (
        mailbox[0].subject == "You are selected for the assignment “Community volunteer, Bishkek”"
    )
    empty = page.post(f"/candidacies/{candidacy.pk}/report/", {"report": ""}, follow=True)
    assert "This field is required." in empty.content.decode()
    page.post(
        f"/candidacies/{candidacy.pk}/report/", {"report": "Trained 40 community first-aiders."}
    )
    candidacy.refresh_from_db()
    assert (candidacy.status, candidacy.report) == (
        CandidacyStatus.COMPLETED,
        "Trained 40 community first-aiders.",
    )
    assert (
        signed_in(outsider)
        .post(f"/candidacies/{candidacy.pk}/report/", {"report": "x"})
        .status_code
        == 404
    )


def test_the_secretariat_prepares_an_assignment_seen_once_open(
    council: Any, secretariat: Any, unv: Any, russia: Any, outsider: Any, reference: dict[str, Any]
) -> None:
    keeper = signed_in(secretariat)
    refused = keeper.post(f"/councils/{council.pk}/deployments/new/", {"host": unv.pk})
    assert refused.status_code == 400 and "This field is required." in refused.content.decode()
    answer = keeper.post(
        f"/councils/{council.pk}/deployments/new/",
        {
            "host": unv.pk,
            "title_en": "Youth officer",
            "country": "RU",
            "duty_station": "Moscow",
            "starts_on": "2027-04-01",
            "months": "12",
            "skills": [reference["first_aid"].pk],
            "language": "en",
            "language_level": "B2",
        },
    )
    assignment = Assignment.objects.get()
    assert answer["Location"] == f"/deployments/{assignment.pk}/"
    assert assignment.ends_on == date(2028, 4, 1)
    assert list(assignment.languages.values_list("language_id", "min_level")) == [("en", "B2")]
    assert signed_in(outsider).get(f"/deployments/{assignment.pk}/").status_code == 404
    keeper.post(f"/deployments/{assignment.pk}/open/")
    page = signed_in(outsider).get(f"/deployments/{assignment.pk}/").content.decode()
    assert "Youth officer" in page and "Join the talent pool to be a candidate." in page


def test_only_a_national_network_nominates_and_others_hear_so_first(
    assignment: Assignment,
    kazakhstan: Any,
    kz_coordinator: Any,
    org_admin: Any,
    reference: dict[str, Any],
) -> None:
    candidate = volunteer(
        "aliya@example.org",
        kazakhstan,
        skills=[reference["first_aid"]],
        english="C1",
        available=(START, None),
    )
    url = f"/deployments/{assignment.pk}/nominate/"
    # An organisation's admin organises no national network: refused before the form is
    # read, whatever it names.
    assert signed_in(org_admin).post(url, {"email": candidate.email}).status_code == 403
    assert signed_in(org_admin).post(url, {}).status_code == 403
    assert not assignment.candidacies.exists()
    answer = signed_in(kz_coordinator).post(url, {"email": candidate.email})
    assert answer["Location"] == f"/deployments/{assignment.pk}/"
    assert assignment.candidacies.get().nominated_by.kind == "national_network"
