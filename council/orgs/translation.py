from modeltranslation.translator import TranslationOptions, register

from council.orgs.models import Organisation


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()
