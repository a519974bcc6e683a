from modeltranslation.translator import TranslationOptions, register

from .models import ReportingCycle


@register(ReportingCycle)
class ReportingCycleTranslation(TranslationOptions):
    """What a cycle asks in each language: the note the office writes, and the one Koordinat writes for
    the instructions of approved minutes ("Instructions of minutes No. 8-2 of …") in all three."""

    fields = ("note",)
