"""Projects with their opportunities and shifts, imported by an organisation's organisers
(its admins and coordinators: those who create projects on the pages) into their
organisation. One sheet; each row is one shift:

- rows with the same project title (folded: case, accents and spacing ignored) are one
  project, created as a draft by `project_create` (its causes and SDG targets from its first
  row);
- rows of that project with the same opportunity title are one opportunity, created by
  `opportunity_create` (onsite in a city of the organisation's country, or online; its place
  and time zone from its first row);
- each row adds a shift (`shift_create`): it starts in the future, ends after it starts and
  takes at least one volunteer. Times are on the clock of the row's time zone (else the
  city's, else the organisation's city's, else UTC) and stored in UTC.

The texts of a row are in the row's language (the "language" column), else the importer's.
A project whose title the organisation already holds (in any language) is a likely
duplicate: decided "different", the row makes a new project; "the same" skips the row (add
opportunities to an existing project on its page). Everything is created as a draft: the
organisers look it over and publish it on the pages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.accounts.http import Viewer
from council.hours.models import HoursEntry
from council.imports.issues import Issue, Problem
from council.imports.kinds.base import (
    Candidate,
    Cell,
    Context,
    Field,
    Kind,
    Row,
    cell_text,
    header_key,
    language,
    text,
)
from council.lib.spreadsheets import parse_date
from council.lib.text import MAX_TEXT
from council.orgs.models import ORGANISER_ROLES, Membership, Organisation
from council.projects.models import Application, Opportunity, Project, Shift
from council.projects.services.opportunities import opportunity_create, time_zone_names
from council.projects.services.organising import MAX_CAPACITY
from council.projects.services.projects import project_create
from council.projects.services.shifts import local_datetime, shift_create
from council.reference.models import Cause, City, SdgTarget

if TYPE_CHECKING:
    from council.imports.models import ImportJob

ONLINE = frozenset(
    header_key(word)
    for word in ("online", "онлайн", "удаленно", "удалённо", "дистанционно", "remote", "қашықтан")
)
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.]\d{2})?")
_WITH_TIME = re.compile(r"(.+?)[\sT]+(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)")
_SEPARATORS = re.compile(r"[;,\n]+")


def _time(value: Cell, context: Context) -> time:
    """A time: the spreadsheet's own (a time or a fraction of a day) or text "09:30"."""
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return time(minutes // 60 % 24, minutes % 60)
    shown = cell_text(value)
    match = _TIME.fullmatch(shown)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise Problem("time", value=shown)
    return time(int(match[1]), int(match[2]))


def _moment(value: Cell, context: Context) -> tuple[date, time | None]:
    """A date, with its time when the cell gives one ("01.03.2027 09:30", a date-time)."""
    if isinstance(value, datetime):
        at = value.time().replace(second=0, microsecond=0)
        return value.date(), (at if at != time(0) else None)
    shown = cell_text(value)
    match = _WITH_TIME.fullmatch(shown) if isinstance(value, str) else None
    try:
        if match is not None:
            return parse_date(match[1]), _time(match[2], context)
        return parse_date(value), None
    except ValueError:
        raise Problem("date", value=shown) from None


def _capacity(value: Cell, context: Context) -> int:
    shown = cell_text(value)
    if not shown.isdigit() or not 1 <= int(shown) <= MAX_CAPACITY:
        raise Problem("capacity", value=shown, limit=MAX_CAPACITY)
    return int(shown)


def _time_zone(value: Cell, context: Context) -> str:
    shown = cell_text(value)
    if shown not in time_zone_names():
        raise Problem("time_zone", value=shown)
    return shown


def _parts(value: Cell) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(cell_text(value)) if part.strip()]


