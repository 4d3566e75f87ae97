"""Programmes: the secretariat records a cooperation programme with its countries,
organisations, the agreement it implements and its (flagship) projects."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.audit.services import record
from council.cooperation.models import Council, Programme

PROGRAMME_FIELDS = (
    "name_ru",
    "name_kk",
    "name_en",
    "description_ru",
    "description_kk",
    "description_en",
    "agreement",
    "started_on",
)


@transaction.atomic
def programme_create(
    *,
    actor: Any,
    council: Council,
    countries: list[Any] | None = None,
    organisations: list[Any] | None = None,
    projects: list[Any] | None = None,
    **fields: Any,
) -> Programme:
    programme = Programme(council=council)
    for name in PROGRAMME_FIELDS:
        if name in fields:
            setattr(programme, name, fields[name])
    if not any(getattr(programme, f"name_{code}") for code in settings.LANGUAGE_CODES):
        raise ValidationError({"name_ru": _("Name the programme in at least one language.")})
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
