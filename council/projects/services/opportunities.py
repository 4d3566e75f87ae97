"""Opportunities of a project and their language requirements.

An onsite opportunity is in a city of the owner's or a partner's country; its coordinates and
time zone come from the city unless given. An online opportunity has no city, address or
coordinates; its time zone defaults to the owner's city's. Without shifts, the opportunity's
capacity is its seat pool, not shrunk below its confirmed volunteers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Unpack
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.lib.forms import translated_fields
from council.lib.locks import lock_with
from council.lib.mirrors import ensure_local
from council.projects.fields import OPPORTUNITY_FIELDS
from council.projects.models import (
    Opportunity,
    OpportunityLanguage,
    Project,
)
from council.projects.selectors.seats import seats
from council.projects.services.index import opportunity_refresh
from council.projects.services.organising import (
    MAX_NAMES_DAYS,
    MAX_TEAM_SIZE,
    OpportunityFields,
    apply_fields,
    audit,
    check_capacity_limit,
    check_covers_confirmed,
    has_title,
    known_fields,
    lock_project,
    require_open_to,
    set_m2m,
)
from council.reference.models import CefrLevel, Language, Skill
from council.volunteers.models import Credential

MAX_AGE = 99
MAX_QUESTIONS = 20
MAX_LANGUAGE_REQUIREMENTS = 10


@cache
def time_zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def _default_time_zone(opportunity: Opportunity) -> str:
    if opportunity.city is not None:
        return opportunity.city.timezone
    owner_city = opportunity.project.owner.city
    return owner_city.timezone if owner_city is not None else "UTC"


def _fill_place(opportunity: Opportunity) -> None:
    """Coordinates and time zone from the city when not given."""
    city = opportunity.city
    unplaced = opportunity.latitude is None and opportunity.longitude is None
    if city is not None and not opportunity.is_online and unplaced:
        opportunity.latitude, opportunity.longitude = city.latitude, city.longitude
    if not opportunity.timezone:
        opportunity.timezone = _default_time_zone(opportunity)


def _place_errors(opportunity: Opportunity, project: Project) -> dict[str, str]:
    errors: dict[str, str] = {}
    if opportunity.is_online:
        if opportunity.city_id is not None:
            errors["city"] = _("An online opportunity has no city; clear the city.")
        if opportunity.address.strip():
            errors["address"] = _("An online opportunity has no address; clear the address.")
        if opportunity.latitude is not None or opportunity.longitude is not None:
            errors["latitude"] = _("An online opportunity has no coordinates.")
    elif opportunity.city is None:
        errors["city"] = _("Choose the city, or mark the opportunity as online.")
    elif opportunity.city.country_id not in project.countries:
        errors["city"] = _(
            "The city must be in the country of the owner organisation or of a partner."
        )
    if (opportunity.latitude is None) != (opportunity.longitude is None):
        errors["latitude"] = _("Enter both latitude and longitude, or neither.")
    if opportunity.latitude is not None and not -90 <= opportunity.latitude <= 90:
        errors["latitude"] = _("Latitude is between -90 and 90.")
    if opportunity.longitude is not None and not -180 <= opportunity.longitude <= 180:
        errors["longitude"] = _("Longitude is between -180 and 180.")
    if opportunity.timezone not in time_zone_names():
        errors["timezone"] = _("Choose a time zone from the list.")
    return errors


def _check_opportunity(opportunity: Opportunity, project: Project) -> None:
    errors: dict[str, str] = {}
    if not has_title(opportunity):
        errors["title_ru"] = _("Enter the title in at least one language.")
    errors.update(_place_errors(opportunity, project))
    if opportunity.min_age > MAX_AGE:
        errors["min_age"] = _("Enter an age of at most %(age)d.") % {"age": MAX_AGE}
    errors.update(check_capacity_limit(opportunity.capacity))
    if opportunity.team_max_size == 1 or opportunity.team_max_size > MAX_TEAM_SIZE:
        errors["team_max_size"] = _("A team has from 2 to %(most)d people; 0 allows no teams.") % {
            "most": MAX_TEAM_SIZE
        }
    if opportunity.team_names_days > MAX_NAMES_DAYS:
        errors["team_names_days"] = _("Enter at most %(days)d days.") % {"days": MAX_NAMES_DAYS}
    for name in translated_fields("questions"):
        questions = getattr(opportunity, name) or ""
        if len([line for line in questions.splitlines() if line.strip()]) > MAX_QUESTIONS:
            errors[name] = _("Ask at most %(number)d questions.") % {"number": MAX_QUESTIONS}
    if errors:
        raise ValidationError(errors)
    opportunity.full_clean(exclude=["title", "description", "questions", "project"])


def _check_capacity_covers_confirmed(opportunity: Opportunity) -> None:
    """Without shifts, the opportunity's capacity is the seat pool; the caller holds its lock."""
    check_covers_confirmed(opportunity.capacity, seats(opportunity, None)[1])


def _wanted_languages(requirements: Sequence[tuple[Language, str]]) -> dict[str, str]:
    wanted: dict[str, str] = {}
    for language, level in requirements:
        if level not in CefrLevel.values:
            raise ValidationError({"languages": _("Choose a valid language level.")})
        if language.pk in wanted:
            raise ValidationError(
                {"languages": _("%(language)s is listed twice.") % {"language": language.name}}
            )
        wanted[language.pk] = level
    if len(wanted) > MAX_LANGUAGE_REQUIREMENTS:
        raise ValidationError(
            {
                "languages": _("Require at most %(number)d languages.")
                % {"number": MAX_LANGUAGE_REQUIREMENTS}
            }
        )
    return wanted


