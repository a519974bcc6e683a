from modeltranslation.translator import TranslationOptions, register

from .models import AgendaItem, Instruction, Meeting, MeetingSeries


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "place")
    required_languages = ("az",)


@register(MeetingSeries)
class MeetingSeriesTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("az",)


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "discussion", "decision")
    required_languages = ("az",)


@register(Instruction)
class InstructionTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("az",)
