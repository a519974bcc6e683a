from modeltranslation.translator import TranslationOptions, register

from .models import Body, Membership, Organization, Person


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "short_name", "abbreviation")
    required_languages = ("az",)


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("last_name", "first_name", "patronymic")
    required_languages = ("az",)


@register(Membership)
class MembershipTranslation(TranslationOptions):
    fields = ("position",)
    required_languages = ("az",)


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "area")
    required_languages = ("az",)
