"""Rich text as plain text and back, for systems that write HTML where Koordinat keeps text.

Decidim writes descriptions as HTML from its editor ("<p>…</p><ul><li>…</li></ul>"). Koordinat
keeps plain text, so paragraphs, list items and line breaks become new lines, list items keep a
marker, entities are decoded, and tags, scripts and styles are dropped (nothing of the markup can
reach a page). `text_to_html` writes text the other way so that `html_to_text` gives it back.
"""

from html import escape
from html.parser import HTMLParser

# Elements whose start and end break the line; others (b, i, a, span, ...) run inside the line.
BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
# Elements whose content is not text for a reader.
DROPPED = frozenset({"script", "style", "template", "head", "title", "noscript", "iframe", "object"})


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.dropped = 0  # depth inside DROPPED elements
        self.preformatted = 0
        self.lists: list[int | None] = []  # per open list: the next number (ol) or None (ul)

    def _end_line(self, *, forced: bool = False) -> None:
        """A block boundary ends a line that has text; a <br> ends it even when it is empty."""
        text = " ".join("".join(self.line).split())  # spaces collapsed as a browser does
        if text or forced:
            self.lines.append(text)
        self.line = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED:
            self.dropped += 1
        elif self.dropped:
            return
        elif tag == "br":
            self._end_line(forced=True)
        elif tag in BLOCKS:
            self._end_line()
            if tag in ("ul", "ol"):
                self.lists.append(1 if tag == "ol" else None)
            elif tag == "li":
                self._list_marker()
            elif tag == "pre":
                self.preformatted += 1

    def _list_marker(self) -> None:
        number = self.lists[-1] if self.lists else None
        if number is None:
            self.line.append("• ")
        else:
            self.line.append(f"{number}. ")
            self.lists[-1] = number + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self.dropped:
            self._end_line(forced=True)
        elif tag in BLOCKS and not self.dropped:
            self._end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED:
            self.dropped = max(0, self.dropped - 1)
        elif self.dropped:
            return
        elif tag in BLOCKS:
            self._end_line()
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()
            elif tag == "pre":
                self.preformatted = max(0, self.preformatted - 1)

    def handle_data(self, data: str) -> None:
        if self.dropped:
            return
        if self.preformatted:
            *complete, rest = data.split("\n")
            for part in complete:
                self.line.append(part)
                self._end_line(forced=True)
            self.line.append(rest)
            return
        self.line.append(data)


def html_to_text(html: str) -> str:
    """The text a reader sees in `html`, one line per paragraph, list item or line break; spaces
    collapsed as a browser collapses them; blank lines only where the markup has a <br> of its own."""
    if "<" not in html and "&" not in html:  # plain text: only its spaces to collapse
        return "\n".join(" ".join(line.split()) for line in html.splitlines()).strip()
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    parser._end_line()
    return "\n".join(parser.lines).strip()


def text_to_html(text: str) -> str:
    """One paragraph per line (an empty line an empty paragraph holding a <br>), the text escaped:
    what Decidim's editor writes, and what `html_to_text` reads back as the same lines."""
    return "".join(
        f"<p>{escape(line.strip(), quote=False)}</p>" if line.strip() else "<p><br></p>"
        for line in text.strip().splitlines()
    )
