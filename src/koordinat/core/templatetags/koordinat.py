"""Template helpers: readable history rows (core.history), page links that keep the current filters, and breadcrumbs."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from django import template
from django.core.paginator import Page
from django.http import QueryDict
from django.template.base import FilterExpression, NodeList, Parser, Token, token_kwargs
from django.urls import reverse
from django.utils import formats
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from koordinat.core import history
from koordinat.core.extensions import SLOTS
from koordinat.core.history import HistoryRow
from koordinat.core.tables import scrolling

register = template.Library()


@register.simple_tag
def history_rows(events: Any) -> list[HistoryRow]:
    """The change history as rows in the page's language (see core.history)."""
    return history.history_rows(events)


_SENTINEL = "2147483647"


def _page_link(query: QueryDict) -> Callable[[int], str]:
    """The current URL with only the page number changed, so filters survive paging: the query
    encoded once for a pager, not once a link."""
    with_page = query.copy()
    with_page["page"] = _SENTINEL
    pairs = with_page.urlencode().split("&")  # an "&" inside a value is encoded
    at = pairs.index(f"page={_SENTINEL}")
    head = "?" + "".join(f"{pair}&" for pair in pairs[:at]) + "page="
    tail = "".join(f"&{pair}" for pair in pairs[at + 1 :])
    return lambda number: escape(f"{head}{number}{tail}")


def _page_window(page: Page) -> list[int | None]:
    """The page numbers a pager shows: the first, the last and two either side of the current one,
    None for each gap."""
    return [
        number if isinstance(number, int) else None
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]


@register.simple_tag(takes_context=True)
def pagination(context: Any, page: Page | None) -> str:
    """The GOV.UK pager of `page` and the rows it shows, written in Python: the template it was
    spent a tenth of a short list's time resolving its variables and encoding the query per link."""
    if not isinstance(page, Page) or not page.has_other_pages():
        return ""  # one page, or a list page without one
    link = _page_link(context["request"].GET)
    page_word = escape(gettext("page"))

    def number_link(number: int, current: bool) -> str:
        label = gettext("Page %(number)s") % {"number": escape(formats.localize(number))}
        aria_current = ' aria-current="page"' if current else ""
        return (
            f'<a class="govuk-link govuk-pagination__link" href="{link(number)}" aria-label="{label}"{aria_current}>'
            f"{escape(formats.localize(number))}</a>"
        )

    # gettext outside the f-strings: xgettext before 0.22 does not read calls inside them
    pages, previous, next_ = escape(gettext("Pages")), escape(gettext("Previous")), escape(gettext("Next"))
    parts = [f'<nav class="govuk-pagination" aria-label="{pages}">']
    if page.has_previous():
        parts.append(
            f'\n  <div class="govuk-pagination__prev">\n'
            f'    <a class="govuk-link govuk-pagination__link" href="{link(page.previous_page_number())}" rel="prev">\n'
            f'      <span class="govuk-pagination__link-title">{previous}'
            f'<span class="govuk-visually-hidden"> {page_word}</span></span>\n    </a>\n  </div>'
        )
    parts.append('\n  <ul class="govuk-pagination__list">')
    for number in _page_window(page):
        if number == page.number:
            parts.append(
                '\n    <li class="govuk-pagination__item govuk-pagination__item--current">\n'
                f"      {number_link(number, current=True)}\n    </li>"
            )
        elif number:
            parts.append(
                f'\n    <li class="govuk-pagination__item">\n      {number_link(number, current=False)}\n    </li>'
            )
        else:
            parts.append(
                '\n    <li class="govuk-pagination__item govuk-pagination__item--ellipses">&ctdot;</li>'
            )
    parts.append("\n  </ul>")
    if page.has_next():
        parts.append(
            f'\n  <div class="govuk-pagination__next">\n'
            f'    <a class="govuk-link govuk-pagination__link" href="{link(page.next_page_number())}" rel="next">\n'
            f'      <span class="govuk-pagination__link-title">{next_}'
            f'<span class="govuk-visually-hidden"> {page_word}</span></span>\n    </a>\n  </div>'
        )
    showing = gettext("Showing %(start)s to %(end)s of %(total)s") % {
        "start": escape(formats.localize(page.start_index())),
        "end": escape(formats.localize(page.end_index())),
        "total": escape(formats.localize(page.paginator.count)),
    }
    parts.append(f'\n</nav>\n<p class="govuk-body-s">{showing}</p>')
    return mark_safe("".join(parts))  # every value above is escaped; the texts are our translations


@register.simple_tag(takes_context=True)
def panels(context: Any, slot: str, obj: Any) -> str:
    """The panels that apps above this page's own show in its `slot` (see core.extensions)."""
    found = SLOTS.get(slot)
    return mark_safe(found.render(context, obj)) if found else ""


# GOV.UK tag colours for statuses; the status itself is always shown in words.
STATUS_COLOURS = {
    "draft": "grey",
    "awaiting_approval": "yellow",
    "submitted": "blue",
    "returned": "red",
    "accepted": "green",
    "on_control": "blue",
    "extended": "purple",
    "executed": "turquoise",
    "removed": "green",
    "cancelled": "grey",
    "requested": "yellow",
    "approved": "green",
    "refused": "red",
    "open": "blue",
    "closed": "grey",
    "not_started": "grey",
    "in_progress": "blue",
    "completed": "green",
    "partially_completed": "yellow",
    "not_completed": "red",
    "overdue": "red",
}


@register.filter
def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "grey")


