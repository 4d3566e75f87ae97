"""The projects models' fields kept in every language."""

from council.lib.translation import translated_fields_register
from council.projects.models import Opportunity, Project

translated_fields_register(
    {
        Project: ("title", "description"),
        Opportunity: ("title", "description", "questions"),
    }
)
