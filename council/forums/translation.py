"""The forums models' fields kept in every language."""

from council.forums.models import Forum, ForumSession, Question, Quota
from council.lib.translation import translated_fields_register

translated_fields_register(
    {
        Forum: ("title", "description", "venue"),
        ForumSession: ("title",),
        Question: ("text", "choices"),
        Quota: ("name",),
    }
)
