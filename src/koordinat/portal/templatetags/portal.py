"""The portal's template helpers: a public status as a tag, and a summary in the page's language, or
the languages it exists in when the page's is missing (never another language's text in its place)."""

import html
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, pgettext

from koordinat.core.text import shortened
from koordinat.execution.models import PublicStatus
from koordinat.execution.selectors import PublicEntry

register = template.Library()

STATUS_COLOURS = {
    "not_started": "grey",
    "in_progress": "blue",
    "completed": "green",
    "delayed": "orange",
    "cancelled": "red",
}


def _in_language(code: str) -> str:
    """ "in Azerbaijani", as a sentence of the page's language says it."""
    return {
        "az": pgettext("available in", "in Azerbaijani"),
        "ru": pgettext("available in", "in Russian"),
        "en": pgettext("available in", "in English"),
    }[code]


def status_tags() -> dict[str | None, SafeString]:
    """Each public status as a GOV.UK tag in the page's language (its words carry the meaning; the
    colour only repeats it), and None's hint: made once for a page's table."""
    tags: dict[str | None, SafeString] = {
        status.value: format_html(
            '<strong class="govuk-tag govuk-tag--{}">{}</strong>', STATUS_COLOURS[status.value], status.label
        )
        for status in PublicStatus
    }
    tags[None] = format_html(
        '<span class="govuk-hint govuk-!-margin-bottom-0">{}</span>', gettext("no public status yet")
    )
    return tags


@register.filter
def status_tag(entry: PublicEntry | None) -> SafeString:
    """The public status as a GOV.UK tag."""
    return status_tags()[entry.status if entry else None]


@register.simple_tag(takes_context=True)
def public_summary(context: Any, entry: PublicEntry | None, *, short: bool = False) -> SafeString:
    """The summary in the page's language; otherwise which languages it is available in, each a link to
    this page in that language (the table of a plan names them without links)."""
    return public_summary_html(entry, short=short, language_links=context.get("language_links", []))


def public_summary_html(
    entry: PublicEntry | None,
    *,
    short: bool = False,
    language_links: list[dict[str, Any]] | None = None,
    language: str = "",
) -> SafeString:
    if entry is None or not entry.summaries:
        return SafeString("")
    language = language or (get_language() or "az").split("-")[0]
    text = entry.summaries.get(language)
    if text:
        if short:
            text = shortened(text, 300)
        # escaped as format_html would, without its lazy-text checks: a page has two hundred of them
        return SafeString(f'<p class="govuk-body kd-public-summary">{html.escape(text)}</p>')
    available = [code for code in ("az", "ru", "en") if code in entry.summaries]
    names = [_in_language(code) for code in available]
    joined = (
        names[0]
        if len(names) == 1
        else gettext("%(first)s and %(second)s")
        % {
            "first": ", ".join(names[:-1]),
            "second": names[-1],
        }
    )
    notice = gettext("The summary is available only %(languages)s.") % {"languages": joined}
    links = {link["code"]: link["url"] for link in language_links or []}
    if short or not links:
        return format_html('<p class="govuk-body govuk-hint kd-language-missing">{}</p>', notice)
    items = format_html_join(
        "",
        '<li><a class="govuk-link" href="{}" lang="{}" hreflang="{}">{}</a></li>',
        ((links[code], code, code, _read_in(code)) for code in available if code in links),
    )
    return format_html(
        '<div class="govuk-inset-text kd-language-missing"><p class="govuk-body">{}</p><ul class="govuk-list">{}</ul></div>',
        notice,
        items,
    )


def _read_in(code: str) -> str:
    """The link to the page in another language, written in that language (its reader reads it)."""
    return {"az": "Azərbaycan dilində oxuyun", "ru": "Читать на русском языке", "en": "Read in English"}[code]


@register.filter
def entry_for(entries: dict[int, PublicEntry], pk: int) -> PublicEntry | None:
    """The public entry of the measure `pk` among a page's entries."""
    return entries.get(pk)