def _named(model: type[models.Model], *extra: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    columns = ("name_ru", "name_kk", "name_en", *extra)
    for row in model._default_manager.values("pk", *columns):
        for column in columns:
            if row[column]:
                found.setdefault(header_key(row[column]), row["pk"])
    return found


def _causes(value: Cell, context: Context) -> list[int]:
    """Causes by their name in ru, kk or en, or their code: "Education; Health"."""
    known = context.lookup("causes", lambda: _named(Cause, "slug"))
    found: list[int] = []
    for part in _parts(value):
        pk = known.get(header_key(part))
        if pk is None:
            raise Problem("cause", value=part)
        if pk not in found:
            found.append(pk)
    return found


def _sdg_targets(value: Cell, context: Context) -> list[int]:
    """SDG targets by their code: "3.1; 4.a"."""
    known = context.lookup(
        "sdg_targets",
        lambda: {code.casefold(): pk for pk, code in SdgTarget.objects.values_list("pk", "code")},
    )
    found: list[int] = []
    for part in _parts(value.replace(" ", ";") if isinstance(value, str) else value):
        pk = known.get(part.casefold())
        if pk is None:
            raise Problem("sdg_target", value=part)
        if pk not in found:
            found.append(pk)
    return found


def _cities(context: Context) -> dict[str, tuple[int, str]]:
    """The cities of the organisation's country by their names in ru, kk and en, folded."""
    found: dict[str, tuple[int, str]] = {}
    rows = City.objects.filter(country_id=context.organisation.country_id).order_by(
        "-population", "pk"
    )
    for row in rows.values("pk", "name_ru", "name_kk", "name_en", "timezone").iterator(2000):
        for column in ("name_ru", "name_kk", "name_en"):
            if row[column]:
                found.setdefault(header_key(row[column]), (row["pk"], row["timezone"]))
    return found


def _city(value: Cell, context: Context) -> tuple[int, str] | None:
    """A city of the organisation's country (its id and time zone), or None for online."""
    shown = cell_text(value)
    key = header_key(shown)
    if key in ONLINE:
        return None
    found = context.lookup("cities", lambda: _cities(context)).get(key)
    if found is None:
        raise Problem("city", value=shown, country=context.organisation.country.name)
    return found  # type: ignore[no-any-return]


class Projects(Kind):
    key = "projects"
    label = gettext_lazy("Projects with opportunities and shifts")
    created_action = "project.created"
    own_actions = ("project.created", "opportunity.created", "shift.created")
    batch_size = 500
    fields = (
        Field(
            "project_title",
            gettext_lazy("Project title"),
            text(200),
            required=True,
            aliases=(
                "проект",
                "название проекта",
                "жоба",
                "жоба атауы",
                "project",
                "project title",
            ),
        ),
        Field(
            "project_description",
            gettext_lazy("Project description"),
            text(MAX_TEXT),
            aliases=(
                "описание проекта",
                "жоба сипаттамасы",
                "жобаның сипаттамасы",
                "project description",
            ),
        ),
        Field(
            "causes",
            gettext_lazy("Causes"),
            _causes,
            aliases=("направления", "направление", "тематика", "бағыттар", "бағыт", "causes"),
        ),
        Field(
            "sdg_targets",
            gettext_lazy("SDG targets"),
            _sdg_targets,
            aliases=(
                "цели цур",
                "задачи цур",
                "цур",
                "тдм",
                "тдм міндеттері",
                "sdg",
                "sdg targets",
            ),
        ),
        Field(
            "opportunity_title",
            gettext_lazy("Opportunity title"),
            text(200),
            required=True,
            aliases=(
                "возможность",
                "название возможности",
                "роль",
                "мүмкіндік",
                "мүмкіндік атауы",
                "рөл",
                "opportunity",
                "opportunity title",
                "role",
            ),
        ),
        Field(
            "opportunity_description",
            gettext_lazy("Opportunity description"),
            text(MAX_TEXT),
            aliases=(
                "описание возможности",
                "описание роли",
                "мүмкіндік сипаттамасы",
                "opportunity description",
                "role description",
            ),
        ),
        Field(
            "city",
            gettext_lazy("City, or “online”"),
            _city,
            aliases=("город", "место", "қала", "орны", "city", "place", "location"),
        ),
        Field(
            "capacity",
            gettext_lazy("Volunteers needed"),
            _capacity,
            required=True,
            aliases=(
                "мест",
                "количество мест",
                "нужно волонтеров",
                "орын саны",
                "орындар",
                "capacity",
                "places",
                "volunteers needed",
            ),
        ),
        Field(
            "start",
            gettext_lazy("Shift start date (and time)"),
            _moment,
            required=True,
            aliases=(
                "дата",
                "дата начала",
                "начало",
                "басталу күні",
                "басталуы",
                "date",
                "start",
                "start date",
            ),
        ),
        Field(
            "start_time",
            gettext_lazy("Shift start time"),
            _time,
            aliases=("время начала", "басталу уақыты", "start time", "from"),
        ),
        Field(
            "end",
            gettext_lazy("Shift end date (and time)"),
            _moment,
            aliases=("дата окончания", "окончание", "аяқталу күні", "аяқталуы", "end date", "end"),
        ),
        Field(
            "end_time",
            gettext_lazy("Shift end time"),
            _time,
            aliases=("время окончания", "аяқталу уақыты", "end time", "until", "to"),
        ),
        Field(
            "timezone",
            gettext_lazy("Time zone"),
            _time_zone,
            aliases=("часовой пояс", "уақыт белдеуі", "time zone", "timezone"),
        ),
        Field(
            "language",
            gettext_lazy("Language of the texts"),
            language,
            aliases=("язык", "тіл", "language"),
        ),
    )

    def organisations(self, *, user: Viewer) -> models.QuerySet[Organisation]:
        """The organisations this person organises for: who creates projects on the pages."""
        if not user.is_authenticated:
            return Organisation.objects.none()
        organising = Membership.objects.filter(user=user, role__in=ORGANISER_ROLES)
        return Organisation.objects.filter(pk__in=organising.values("organisation_id"))

    def start(self, context: Context) -> None:
        person = context.job.created_by
        context.cache["language"] = getattr(person, "preferred_language", "") or "ru"
        context.cache["new_projects"] = {}
        context.cache["new_opportunities"] = {}

    def _zone(self, clean: dict[str, Any], context: Context) -> str:
        if clean.get("timezone"):
            return str(clean["timezone"])
        if clean.get("city"):
            return str(clean["city"][1])
        city = context.organisation.city
        return city.timezone if city is not None else "UTC"

    def rules(self, clean: dict[str, Any], context: Context) -> list[Issue]:
        if "city" not in clean and context.organisation.city_id is None:
            return [Issue("no_city", field="city")]
        if "city" not in clean:
            home = context.organisation.city
            clean["city"] = (home.pk, home.timezone) if home is not None else None
        zone = self._zone(clean, context)
        start_day, start_at = clean["start"]
        start_at = clean.get("start_time") or start_at
        if start_at is None:
            return [Issue("no_time", field="start_time")]
        end_day, end_at = clean.get("end") or (start_day, None)
        end_at = clean.get("end_time") or end_at
        if end_at is None:
            return [Issue("no_time", field="end_time")]
        try:
            start = local_datetime(start_day, start_at, zone)
            end = local_datetime(end_day, end_at, zone)
        except ValidationError as error:
            return [Issue("not_written", {"text": " ".join(error.messages)}, field="start")]
        if start <= timezone.now():
            return [Issue("past_shift", {"value": f"{start_day} {start_at:%H:%M}"}, field="start")]
        if end <= start:
            return [Issue("shift_order", field="end" if "end" in clean else "end_time")]
        clean["_start"], clean["_end"], clean["_zone"] = start, end, zone
        clean["language"] = clean.get("language") or context.cache["language"]
        clean["_project"] = header_key(clean["project_title"])
        clean["_opportunity"] = header_key(clean["opportunity_title"])
        return []

    def describe(self, clean: dict[str, Any]) -> str:
        return " · ".join(
            [clean["project_title"], clean["opportunity_title"], clean["_start"].isoformat()]
        )

    def candidates(self, rows: Sequence[Row], context: Context) -> list[Candidate]:
        """A project of the organisation with the same title, in any language."""
        held: dict[str, int] = context.lookup("held_projects", lambda: self._held(context))
        hits = [
            (number, held[clean["_project"]]) for number, clean in rows if clean["_project"] in held
        ]
        projects = Project.objects.in_bulk({pk for _number, pk in hits})
        return [Candidate(number, projects[pk], 0.95, ["title"]) for number, pk in hits]

    @staticmethod
    def _held(context: Context) -> dict[str, int]:
        held: dict[str, int] = {}
        rows = Project.objects.filter(owner=context.organisation).values_list(
            "pk", "title_ru", "title_kk", "title_en"
        )
        for pk, *titles in rows:
            for title in titles:
                if title:
                    held.setdefault(header_key(title), pk)
        return held

    @staticmethod
    def _still_there(context: Context) -> None:
        """Forget the projects and opportunities of a batch that was rolled back."""
        projects: dict[str, Project] = context.cache["new_projects"]
        opportunities: dict[tuple[str, str], Opportunity] = context.cache["new_opportunities"]
        kept = set(
            Project.objects.filter(pk__in=[p.pk for p in projects.values()]).values_list(
                "pk", flat=True
            )
        )
        for title in [title for title, project in projects.items() if project.pk not in kept]:
            del projects[title]
        there = set(
            Opportunity.objects.filter(pk__in=[o.pk for o in opportunities.values()]).values_list(
                "pk", flat=True
            )
        )
        for key in [key for key, item in opportunities.items() if item.pk not in there]:
            del opportunities[key]

    def write(self, rows: Sequence[Row], context: Context) -> list[tuple[int, models.Model]]:
        actor = context.actor
        assert actor is not None
        self._still_there(context)
        projects: dict[str, Project] = context.cache["new_projects"]
        opportunities: dict[tuple[str, str], Opportunity] = context.cache["new_opportunities"]
        written: list[tuple[int, models.Model]] = []
        for number, clean in rows:
            code = clean["language"]
            project = projects.get(clean["_project"])
            if project is None:
                project = project_create(
                    actor=actor,
                    owner=context.organisation,
                    causes=Cause.objects.filter(pk__in=clean.get("causes", [])),
                    sdg_targets=SdgTarget.objects.filter(pk__in=clean.get("sdg_targets", [])),
                    **{  # type: ignore[arg-type]
                        f"title_{code}": clean["project_title"],
                        f"description_{code}": clean.get("project_description", ""),
                    },
                )
                projects[clean["_project"]] = project
                written.append((number, project))
            key = (clean["_project"], clean["_opportunity"])
            opportunity = opportunities.get(key)
            if opportunity is None:
                city_id = clean["city"][0] if clean["city"] else None
                opportunity = opportunity_create(
                    actor=actor,
                    project=project,
                    is_online=city_id is None,
                    city=City.objects.get(pk=city_id) if city_id else None,
                    timezone=clean["_zone"],
                    **{  # type: ignore[arg-type]
                        f"title_{code}": clean["opportunity_title"],
                        f"description_{code}": clean.get("opportunity_description", ""),
                    },
                )
                opportunities[key] = opportunity
                written.append((number, opportunity))
            shift = shift_create(
                actor=actor,
                opportunity=opportunity,
                start=clean["_start"],
                end=clean["_end"],
                capacity=clean["capacity"],
            )
            written.append((number, shift))
        return written

    def touched(self, job: ImportJob, created: dict[type[models.Model], list[int]]) -> list[str]:
        """Applications to the imported opportunities, hours on the imported projects, and
        opportunities or shifts added to them since."""
        projects = created.get(Project, [])
        opportunities = created.get(Opportunity, [])
        reasons = []
        if Application.objects.filter(opportunity_id__in=opportunities).exists():
            reasons.append(_("Volunteers have applied to some of the imported opportunities."))
        if HoursEntry.objects.filter(project_id__in=projects).exists():
            reasons.append(_("Hours have been recorded on some of the imported projects."))
        added = (
            Opportunity.objects.filter(project_id__in=projects)
            .exclude(pk__in=opportunities)
            .exists()
            or Shift.objects.filter(opportunity_id__in=opportunities)
            .exclude(pk__in=created.get(Shift, []))
            .exists()
        )
        if added:
            reasons.append(
                _("Opportunities or shifts have been added to the imported projects since.")
            )
        return reasons
