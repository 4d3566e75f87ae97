from modeltranslation.translator import TranslationOptions, register

from council.projects.models import Opportunity, Project


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ()


@register(Opportunity)
class OpportunityTranslation(TranslationOptions):
    fields = ("title", "description", "questions")
    required_languages = ()
