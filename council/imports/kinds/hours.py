"""Historical hours, imported by an organisation's admins into their organisation: verified
at once by the importing organisation (council.hours.services.imported), valued like any
other and kept in the report totals. Each entry's `origin` is "import:<job id>".

A row names its volunteer by email address or by the id an earlier volunteers import of the
organisation gave them (the contact's external id); the volunteer must have an account here
(an account with that email, or a contact of the organisation who accepted their invitation).
A contact who has not accepted yet, or somebody unknown, is refused: hours belong to a
person, and a person joins by accepting. The project is one of the organisation's own, by
its id or its title in any language.

The same external id already imported into the organisation (by another import) is the
same entry, certainly: it is never imported twice."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy

from council.accounts.http import Viewer
from council.accounts.models import User
from council.hours.models import EntrySource, HoursEntry
from council.hours.services.imported import (
    ImportedEntry,
    hours_import_verified,
    hours_imported_delete,
)
from council.imports.issues import Issue, Problem
from council.imports.kinds.base import (
    Candidate,
    Cell,
    Context,
    Field,
    Kind,
    Row,
    cell_text,
    email,
    header_key,
    number,
    past_day,
    text,
    yes_no,
)
from council.lib.dates import date_problem
from council.orgs.models import Membership, MembershipRole, Organisation
from council.projects.models import Project
from council.reference.models import IscoGroup
from council.volunteers.models import Contact

MAX_HOURS = Decimal(24)


def _hours(value: Cell, context: Context) -> Decimal:
    amount = number(value, context)
    if not Decimal(0) < amount <= MAX_HOURS:
        raise Problem("hours_in_a_day", value=cell_text(value))
    return amount


def _day(value: Cell, context: Context) -> Any:
    parsed = past_day(value, context)
    problem = date_problem(parsed, latest=parsed)
    if problem is not None:  # before 2000
        raise Problem("not_written", text=problem)
    return parsed


def _projects(context: Context) -> dict[str, int]:
    """The organisation's projects: their id and their titles in ru, kk and en, folded."""
    found: dict[str, int] = {}
    rows = Project.objects.filter(owner=context.organisation).values(
        "pk", "title_ru", "title_kk", "title_en"
    )
    for row in rows:
        found[str(row["pk"])] = row["pk"]
        for column in ("title_ru", "title_kk", "title_en"):
            if row[column]:
                found.setdefault(header_key(row[column]), row["pk"])
    return found


def _project(value: Cell, context: Context) -> int:
    shown = cell_text(value)
    found = context.lookup("projects", lambda: _projects(context))
    pk = found.get(shown) or found.get(header_key(shown))
    if pk is None:
        raise Problem("project", value=shown)
    return pk  # type: ignore[no-any-return]


def _isco(value: Cell, context: Context) -> str:
    shown = cell_text(value)
    codes = context.lookup("isco", lambda: set(IscoGroup.objects.values_list("code", flat=True)))
    if shown not in codes:
        raise Problem("isco", value=shown)
    return shown


