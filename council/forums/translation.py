from modeltranslation.translator import TranslationOptions, register

from council.forums.models import Forum, ForumSession, Question, Quota


@register(Forum)
class ForumTranslation(TranslationOptions):
    fields = ("title", "description", "venue")
    required_languages = ()


@register(ForumSession)
class ForumSessionTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ()


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "choices")
    required_languages = ()


@register(Quota)
class QuotaTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ()
