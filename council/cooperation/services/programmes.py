"""Programmes: the secretariat records a cooperation programme with its countries,
organisations, the agreement it implements and its (flagship) projects."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.services import record
from council.cooperation.models import Agreement, Council, Programme
from council.cooperation.services.texts import require_text
from council.orgs.models import Organisation
from council.projects.models import Project
from council.reference.models import Country


@transaction.atomic
def programme_create(
    *,
    actor: User,
    council: Council,
    countries: list[Country] | None = None,
    organisations: list[Organisation] | None = None,
    projects: list[Project] | None = None,
    agreement: Agreement | None = None,
    started_on: date | None = None,
    name_ru: str | None = None,
    name_kk: str | None = None,
    name_en: str | None = None,
    description_ru: str | None = None,
    description_kk: str | None = None,
    description_en: str | None = None,
) -> Programme:
    programme = Programme(
        council=council,
        agreement=agreement,
        started_on=started_on,
        name_ru=name_ru,
        name_kk=name_kk,
        name_en=name_en,
        description_ru=description_ru,
        description_kk=description_kk,
        description_en=description_en,
    )
    require_text(programme, "name", _("Name the programme in at least one language."))
    if programme.agreement_id and programme.agreement.council_id != council.pk:
        raise ValidationError({"agreement": _("Choose an agreement of this council.")})
    programme.full_clean(exclude=["council", "name", "description"])
    programme.save()
    programme.countries.set(countries or [])
    programme.organisations.set(organisations or [])
    programme.projects.set(projects or [])
    record(
        actor=actor,
        action="programme.created",
        target=programme,
        data={"council": council.pk, "projects": [project.pk for project in projects or []]},
    )
    return programme
