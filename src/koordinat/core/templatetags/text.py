"""The templates' `capfirst`, `upper` and `lower` filters, mapping case by the page's language
(core.text): Django's own give "Işçi qrup" for Azerbaijani "işçi qrup".

A template builtin (settings TEMPLATES OPTIONS "builtins"), loaded after Django's own filters, so
every template, the admin's included, uses these without `{% load %}`.
"""

from django import template
from django.template.defaultfilters import stringfilter

from koordinat.core import text

register = template.Library()


@register.filter(is_safe=True)
@stringfilter
def capfirst(value: str) -> str:
    return text.capfirst(value)


@register.filter(is_safe=False)
@stringfilter
def upper(value: str) -> str:
    return text.upper(value)


@register.filter(is_safe=True)
@stringfilter
def lower(value: str) -> str:
    return text.lower(value)