# Breadcrumbs. Every page writes its trail the same way and one include draws it:
#
#   {% breadcrumbs %}
#     {% crumb "home" %}{% translate "Home" %}{% endcrumb %}                    a URL name, as {% url %}
#     {% crumb "execution:plan_cycles" plan.code %}{% translate "Reporting cycles" %}{% endcrumb %}
#     {% crumb plan.get_absolute_url %}{{ plan.code }}{% endcrumb %}           any other value is the link
#     {% crumb "meetings:meetings" query body=meeting.body_id %}...{% endcrumb %}   ?body=…, left off when empty
#     {% crumb %}{{ measure.number }}{% endcrumb %}                              no link: the current page
#   {% endbreadcrumbs %}
#
# A crumb's body is its label (any template text, translated as usual); crumbs may sit inside
# {% if %} and in blocks a child template fills. Anything else between the tags is not shown.
# Without a crumb nothing is drawn. The trail is drawn by includes/breadcrumbs.html.

BREADCRUMBS_TEMPLATE = "includes/breadcrumbs.html"
_TRAIL = "_breadcrumbs_trail"  # a leading underscore: no template can read or shadow it


class BreadcrumbsNode(template.Node):
    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: Any) -> str:
        trail: list[tuple[SafeString, str]] = []
        with context.push({_TRAIL: trail}):
            self.nodelist.render(context)
        if not trail:
            return ""
        drawn = context.template.engine.get_template(BREADCRUMBS_TEMPLATE)
        with context.push(crumbs=trail):
            return str(drawn.render(context))


class CrumbNode(template.Node):
    def __init__(
        self,
        nodelist: NodeList,
        *,
        view_name: FilterExpression | None = None,
        args: list[FilterExpression] | None = None,
        kwargs: dict[str, FilterExpression] | None = None,
        href: FilterExpression | None = None,
        query: dict[str, FilterExpression] | None = None,
    ) -> None:
        self.nodelist = nodelist
        self.view_name = view_name
        self.args = args or []
        self.kwargs = kwargs or {}
        self.href = href
        self.query = query or {}

    def url(self, context: Any) -> str:
        if self.view_name is not None:
            request = context.get("request")
            current_app = getattr(request, "current_app", None) or getattr(
                getattr(request, "resolver_match", None), "namespace", None
            )
            url = reverse(
                self.view_name.resolve(context),
                args=[arg.resolve(context) for arg in self.args],
                kwargs={name: value.resolve(context) for name, value in self.kwargs.items()},
                current_app=current_app,
            )
        elif self.href is not None:
            url = str(self.href.resolve(context))
        else:
            return ""
        params = {name: value.resolve(context) for name, value in self.query.items()}
        params = {name: value for name, value in params.items() if value not in (None, "")}
        return f"{url}?{urlencode(params)}" if params else url

    def render(self, context: Any) -> str:
        trail = context.get(_TRAIL)
        if trail is None:
            raise template.TemplateSyntaxError("{% crumb %} is used only inside {% breadcrumbs %}.")
        trail.append((mark_safe(self.nodelist.render(context).strip()), self.url(context)))
        return ""


@register.tag("breadcrumbs")
def do_breadcrumbs(parser: Parser, token: Token) -> BreadcrumbsNode:
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% breadcrumbs %} takes no arguments.")
    nodelist = parser.parse(("endbreadcrumbs",))
    parser.delete_first_token()
    return BreadcrumbsNode(nodelist)


@register.tag("crumb")
def do_crumb(parser: Parser, token: Token) -> CrumbNode:
    bits = token.split_contents()[1:]
    query: dict[str, FilterExpression] = {}
    if "query" in bits:
        at = bits.index("query")
        bits, query_bits = bits[:at], bits[at + 1 :]
        query = token_kwargs(query_bits, parser, support_legacy=False)
        if not query or query_bits:
            raise template.TemplateSyntaxError("{% crumb ... query %} takes name=value pairs.")
    nodelist = parser.parse(("endcrumb",))
    parser.delete_first_token()
    if not bits:
        if query:
            raise template.TemplateSyntaxError("{% crumb %} without a link takes no query.")
        return CrumbNode(nodelist)
    if bits[0][0] in "\"'":  # a quoted URL name, then its arguments as {% url %} takes them
        args: list[FilterExpression] = []
        kwargs: dict[str, FilterExpression] = {}
        for bit in bits[1:]:
            kwarg = token_kwargs([bit], parser, support_legacy=False)
            if kwarg:
                kwargs.update(kwarg)
            else:
                args.append(parser.compile_filter(bit))
        return CrumbNode(
            nodelist, view_name=parser.compile_filter(bits[0]), args=args, kwargs=kwargs, query=query
        )
    if len(bits) != 1:
        raise template.TemplateSyntaxError("{% crumb value %} takes one value: the link.")
    return CrumbNode(nodelist, href=parser.compile_filter(bits[0]), query=query)


# {% scrolling %}<table>…</table>{% endscrolling %}: a table written in a template, in the box that
# scrolls sideways on its own (core.tables.scrolling), as every core.tables.Table is.


class ScrollingNode(template.Node):
    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: Any) -> str:
        return scrolling(self.nodelist.render(context))


@register.tag("scrolling")
def do_scrolling(parser: Parser, token: Token) -> ScrollingNode:
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% scrolling %} takes no arguments.")
    nodelist = parser.parse(("endscrolling",))
    parser.delete_first_token()
    return ScrollingNode(nodelist)
