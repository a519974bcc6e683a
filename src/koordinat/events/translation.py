from modeltranslation.translator import TranslationOptions, register

from .models import AgendaItem, Event, Proposal


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description", "address", "summary")
    required_languages = {"az": ("title",), "default": ()}


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("az",)


@register(Proposal)
class ProposalTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("az",)
