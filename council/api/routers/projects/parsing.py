"""The API's input through the organiser pages' forms, so that errors name the field as they
do on the pages; and a page of a list in an order that is not one column."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from council.api.pagination import MAX_LIMIT, CursorParams, decode_cursor, encode_cursor
from council.api.routers.projects.schemas import LanguageRequirement
from council.lib.forms import valid_data
from council.lib.pagination import MAX_ROWS
from council.projects.forms.manage import OpportunityForm, ProjectForm, language_formset
from council.reference.models import Language


def project_form(data: dict[str, Any], **kwargs: Any) -> ProjectForm:
    """The organiser page's project form over the payload, checked (a ValidationError names
    the field)."""
    form = ProjectForm(data=data, **kwargs)
    # Causes by slug and targets by code, as the reference endpoints give them.
    form.fields["causes"].to_field_name = "slug"  # type: ignore[attr-defined]
    form.fields["sdg_targets"].to_field_name = "code"  # type: ignore[attr-defined]
    valid_data(form)
    return form


def opportunity_form(data: dict[str, Any], **kwargs: Any) -> OpportunityForm:
    """The organiser page's opportunity form over the payload, checked."""
    form = OpportunityForm(data={k: "" if v is None else v for k, v in data.items()}, **kwargs)
    form.fields["skills"].to_field_name = "slug"  # type: ignore[attr-defined]
    valid_data(form)
    return form


def language_requirements(requirements: list[LanguageRequirement]) -> list[tuple[Language, str]]:
    """(language, level) pairs checked by the organiser page's formset; errors name the row."""
    data: dict[str, Any] = {
        "languages-TOTAL_FORMS": str(len(requirements)),
        "languages-INITIAL_FORMS": "0",
    }
    for number, item in enumerate(requirements):
        data[f"languages-{number}-language"] = item.language
        data[f"languages-{number}-min_level"] = item.min_level
    formset = language_formset(data)
    if not formset.is_valid():
        errors: dict[str, list[ValidationError]] = {}
        for number, form in enumerate(formset.forms):
            for field, messages in form.errors.as_data().items():
                errors[f"languages.{number}.{field}"] = messages
        if formset.non_form_errors():
            errors["languages"] = formset.non_form_errors().as_data()
        raise ValidationError(errors)
    return formset.requirements()


def local(moment: datetime, zone: str) -> datetime:
    """A time without an offset is on the place's clock."""
    if timezone.is_naive(moment):
        return timezone.make_aware(moment, ZoneInfo(zone))
    return moment


def paginate_by_position(
    queryset: QuerySet[Any], *, key: str, params: CursorParams
) -> dict[str, Any]:
    """A page of a list in an order that is not one column (relevance, distance): the cursor
    holds the position of the next item."""
    limit = min(params.limit, MAX_LIMIT)
    offset = 0
    if params.cursor:
        offset, _pk = decode_cursor(params.cursor, key)
        if not isinstance(offset, int) or not 0 <= offset <= MAX_ROWS:
            raise ValidationError(
                {"cursor": _("This cursor is not valid; start from the first page.")}
            )
    rows = list(queryset[offset : offset + limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(key, offset + limit, 0)
    return {"items": rows, "next_cursor": next_cursor}
