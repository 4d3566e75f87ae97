"""`seed_demo` without arguments, second part: the demo volunteers' profiles, the demo projects
with their opportunities and shifts, and a few applications, all through the services, so
every invariant (denormalised search fields, full-text index, seats, waiting list, audit) holds
as if people had done it in the app.

Idempotent: a profile is keyed on its person (one with a date of birth is left alone unless
`reset`), a project on its owner and English title, an opportunity on its project and English
title, an application on (volunteer, opportunity, shift). Shifts are created when an
opportunity has no upcoming shift, so a demo seeded weeks ago gets fresh dates on the next run.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone

from council.accounts.models import ConsentPurpose, User
from council.accounts.services import has_live_consent
from council.demo.demo_projects import (
    APPLICATIONS,
    PROJECTS,
    OpportunitySpec,
    ProjectSpec,
    ShiftSpec,
)
from council.demo.people import persona_admin
from council.demo.profiles import PROFILES, ProfileSpec
from council.lib.forms import translated_values
from council.orgs.models import Organisation
from council.projects.models import (
    Application,
    ApplicationStatus,
    Opportunity,
    Project,
    ProjectStatus,
)
from council.projects.services.applications import application_accept, application_submit
from council.projects.services.opportunities import opportunity_create
from council.projects.services.projects import project_create, project_publish
from council.projects.services.shifts import local_datetime, shift_create
from council.reference.models import Cause, City, IscoGroup, Language, SdgTarget, Skill
from council.reference.services import reference_load
from council.volunteers.models import VolunteerProfile
from council.volunteers.services import volunteer_guardian_consent, volunteer_profile_update

OPEN = (ProjectStatus.DRAFT, ProjectStatus.PUBLISHED)
# The ISCO-08 sub-major group of each demo role: what a paid worker doing it would be, and so
# the wage that values the volunteers' hours (docs/valuation.md).
ISCO_OF_ROLE = {
    "delegation": "34",  # legal, social, cultural and related associate professionals
    "mentor": "23",  # teaching professionals
    "interpreter": "26",  # legal, social and cultural professionals (translators)
    "digital": "23",
    "meeting": "34",
    "planting": "92",  # agricultural, forestry and fishery labourers
    "watering": "92",
    "map": "25",  # information and communications technology professionals
    "instructor": "22",  # health professionals
    "training": "32",  # health associate professionals
    "marathon": "32",
    "registration": "42",  # customer services clerks
    "wayfinding": "42",
    "press": "34",
    "festival": "34",
    "smm": "24",  # business and administration professionals
    "street": "52",  # sales workers
    "dams": "93",  # labourers in mining, construction, manufacturing and transport
    "hotline": "42",
    "aid": "96",  # refuse workers and other elementary workers
    "groceries": "96",
    "phone": "53",  # personal care workers
}


def ensure_reference(created: Counter[str]) -> None:
    """Skills, causes, SDG targets and languages come from `load_reference`; load them when a
    bare database has none (as `make demo` would have)."""
    loaded = (
        Skill.objects.exists()
        and Cause.objects.exists()
        and SdgTarget.objects.exists()
        and Language.objects.filter(code__in=("ru", "kk", "en")).count() == 3
    )
    if not loaded:
        reference_load()
        created["reference data loads"] += 1


def birth_date(spec: ProfileSpec, today: date) -> date:
    """Of someone who is `spec.age` today and has a birthday in `spec.birthday_in` days."""
    birthday = today + timedelta(days=spec.birthday_in)
    if (birthday.month, birthday.day) == (2, 29):
        birthday -= timedelta(days=1)
    return birthday.replace(year=birthday.year - spec.age - 1)


def ensure_profiles(
    users: dict[str, User], cities: dict[str, City], reset: bool, created: Counter[str]
) -> None:
    today = timezone.localdate()
    skills = dict(Skill.objects.values_list("slug", "pk"))
    causes = dict(Cause.objects.values_list("slug", "pk"))
    for spec in PROFILES:
        user = users[spec.email]
        complete = VolunteerProfile.objects.filter(user=user, date_of_birth__isnull=False).exists()
        if complete and not reset:
            continue
        volunteer_profile_update(
            user=user,
            actor=user,
            date_of_birth=birth_date(spec, today),
            city=cities[spec.city],
            availability=list(spec.availability),
            medical_qualification=spec.medical,
            bio_ru=spec.bio[0],
            bio_kk=spec.bio[1],
            bio_en=spec.bio[2],
            discoverable=spec.discoverable,
            skills=[skills[slug] for slug in spec.skills],
            causes=[causes[slug] for slug in spec.causes],
            sdg_goals=list(spec.sdg_goals),
            languages=list(spec.languages),
        )
        if not complete:
            created["volunteer profiles"] += 1
        if spec.guardian and not has_live_consent(user=user, purpose=ConsentPurpose.GUARDIAN):
            volunteer_guardian_consent(
                user=user,
                guardian_name=spec.guardian[0],
                guardian_contact=spec.guardian[1],
                ip_address=None,
            )
            created["guardian consents"] += 1


def _admin(key: str, users: dict[str, User]) -> User:
    admin = persona_admin(key, users)
    if admin is None:
        raise LookupError(f"no demo admin for {key}")
    return admin


def shift_times(spec: ShiftSpec, zone: str) -> tuple[datetime, datetime]:
    """Start and end in UTC of a shift given in the local time of `zone`."""
    day = datetime.now(ZoneInfo(zone)).date() + timedelta(days=spec.days)
    if spec.weekday is not None:
        day += timedelta(days=(spec.weekday - day.weekday()) % 7)
    hour, minute = (int(part) for part in spec.at.split(":"))
    start = local_datetime(day, time(hour, minute), zone)
    return start, start + timedelta(hours=spec.hours)


def _ensure_project(
    spec: ProjectSpec,
    organisations: dict[str, Organisation],
    admin: User,
    created: Counter[str],
) -> tuple[Project, bool]:
    owner = organisations[spec.owner]
    project = Project.objects.filter(owner=owner, title_en=spec.title[2]).first()
    if project is not None:
        return project, False
    today = timezone.localdate()
    project = project_create(
        actor=admin,
        owner=owner,
        causes=list(Cause.objects.filter(slug__in=spec.causes)),
        sdg_targets=list(SdgTarget.objects.filter(code__in=spec.sdg_targets)),
        partners=[organisations[key] for key in spec.partners],
        start_date=today + timedelta(days=spec.starts),
        end_date=today + timedelta(days=spec.ends),
        is_flagship=spec.flagship,
        **translated_values(title=spec.title, description=spec.description),
    )
    created["projects"] += 1
    return project, True


def _ensure_opportunity(
    spec: OpportunitySpec,
    project: Project,
    cities: dict[str, City],
    admin: User,
    created: Counter[str],
) -> Opportunity | None:
    opportunity = project.opportunities.filter(title_en=spec.title[2]).first()
    if opportunity is None:
        if project.status not in OPEN:
            return None
        languages = [(Language.objects.get(code=code), level) for code, level in spec.languages]
        opportunity = opportunity_create(
            actor=admin,
            project=project,
            skills=list(Skill.objects.filter(slug__in=spec.skills)),
            languages=languages,
            min_age=spec.min_age,
            medical_required=spec.medical,
            restricted_category=spec.restricted,
            is_online=spec.city is None,
            city=cities[spec.city] if spec.city else None,
            address=spec.address,
            application_mode=spec.mode,
            capacity=spec.capacity,
            isco_group=IscoGroup.objects.filter(pk=ISCO_OF_ROLE.get(spec.key)).first(),
            **translated_values(
                title=spec.title, description=spec.description, questions=spec.questions
            ),
        )
        created["opportunities"] += 1
    upcoming = opportunity.shifts.filter(start__gt=timezone.now()).exists()
    if spec.shifts and not upcoming and project.status in OPEN:
        for shift_spec in spec.shifts:
            start, end = shift_times(shift_spec, opportunity.timezone)
            shift_create(
                actor=admin,
                opportunity=opportunity,
                start=start,
                end=end,
                capacity=shift_spec.capacity,
            )
            created["shifts"] += 1
    return opportunity


def ensure_projects(
    organisations: dict[str, Organisation],
    cities: dict[str, City],
    users: dict[str, User],
    created: Counter[str],
) -> dict[tuple[str, str], Opportunity]:
    found: dict[tuple[str, str], Opportunity] = {}
    for spec in PROJECTS:
        admin = _admin(spec.owner, users)
        project, new = _ensure_project(spec, organisations, admin, created)
        for opportunity_spec in spec.opportunities:
            opportunity = _ensure_opportunity(opportunity_spec, project, cities, admin, created)
            if opportunity is not None:
                found[(spec.key, opportunity_spec.key)] = opportunity
        if new:
            project_publish(actor=admin, project=project)
    return found


def ensure_applications(
    opportunities: dict[tuple[str, str], Opportunity],
    users: dict[str, User],
    created: Counter[str],
) -> None:
    owners = {spec.key: spec.owner for spec in PROJECTS}
    now = timezone.now()
    for spec in APPLICATIONS:
        opportunity = opportunities.get((spec.project, spec.opportunity))
        if opportunity is None:
            continue
        volunteer = users[spec.volunteer]
        shift = None
        if spec.shift is not None:
            upcoming = list(opportunity.shifts.filter(start__gt=now).order_by("start", "pk"))
            if spec.shift >= len(upcoming):
                continue
            shift = upcoming[spec.shift]
        same = Q(shift=shift) if shift is not None else Q(shift__isnull=True)
        if Application.objects.filter(same, volunteer=volunteer, opportunity=opportunity).exists():
            continue
        application = application_submit(volunteer=volunteer, opportunity=opportunity, shift=shift)
        created["applications"] += 1
        if spec.accept and application.status == ApplicationStatus.PENDING:
            application_accept(actor=_admin(owners[spec.project], users), application=application)


def ensure_team_sign_up(opportunities: dict[tuple[str, str], Opportunity]) -> None:
    """The demo's opportunities with shifts take teams of up to six (a school class, a
    company team), so "Sign up as a team" shows on their pages."""
    Opportunity.objects.filter(
        pk__in=[opportunity.pk for opportunity in opportunities.values()],
        team_max_size=0,
        first_start__isnull=False,
    ).update(team_max_size=6)
