from modeltranslation.translator import TranslationOptions, register

from council.exchanges.models import Exchange, ExchangeCriterion


@register(Exchange)
class ExchangeTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ()


@register(ExchangeCriterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ()