class Hours(Kind):
    key = "hours"
    label = gettext_lazy("Historical verified hours")
    created_action = "hours.imported"
    own_actions = ("hours.imported",)
    batch_size = 1000
    fields = (
        Field(
            "email",
            gettext_lazy("Volunteer's email address"),
            email,
            aliases=(
                "email",
                "e-mail",
                "эл. почта",
                "электронная почта",
                "почта волонтера",
                "электрондық пошта",
                "volunteer email",
                "volunteer's email",
            ),
        ),
        Field(
            "volunteer_id",
            gettext_lazy("Volunteer's id in the source system"),
            text(64, plain=False),
            aliases=(
                "id волонтера",
                "id волонтёра",
                "идентификатор волонтера",
                "ерікті id",
                "волонтер id",
                "volunteer id",
                "volunteer external id",
            ),
        ),
        Field(
            "project",
            gettext_lazy("Project"),
            _project,
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
            "date",
            gettext_lazy("Date"),
            _day,
            required=True,
            aliases=("дата", "күні", "күн", "date", "day"),
        ),
        Field(
            "hours",
            gettext_lazy("Hours"),
            _hours,
            required=True,
            aliases=("часы", "часов", "количество часов", "сағат", "сағат саны", "hours"),
        ),
        Field(
            "description",
            gettext_lazy("What was done"),
            text(2000),
            aliases=(
                "описание",
                "что сделано",
                "сипаттама",
                "не істелді",
                "description",
                "what was done",
            ),
        ),
        Field(
            "isco_group",
            gettext_lazy("Occupation group (ISCO-08)"),
            _isco,
            aliases=("мскз", "код мскз", "isco", "isco-08", "isco code", "кәсіп тобы"),
        ),
        Field(
            "during_paid_work",
            gettext_lazy("During paid work time"),
            yes_no,
            aliases=(
                "в рабочее время",
                "оплачиваемое время",
                "жұмыс уақытында",
                "during paid work",
                "paid time",
            ),
        ),
        Field(
            "external_id",
            gettext_lazy("Id in the source system"),
            text(200, plain=False),
            aliases=("id", "идентификатор", "номер записи", "external id", "record id", "uid"),
        ),
    )

    def organisations(self, *, user: Viewer) -> models.QuerySet[Organisation]:
        """The organisations this person administers: the importer vouches for the hours."""
        if not user.is_authenticated:
            return Organisation.objects.none()
        administered = Membership.objects.filter(user=user, role=MembershipRole.ADMIN)
        return Organisation.objects.filter(pk__in=administered.values("organisation_id"))

    def start(self, context: Context) -> None:
        """The organisation's contacts by email and by external id: their account, or None
        while they have not accepted."""
        by_email: dict[str, int | None] = {}
        by_id: dict[str, int | None] = {}
        contacts = Contact.objects.filter(
            organisation=context.organisation, erased_at__isnull=True
        ).values_list("email", "external_id", "user_id")
        for address, external_id, user_id in contacts.iterator(2000):
            for found, key in ((by_email, address.lower()), (by_id, external_id)):
                if key and (key not in found or user_id is not None):
                    found[key] = user_id
        context.cache["contacts_by_email"] = by_email
        context.cache["contacts_by_id"] = by_id
        context.cache["accounts"] = {}

    def _volunteer(self, clean: dict[str, Any], context: Context) -> tuple[int | None, Issue]:
        """The volunteer's account, or the problem naming the column."""
        accounts: dict[str, int | None] = context.cache["accounts"]
        if "email" in clean:
            address = clean["email"]
            if address not in accounts:
                accounts[address] = (
                    User.objects.filter(email__iexact=address, is_active=True)
                    .values_list("pk", flat=True)
                    .first()
                )
            user_id = accounts[address]
            if user_id is None:
                user_id = context.cache["contacts_by_email"].get(address)
            known = address in context.cache["contacts_by_email"]
            return user_id, Issue(
                "not_accepted" if known else "no_account", {"value": address}, field="email"
            )
        external_id = clean["volunteer_id"]
        by_id = context.cache["contacts_by_id"]
        return by_id.get(external_id), Issue(
            "not_accepted" if external_id in by_id else "no_volunteer_id",
            {"value": external_id},
            field="volunteer_id",
        )

    def rules(self, clean: dict[str, Any], context: Context) -> list[Issue]:
        if "email" not in clean and "volunteer_id" not in clean:
            return [Issue("no_volunteer", field="email")]
        user_id, issue = self._volunteer(clean, context)
        if user_id is None:
            return [issue]
        clean["_volunteer_id"] = user_id
        return []

    def file_keys(self, clean: dict[str, Any]) -> list[str]:
        return [f"id:{clean['external_id']}"] if clean.get("external_id") else []

    def describe(self, clean: dict[str, Any]) -> str:
        parts = [
            clean.get("email") or clean.get("volunteer_id") or "",
            clean["date"].isoformat(),
            f"{clean['hours']} h",
            clean.get("external_id", ""),
        ]
        return " · ".join(str(part) for part in parts if part)

    def candidates(self, rows: Sequence[Row], context: Context) -> list[Candidate]:
        """An entry another import of this organisation brought in with the same id."""
        ids = {clean["external_id"]: number for number, clean in rows if clean.get("external_id")}
        if not ids:
            return []
        earlier = HoursEntry.objects.filter(
            organisation=context.organisation,
            source=EntrySource.IMPORTED,
            origin__startswith="import:",
            external_id__in=list(ids),
        ).exclude(origin=self.origin(context))
        return [
            Candidate(ids[entry.external_id], entry, 1.0, ["external_id"], certain=True)
            for entry in earlier
        ]

    @staticmethod
    def origin(context: Context) -> str:
        return f"import:{context.job.pk}"

    def write(self, rows: Sequence[Row], context: Context) -> list[tuple[int, models.Model]]:
        organisation = context.organisation
        projects = Project.objects.in_bulk({clean["project"] for _n, clean in rows})
        people = User.objects.in_bulk({clean["_volunteer_id"] for _n, clean in rows})
        origin = self.origin(context)
        entries = [
            ImportedEntry(
                volunteer=people[clean["_volunteer_id"]],
                project=projects[clean["project"]],
                day=clean["date"],
                hours=clean["hours"],
                origin=origin,
                external_id=clean.get("external_id", ""),
                country_id=organisation.country_id,
                region_id=organisation.region_id,
                during_paid_work=clean.get("during_paid_work", False),
                isco_group_id=clean.get("isco_group"),
                description=clean.get("description", ""),
            )
            for _number, clean in rows
        ]
        mine = HoursEntry.objects.filter(origin=origin)
        before = mine.aggregate(last=models.Max("pk"))["last"] or 0
        hours_import_verified(actor=context.actor, entries=entries)
        created = list(mine.filter(pk__gt=before).order_by("pk"))
        return [(number, entry) for (number, _clean), entry in zip(rows, created, strict=True)]

    def delete(self, model: type[models.Model], ids: Sequence[int]) -> None:
        if model is HoursEntry:
            hours_imported_delete(entry_ids=ids)
        else:
            super().delete(model, ids)
