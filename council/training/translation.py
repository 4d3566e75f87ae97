"""The training models' fields kept in every language."""

from council.lib.translation import translated_fields_register
from council.training.models import QuizQuestion, TrainingModule

translated_fields_register({TrainingModule: ("title", "body"), QuizQuestion: ("text", "options")})
