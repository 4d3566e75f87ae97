"""The fields of a project and of an opportunity that their pages edit, the API sets and the
services write: one list each, the translated ones per language from the languages setting."""

from __future__ import annotations

from council.lib.forms import translated_fields

PROJECT_FIELDS = (
    *translated_fields("title", "description"),
    "start_date",
    "end_date",
    "is_flagship",
    "cover",
)
OPPORTUNITY_FIELDS = (
    *translated_fields("title", "description", "questions"),
    "min_age",
    "medical_required",
    "restricted_category",
    "members_only",
    "is_online",
    "city",
    "address",
    "latitude",
    "longitude",
    "timezone",
    "application_mode",
    "capacity",
    "isco_group",
    "team_max_size",
    "team_split_allowed",
    "team_names_days",
    "handover_needs_approval",
)
