"""The reference models' fields kept in every language."""

from council.lib.translation import translated_fields_register
from council.reference import models

translated_fields_register(
    {
        models.Country: ("name",),
        models.Region: ("name",),
        models.City: ("name",),
        models.Language: ("name",),
        models.SdgGoal: ("short_name",),
        models.SdgTarget: ("title",),
        models.Cause: ("name",),
        models.IscoGroup: ("name",),
        models.SkillGroup: ("name",),
        models.Skill: ("name",),
    }
)
