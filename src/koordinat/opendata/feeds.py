"""An Atom feed (RFC 4287) of what was newly published: plans put on the portal, measures' public
entries (a status and a summary taken from an accepted report), events of the Dialogue Platform and
the answers to citizens' questions and proposals, in the page's language. Entry ids
are tag: URIs (RFC 4151) of the host and what was published, so a plan's or a measure's entry keeps
its id when its texts change; `updated` is when it was (last) published."""

import datetime
from collections.abc import Callable
from xml.etree import ElementTree as ET

from django.urls import reverse
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from koordinat.dialogue import selectors as dialogue_selectors
from koordinat.events import selectors as event_selectors
from koordinat.execution import selectors as execution_selectors
from koordinat.plans import selectors as plan_selectors

from .registry import cell

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 50  # entries of each kind
TAG_DATE = "2026"  # the tag URIs' date (RFC 4151): fixed, so ids never change


def _languages(texts: dict[str, str]) -> str:
    """The languages a text is in, in words ("in Azerbaijani and in English"); "" when in none."""
    names = {
        "az": pgettext("available in", "in Azerbaijani"),
        "ru": pgettext("available in", "in Russian"),
        "en": pgettext("available in", "in English"),
    }
    available = [names[code] for code in ("az", "ru", "en") if code in texts]
    if len(available) < 2:
        return "".join(available)
    return _("%(first)s and %(second)s") % {"first": ", ".join(available[:-1]), "second": available[-1]}


def summary_missing(summaries: dict[str, str]) -> str:
    """Which languages the summary is in, as the portal says it (never another language's text)."""
    joined = _languages(summaries)
    return _("The summary is available only %(languages)s.") % {"languages": joined} if joined else ""


def answer_missing(texts: dict[str, str]) -> str:
    """Which languages an answer is in, as its page says it (never another language's text)."""
    return _("The answer is available only %(languages)s.") % {"languages": _languages(texts)}


def _text(parent: ET.Element, name: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
    element.text = text
    return element


def _link(parent: ET.Element, href: str, rel: str = "alternate", kind: str = "text/html") -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"rel": rel, "href": href, "type": kind})


def feed(*, absolute: Callable[[str], str], host: str, as_of: datetime.datetime) -> bytes:
    language = (get_language() or "az").split("-")[0]
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language})
    self_url = absolute(reverse("opendata:feed"))
    _text(root, "id", self_url)
    _text(root, "title", _("Newly published on the Koordinat public portal"))
    _text(
        root,
        "subtitle",
        _(
            "Plans, measures' public entries, events and answers to citizens published on the portal, "
            "latest first."
        ),
    )
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", _("The coordination office"))
    _text(author, "uri", absolute(reverse("portal:home")))
    _link(root, self_url, rel="self", kind="application/atom+xml")
    _link(root, absolute(reverse("portal:home")))
    _text(root, "rights", "CC BY 4.0")

    entries: list[tuple[datetime.datetime, ET.Element]] = []
    for plan in plan_selectors.recently_published_plans(limit=LIMIT):
        assert plan.published_at is not None  # the selector's filter
        entry = ET.Element(f"{{{ATOM}}}entry")
        _text(entry, "id", f"tag:{host},{TAG_DATE}:plan/{plan.code}")
        _text(entry, "title", _("Plan published: %(title)s") % {"title": plan.title})
        _text(entry, "updated", cell(plan.published_at))
        _text(entry, "published", cell(plan.published_at))
        _link(entry, absolute(reverse("portal:plan", args=[plan.code])))
        _text(entry, "summary", f"{plan.code}: {plan.title}")
        entries.append((plan.published_at, entry))
    for published in execution_selectors.recently_published_entries(limit=LIMIT):
        public = published.entry
        entry = ET.Element(f"{{{ATOM}}}entry")
        _text(entry, "id", f"tag:{host},{TAG_DATE}:measure/{published.plan_code}/{public.measure_id}")
        _text(
            entry,
            "title",
            _("%(plan)s, measure %(number)s: %(status)s")
            % {"plan": published.plan_code, "number": published.number, "status": public.status_label},
        )
        _text(entry, "updated", cell(public.published_at))
        _link(entry, absolute(reverse("portal:measure", args=[published.plan_code, published.number])))
        summary = public.summaries.get(language) or summary_missing(public.summaries)
        _text(entry, "summary", f"{published.text}\n\n{summary}".strip())
        entries.append((public.published_at, entry))
    for event in event_selectors.public_recently_published_events(limit=LIMIT):
        assert event.published_at is not None  # the selector's filter
        entry = ET.Element(f"{{{ATOM}}}entry")
        _text(entry, "id", f"tag:{host},{TAG_DATE}:event/{event.pk}")
        _text(entry, "title", _("Event published: %(title)s") % {"title": event.title})
        _text(entry, "updated", cell(event.published_at))
        _text(entry, "published", cell(event.published_at))
        _link(entry, absolute(reverse("public_events:event", args=[event.pk])))
        _text(
            entry,
            "summary",
            f"{event.get_kind_display()}, {event.district.name}, {cell(event.starts_at)}",
        )
        entries.append((event.published_at, entry))
    for submission in dialogue_selectors.public_recently_answered(limit=LIMIT):
        answer = submission.public_answer  # type: ignore[attr-defined]
        if answer is None or submission.answered_at is None or submission.organization is None:
            continue
        entry = ET.Element(f"{{{ATOM}}}entry")
        _text(entry, "id", f"tag:{host},{TAG_DATE}:answer/{submission.pk}")
        _text(
            entry,
            "title",
            _("Answer of %(organization)s to %(reference)s")
            % {"organization": submission.organization.name, "reference": submission.reference},
        )
        _text(entry, "updated", cell(submission.answered_at))
        _text(entry, "published", cell(submission.answered_at))
        _link(entry, absolute(reverse("dialogue:submission", args=[submission.pk])))
        texts = {code: text for code, text in answer.texts().items() if text}
        _text(entry, "summary", texts.get(language) or answer_missing(texts))
        entries.append((submission.answered_at, entry))
    entries.sort(key=lambda pair: pair[0], reverse=True)
    _text(root, "updated", cell(entries[0][0] if entries else as_of))
    # `updated` of the feed comes before its entries, as RFC 4287's examples have it
    for _moment, entry in entries:
        root.append(entry)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
