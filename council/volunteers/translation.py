from modeltranslation.translator import TranslationOptions, register

from council.volunteers.models import VolunteerProfile


@register(VolunteerProfile)
class VolunteerProfileTranslation(TranslationOptions):
    fields = ("bio",)
    required_languages = ()
