"""What the executing organisation has not sent is its own: while a returned report is reworked, every
other reader sees, on every page, exactly the version last sent, and never the working copy."""

import io
import zipfile
from types import SimpleNamespace

import pytest
from django.urls import reverse

from koordinat.core.models import AuditEvent
from koordinat.directory.models import Organization
from koordinat.execution import services
from koordinat.execution.models import Evidence, Report

from . import files
from .test_services import submit, write

MARKER = "QARALAMA7F3A"  # planted in everything the organisation has not sent
SENT = "Göndərilmiş mətn: 12 stansiya quraşdırılıb."
STATES = ["returned", "with_head", "given_back"]


def _pdf(title: str) -> bytes:
    return files.pdf(b"<< /Title (%s) >>" % title.encode())


@pytest.fixture
def reworked(
    request, coordinator, executor, other_executor, other_head, open_cycle, ministry, other_ministry
):
    """The co-executor's report on item 1.1: sent (through its head), returned by the controller, and
    now reworked with the marker in its text, in a new file's title and in its head's comments. The
    state is "returned" (saved), "with_head" (sent to its head again) or "given_back" (by the head)."""
    Organization.objects.filter(pk=other_ministry.pk).update(reports_need_head_approval=True)
    lead = submit(
        executor, open_cycle.reports.get(organization=ministry), narrative="Əsas icraçının hesabatı"
    )
    co = open_cycle.reports.get(organization=other_ministry, item__measure__number="1.1")
    co = write(other_executor, co, narrative=SENT, progress=40)
    sent_file = services.evidence_add(
        actor=other_executor,
        report=co,
        title="Göndərilmiş akt",
        upload=io.BytesIO(_pdf("akt")),
        filename="akt.pdf",
    )
    co = services.report_submit(actor=other_executor, report=Report.objects.get(pk=co.pk), version=co.version)
    co = services.report_head_decide(
        actor=other_head, report=co, version=co.version, approve=True, comment=f"{MARKER} rəhbərin qeydi"
    )
    co = services.report_review(
        actor=coordinator, report=co, version=co.version, accept=False, comment="Fotoşəkilləri əlavə edin."
    )
    co = write(other_executor, co, narrative=f"{MARKER}: yeni mətn", progress=70)
    draft = services.evidence_add(
        actor=other_executor,
        report=co,
        title=f"{MARKER} fotoşəkillər",
        upload=io.BytesIO(_pdf(MARKER)),
        filename=f"{MARKER}.pdf",
    )
    services.evidence_remove(actor=other_executor, evidence=sent_file)
    co = Report.objects.get(pk=co.pk)
    if request.param in ("with_head", "given_back"):
        co = services.report_submit(actor=other_executor, report=co, version=co.version)
    if request.param == "given_back":
        co = services.report_head_decide(
            actor=other_head, report=co, version=co.version, approve=False, comment=f"{MARKER} düzəldin"
        )
        co = write(other_executor, co, narrative=f"{MARKER}: yenə yeni mətn", progress=80)
    return SimpleNamespace(co=co, lead=lead, draft=draft, sent_file=sent_file, organization=other_ministry)


def urls(reworked) -> list[str]:
    """Every page that shows the item, the report or its content, and the plan's exports."""
    co, item = reworked.co, reworked.co.item
    plan, measure = item.plan, item.measure
    cycle = co.cycle.get_absolute_url()
    return [
        co.get_absolute_url(),
        *[
            reverse("execution:report_version", args=[co.pk, number])
            for number in range(1, co.versions.count() + 1)
        ],
        reworked.lead.get_absolute_url(),
        item.get_absolute_url(),
        reverse("execution:review_queue"),
        reverse("execution:my_work"),
        cycle,
        *[f"{cycle}?status={status}" for status in Report.Status.values],
        reverse("execution:plan_cycles", args=[plan.code]),
        reverse("analytics:league"),
        reverse("plans:plan", args=[plan.code]),
        reverse("plans:measure", args=[plan.code, measure.number]),
        reverse("directory:organization", args=[reworked.organization.pk]),
        *[reverse("plans:export", args=[plan.code, fmt]) for fmt in ("xlsx", "docx", "csv", "decidim")],
        reverse("execution:evidence", args=[reworked.draft.pk]),
        reverse("execution:evidence", args=[reworked.sent_file.pk]),
    ]


def body(response) -> str:
    """What the reader received, unpacked where it is a ZIP (XLSX, DOCX)."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if data.startswith(b"PK\x03\x04"):
        archive = zipfile.ZipFile(io.BytesIO(data))
        data = b"".join(archive.read(name) for name in archive.namelist())
    return data.decode("utf-8", errors="replace")


@pytest.mark.parametrize("reworked", STATES, indirect=True)
@pytest.mark.parametrize(
    "reader", ["executor", "observer", "coordinator", "admin_user", "body_secretary", "stranger"]
)
def test_no_other_reader_finds_the_unsent_report_anywhere(client, request, reworked, reader):
    client.force_login(request.getfixturevalue(reader))
    for url in urls(reworked):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert MARKER not in body(response), url


@pytest.mark.parametrize("reworked", STATES, indirect=True)
@pytest.mark.parametrize("reader", ["executor", "observer", "coordinator", "admin_user", "body_secretary"])
def test_readers_see_the_version_last_sent_as_returned(client, request, reworked, reader):
    """The report does not vanish while it is reworked (nor when it waits for its head again)."""
    client.force_login(request.getfixturevalue(reader))
    page = client.get(reworked.co.get_absolute_url())
    assert page.status_code == 200
    assert SENT in page.content.decode()
    assert page.context["report"].shown_status == "returned"
    assert [entry.title for entry in page.context["content"].evidence] == ["Göndərilmiş akt"]
    download = client.get(reverse("execution:evidence", args=[reworked.sent_file.pk]))
    assert download.status_code == 200  # removed from the working copy, still part of what was sent
    assert client.get(reverse("execution:evidence", args=[reworked.draft.pk])).status_code == 404
    lead = client.get(reworked.lead.get_absolute_url())  # the lead's page, with its co-executors' inputs
    inputs = {co.pk: content for co, content in lead.context["co_reports"]}
    assert inputs[reworked.co.pk].narrative == SENT


@pytest.mark.parametrize("reworked", STATES, indirect=True)
@pytest.mark.parametrize("owner", ["other_executor", "other_head"])
def test_the_organisation_itself_sees_its_working_copy(client, request, reworked, owner):
    client.force_login(request.getfixturevalue(owner))
    assert MARKER in client.get(reworked.co.get_absolute_url()).content.decode()
    assert MARKER in client.get(reworked.co.item.get_absolute_url()).content.decode()  # its own timeline
    assert client.get(reverse("execution:evidence", args=[reworked.draft.pk])).status_code == 200


def test_the_stranger_reads_neither_the_report_nor_its_events(
    client, stranger, executor, open_cycle, ministry
):
    report = submit(executor, open_cycle.reports.get(organization=ministry), narrative=SENT)
    client.force_login(stranger)
    assert client.get(report.get_absolute_url()).status_code == 404
    page = client.get(report.item.get_absolute_url())
    assert page.context["reports"] == []
    assert not [event for event in page.context["timeline"] if "report" in event.data]


@pytest.mark.parametrize("reworked", ["returned"], indirect=True)
def test_draft_events_stay_in_the_audit_chain(reworked):
    """The timeline hides them from others; the tamper-evident log keeps every one."""
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"report.save", "evidence.add", "evidence.remove", "report.head_approved"} <= actions
    assert Evidence.objects.filter(pk=reworked.sent_file.pk, removed_at__isnull=False).exists()
