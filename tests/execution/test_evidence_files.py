"""The evidence file checks on real bytes: valid documents of each type pass, one type hidden in
another is refused with a message naming the file."""

import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from koordinat.execution import evidence

from . import files

LIMIT = 50 * 2**20


@pytest.fixture(autouse=True)
def _english():
    """The messages are matched in English; their translations are checked by test_languages."""
    with translation.override("en"):
        yield


def kind_of(data: bytes, name: str) -> evidence.Kind:
    return evidence.check(data, name, unpacked_limit=LIMIT)


def refusal(data: bytes, name: str, limit: int = LIMIT) -> str:
    with pytest.raises(ValidationError) as refused:
        evidence.check(data, name, unpacked_limit=limit)
    (message,) = refused.value.messages
    assert name.rsplit("/", 1)[-1] in message  # the message names the file
    return message


def weasyprint_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<h1>Qəbul aktı</h1><p>Hesabat: 12 stansiya quraşdırılıb.</p>").write_pdf()


def docx_with_chart_workbook() -> bytes:
    """Word keeps a chart's data as an embedded workbook: an office document inside another."""
    return files.with_member(files.docx(), "word/embeddings/Microsoft_Excel_Worksheet.xlsx", files.xlsx())


@pytest.mark.parametrize(
    ("build", "name", "expected"),
    [
        (files.pdf, "akt.pdf", evidence.PDF),
        (
            lambda: files.pdf(
                b"<< /Type /Annot /Subtype /Link /A << /S /URI /URI (https://eco.gov.az/) >> >>"
            ),
            "link.PDF",
            evidence.PDF,
        ),
        (lambda: files.pdf(b"<< /OpenAction [3 0 R /Fit] >>"), "open-at-page.pdf", evidence.PDF),
        (weasyprint_pdf, "weasyprint.pdf", evidence.PDF),
        (files.png, "foto.png", evidence.PNG),
        (lambda: files.png((b"tEXt", b"Comment\x00Qebul akti")), "foto-text.png", evidence.PNG),
        (lambda: files.JPEG, "foto.jpg", evidence.JPEG),
        (lambda: files.JPEG, "foto.jpeg", evidence.JPEG),
        (files.docx, "akt.docx", evidence.DOCX),
        (docx_with_chart_workbook, "qrafik.docx", evidence.DOCX),
        (files.xlsx, "cədvəl.xlsx", evidence.XLSX),
        (files.pptx, "təqdimat.pptx", evidence.PPTX),
        (files.odt, "akt.odt", evidence.ODT),
        (lambda: files.odt(b"application/vnd.oasis.opendocument.spreadsheet"), "cedvel.ods", evidence.ODS),
    ],
)
def test_valid_documents_of_each_type_pass(build, name, expected):
    assert kind_of(build(), name) == expected


def test_the_pdf_builder_makes_a_pdf_a_reader_opens():
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(files.pdf())).pages) == 1


