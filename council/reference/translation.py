from modeltranslation.translator import TranslationOptions, register

from council.reference import models


@register(models.Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(models.Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(models.City)
class CityTranslation(TranslationOptions):
    fields = ("name",)


@register(models.Language)
class LanguageTranslation(TranslationOptions):
    fields = ("name",)


@register(models.SdgGoal)
class SdgGoalTranslation(TranslationOptions):
    fields = ("short_name",)


@register(models.SdgTarget)
class SdgTargetTranslation(TranslationOptions):
    fields = ("title",)


@register(models.Cause)
class CauseTranslation(TranslationOptions):
    fields = ("name",)


@register(models.IscoGroup)
class IscoGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(models.SkillGroup)
class SkillGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(models.Skill)
class SkillTranslation(TranslationOptions):
    fields = ("name",)
