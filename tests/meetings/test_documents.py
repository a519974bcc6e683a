"""The meeting's papers in az, ru and en: read back from the PDF and DOCX files they produce."""

import datetime
import io

import pytest
from django.utils import translation
from docx import Document
from pypdf import PdfReader

from koordinat.core import clock
from koordinat.directory import services as directory_services
from koordinat.meetings import documents, services
from koordinat.meetings.models import AgendaItem, Meeting, Participant
from koordinat.meetings.services.meetings import Invitee, default_invitees
from tests.conftest import texts

from .conftest import at

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
    [("az", "protokolu"), ("ru", "ПРОТОКОЛ"), ("en", "Minutes No.")],
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


# The title of each paper, as each language writes it: the body, the number and the meeting's date once.
MINUTES_TITLE = texts(
    "«Ekologiya üzrə işçi qrup» kollegial orqanının 16 mart 2026 tarixli iclasının 12 nömrəli protokolu",
    "ПРОТОКОЛ № 12 заседания коллегиального органа «Рабочая группа по экологии» от 16 марта 2026 г.",
    "Working group on ecology — Minutes No. 12 of the meeting of 16 March 2026",
)
INSTRUCTIONS_TITLE = texts(
    "«Ekologiya üzrə işçi qrup» kollegial orqanının 16 mart 2026 tarixli 1 nömrəli iclasında verilmiş tapşırıqlar",
    "Поручения, данные на заседании № 1 коллегиального органа «Рабочая группа по экологии» 16 марта 2026 г.",
    "Instructions given at meeting No. 1 of Working group on ecology on 16 March 2026",
)
BODY = texts("Ekologiya üzrə işçi qrup", "Рабочая группа по экологии", "Working group on ecology")
CHAIR = texts("Məmmədov Rəşad", "Məmmədov Rəşad", "Rəşad Məmmədov")
SECRETARY = texts("Əliyeva Aynur", "Əliyeva Aynur", "Aynur Əliyeva")
MEMBER = texts("Həsənov Kamran", "Həsənov Kamran", "Kamran Həsənov")
GUEST = texts("Quliyev Elnur", "Quliyev Elnur", "Elnur Quliyev")
PRESENT = texts("İŞTİRAK EDİRDİLƏR", "ПРИСУТСТВОВАЛИ", "PRESENT")
ABSENT = texts("İŞTİRAK ETMİRDİLƏR", "ОТСУТСТВОВАЛИ", "ABSENT")
APPROVED = texts(
    "Məmmədov Rəşad tərəfindən 20 mart 2026 tarixində təsdiq edilib",
    "Утверждено 20 марта 2026 г.: Məmmədov Rəşad",
    "Approved on 20 March 2026 by Rəşad Məmmədov",
)
LANGUAGES = ("az", "ru", "en")


def both(meeting: Meeting, kind: str, language: str) -> list[str]:
    """The paper's text read back from its PDF and from its DOCX."""
    return [
        pdf_text(documents.pdf(meeting, kind, language)),
        docx_text(documents.docx(meeting, kind, language)),
    ]


