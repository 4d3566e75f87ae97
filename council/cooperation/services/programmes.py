"""Programmes: the secretariat records a cooperation programme with its countries,
organisations, the agreement it implements and its (flagship) projects."""

from __future__ import annotations

from datetime import date
from typing import Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.accounts.models import User
from council.audit.records import create_audited
from council.cooperation.models import Agreement, Council, Programme
from council.cooperation.services.texts import require_text
from council.lib.mirrors import ensure_local
from council.lib.translated import Texts
from council.orgs.models import Organisation
from council.projects.models import Project
from council.reference.models import Country


class ProgrammeValues(Texts, total=False):
    agreement: Agreement | None
    started_on: date | None


@transaction.atomic
def programme_create(
    *,
    actor: User,
    council: Council,
    countries: list[Country] | None = None,
    organisations: list[Organisation] | None = None,
    projects: list[Project] | None = None,
    **values: Unpack[ProgrammeValues],
) -> Programme:
    ensure_local(council)
    programme = Programme(council=council, **values)
    require_text(programme, "name", _("Name the programme in at least one language."))
    if programme.agreement_id and programme.agreement.council_id != council.pk:
        raise ValidationError({"agreement": _("Choose an agreement of this council.")})
    many = {"countries": countries, "organisations": organisations, "projects": projects}
    return create_audited(
        programme,
        actor=actor,
        action="programme.created",
        exclude=["council", "name", "description"],
        many={name: rows or [] for name, rows in many.items()},
        data={"council": council.pk, "projects": [project.pk for project in projects or []]},
    )