SCRIPT = b"<html><body><script>fetch('/control/').then(r=>r.text()).then(alert)</script></body></html>"
JS_ACTION = b"<< /S /JavaScript /JS (app.alert(1)) >>"


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (b"%PDF-1.4\n" + SCRIPT, "hesabat.pdf", "HTML or script"),
        (files.pdf(b"<< /Contents (" + SCRIPT + b") >>"), "annot.pdf", "HTML or script"),
        (files.pdf(tail=SCRIPT), "tail.pdf", "HTML or script"),
        (files.pdf(tail=b"PK\x03\x04payload"), "glued.pdf", "after the end"),
        (files.pdf(b"<< /OpenAction 5 0 R >>", JS_ACTION), "open.pdf", "JavaScript"),
        (files.pdf(b"<< /S /J#61vaScript /JS (app.alert(1)) >>"), "escaped.pdf", "JavaScript"),
        (files.pdf(b"<< /AA << /O << /JS (app.alert(1)) >> >> >>"), "js-only.pdf", "JavaScript"),
        (files.pdf(b"<< /S /Launch /F (cmd.exe) >>"), "launch.pdf", "launch"),
        (files.pdf(files.stream(b"/Type /EmbeddedFile", b"MZ\x90\x00")), "attached.pdf", "embedded"),
        (
            files.pdf(
                files.stream(
                    b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", zlib.compress(b"6 0 " + JS_ACTION)
                )
            ),
            "packed.pdf",
            "JavaScript",
        ),
        (
            files.pdf(
                files.stream(
                    b"/Type /ObjStm /N 1 /First 4 /Filter /ASCIIHexDecode",
                    (b"6 0 " + JS_ACTION).hex().encode(),
                )
            ),
            "hex-packed.pdf",
            "cannot be checked",
        ),
        (
            files.pdf(files.stream(b"/Filter /FlateDecode", zlib.compress(b"BT " + JS_ACTION + b" ET"))),
            "content.pdf",
            "JavaScript",
        ),
        (files.png((b"tEXt", b"Comment\x00" + SCRIPT)), "text.png", "HTML or script"),
        (
            files.png((b"zTXt", b"Comment\x00\x00" + zlib.compress(SCRIPT))),
            "packed-text.png",
            "HTML or script",
        ),
        (files.png(tail=SCRIPT), "after-iend.png", "after the end"),
        (files.png()[:-5] + b"\x00\x00\x00\x00\x00", "broken.png", "damaged"),
        (files.JPEG + SCRIPT, "after-eoi.jpg", "after the end"),
        (files.JPEG + files.docx(), "jar-in-jpeg.jpg", "after the end"),
        (
            files.JPEG[:2] + b"\xff\xfe" + (len(SCRIPT) + 2).to_bytes(2, "big") + SCRIPT + files.JPEG[2:],
            "comment.jpg",
            "HTML or script",
        ),
        (files.JPEG[:-2], "cut.jpg", "damaged"),
        (
            files.with_member(files.docx(), "word/media/run.exe", b"MZ\x90\x00"),
            "akt.docx",
            "word/media/run.exe",
        ),
        (files.with_member(files.docx(), "word/media/image9.png", b"MZ\x90\x00"), "pe.docx", "image9.png"),
        (
            files.with_member(files.docx(), "word/vbaProject.bin", b"\xd0\xcf\x11\xe0"),
            "macro.docx",
            "vbaProject.bin",
        ),
        (files.with_member(files.xlsx(), "xl/payload.js", b"alert(1)"), "cedvel.xlsx", "xl/payload.js"),
        (files.with_member(files.xlsx(), "xl/run.ps1", b"Remove-Item"), "ps.xlsx", "xl/run.ps1"),
        (
            files.with_member(files.docx(), "word/embeddings/arxiv.zip", files.package({"a.txt": b"x"})),
            "nested.docx",
            "arxiv.zip",
        ),
        (
            files.with_member(files.docx(), "word/embeddings/data.dat", files.package({"a.txt": b"x"})),
            "hidden-zip.docx",
            "data.dat",
        ),
        (
            files.with_member(
                files.docx(),
                "word/embeddings/Microsoft_Word_Document.docx",
                files.with_member(files.docx(), "word/run.bat", b"del *"),
            ),
            "doc-in-doc.docx",
            "Microsoft_Word_Document.docx",
        ),
        (
            files.with_member(
                files.docx(),
                "word/embeddings/oleObject1.bin",
                b"\xd0\xcf\x11\xe0" + "\x01Ole10Native".encode("utf-16-le"),
            ),
            "package.docx",
            "oleObject1.bin",
        ),
        (
            files.with_member(files.docx(), "word/activeX/activeX1.bin", b"\xd0\xcf\x11\xe0"),
            "activex.docx",
            "activeX1.bin",
        ),
        (
            files.pptx(
                **{
                    "[Content_Types].xml": files.CONTENT_TYPES.replace(
                        b"presentation.main", b"presentation.macroEnabled.main"
                    )
                }
            ),
            "macros.pptx",
            "macro",
        ),
        (
            files.package({"_rels/.rels": b"<Relationships/>", "ppt/presentation.xml": b"<p/>"}),
            "no-types.pptx",
            "damaged",
        ),
        (files.odt(b"text/html"), "page.odt", "not a PDF"),
        (
            files.odt(**{"Basic/Standard/Module1.xml": b"<script:module/>"}),
            "macro.odt",
            "Basic/Standard/Module1.xml",
        ),
        (files.docx() + SCRIPT, "appended.docx", "before, between or after"),
        (b"<html>" + files.docx(), "prepended.docx", "not a PDF"),
        (files.png(), "foto.pdf", ".png"),
        (files.pdf(), "akt", ".pdf"),
        (files.docx(), "akt.xlsx", ".docx"),
        (b"MZ\x90\x00\x03", "akt.pdf.exe", "not a PDF"),
        (b"#!/bin/sh\nrm -rf /", "run.pdf", "not a PDF"),
        (b"", "bos.pdf", "empty"),
    ],
)
def test_one_type_inside_another_is_refused_naming_the_file(data, name, says):
    assert says in refusal(data, name)


def test_a_docx_with_data_between_its_parts_is_refused():
    document = files.docx()
    cut = document.index(b"PK\x03\x04", 4)  # the second part's header
    glued = document[:cut] + SCRIPT + document[cut:]
    assert "before, between or after" in refusal(glued, "between.docx")


def test_what_unpacks_past_the_limit_is_refused_unread():
    bomb = files.pdf(files.stream(b"/Filter /FlateDecode", zlib.compress(b"\x00" * 3 * 2**20)))
    assert "unpacks to more than 1 MB" in refusal(bomb, "bomb.pdf", limit=2**20)
    assert kind_of(bomb, "bomb.pdf") == evidence.PDF  # within the default budget it is an ordinary PDF


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("C:\\Users\\aysel\\Hesabat_şəhər.pdf", "Hesabat_şəhər.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("akt\x00\r\n.pdf", "akt.pdf"),
        ("", "evidence"),
        ("x" * 300 + ".pdf", "x" * 251 + ".pdf"),
    ],
)
def test_file_names_are_kept_without_folders_or_control_characters(given, kept):
    assert evidence.clean_filename(given) == kept
