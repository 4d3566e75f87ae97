"""Reading an exchange-format file line by line into the platform's rows: the report of
what it would create, update, match and hold, and the one importer behind a dry run and a
real run (council/interchange/services/imports.py runs it as a job)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.accounts.models import User
from council.audit.services import record
from council.hours.models import EntryMode, HoursEntry
from council.hours.services.entries import clean_hours
from council.hours.services.imported import ImportedEntry, hours_import_verified
from council.interchange.access import Reach
from council.interchange.ids import own_pk
from council.interchange.models import (
    ExchangeImport,
    ExternalRecord,
    HeldHours,
    RecordKind,
)
from council.interchange.reading import Checked, Errors
from council.lib.dates import validate_past_date
from council.orgs.models import Organisation, OrganisationStatus
from council.projects.models import Opportunity, Project, ProjectStatus
from council.projects.services.index import opportunity_refresh, project_refresh
from council.reference.models import Country, IscoGroup, Region, SdgTarget

HOURS_BATCH = 500
LANGUAGES = ("ru", "kk", "en")


@dataclass
class Report:
    """What a check, a dry run or an import found and did."""

    checked: Checked
    counts: Counter[str] = field(default_factory=Counter)
    dry_run: bool = True
    written: bool = False

    @property
    def errors(self) -> Errors:
        return self.checked.errors

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "dry_run": self.dry_run,
            "written": self.written,
            "issuer": self.checked.issuer,
            "key_id": self.checked.key_id,
            "lines": self.checked.lines,
            "records": dict(self.checked.counts),
            "counts": dict(sorted(self.counts.items())),
            "errors": [error.as_dict() for error in self.errors.listed],
            "more_errors": self.errors.more,
        }


COUNT_LABELS = {
    "organisations_created": gettext_lazy("Organisations created (pending verification)"),
    "organisations_updated": gettext_lazy("Organisations updated"),
    "organisations_matched": gettext_lazy("Organisations found here"),
    "projects_created": gettext_lazy("Projects created"),
    "opportunities_created": gettext_lazy("Opportunities created"),
    "opportunities_updated": gettext_lazy("Opportunities updated"),
    "opportunities_matched": gettext_lazy("Opportunities found here"),
    "hours_created": gettext_lazy("Verified hours entries created"),
    "hours_updated": gettext_lazy("Verified hours entries updated"),
    "hours_already_here": gettext_lazy("Hours already here"),
    "hours_held": gettext_lazy("Hours held for people without an account here"),
    "hours_held_updated": gettext_lazy("Held hours updated"),
}


def count_labels(counts: dict[str, int]) -> list[tuple[str, int]]:
    """A report's counts with their labels in the reader's language."""
    return [(str(label), counts[name]) for name, label in COUNT_LABELS.items() if counts.get(name)]


class Rollback(Exception):
    pass


class LineProblem(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _texts(prefix: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}_{code}": (texts.get(code) or "").strip() for code in LANGUAGES}


def _field_of(name: str) -> str:
    """The record's field for a model field's name (name_ru → name.ru)."""
    for code in LANGUAGES:
        if name.endswith(f"_{code}"):
            return f"{name.removesuffix(f'_{code}')}.{code}"
    return name


def _clean(row: Any, exclude: list[str]) -> None:
    try:
        row.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        raise LineProblem(_field_of(name), messages[0]) from None


def _day(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise LineProblem(name, _("Not a real date.")) from None


def _instant(value: str | None, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise LineProblem(name, _("Not a real date and time.")) from None


class Importer:
    """Writes one checked file's records; keeps what it found by id for the lines after."""

    def __init__(
        self, *, actor: User | None, reach: Reach, checked: Checked, job: ExchangeImport | None
    ) -> None:
        self.actor = actor
        self.reach = reach
        self.own = checked.own
        self.origin = f"exchange:{checked.issuer}"[:120]
        self.job = job
        self.counts: Counter[str] = Counter()
        self.organisations: dict[str, Organisation] = {}
        self.projects: dict[str, Project] = {}
        self.opportunities: dict[str, Opportunity] = {}
        self.pending: list[tuple[int, ImportedEntry]] = []
        self.targets = dict(SdgTarget.objects.values_list("code", "pk"))
        self.countries = set(Country.objects.values_list("code", flat=True))

    # -- shared --

    def _link(self, kind: str, external_id: str) -> ExternalRecord | None:
        return (
            ExternalRecord.objects.filter(origin=self.origin, kind=kind, external_id=external_id)
            .select_related("organisation", "project__owner", "opportunity__project")
            .first()
        )

    def _remember(self, kind: str, external_id: str, created: bool, **row: Any) -> None:
        ExternalRecord.objects.create(
            origin=self.origin,
            kind=kind,
            external_id=external_id,
            created=created,
            exchange_import=self.job,
            **row,
        )

    def _own(self, model: Any, kind: str, external_id: str) -> Any:
        """This platform's own row behind its own id, in a file it signed itself."""
        pk = own_pk(external_id, kind) if self.own else None
        return model.objects.filter(pk=pk).first() if pk is not None else None

    def _audit(self, action: str, target: Any, organisation_id: int | None, **data: Any) -> None:
        record(
            actor=self.actor,
            action=action,
            target=target,
            organisation_id=organisation_id,
            data={"origin": self.origin, **data},
        )

    def _country(self, code: str, name: str) -> str:
        if code not in self.countries:
            raise LineProblem(name, _("Unknown country code."))
        return code

    def _in_reach(self, organisation: Organisation) -> Organisation:
        if not self.reach.covers(organisation):
            raise LineProblem(
                "organisation",
                _("You may bring in the records of your own organisation or country only."),
            )
        return organisation

    # -- organisations --

    def organisation(self, data: dict[str, Any]) -> None:
        external_id = data["id"]
        link = self._link(RecordKind.ORGANISATION, external_id)
        if link is not None and link.organisation is not None:
            organisation = self._in_reach(link.organisation)
            if link.created:
                self._fill_organisation(organisation, data)
                organisation.save()
                self._audit(
                    "organisation.import_updated", organisation, organisation.pk, id=external_id
                )
                self.counts["organisations_updated"] += 1
            else:
                self.counts["organisations_matched"] += 1
        else:
            own = self._own(Organisation, "organisation", external_id)
            found = own or self._registered(data)
            if found is not None:
                organisation = self._in_reach(found)
                self.counts["organisations_matched"] += 1
            else:
                organisation = self._create_organisation(data)
            if own is None:  # this platform's own rows are found by their own ids
                self._remember(
                    RecordKind.ORGANISATION,
                    external_id,
                    found is None,
                    organisation=organisation,
                )
        self.organisations[external_id] = organisation

    def _registered(self, data: dict[str, Any]) -> Organisation | None:
        number = "".join(str(data.get("registration_number", "")).split())
        if not number:
            return None
        return (
            Organisation.objects.filter(country_id=data["country"], registration_number=number)
            .order_by("pk")
            .first()
        )

    def _fill_organisation(self, organisation: Organisation, data: dict[str, Any]) -> None:
        for name, value in _texts("name", data["name"]).items():
            setattr(organisation, name, value)
        organisation.kind = data["kind"]
        organisation.registration_number = "".join(data["registration_number"].split())
        organisation.tax_number = data["tax_number"].strip()
        organisation.website = data["website"].strip()
        region = Region.objects.filter(code=data["region"] or "", country_id=data["country"])
        organisation.region = region.first()
        network = self.organisations.get(data["network"] or "")
        organisation.parent = network if network is not None and network.pk else None
        _clean(organisation, ["country", "created_by", "verified_by", "parent", "city", "logo"])

    def _create_organisation(self, data: dict[str, Any]) -> Organisation:
        country = self._country(data["country"], "country")
        if not self.reach.covers_country(country):
            raise LineProblem(
                "organisation",
                _("You may bring in the records of your own organisation or country only."),
            )
        organisation = Organisation(
            country_id=country, status=OrganisationStatus.PENDING, created_by=self.actor
        )
        self._fill_organisation(organisation, data)
        organisation.save()
        self._audit("organisation.imported", organisation, organisation.pk, id=data["id"])
        self.counts["organisations_created"] += 1
        return organisation

    def _organisation_named(self, ref: dict[str, Any]) -> Organisation:
        """The organisation a record names: seen earlier in the file, imported before, this
        platform's own, or found by its registration number."""
        external_id = ref["id"]
        found = self.organisations.get(external_id)
        if found is None:
            link = self._link(RecordKind.ORGANISATION, external_id)
            found = link.organisation if link is not None else None
        if found is None:
            found = self._own(Organisation, "organisation", external_id) or self._registered(ref)
        if found is None:
            raise LineProblem(
                "organisation.id",
                _("This organisation is neither in the file nor known here; include its record."),
            )
        self.organisations[external_id] = self._in_reach(found)
        return found

    # -- projects and opportunities --

    def _project(
        self, ref: dict[str, Any], organisation: Organisation, targets: list[str] | None
    ) -> Project:
        external_id = ref["id"]
        project = self.projects.get(external_id)
        if project is None:
            link = self._link(RecordKind.PROJECT, external_id)
            project = link.project if link is not None else None
        if project is None:
            project = self._own(Project, "project", external_id)
        if project is None:
            project = Project(
                owner=organisation,
                status=ProjectStatus.COMPLETED,
                created_by=self.actor,
                **_texts("title", ref["title"]),
            )
            for name in ("start_date", "end_date"):
                if ref.get(name):
                    setattr(project, name, _day(ref[name], f"project.{name}"))
            _clean(project, ["owner", "created_by", "cover", "description"])
            project.save()
            project.sdg_targets.set(self._target_ids(targets or [], "project.sdg_targets"))
            project_refresh(project=project)
            self._remember(RecordKind.PROJECT, external_id, True, project=project)
            self._audit("project.imported", project, organisation.pk, id=external_id)
            self.counts["projects_created"] += 1
        if project.owner_id != organisation.pk:
            raise LineProblem("project.id", _("This project belongs to another organisation."))
        self.projects[external_id] = project
        return project

    def _target_ids(self, codes: list[str], name: str) -> list[int]:
        unknown = [code for code in codes if code not in self.targets]
        if unknown:
            raise LineProblem(
                name, _("Unknown SDG target: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return [self.targets[code] for code in codes]

    def _isco(self, code: str | None, name: str) -> str | None:
        if code is not None and not IscoGroup.objects.filter(pk=code).exists():
            raise LineProblem(name, _("Unknown ISCO-08 group."))
        return code

    def opportunity(self, data: dict[str, Any]) -> None:
        organisation = self._organisation_named(data["organisation"])
        project = self._project(data["project"], organisation, data["project"]["sdg_targets"])
        self._opportunity(data, project, full=True)

    def _opportunity(self, data: dict[str, Any], project: Project, *, full: bool) -> Opportunity:
        external_id = data["id"]
        opportunity = self.opportunities.get(external_id)
        if opportunity is None:
            link = self._link(RecordKind.OPPORTUNITY, external_id)
            opportunity = link.opportunity if link is not None else None
            is_new = (
                opportunity is None and self._own(Opportunity, "opportunity", external_id) is None
            )
            opportunity = opportunity or self._own(Opportunity, "opportunity", external_id)
            if is_new:
                opportunity = Opportunity(project=project, timezone="UTC")
        else:
            is_new = False
        assert opportunity is not None
        if opportunity.project_id != project.pk:
            raise LineProblem("project.id", _("This opportunity belongs to another project."))
        if is_new or (full and self._made_here(external_id)):
            for name, value in _texts("title", data["title"]).items():
                setattr(opportunity, name, value)
            if full:
                for name, value in _texts("description", data["description"]).items():
                    setattr(opportunity, name, value)
                opportunity.is_online = data["is_online"]
                opportunity.isco_group_id = self._isco(data["isco_group"], "isco_group")
            _clean(opportunity, ["project", "city", "country", "region", "isco_group"])
            opportunity.save()
            opportunity_refresh(opportunity=opportunity)
            if is_new:
                self._remember(RecordKind.OPPORTUNITY, external_id, True, opportunity=opportunity)
                self._audit("opportunity.imported", opportunity, project.owner_id, id=external_id)
                self.counts["opportunities_created"] += 1
            else:
                self.counts["opportunities_updated"] += 1
        elif full:
            self.counts["opportunities_matched"] += 1
        self.opportunities[external_id] = opportunity
        return opportunity

    def _made_here(self, external_id: str) -> bool:
        return ExternalRecord.objects.filter(
            origin=self.origin,
            kind=RecordKind.OPPORTUNITY,
            external_id=external_id,
            created=True,
        ).exists()

    # -- hours --

    def hours(self, number: int, data: dict[str, Any]) -> None:
        external_id = data["id"]
        own = own_pk(external_id, "hours") if self.own else None
        if own is not None and HoursEntry.objects.filter(pk=own).exists():
            self.counts["hours_already_here"] += 1
            return
        organisation = self._organisation_named(data["organisation"])
        project = self._project(data["project"], organisation, None)
        opportunity = (
            self._opportunity(data["opportunity"], project, full=False)
            if data["opportunity"]
            else None
        )
        day = _day(data["date"], "date")
        try:
            validate_past_date(day)
        except ValidationError as error:
            raise LineProblem("date", error.messages[0]) from None
        try:
            amount = clean_hours(data["hours"])
        except ValidationError as error:
            raise LineProblem("hours", error.messages[0]) from None
        country = self._country(data["country"], "country")
        target_ids = self._target_ids(data["sdg_targets"], "sdg_targets")
        isco = self._isco(data["isco_group"], "isco_group")
        verified_at = _instant(data["verified_at"], "verified_at")
        person = data["person"]
        volunteer = self._volunteer(person.get("email", ""))
        if volunteer is None:
            self._hold(data, organisation, project, day, amount)
            return
        region = Region.objects.filter(code=data["region"] or "", country_id=country).first()
        entry = ImportedEntry(
            volunteer=volunteer,
            project=project,
            opportunity=opportunity,
            day=day,
            hours=amount,
            origin=self.origin,
            external_id=external_id,
            country_id=country,
            region_id=region.pk if region else None,
            verified_at=verified_at,
            mode=data["mode"] if data["mode"] in EntryMode.values else EntryMode.ORGANISATION,
            during_paid_work=data["during_paid_work"],
            isco_group_id=isco,
            sdg_target_ids=target_ids,
        )
        self.pending.append((number, entry))
        if len(self.pending) >= HOURS_BATCH:
            self.flush()

    def _volunteer(self, email: str) -> User | None:
        if not email:
            return None
        return (
            User.objects.filter(email__iexact=email, is_active=True, erased_at__isnull=True)
            .order_by("pk")
            .first()
        )

    def _hold(
        self,
        data: dict[str, Any],
        organisation: Organisation,
        project: Project,
        day: date,
        amount: Decimal,
    ) -> None:
        goals = sorted(
            set(data["sdg_goals"]) | {int(code.split(".")[0]) for code in data["sdg_targets"]}
        )
        _held, created = HeldHours.objects.update_or_create(
            origin=self.origin,
            external_id=data["id"],
            defaults={
                "person_id": data["person"]["id"],
                "email": data["person"].get("email", ""),
                "organisation": organisation,
                "project": project,
                "date": day,
                "hours": amount,
                "during_paid_work": data["during_paid_work"],
                "sdg_goals": goals,
                "record": data,
                "exchange_import": self.job,
            },
        )
        self.counts["hours_held" if created else "hours_held_updated"] += 1

    def flush(self) -> None:
        if not self.pending:
            return
        created, updated = hours_import_verified(
            actor=self.actor, entries=[entry for _number, entry in self.pending]
        )
        self.counts.update({"hours_created": created, "hours_updated": updated})
        self.counts += Counter()  # drops the kinds that stayed at zero
        self.pending = []
