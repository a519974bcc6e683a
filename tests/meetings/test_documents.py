"""The meeting's papers in az, ru and en: read back from the PDF and DOCX files they produce."""

import datetime
import io

import pytest
from docx import Document
from pypdf import PdfReader

from koordinat.meetings import documents, services
from koordinat.meetings.models import AgendaItem, Meeting
from tests.conftest import texts

DECISION = texts(
    "Ekoloji monitorinq şəbəkəsinin genişləndirilməsi təmin edilsin.",
    "Обеспечить расширение сети экологического мониторинга.",
    "Ensure the extension of the environmental monitoring network.",
)


@pytest.fixture
def recorded(secretary, minutes, ministry):
    meeting = minutes.meeting
    services.agenda_item_save(
        actor=secretary,
        meeting=meeting,
        title=texts(
            "Ekoloji monitorinq haqqında", "Об экологическом мониторинге", "On environmental monitoring"
        ),
        discussion=texts("Müzakirə olundu.", "Обсуждено.", "Discussed."),
        decision=DECISION,
    )
    services.instruction_save(
        actor=secretary,
        minutes=minutes,
        number="1.1",
        text=texts("Şəbəkəni genişləndirmək", "Расширить сеть", "Extend the network"),
        control_date=datetime.date(2026, 6, 30),
        controller=ministry,
        executors=[ministry],
    )
    return Meeting.objects.get(pk=meeting.pk)


def pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join([paragraph.text for paragraph in document.paragraphs] + cells)


@pytest.mark.parametrize(
    ("language", "heading"),
    [("az", "Protokol"), ("ru", "Протокол"), ("en", "Minutes")],
)
def test_minutes_read_back_with_their_letters(recorded, language, heading):
    for text in (
        pdf_text(documents.pdf(recorded, "minutes", language)),
        docx_text(documents.docx(recorded, "minutes", language)),
    ):
        assert heading in text
        assert DECISION[language] in text
        assert "12" in text  # the minutes' number


def test_a_joint_commission_puts_two_languages_side_by_side(recorded):
    recorded.second_language = "ru"
    text = docx_text(documents.docx(recorded, "minutes", "az"))
    assert DECISION["az"] in text
    assert DECISION["ru"] in text
    assert DECISION["ru"] in pdf_text(documents.pdf(recorded, "minutes", "az"))


def test_agenda_and_instructions_papers(recorded):
    assert "Ekoloji monitorinq haqqında" in pdf_text(documents.pdf(recorded, "agenda", "az"))
    instructions = docx_text(documents.docx(recorded, "instructions", "ru"))
    assert "Расширить сеть" in instructions
    assert "30.06.2026" in instructions or "30 июня 2026" in instructions


def test_the_calendar_file_follows_rfc_5545(recorded):
    calendar = documents.ics(recorded, "az")
    assert calendar.startswith("BEGIN:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in calendar.split("\r\n"))
    assert "SUMMARY:İşçi qrupun iclası" in calendar


def test_control_characters_typed_into_a_meeting_never_break_its_papers(recorded):
    """A vertical tab or form feed pasted into a title cannot be held by DOCX (python-docx refuses it)
    and a bare carriage return would start a line of its own in the calendar file."""
    AgendaItem.objects.filter(meeting=recorded).update(decision_az=DECISION["az"] + "\x0bsəhər\x0c")
    recorded.place = "Bakı\rŞuşa"
    recorded.save()
    assert DECISION["az"] + "səhər" in docx_text(documents.docx(recorded, "minutes", "az"))
    calendar = documents.ics(recorded, "az")
    assert "Bakı\\nŞuşa" in calendar
    assert all(line.endswith("\r") is False and "\r" not in line for line in calendar.split("\r\n"))
