from modeltranslation.translator import TranslationOptions, register

from council.deployments.models import Assignment


@register(Assignment)
class AssignmentTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ()