@pytest.fixture
def attended(secretary, coordinator, body, people, make_organization, ministry):
    """A meeting held without one member and with an invited guest, its minutes recorded."""
    guests = make_organization("Dövlət Statistika Komitəsi")
    guest = directory_services.person_create(
        actor=coordinator,
        last_name=texts("Quliyev"),
        first_name=texts("Elnur"),
        email="guest@koordinat.test",
        organization=guests,
        position=texts("şöbə müdiri", "начальник отдела", "head of department"),
    )
    meeting = services.meeting_create(
        actor=secretary,
        body=body,
        title=texts("İşçi qrupun iclası", "Заседание рабочей группы", "Meeting of the working group"),
        starts_at=at("2026-03-16"),
        place=texts("Mərkəz, 3-cü mərtəbə"),
        participants=[
            *default_invitees(body),
            Invitee(person=guest, organization=guests, role=Participant.Role.INVITED),
        ],
    )
    present = meeting.participants.exclude(person=people["member"]).values_list("pk", flat=True)
    meeting = services.meeting_held(
        actor=secretary, meeting=meeting, version=meeting.version, present=list(present)
    )
    minutes = services.minutes_start(
        actor=secretary, meeting=meeting, number="12", date=datetime.date(2026, 3, 17)
    )
    services.agenda_item_save(
        actor=secretary,
        meeting=meeting,
        title=texts(
            "Ekoloji monitorinq haqqında", "Об экологическом мониторинге", "On environmental monitoring"
        ),
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_minutes_name_the_body_number_and_date_once(attended, language):
    for text in both(attended, "minutes", language):
        assert text.count(MINUTES_TITLE[language]) == 1
        assert text.count(BODY[language]) == 1  # no heading table repeats the body
        assert "Mərkəz, 3-cü mərtəbə" in text  # the place line under the title


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_minutes_list_who_was_present_and_who_was_absent(attended, language):
    for text in both(attended, "minutes", language):
        present, absent = text.index(PRESENT[language]), text.index(ABSENT[language])
        assert present < absent
        attended_part, absent_part = text[present:absent], text[absent:]
        for name in (CHAIR[language], SECRETARY[language], GUEST[language]):
            assert name in attended_part
        assert MEMBER[language] not in attended_part
        assert MEMBER[language] in absent_part.split("1. ")[0]
    guest_line = both(attended, "minutes", "ru")[1]
    assert "Quliyev Elnur, начальник отдела, Организация Dövlət Statistika Komitəsi" in guest_line


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["minutes", "instructions"])
def test_the_chair_and_the_secretary_sign(attended, language, kind):
    signatures = texts("Sədr", "Председатель", "Chair")
    for text in both(attended, kind, language):
        assert f"{signatures[language]} {documents.SIGNATURE_LINE} {CHAIR[language]}" in text
        assert f"{documents.SIGNATURE_LINE} {SECRETARY[language]}" in text
        assert text.rstrip().endswith(SECRETARY[language])  # the signatures close the paper


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_approval_date_appears_once_the_chair_approves(attended, chair, language):
    for kind in ("minutes", "instructions"):
        for text in both(attended, kind, language):
            assert APPROVED[language] not in text
            assert "20 " not in text.split(SECRETARY[language])[-1]
    minutes = attended.minutes
    with clock.at(at("2026-03-20", hour=12)):
        services.minutes_approve(actor=chair, minutes=minutes, version=minutes.version)
    approved = Meeting.objects.get(pk=attended.pk)
    for kind in ("minutes", "instructions"):
        for text in both(approved, kind, language):
            assert text.count(APPROVED[language]) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_list_of_instructions(attended, language):
    minutes_line = texts(
        "17 mart 2026 tarixli 12 nömrəli protokol",
        "Протокол № 12 от 17 марта 2026 г.",
        "Minutes No. 12 of 17 March 2026",
    )
    control = texts("30 iyun 2026", "30 июня 2026 г.", "30 June 2026")
    instruction = texts("Şəbəkəni genişləndirmək", "Расширить сеть", "Extend the network")
    for text in both(attended, "instructions", language):
        assert text.count(INSTRUCTIONS_TITLE[language]) == 1
        assert minutes_line[language] in text
        assert f"1.1 {instruction[language]}" in text
        assert control[language] in text
        assert "Ekologiya və Təbii Sərvətlər Nazirliyi" in text  # the executor
        assert PRESENT[language] not in text  # attendance belongs to the minutes


def test_a_meeting_without_a_number_is_titled_without_one(attended):
    Meeting.objects.filter(pk=attended.pk).update(number=0)
    meeting = Meeting.objects.get(pk=attended.pk)
    with translation.override("en"):
        assert documents.paper(meeting, "agenda", "en").title == (
            "Working group on ecology — Agenda of the meeting of 16 March 2026"
        )
    assert documents.paper(meeting, "instructions", "ru").title == (
        "Поручения, данные на заседании коллегиального органа «Рабочая группа по экологии» 16 марта 2026 г."
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reason_for_an_absence_is_given_when_recorded(attended, people, language):
    Participant.objects.filter(meeting=attended, person=people["member"]).update(absence_reason="ezamiyyətdə")
    for text in both(attended, "minutes", language):
        absent = text.split(ABSENT[language])[1]
        assert f"{MEMBER[language]}, baş məsləhətçi" in absent
        assert "— ezamiyyətdə" in absent


def test_joint_minutes_keep_one_title_and_both_languages(attended):
    attended.second_language = "ru"
    for text in both(attended, "minutes", "az"):
        assert text.count(MINUTES_TITLE["az"]) == 1
        assert DECISION["az"] in text
        assert DECISION["ru"] in text
        assert MEMBER["az"] in text.split(ABSENT["az"])[1]


def test_a_question_with_nothing_discussed_recorded_shows_no_empty_heading(attended, recorded):
    assert "Discussed" not in docx_text(documents.docx(attended, "minutes", "en"))  # no discussion typed
    assert "Discussed" in docx_text(documents.docx(recorded, "minutes", "en"))
