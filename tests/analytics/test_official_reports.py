"""The official execution report: its data as of the period's end, the document in three languages and
two formats read back, the same content when made again, the worker's path, and refused requests."""

import datetime
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django_tasks_db.models import DBTaskResult
from docx import Document
from pypdf import PdfReader

from koordinat.analytics import documents, services, snapshot
from koordinat.analytics.models import OfficialReport
from koordinat.core.models import AuditEvent
from koordinat.execution.models import ControlItem
from tests.jobs.workers import make_worker, run_next

from . import official_history as history
from .official_history import CANCEL_REASON, EXTENSION_REASON, LATER_REASON, LEAD_NARRATIVE, Q1

official_plan, official_history = history.official_plan, history.official_history  # fixtures

pytestmark = pytest.mark.django_db

AZ_LETTERS = ("ə", "ğ", "ı", "ş")


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    """Extracted text with its line breaks and runs of spaces made single spaces (PDF lines wrap)."""
    return re.sub(r"\s+", " ", text)


def request(actor, plan, *, language="az", format="pdf", start=Q1[0], end=Q1[1]):
    return services.official_report_request(
        actor=actor, plan=plan, period_start=start, period_end=end, language=language, format=format
    )


def test_the_data_is_as_it_stood_at_the_end_of_the_period(coordinator, official_plan, official_history):
    data = snapshot.collect(user=coordinator, plan=official_plan, start=Q1[0], end=Q1[1])
    item = {
        number: data["items"][str(official_history[number].pk)] for number in ("1.1", "1.2", "1.3", "1.4")
    }
    # 1.3 was taken off control on 10 April: at the end of March it was executed, awaiting removal
    assert {number: entry["status"] for number, entry in item.items()} == {
        "1.1": "on_control",
        "1.2": "extended",
        "1.3": "executed",
        "1.4": "cancelled",
    }
    # 1.2 was extended again on 15 April, to 30 June: at the end of March its date was 20 March
    assert item["1.2"]["control_date"] == "2026-03-20"
    assert ControlItem.objects.get(pk=official_history["1.2"].pk).control_date == datetime.date(2026, 6, 30)
    # only the lead's report was accepted in the quarter; the co-executor's came on 5 April
    assert [report["narrative"] for report in item["1.1"]["reports"]] == [LEAD_NARRATIVE]
    assert item["1.1"]["executors"][0]["lead"]
    assert not item["1.1"]["executors"][1]["lead"]
    (overdue,) = data["overdue"]
    assert overdue["item"] == official_history["1.2"].pk
    assert (overdue["control_date"], overdue["days"]) == ("2026-03-20", 12)
    assert overdue["reason"]["reason"] == EXTENSION_REASON  # not the request made in April
    assert [(entry["old_date"], entry["new_date"]) for entry in data["extensions"]] == [
        ("2026-01-30", "2026-03-20")
    ]  # 31 January a Saturday
    # the cancellation in March counts; the removal in April does not
    assert [(entry["status"], entry["reason"]) for entry in data["closed"]] == [("cancelled", CANCEL_REASON)]
    assert data["figures"] == {
        "items": 4,
        "by_status": {"on_control": 1, "extended": 1, "executed": 1, "removed": 0, "cancelled": 1},
        "overdue": 1,
        "completed": 1,
        "completed_on_time": 1,
        "completed_with_date": 1,
        "reports_accepted": 2,
        "extensions": 1,
        "closed": 1,
    }


def test_an_item_put_under_control_after_the_period_is_left_out(coordinator, official_plan, official_history):
    ControlItem.objects.filter(pk=official_history["1.4"].pk).update(
        created_at=datetime.datetime(2026, 4, 2, 10, tzinfo=datetime.UTC)
    )
    data = snapshot.collect(user=coordinator, plan=official_plan, start=Q1[0], end=Q1[1])
    assert str(official_history["1.4"].pk) not in data["items"]
    assert data["figures"]["items"] == 3
    assert data["closed"] == []


def test_a_later_period_sees_what_happened_after_the_first(coordinator, official_plan, official_history):
    data = snapshot.collect(
        user=coordinator, plan=official_plan, start=datetime.date(2026, 4, 1), end=datetime.date(2026, 4, 30)
    )
    assert data["items"][str(official_history["1.3"].pk)]["status"] == "removed"
    assert data["items"][str(official_history["1.2"].pk)]["control_date"] == "2026-06-30"
    assert [entry["reason"] for entry in data["closed"]] == ["İcra olunub."]
    assert data["overdue"] == []
    assert data["figures"]["reports_accepted"] == 1  # the co-executor's, on 5 April