def _languages_set(
    actor: User,
    opportunity: Opportunity,
    requirements: Sequence[tuple[Language, str]],
) -> bool:
    wanted = _wanted_languages(requirements)
    current = dict(opportunity.languages.values_list("language_id", "min_level"))
    if current == wanted:
        return False
    opportunity.languages.exclude(language_id__in=list(wanted)).delete()
    for code, level in wanted.items():
        if current.get(code) != level:
            OpportunityLanguage.objects.update_or_create(
                opportunity=opportunity, language_id=code, defaults={"min_level": level}
            )
    audit(actor, "opportunity.languages_set", opportunity, opportunity.project, languages=wanted)
    return True


def _check_credentials(credentials: Sequence[Credential], project: Project) -> None:
    """An opportunity requires its owner's credentials or council-wide ones."""
    if any(row.organisation_id not in (None, project.owner_id) for row in credentials):
        raise ValidationError(
            {"credentials": _("Choose credentials of the owner organisation or of the council.")}
        )


@transaction.atomic
def opportunity_create(
    *,
    actor: User,
    project: Project,
    skills: Iterable[Skill] = (),
    credentials: Iterable[Credential] = (),
    languages: Sequence[tuple[Language, str]] = (),
    **fields: Unpack[OpportunityFields],
) -> Opportunity:
    """Add an opportunity to an open project. Fields left out take the model's default; the
    place and time zone left out come from the city."""
    given = known_fields({"timezone": "", **fields}, OPPORTUNITY_FIELDS)
    project = lock_project(project)
    require_open_to(actor, project)
    opportunity = Opportunity(project=project)
    apply_fields(opportunity, OPPORTUNITY_FIELDS, given)
    _fill_place(opportunity)
    _check_opportunity(opportunity, project)
    opportunity.save()
    opportunity.skills.set(list(skills))
    credentials = list(credentials)
    _check_credentials(credentials, project)
    opportunity.credentials.set(credentials)
    audit(actor, "opportunity.created", opportunity, project, title=str(opportunity.title))
    _languages_set(actor, opportunity, languages)
    return opportunity_refresh(opportunity=opportunity)


def _follow_city(
    opportunity: Opportunity, before: dict[str, object], city_before: int | None
) -> None:
    """When the city changed and the coordinates or time zone did not, they follow it."""
    if opportunity.city_id == city_before:
        return
    if (opportunity.latitude, opportunity.longitude) == (before["latitude"], before["longitude"]):
        opportunity.latitude = opportunity.longitude = None
    if opportunity.timezone == before["timezone"]:
        opportunity.timezone = ""


@transaction.atomic
def opportunity_update(
    *,
    actor: User,
    opportunity: Opportunity,
    skills: Iterable[Skill] | None = None,
    credentials: Iterable[Credential] | None = None,
    languages: Sequence[tuple[Language, str]] | None = None,
    **fields: Unpack[OpportunityFields],
) -> Opportunity:
    """Change an opportunity; a field left out keeps its value, `None` leaves a relation as it
    is. When the city changes and the coordinates or time zone were not changed with it, they
    follow the new city."""
    given = known_fields(fields, OPPORTUNITY_FIELDS)
    # The opportunity row guards the seats of an opportunity without shifts.
    opportunity = lock_with(Opportunity, opportunity.pk, "project__owner__city", "city")
    project = opportunity.project
    ensure_local(opportunity)
    require_open_to(actor, project)
    before = {name: getattr(opportunity, name) for name in OPPORTUNITY_FIELDS}
    city_before = opportunity.city_id
    apply_fields(opportunity, OPPORTUNITY_FIELDS, given)
    _follow_city(opportunity, before, city_before)
    _fill_place(opportunity)
    _check_opportunity(opportunity, project)
    changed = [name for name in OPPORTUNITY_FIELDS if getattr(opportunity, name) != before[name]]
    if "capacity" in changed:
        _check_capacity_covers_confirmed(opportunity)
    if changed:
        opportunity.save(update_fields=changed)
    if set_m2m(opportunity, "skills", skills):
        changed.append("skills")
    if credentials is not None:
        credentials = list(credentials)
        _check_credentials(credentials, project)
    if set_m2m(opportunity, "credentials", credentials):
        changed.append("credentials")
    if changed:
        audit(actor, "opportunity.updated", opportunity, project, fields=changed)
    if languages is not None:
        _languages_set(actor, opportunity, languages)
    return opportunity_refresh(opportunity=opportunity)


def open_opportunity(actor: User, opportunity: Opportunity) -> Opportunity:
    """The opportunity with its project, for an organiser of an open project."""
    opportunity = Opportunity.objects.select_related("project__owner").get(pk=opportunity.pk)
    ensure_local(opportunity)
    require_open_to(actor, opportunity.project)
    return opportunity


@transaction.atomic
def opportunity_language_set(
    *,
    actor: User,
    opportunity: Opportunity,
    requirements: Sequence[tuple[Language, str]],
) -> Opportunity:
    """Replace the opportunity's language requirements: (language, minimum CEFR level)."""
    opportunity = open_opportunity(actor, opportunity)
    _languages_set(actor, opportunity, requirements)
    return opportunity_refresh(opportunity=opportunity)
