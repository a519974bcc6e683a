"""A small crawler over the site with Django's test client: from the home page of one language, every
same-site link breadth-first, a few samples of each page (grouped by the URL's resolved name), with
the visible text of every HTML page for checks to read.

What it does not follow: other languages' pages (the switcher), the Django admin (Django's own pages,
with its own wording), downloads (plan exports, meeting papers, calendar files, evidence: binary,
and their text is checked by their own tests) and signing out (a POST form, never a link).
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

# Pages a link may lead to that the crawl does not fetch, by resolved URL name.
SKIPPED_NAMES = frozenset(
    {
        "logout",
        "execution:evidence",
        "meetings:meeting_calendar",
        "meetings:document",
        "plans:export",
    }
)
SKIPPED_NAMESPACES = frozenset({"admin"})
DOWNLOAD_SUFFIXES = (".xlsx", ".docx", ".pdf", ".csv", ".ics", ".zip", ".json", ".geojson")
ALLOWED_STATUSES = frozenset({200, 302, 403, 404})

# Elements whose text is not read as the page's words.
_INVISIBLE = frozenset({"script", "style", "template", "noscript"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


@dataclass
class Fragment:
    """A run of visible text, with whether it sits inside a mailto link and the language it is marked in."""

    text: str
    mailto: bool
    lang: str


class _PageParser(HTMLParser):
    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.fragments: list[Fragment] = []
        # A stack of (tag, invisible, mailto, lang) for the open elements.
        self._stack: list[tuple[str, bool, bool, str]] = [("", False, False, language)]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        href = values.get("href") or ""
        if tag == "a" and href:
            self.links.append(href)
        if tag in _VOID:
            return
        _tag, invisible, mailto, lang = self._stack[-1]
        invisible = invisible or tag in _INVISIBLE or "hidden" in values
        mailto = mailto or (tag == "a" and href.startswith("mailto:"))
        lang = (values.get("lang") or lang).split("-")[0]
        self._stack.append((tag, invisible, mailto, lang))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth][0] == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        _tag, invisible, mailto, lang = self._stack[-1]
        text = " ".join(data.split())
        if text and not invisible:
            self.fragments.append(Fragment(text=text, mailto=mailto, lang=lang))


@dataclass
class Page:
    """One page the crawl fetched: its address, status, and for an HTML page its visible text."""

    url: str
    status: int
    name: str
    referrer: str
    fragments: list[Fragment] = field(default_factory=list)
    links: list[str] = field(default_factory=list)

    def text(self, *, language: str | None = None) -> str:
        """The visible text, one fragment a line; with `language`, only what is marked in it (or unmarked)."""
        return "\n".join(f.text for f in self.fragments if language is None or f.lang == language)


def parse(html: str, language: str) -> tuple[list[str], list[Fragment]]:
    parser = _PageParser(language)
    parser.feed(html)
    parser.close()
    return parser.links, parser.fragments


def url_name(path: str, language: str) -> str | None:
    """The resolved name of a path ("plans:measure"), or None when nothing serves it. The language
    prefix resolves only in its own language, so the path is resolved in the crawl's."""
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    return match.view_name


def _followable(href: str, language: str) -> str | None:
    """The path (with its query) a link leads to, when the crawl follows it."""
    href, _fragment = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith(f"/{language}/"):
        return None
    if parts.path.lower().endswith(DOWNLOAD_SUFFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(
    client: Client,
    language: str,
    *,
    per_name: int = 3,
    per_name_with_query: int = 1,
    limit: int = 400,
) -> Iterator[Page]:
    """Every page reachable from `/{language}/` by links, breadth-first, at most `per_name` addresses
    of each URL name without a query and `per_name_with_query` with one (list filters, sorting, pages),
    `limit` pages in all. Yields each page as it is fetched; redirects are not followed (the page a
    redirect leads to is reached by its own link or not at all)."""
    start = f"/{language}/"
    queue: deque[tuple[str, str]] = deque([(start, "")])
    seen = {start}
    taken: Counter[tuple[str, bool]] = Counter()
    fetched = 0
    while queue and fetched < limit:
        path, referrer = queue.popleft()
        name = url_name(path.partition("?")[0], language) or ""
        response = client.get(path)
        fetched += 1
        page = Page(url=path, status=response.status_code, name=name, referrer=referrer)
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith("text/html"):
            page.links, page.fragments = parse(response.content.decode(response.charset or "utf-8"), language)
        yield page
        for href in page.links:
            target = _followable(href, language)
            if target is None or target in seen:
                continue
            seen.add(target)
            target_name = url_name(target.partition("?")[0], language)
            if target_name is None:
                continue
            if target_name in SKIPPED_NAMES or target_name.split(":")[0] in SKIPPED_NAMESPACES:
                continue
            key = (target_name, "?" in target)
            if taken[key] >= (per_name_with_query if key[1] else per_name):
                continue
            taken[key] += 1
            queue.append((target, path))


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
