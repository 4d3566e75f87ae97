"""opportunities_for_you and volunteers_suggested: who matches what, and why."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from council.accounts.models import Consent
from council.lib.tests.pages import assert_shown
from council.projects.models import Application, ApplicationStatus, OpportunityLanguage
from council.projects.selectors.matching import opportunities_for_you, volunteers_suggested
from council.projects.tests.conftest import make_opportunity, make_project
from council.projects.tests.search_helpers import (
    almaty,
    make_profile,
    opportunity_at,
    opportunity_with,
)

pytestmark = pytest.mark.django_db

# About 12 km north of the centre of Astana.
NORTH_OF_ASTANA = {"latitude": 51.2881, "longitude": 71.4460}


def next_friday_evening_utc():
    """A Friday, 21:00 UTC, at least a week ahead: Saturday 02:00 in Astana (UTC+5)."""
    day = timezone.now() + timedelta(days=7)
    day += timedelta(days=(4 - day.weekday()) % 7)
    return day.replace(hour=21, minute=0, second=0, microsecond=0)


@pytest.fixture
def green(org, reference):
    project = make_project(org, title_en="Green Astana")
    project.causes.add(reference["environment"])
    project.sdg_targets.add(reference["marine"])
    return project


@pytest.fixture
def plain(org):
    return make_project(org, title_en="Programme")


@pytest.fixture
def aliya(volunteer, astana, reference):
    """A volunteer in Astana with first aid, Kazakh B2, the environment, SDG 14, weekends."""
    from council.volunteers.models import LanguageSkill, VolunteerProfile

    profile = VolunteerProfile.objects.create(
        user=volunteer,
        city=astana,
        availability=["weekends"],
        date_of_birth=date(1995, 3, 1),
    )
    profile.skills.add(reference["first_aid"])
    profile.causes.add(reference["environment"])
    profile.sdg_goals.add(14)
    LanguageSkill.objects.create(profile=profile, language_id="kk", level="B2")
    return volunteer


def ranked(user, **kwargs):
    return [match.opportunity.pk for match in opportunities_for_you(user=user, **kwargs)]


# --- For you -------------------------------------------------------------------------------


def test_the_best_match_comes_first_with_its_reasons(aliya, green, plain, reference, astana):
    best = opportunity_at(
        green,
        [next_friday_evening_utc()],
        city=astana,
        skills=[reference["first_aid"]],
        languages=[("kk", "B1")],
        **NORTH_OF_ASTANA,
    )
    nearby = make_opportunity(plain, city=astana)
    matches = opportunities_for_you(user=aliya)
    assert [match.opportunity.pk for match in matches] == [best.pk, nearby.pk]
    assert_shown(
        matches[0].reasons,
        "needs First aid — you have it",
        "you speak Kazakh B2",
        "cares about Environment",
        "SDG 14: Life below water",
        "12 km away",
        "a shift at the weekend, when you are free",
    )
    assert matches[0].score > matches[1].score


def test_shift_times_are_read_in_the_local_time_of_the_place(aliya, plain, astana) -> None:
    friday_night = next_friday_evening_utc()
    # Saturday 02:00 in Astana, but still Friday 21:00 where the opportunity keeps UTC.
    in_astana = opportunity_at(plain, [friday_night], city=astana)
    in_utc = opportunity_at(plain, [friday_night], city=astana)
    in_utc.timezone = "UTC"
    in_utc.save(update_fields=["timezone"])
    reasons = {match.opportunity.pk: match.reasons for match in opportunities_for_you(user=aliya)}
    assert "a shift at the weekend, when you are free" in reasons[in_astana.pk]
    assert "a shift at the weekend, when you are free" not in reasons[in_utc.pk]


def test_an_unmet_language_level_counts_against(aliya, plain, astana) -> None:
    fluent = make_opportunity(plain, city=astana, languages=[("kk", "C1")])
    easy = make_opportunity(plain, city=astana, languages=[("kk", "A2")])
    matches = opportunities_for_you(user=aliya)
    assert [match.opportunity.pk for match in matches] == [easy.pk, fluent.pk]
    assert "you speak Kazakh B2" not in matches[1].reasons


def test_distance_matters_and_far_places_are_not_offered(aliya, plain, astana, kazakhstan):
    here = make_opportunity(plain, city=astana)
    make_opportunity(plain, city=almaty(kazakhstan))  # about 970 km
    matches = opportunities_for_you(user=aliya)
    assert [match.opportunity.pk for match in matches] == [here.pk]
    assert "0 km away" in matches[0].reasons


def test_online_work_for_a_remote_volunteer(volunteer, plain, kazakhstan) -> None:
    from council.volunteers.models import VolunteerProfile

    online = opportunity_with(plain, titles={"en": "Remote tutor"}, is_online=True)
    VolunteerProfile.objects.create(user=volunteer, availability=["weekends"])
    assert ranked(volunteer) == []
    VolunteerProfile.objects.filter(user=volunteer).update(availability=["remote"])
    matches = opportunities_for_you(user=volunteer)
    assert [match.opportunity.pk for match in matches] == [online.pk]
    assert matches[0].reasons == ["online — you volunteer remotely"]


def test_what_the_volunteer_may_not_take_is_left_out(aliya, org, green, astana) -> None:
    from council.projects.models import ProjectStatus

    open_one = make_opportunity(green, city=astana)
    make_opportunity(green, city=astana, min_age=40)
    make_opportunity(green, city=astana, medical_required=True)
    make_opportunity(make_project(org, status=ProjectStatus.DRAFT), city=astana)
    opportunity_at(green, [timezone.now() - timedelta(days=2)], city=astana)
    applied = make_opportunity(green, city=astana)
    Application.objects.create(
        volunteer=aliya, opportunity=applied, shift=applied.shifts.get(), status="pending"
    )
    withdrawn = make_opportunity(green, city=astana)
    Application.objects.create(
        volunteer=aliya,
        opportunity=withdrawn,
        shift=withdrawn.shifts.get(),
        status=ApplicationStatus.WITHDRAWN,
    )
    assert set(ranked(aliya)) == {open_one.pk, withdrawn.pk}


def test_minors_are_not_offered_work_barred_to_them(green, astana, kazakhstan) -> None:
    teen = make_profile(
        "teen@example.org", kazakhstan, city=astana, born=date.today() - timedelta(days=16 * 366)
    )
    allowed = make_opportunity(green, city=astana)
    make_opportunity(green, city=astana, restricted_category="emergency")
    assert ranked(teen.user) == [allowed.pk]


def test_without_a_profile_or_signals_there_is_nothing(volunteer, plain, astana) -> None:
    from council.volunteers.models import VolunteerProfile

    make_opportunity(plain, city=astana)
    assert opportunities_for_you(user=volunteer) == []
    VolunteerProfile.objects.create(user=volunteer)
    assert opportunities_for_you(user=volunteer) == []


def test_the_limit_is_kept(aliya, plain, astana) -> None:
    for _number in range(5):
        make_opportunity(plain, city=astana)
    assert len(ranked(aliya, limit=3)) == 3


@pytest.mark.parametrize("count", [2, 40])
def test_for_you_costs_the_same_queries_for_few_or_many(
    aliya, green, reference, astana, count, django_assert_max_num_queries
) -> None:
    for _number in range(count):
        make_opportunity(
            green,
            city=astana,
            shifts=2,
            skills=[reference["first_aid"]],
            languages=[("kk", "A1")],
        )
    # Cold, the process also reads four reference tables (skills, causes, goals, languages).
    with django_assert_max_num_queries(10):
        opportunities_for_you(user=aliya)
    # Warm: the profile, its facts, the ranking (with the candidates' columns), their
    # skills, languages, causes and goals, their next shifts, and the rows shown.
    with django_assert_max_num_queries(6):
        matches = opportunities_for_you(user=aliya)
        assert all(match.opportunity.project.title for match in matches)
    assert len(matches) == min(count, 20)


# --- Suggested volunteers ------------------------------------------------------------------


@pytest.fixture
def needs_medic(green, reference, astana):
    opportunity = make_opportunity(green, city=astana)
    opportunity.skills.add(reference["first_aid"])
    OpportunityLanguage.objects.create(opportunity=opportunity, language_id="kk", min_level="B1")
    return opportunity


def suggested(opportunity) -> list[str]:
    return [match.profile.user.email for match in volunteers_suggested(opportunity=opportunity)]


def test_suggestions_rank_and_explain(needs_medic, reference, kazakhstan, astana) -> None:
    medic = make_profile(
        "medic@example.org",
        kazakhstan,
        city=astana,
        skills=(reference["first_aid"],),
        languages=(("kk", "B2"),),
    )
    make_profile("speaker@example.org", kazakhstan, languages=(("kk", "native"),))
    make_profile("nobody@example.org", kazakhstan)
    matches = volunteers_suggested(opportunity=needs_medic)
    assert [match.profile.user.email for match in matches] == [
        "medic@example.org",
        "speaker@example.org",
    ]
    assert matches[0].profile.pk == medic.pk
    assert "has First aid" in matches[0].reasons
    assert "speaks Kazakh B2" in matches[0].reasons
    assert "0 km away" in matches[0].reasons
    assert matches[1].reasons == ["speaks Kazakh native"]


def test_only_discoverable_volunteers_are_suggested(needs_medic, reference, kazakhstan) -> None:
    make_profile(
        "shy@example.org", kazakhstan, skills=(reference["first_aid"],), discoverable=False
    )
    make_profile("open@example.org", kazakhstan, skills=(reference["first_aid"],))
    assert suggested(needs_medic) == ["open@example.org"]


def test_other_countries_need_a_live_cross_border_consent(needs_medic, reference, russia) -> None:
    skills = (reference["first_aid"],)
    make_profile("no.consent@example.org", russia, skills=skills)
    consented = make_profile("consented@example.org", russia, skills=skills)
    Consent.objects.create(user=consented.user, purpose="cross_border", text_version="2026-11")
    withdrawn = make_profile("withdrawn@example.org", russia, skills=skills)
    Consent.objects.create(
        user=withdrawn.user,
        purpose="cross_border",
        text_version="2026-11",
        withdrawn_at=timezone.now(),
    )
    other = make_profile("other.purpose@example.org", russia, skills=skills)
    Consent.objects.create(user=other.user, purpose="processing", text_version="2026-11")
    homeless = make_profile("no.country@example.org", None, skills=skills)
    assert suggested(needs_medic) == ["consented@example.org"]
    Consent.objects.create(user=homeless.user, purpose="cross_border", text_version="2026-11")
    assert set(suggested(needs_medic)) == {"consented@example.org", "no.country@example.org"}


def test_those_who_applied_or_may_not_take_part_are_left_out(
    needs_medic, reference, kazakhstan
) -> None:
    skills = (reference["first_aid"],)
    applied = make_profile("applied@example.org", kazakhstan, skills=skills)
    Application.objects.create(
        volunteer=applied.user,
        opportunity=needs_medic,
        shift=needs_medic.shifts.get(),
        status=ApplicationStatus.WAITLISTED,
    )
    make_profile("young@example.org", kazakhstan, skills=skills, born=date.today())
    make_profile("fine@example.org", kazakhstan, skills=skills)
    needs_medic.min_age = 16
    needs_medic.save(update_fields=["min_age"])
    assert suggested(needs_medic) == ["fine@example.org"]
    needs_medic.medical_required = True
    needs_medic.save(update_fields=["medical_required"])
    assert suggested(needs_medic) == []
    make_profile("doctor@example.org", kazakhstan, skills=skills, medical_qualification=True)
    assert suggested(needs_medic) == ["doctor@example.org"]


@pytest.mark.parametrize("count", [2, 40])
def test_suggestions_cost_the_same_queries_for_few_or_many(
    needs_medic, reference, kazakhstan, count, django_assert_max_num_queries
) -> None:
    for number in range(count):
        make_profile(
            f"v{number}@example.org",
            kazakhstan,
            skills=(reference["first_aid"],),
            languages=(("kk", "C1"), ("ru", "B2")),
            causes=(reference["environment"],),
        )
    with django_assert_max_num_queries(12):
        matches = volunteers_suggested(opportunity=needs_medic)
        assert all(match.profile.user.display_name for match in matches)
    assert len(matches) == min(count, 20)


def test_onsite_work_is_suggested_to_people_within_reach(
    needs_medic, reference, kazakhstan, astana
) -> None:
    skills = (reference["first_aid"],)
    make_profile("far@example.org", kazakhstan, city=almaty(kazakhstan), skills=skills)
    make_profile("unknown@example.org", kazakhstan, skills=skills)
    make_profile("here@example.org", kazakhstan, city=astana, skills=skills)
    assert suggested(needs_medic) == ["here@example.org", "unknown@example.org"]


def test_a_remote_volunteer_gets_nearby_and_online_work(aliya, plain, astana) -> None:
    from council.volunteers.models import VolunteerProfile

    VolunteerProfile.objects.filter(user=aliya).update(availability=["remote"])
    here = make_opportunity(plain, city=astana)
    online = make_opportunity(plain, is_online=True)
    assert set(ranked(aliya)) == {here.pk, online.pk}