@pytest.mark.parametrize("language", ["az", "ru", "en"])
@pytest.mark.parametrize("format", ["pdf", "docx"])
def test_the_document_reads_back_in_each_language(
    coordinator, official_plan, official_history, language, format
):
    report = request(coordinator, official_plan, language=language, format=format)
    assert (report.status, report.progress, report.error) == ("done", 100, "")
    with report.file.open("rb") as stored:
        data = stored.read()
    assert data.startswith(b"%PDF" if format == "pdf" else b"PK")
    text = flat(pdf_text(data) if format == "pdf" else docx_text(data))
    titles = {
        "az": ["Monitorinq şəbəkəsinin genişləndirilməsi", "Meşə bərpası", "Su ehtiyatlarının uçotu"],
        "ru": ["Расширение сети мониторинга", "Восстановление лесов", "Учёт водных ресурсов"],
        "en": ["Extending the monitoring network", "Restoring forests", "Su ehtiyatlarının uçotu"],
    }[language]
    for number, title in zip(("1.1", "1.2", "1.3"), titles, strict=True):
        assert f"{number}. {title}" in text
    heading = {
        "az": "İCRA HAQQINDA MƏLUMAT",
        "ru": "ИНФОРМАЦИЯ ОБ ИСПОЛНЕНИИ",
        "en": "INFORMATION ON EXECUTION",
    }
    assert heading[language] in text
    assert LEAD_NARRATIVE in text  # the Azerbaijani report, whatever the document's language
    assert all(letter in text for letter in AZ_LETTERS)
    assert "Отчёт соисполнителя" not in text  # accepted after the quarter
    assert EXTENSION_REASON in text
    assert CANCEL_REASON in text
    assert LATER_REASON not in text
    if language == "en":  # 1.3 has no English text: shown in Azerbaijani, saying so
        assert "Su ehtiyatlarının uçotu (in Azerbaijani: not translated)" in text
        assert "(written in Azerbaijani)" in text
    if language == "ru":
        assert "Расширение сети мониторинга" in text
        assert "(написан на азербайджанском языке)" in text


def test_making_the_same_period_again_gives_the_same_content(coordinator, official_plan, official_history):
    first = request(coordinator, official_plan, format="docx")
    second = request(coordinator, official_plan, format="docx")
    assert first.pk != second.pk
    assert first.file.name != second.file.name
    assert first.content_hash == second.content_hash
    assert first.snapshot == second.snapshot

    def without_generation_time(report):
        with report.file.open("rb") as stored:
            lines = docx_text(stored.read()).splitlines()
        return [line for line in lines if not line.startswith("Yaradılıb")]

    assert without_generation_time(first) == without_generation_time(second)
    events = AuditEvent.objects.filter(action__startswith="official_report.")
    assert (
        sorted(events.values_list("action", flat=True))
        == ["official_report.generate"] * 2 + ["official_report.request"] * 2
    )


def test_a_large_plan_goes_to_the_worker_and_ends_at_one_hundred(
    coordinator, official_plan, official_history, settings, queue, django_capture_on_commit_callbacks
):
    settings.KOORDINAT_OFFICIAL_REPORT_INLINE_ITEMS = 2
    with django_capture_on_commit_callbacks(execute=True):
        report = request(coordinator, official_plan)
    assert (report.status, report.progress) == ("queued", 0)
    assert DBTaskResult.objects.get().args_kwargs["kwargs"] == {"report_id": report.pk}
    job = run_next(make_worker())
    assert (job.status, job.return_value) == ("SUCCESSFUL", "done")
    report.refresh_from_db()
    assert (report.status, report.progress, report.attempts) == ("done", 100, 1)
    assert report.file.storage.exists(report.file.name)
    assert report.size > 1000


def test_a_failure_is_kept_in_words_and_can_be_tried_again(
    coordinator, official_plan, official_history, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("Şrift tapılmadı")

    monkeypatch.setattr(documents, "pdf", broken)
    report = request(coordinator, official_plan)
    assert (report.status, report.error, report.file.name) == ("failed", "Şrift tapılmadı", "")
    assert AuditEvent.objects.filter(action="official_report.fail").exists()
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        services.official_report_retry(actor=coordinator, report=report)
    report.refresh_from_db()
    assert (report.status, report.progress, report.attempts) == ("done", 100, 2)
    with pytest.raises(ValidationError):
        services.official_report_retry(actor=coordinator, report=report)


@pytest.mark.parametrize(
    ("start", "end", "field", "words"),
    [
        (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31), "period", "outside the plan's period"),
        (datetime.date(2026, 1, 1), datetime.date(2099, 3, 31), "period", "has not passed"),
        (datetime.date(2026, 3, 1), datetime.date(2026, 1, 31), "period", "cannot end before it starts"),
        (
            datetime.date(2026, 1, 1),
            datetime.date(2026, 1, 3),
            "period",
            "No item of this plan was under control",
        ),
    ],
)
def test_a_period_the_report_cannot_be_true_for_is_refused_naming_the_field(
    coordinator, official_plan, official_history, start, end, field, words
):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        request(coordinator, official_plan, start=start, end=end, language="en")
    assert words in " ".join(refused.value.message_dict[field])
    assert not OfficialReport.objects.exists()


def test_a_plan_with_nothing_under_control_is_refused(coordinator, official_plan):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        request(coordinator, official_plan, language="en")
    assert "has no items under control" in " ".join(refused.value.messages)
    assert not OfficialReport.objects.exists()


def test_only_the_offices_readers_may_ask(executor, official_plan, official_history):
    with pytest.raises(PermissionDenied):
        request(executor, official_plan)
    assert not OfficialReport.objects.exists()
    assert AuditEvent.objects.filter(action="official_report.request", outcome="refused").exists()
