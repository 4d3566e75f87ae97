from modeltranslation.translator import TranslationOptions, register

from council.cooperation.models import Agreement, Council, Programme


@register(Council)
class CouncilTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "directions")
    required_languages = ()


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()
