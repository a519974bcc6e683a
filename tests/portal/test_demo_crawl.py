"""The demo's whole portal, crawled by links from its home page in Azerbaijani, Russian and English:
every page and linked file answers, and nothing that exists only inside the office reaches it. Markers
are planted in the demo's own records — a draft report, a returned one, the narrative of the accepted
report a public summary was taken from, the telephone of a head, a draft event, a question awaiting
moderation and a draft answer — and looked for on every page (issue 17)."""

import datetime

import pytest
from django.core.management import call_command

from koordinat.accounts.models import User
from koordinat.core import clock
from koordinat.dialogue import services as dialogue_services
from koordinat.dialogue.models import Citizen, Submission
from koordinat.directory.models import Person
from koordinat.events import services as event_services
from koordinat.events.models import Event
from koordinat.execution.models import MeasurePublication, Report
from koordinat.plans.models import Plan
from tests.crawl import EMAIL

from .test_crawl import crawl_portal

MARKERS = {
    "draft report": "QXDEMODRAFTREPORT",
    "returned report": "QXDEMORETURNEDREPORT",
    "internal narrative": "QXDEMOINTERNALNARRATIVE",
    "telephone": "+994 12 000 77 66",
    "draft event": "QXDEMODRAFTEVENT",
    "pending question": "QXDEMOPENDINGQUESTION",
}


def plant_markers() -> None:
    public_plans = Plan.objects.published()
    reports = Report.objects.filter(item__plan__in=public_plans)
    for status, marker in (
        (Report.Status.DRAFT, MARKERS["draft report"]),
        (Report.Status.RETURNED, MARKERS["returned report"]),
    ):
        assert reports.filter(status=status).exists(), status
        reports.filter(status=status).update(narrative=marker)
    sources = MeasurePublication.objects.exclude(source_report=None).values("source_report")
    assert Report.objects.filter(pk__in=sources).update(narrative=MARKERS["internal narrative"])
    assert Person.objects.exclude(email="").update(phone=MARKERS["telephone"])

    administrator = User.objects.filter(is_superuser=True).first()
    held = Event.objects.filter(is_published=True).order_by("starts_at").first()
    assert held is not None
    event_services.event_create(
        actor=administrator,
        kind="public_hearing",
        title={"az": MARKERS["draft event"], "ru": MARKERS["draft event"], "en": MARKERS["draft event"]},
        starts_at=clock.now() + datetime.timedelta(days=40),
        district=held.district,
        organizers=list(held.organizers.all()[:1]),
    )
    citizen = Citizen.objects.filter(confirmed_at__isnull=False).first()
    accepted = Submission.objects.filter(status=Submission.Status.ACCEPTED, measure__isnull=False).first()
    assert citizen is not None
    assert accepted is not None
    dialogue_services.submission_create(
        citizen=citizen,
        kind="question",
        text=MARKERS["pending question"],
        language="az",
        address="192.0.2.77",
        measure=accepted.measure,
    )


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_no_internal_text_of_the_demo_reaches_a_public_page(client, db, settings, language):
    settings.KOORDINAT_DIALOGUE_LIMITS = {"account": (100, 3600), "address": (100, 3600)}
    call_command("demo-data")
    plant_markers()
    pages = crawl_portal(client, language, limit=5000)
    assert len(pages) < 5000, "the crawl stopped before the end"
    failed = {path: status for path, (status, _text) in pages.items() if status != 200}
    assert not failed
    for code in Plan.objects.published().values_list("code", flat=True):
        assert f"/{language}/portal/plans/{code}/" in pages
    assert any("/portal/events/" in path for path in pages)
    assert any("/portal/dialogue/submissions/" in path for path in pages)
    assert any("/portal/data/" in path and path.endswith(".csv") for path in pages)
    for path, (_status, text) in pages.items():
        leaked = [name for name, marker in MARKERS.items() if marker.lower() in text.lower()]
        assert not leaked, f"{path} shows {leaked}"
        assert not EMAIL.search(text), f"{path} shows an e-mail address"
