from modeltranslation.translator import TranslationOptions, register

from council.cooperation.models import (
    Agreement,
    Commitment,
    Council,
    Decision,
    Meeting,
    Programme,
    Signatory,
)


@register(Council)
class CouncilTranslation(TranslationOptions):
    fields = ("name", "description", "founded_at")
    required_languages = ()


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "directions", "signed_at", "funding_source")
    required_languages = ()


@register(Signatory)
class SignatoryTranslation(TranslationOptions):
    fields = ("position",)
    required_languages = ()


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()


@register(Commitment)
class CommitmentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ()


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "agenda", "minutes")
    required_languages = ()


@register(Decision)
class DecisionTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ()
