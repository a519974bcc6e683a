from modeltranslation.translator import TranslationOptions, register

from .models import Indicator, LegalAct, Measure, Plan


@register(LegalAct)
class LegalActTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("az",)


@register(Plan)
class PlanTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("az",)


@register(Measure)
class MeasureTranslation(TranslationOptions):
    fields = ("text", "expected_result", "other_executors", "funding_source")
    required_languages = ("az",)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "unit")
    required_languages = ("az",)
