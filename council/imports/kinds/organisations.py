"""Organisations, imported by a national coordinator (or the secretariat) under a verified
national network: each of the network's country, checked like a registration, its
registration number validated by its check digits; the same registration number or the same
name already on the platform is a duplicate."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.accounts.http import Viewer
from council.imports.issues import Issue, Problem
from council.imports.kinds.base import (
    Candidate,
    Cell,
    Context,
    Field,
    Kind,
    Row,
    cell_text,
    choice,
    country,
    email,
    header_key,
    in_every_language,
    text,
    website,
)
from council.imports.models import ImportJob
from council.lib.matching import organisation_name_key
from council.orgs.models import (
    Invitation,
    Membership,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
)
from council.orgs.selectors import coordinated_country_codes
from council.orgs.services import organisation_check, organisations_import
from council.reference.models import City, Region

KIND_WORDS: dict[str, tuple[str, ...]] = {
    OrganisationKind.NATIONAL_NETWORK: ("национальная сеть", "ұлттық желі", "network"),
    OrganisationKind.VOLUNTEER_CENTRE: ("волонтерский центр", "волонтёрский центр", "ерiктiлер орталығы", "volunteer center"),  # noqa: E501
    OrganisationKind.NGO: ("НКО", "НПО", "ҮЕҰ", "некоммерческая организация", "общественная организация", "NGO", "non-profit"),  # noqa: E501
    OrganisationKind.COMPANY: ("компания", "коммерческая организация", "бизнес", "business", "corporate"),  # noqa: E501
    OrganisationKind.GOVERNMENT: ("государственный орган", "мемлекеттік орган", "government", "госорган"),  # noqa: E501
    OrganisationKind.EDUCATION: ("вуз", "университет", "школа", "колледж", "университеті", "university", "school"),  # noqa: E501
    OrganisationKind.INTERNATIONAL: ("международная организация", "агентство ООН", "UN agency", "international"),  # noqa: E501
    OrganisationKind.INFORMAL_GROUP: ("инициативная группа", "неформальная группа", "informal group", "group"),  # noqa: E501
}  # fmt: skip


def name_key(name: str) -> str:
    """A name folded across scripts, without quotes and legal forms (the matcher's key)."""
    return organisation_name_key(name)


def _kind(value: Cell, context: Context) -> str:
    from django.utils import translation

    words: dict[str, list[str]] = {}
    for value_key, label in OrganisationKind.choices:
        found = list(KIND_WORDS.get(value_key, ()))
        for code in ("ru", "kk", "en"):
            with translation.override(code):
                found.append(str(label))
        words[value_key] = found
    return choice(words)(value, context)  # type: ignore[no-any-return]


def _region(value: Cell, context: Context) -> int:
    regions = context.lookup("regions", in_every_language(Region))
    shown = cell_text(value)
    codes = context.lookup(
        "region_codes",
        lambda: {header_key(c): pk for pk, c in Region.objects.values_list("pk", "code")},
    )
    found = regions.get(header_key(shown)) or codes.get(header_key(shown))
    if found is None:
        raise Problem("region", value=shown, country=str(context.organisation.country))
    return found  # type: ignore[no-any-return]


def _city(value: Cell, context: Context) -> int:
    country_code = context.organisation.country_id

    def load() -> dict[str, int]:
        found: dict[str, int] = {}
        rows = City.objects.filter(country_id=country_code).order_by("-population", "pk")
        for row in rows.values("pk", "name_ru", "name_kk", "name_en"):
            for column in ("name_ru", "name_kk", "name_en"):
                if row[column]:
                    found.setdefault(header_key(row[column]), row["pk"])
        return found

    shown = cell_text(value)
    found = context.lookup("cities", load).get(header_key(shown))
    if found is None:
        raise Problem("city", value=shown, country=str(context.organisation.country))
    return found  # type: ignore[no-any-return]


def _registration_number(value: Cell, context: Context) -> str:
    from council.lib.regnumbers import normalise_registration_number

    shown = cell_text(value)
    try:
        return normalise_registration_number(context.organisation.country_id, shown)  # type: ignore[no-any-return]
    except ValidationError as error:
        raise Problem("registration_number", value=shown, text=" ".join(error.messages)) from None


def _network(value: Cell, context: Context) -> int:
    """A verified national network of the country, by its name or registration number."""

    def load() -> dict[str, int]:
        found: dict[str, int] = {}
        networks = Organisation.objects.filter(
            kind=OrganisationKind.NATIONAL_NETWORK,
            status=OrganisationStatus.VERIFIED,
            country_id=context.organisation.country_id,
        )
        for row in networks.values("pk", "name_ru", "name_kk", "name_en", "registration_number"):
            for column in ("name_ru", "name_kk", "name_en", "registration_number"):
                if row[column]:
                    found.setdefault(name_key(row[column]), row["pk"])
        return found

    shown = cell_text(value)
    found = context.lookup("networks", load).get(name_key(shown))
    if found is None:
        raise Problem("network", value=shown, country=str(context.organisation.country))
    return found  # type: ignore[no-any-return]


def _same_country(value: Cell, context: Context) -> str:
    code = country(value, context)
    if code != context.organisation.country_id:
        raise Problem("other_country", country=str(context.organisation.country))
    return code


class Organisations(Kind):
    key = "organisations"
    label = gettext_lazy("Organisations")
    created_action = "organisation.imported"
    batch_size = 1000
    fields = (
        Field(
            "name_ru",
            gettext_lazy("Name in Russian"),
            text(200),
            aliases=(
                "название",
                "наименование",
                "название организации",
                "полное наименование",
                "name ru",
            ),
        ),
        Field(
            "name_kk",
            gettext_lazy("Name in Kazakh"),
            text(200),
            aliases=("атауы", "ұйым атауы", "атауы қазақша", "name kk"),
        ),
        Field(
            "name_en",
            gettext_lazy("Name in English"),
            text(200),
            aliases=("name", "organisation", "organization", "organisation name", "name en"),
        ),
        Field(
            "kind",
            gettext_lazy("Kind of organisation"),
            _kind,
            aliases=("тип", "вид", "тип организации", "түрі", "ұйым түрі", "type", "kind"),
            help=gettext_lazy("A non-governmental organisation when the column is not mapped."),
        ),
        Field(
            "country",
            gettext_lazy("Country"),
            _same_country,
            aliases=("страна", "ел", "мемлекет", "country", "country code"),
        ),
        Field(
            "region",
            gettext_lazy("Region"),
            _region,
            aliases=("регион", "область", "субъект", "облыс", "өңір", "region", "oblast"),
        ),
        Field(
            "city",
            gettext_lazy("City"),
            _city,
            aliases=("город", "населенный пункт", "қала", "елді мекен", "city", "town"),
        ),
        Field(
            "registration_number",
            gettext_lazy("Registration number"),
            _registration_number,
            aliases=(
                "огрн",
                "бин",
                "регистрационный номер",
                "тіркеу нөмірі",
                "ogrn",
                "bin",
                "registration number",
                "reg number",
            ),
        ),
        Field(
            "tax_number",
            gettext_lazy("Taxpayer number"),
            text(40),
            aliases=("инн", "стн", "inn", "tax number", "tin"),
        ),
        Field(
            "website",
            gettext_lazy("Website"),
            website,
            aliases=("сайт", "веб-сайт", "website", "web", "url", "site"),
        ),
        Field(
            "email",
            gettext_lazy("Contact email"),
            email,
            aliases=(
                "email",
                "e-mail",
                "эл. почта",
                "электронная почта",
                "электрондық пошта",
                "почта",
                "mail",
            ),
        ),
        Field(
            "parent",
            gettext_lazy("Parent national network"),
            _network,
            aliases=(
                "сеть",
                "национальная сеть",
                "родительская организация",
                "желі",
                "parent",
                "network",
                "parent network",
            ),
            help=gettext_lazy("The network importing them when the column is not mapped."),
        ),
    )

    def organisations(self, *, user: Viewer) -> models.QuerySet[Organisation]:
        """Verified national networks: of every country for the secretariat, of the
        countries whose network they organise for national coordinators."""
        networks = Organisation.objects.filter(
            kind=OrganisationKind.NATIONAL_NETWORK, status=OrganisationStatus.VERIFIED
        )
        if not user.is_authenticated:
            return networks.none()
        if user.is_secretariat:
            return networks
        return networks.filter(country_id__in=coordinated_country_codes(user=user))

    def rules(self, clean: dict[str, Any], context: Context) -> list[Issue]:
        if not any(clean.get(f"name_{code}") for code in ("ru", "kk", "en")):
            return [Issue("required", field="name_ru")]
        try:
            organisation_check(self._organisation(clean, context))
        except ValidationError as error:
            return [
                Issue("not_written", {"text": " ".join(messages)}, field=name)
                for name, messages in error.message_dict.items()
            ]
        return []

    def _organisation(self, clean: dict[str, Any], context: Context) -> Organisation:
        network = context.organisation
        return Organisation(
            kind=clean.get("kind") or OrganisationKind.NGO,
            name_ru=clean.get("name_ru") or None,
            name_kk=clean.get("name_kk") or None,
            name_en=clean.get("name_en") or None,
            country_id=network.country_id,
            region_id=clean.get("region"),
            city_id=clean.get("city"),
            parent_id=clean.get("parent") or network.pk,
            registration_number=clean.get("registration_number", ""),
            tax_number=clean.get("tax_number", ""),
            website=clean.get("website", ""),
            email=clean.get("email", ""),
        )

    def file_keys(self, clean: dict[str, Any]) -> list[str]:
        keys = (
            [f"number:{clean['registration_number']}"] if clean.get("registration_number") else []
        )
        names = {
            name_key(clean[f"name_{code}"])
            for code in ("ru", "kk", "en")
            if clean.get(f"name_{code}")
        }
        return keys + [f"name:{key}" for key in sorted(names) if key]

    def describe(self, clean: dict[str, Any]) -> str:
        name = clean.get("name_ru") or clean.get("name_kk") or clean.get("name_en") or ""
        number = clean.get("registration_number")
        return f"{name} ({number})" if number else str(name)

    def candidates(self, rows: Sequence[Row], context: Context) -> list[Candidate]:
        """The same registration number in the country (certain), or the same name key
        (likely): the country's organisations' keys are loaded once per run."""

        def load() -> tuple[dict[str, int], dict[str, list[int]]]:
            by_number: dict[str, int] = {}
            by_name: dict[str, list[int]] = {}
            existing = Organisation.objects.filter(country_id=context.organisation.country_id)
            for row in existing.values(
                "pk", "registration_number", "name_ru", "name_kk", "name_en"
            ):
                if row["registration_number"]:
                    by_number.setdefault(re.sub(r"\s", "", row["registration_number"]), row["pk"])
                for column in ("name_ru", "name_kk", "name_en"):
                    key = name_key(row[column] or "")
                    if key and row["pk"] not in by_name.setdefault(key, []):
                        by_name[key].append(row["pk"])
            return by_number, by_name

        by_number, by_name = context.lookup("existing", load)
        found: list[tuple[int, int, float, list[str], bool]] = []
        for number, clean in rows:
            seen: set[int] = set()
            registration = clean.get("registration_number")
            if registration and registration in by_number:
                pk = by_number[registration]
                found.append((number, pk, 1.0, ["registration_number"], True))
                seen.add(pk)
            for key in self.file_keys(clean):
                if not key.startswith("name:"):
                    continue
                for pk in by_name.get(key.removeprefix("name:"), []):
                    if pk not in seen:
                        found.append((number, pk, 0.9, ["organisation_name"], False))
                        seen.add(pk)
        existing = Organisation.objects.in_bulk({pk for _number, pk, *_rest in found})
        return [
            Candidate(number, existing[pk], score, reasons, certain)
            for number, pk, score, reasons, certain in found
            if pk in existing
        ]

    def write(self, rows: Sequence[Row], context: Context) -> list[tuple[int, models.Model]]:
        made = [self._organisation(clean, context) for _number, clean in rows]
        created = organisations_import(
            actor=context.actor,
            organisations=made,
            verified=True,
            audit_data={"import": context.job.pk},
        )
        return [
            (number, organisation)
            for (number, _clean), organisation in zip(rows, created, strict=True)
        ]

    def touched(self, job: ImportJob, created: dict[type[models.Model], list[int]]) -> list[str]:
        ids = created.get(Organisation, [])
        reasons: list[str] = []
        if Membership.objects.filter(organisation_id__in=ids).exists():
            reasons.append(_("Some of the organisations have members now."))
        if Invitation.objects.filter(organisation_id__in=ids, accepted_at__isnull=False).exists():
            reasons.append(_("Someone accepted an invitation to one of the organisations."))
        if Organisation.objects.filter(Q(parent_id__in=ids)).exists():
            reasons.append(_("Other organisations name one of them as their parent network."))
        return reasons
