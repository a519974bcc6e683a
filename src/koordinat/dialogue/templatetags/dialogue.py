"""The dialogue's template helpers: an answer in the page's language, or which languages it is in
(never another language's text in its place), and a submission's status as words."""

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, ngettext, pgettext

from ..models import Answer, Submission

register = template.Library()

LANGUAGE_NAMES = {
    "az": lambda: pgettext("available in", "in Azerbaijani"),
    "ru": lambda: pgettext("available in", "in Russian"),
    "en": lambda: pgettext("available in", "in English"),
}
READ_IN = {"az": "Azərbaycan dilində oxuyun", "ru": "Читать на русском языке", "en": "Read in English"}
STATUS_COLOURS = {"pending": "yellow", "accepted": "green", "rejected": "red", "withdrawn": "grey"}


@register.simple_tag(takes_context=True)
def answer_text(context: Any, answer: Answer | None) -> SafeString:
    if answer is None:
        return SafeString("")
    language = (get_language() or "az").split("-")[0]
    text = answer.text_in(language)
    if text:
        return SafeString(linebreaks(text, autoescape=True))
    available = [code for code in ("az", "ru", "en") if answer.text_in(code)]
    names = ", ".join(str(LANGUAGE_NAMES[code]()) for code in available)
    notice = gettext("The answer is available only %(languages)s.") % {"languages": names}
    links = {link["code"]: link["url"] for link in context.get("language_links", [])}
    items = format_html_join(
        "",
        '<li><a class="govuk-link" href="{}" lang="{}" hreflang="{}">{}</a></li>',
        ((links[code], code, code, READ_IN[code]) for code in available if code in links),
    )
    return format_html(
        '<div class="govuk-inset-text"><p class="govuk-body">{}</p><ul class="govuk-list">{}</ul></div>',
        notice,
        items,
    )


@register.filter
def submission_status(submission: Submission) -> SafeString:
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        STATUS_COLOURS.get(submission.status, "grey"),
        submission.get_status_display(),
    )


@register.simple_tag
def lateness(submission: Submission) -> str:
    """ "answered on time", "answered 3 working days late", "overdue by 2 working days", "due 2026-03-10"."""
    days = int(getattr(submission, "days_late", 0))
    if submission.answered_at is not None:
        if not days:
            return gettext("answered on time")
        return ngettext("answered %(days)d working day late", "answered %(days)d working days late", days) % {
            "days": days
        }
    if days:
        return ngettext("overdue by %(days)d working day", "overdue by %(days)d working days", days) % {
            "days": days
        }
    return gettext("awaiting the answer")
