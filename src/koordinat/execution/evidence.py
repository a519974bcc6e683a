"""What an evidence file may be, decided from its own bytes, never from the browser's word or its name.

A file is accepted only as one of a few document types, and only when its structure, read far
enough, shows that type and nothing else: no HTML or script riding behind a PDF, PNG or JPEG
signature, no scripts, launch actions or embedded files in a PDF, no programs, scripts, macros or
other archives inside an office document, and no data glued before, between or after the parts of
a file. Nothing here opens the file in a viewer; the checks only read bytes, within a budget of
unpacked bytes so that a small file cannot make them unpack gigabytes.
"""

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Kind:
    content_type: str
    label: str
    extensions: tuple[str, ...]


PDF = Kind("application/pdf", "PDF", ("pdf",))
PNG = Kind("image/png", "PNG", ("png",))
JPEG = Kind("image/jpeg", "JPEG", ("jpg", "jpeg", "jpe", "jfif"))
DOCX = Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX", ("docx",))
XLSX = Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", ("xlsx",))
PPTX = Kind("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX", ("pptx",))
ODT = Kind("application/vnd.oasis.opendocument.text", "ODT", ("odt",))
ODS = Kind("application/vnd.oasis.opendocument.spreadsheet", "ODS", ("ods",))
ODP = Kind("application/vnd.oasis.opendocument.presentation", "ODP", ("odp",))
KINDS = (PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT, ODS, ODP)

# The part an OOXML package must have to be that kind of document; an ODF names its kind in "mimetype".
OOXML_MAIN_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
ODF_KINDS = {kind.content_type.encode(): kind for kind in (ODT, ODS, ODP)}

# HTML a browser would render, or a script scheme; tag names of five letters and more, followed by
# what ends a tag name, so that compressed image data practically never matches by chance.
MARKUP = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|object|embed|meta|style|title|\?php)[\s/>]"
    rb"|(?:java|vb)script:",
    re.IGNORECASE,
)
# What a file glued after an image starts with: another document, an archive, a program.
EMBEDDED = re.compile(rb"PK\x03\x04|%PDF-|\AMZ|\A\x7fELF|\A#!")
EXECUTABLE_HEADS = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe")
ARCHIVE_HEADS = (b"PK\x03\x04", b"Rar!", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b", b"MSCF", b"BZh", b"\xfd7zXZ")
PROGRAM_EXTENSIONS = (
    ".exe",
    ".dll",
    ".com",
    ".scr",
    ".bat",
    ".cmd",
    ".ps1",
    ".psm1",
    ".vbs",
    ".vbe",
    ".js",
    ".jse",
    ".wsf",
    ".wsh",
    ".jar",
    ".msi",
    ".msp",
    ".hta",
    ".sh",
    ".cpl",
    ".lnk",
    ".pif",
    ".reg",
    ".py",
    ".pl",
)
ARCHIVE_EXTENSIONS = (
    ".zip",
    ".rar",
    ".7z",
    ".gz",
    ".tgz",
    ".bz2",
    ".xz",
    ".tar",
    ".cab",
    ".arj",
    ".lzh",
    ".iso",
    ".z",
)
OFFICE_EXTENSIONS = (
    ".docx",
    ".xlsx",
    ".pptx",
    ".odt",
    ".ods",
    ".odp",
)
MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
# OLE streams inside an embedded object that carry a packaged file (any program) or macros.
OLE_PAYLOADS = ("Ole10Native".encode("utf-16-le"), "_VBA_PROJECT".encode("utf-16-le"))
MAX_PARTS = 10_000
NESTING = 2  # an office document may embed office documents (a chart's workbook), not deeper

# PDF names that make a document act: run script, start a program, carry files or other documents.
PDF_ACTIVE = {
    "JavaScript": gettext_lazy("JavaScript"),
    "JS": gettext_lazy("JavaScript"),
    "Launch": gettext_lazy("a launch action"),
    "EmbeddedFile": gettext_lazy("an embedded file"),
    "EmbeddedFiles": gettext_lazy("an embedded file"),
    "GoToE": gettext_lazy("an embedded file"),
    "RichMedia": gettext_lazy("multimedia content"),
    "XFA": gettext_lazy("an XFA form"),
}
_PDF_DELIMITERS = rb"[\x00\t\n\x0c\r \[\]()<>{}/%]"
_PDF_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_PDF_ENDSTREAM = re.compile(rb"endstream")
_JPEG_NEXT_MARKER = re.compile(rb"\xff+[^\x00\xd0-\xd7\xff]")


def _pdf_name(name: str) -> bytes:
    """A PDF name as a pattern that also matches its #xx-escaped spellings (/J#61vaScript)."""
    parts = []
    for char in name:
        code = f"{ord(char):02X}"
        escaped = "".join(f"[{digit}{digit.lower()}]" if digit.isalpha() else digit for digit in code)
        parts.append(f"(?:{re.escape(char)}|#{escaped})")
    return "".join(parts).encode()


def _pdf_names(names: list[str]) -> re.Pattern[bytes]:
    alternatives = b"|".join(_pdf_name(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rb"/(" + alternatives + rb")(?=" + _PDF_DELIMITERS + rb"|\Z)")


# Long names are looked for everywhere, stream data included; "/JS" and "/XFA", short enough to occur
# by chance in image data, only in the objects (a script needs "/S /JavaScript" to run anyway).
_PDF_LONG_NAMES = _pdf_names([name for name in PDF_ACTIVE if len(name) > 4])
_PDF_ALL_NAMES = _pdf_names(list(PDF_ACTIVE))
_PDF_OBJECT_STREAM = _pdf_names(["ObjStm"])
_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
_PDF_FILTERS = _pdf_names(["Filter", "DecodeParms"])
_PDF_FLATE = _pdf_names(["FlateDecode"])
_PDF_ENCRYPTED = _pdf_names(["Encrypt"])


class Refused(Exception):
    """One reason a file is refused; `message` has a %(file)s placeholder and its own values."""

    def __init__(self, message: str, **values: Any) -> None:
        super().__init__(message)
        self.message, self.values = message, values


class _Budget:
    """How many more bytes the checks may unpack from this file."""

    def __init__(self, limit: int) -> None:
        self.limit, self.left = limit, limit

    def take(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise Refused(
                _("%(file)s unpacks to more than %(limit)d MB and cannot be checked."),
                limit=max(1, self.limit // 2**20),
            )


def clean_filename(filename: str) -> str:
    """The name the file is kept and offered under: no folders, no control characters, 255 at most."""
    name = re.split(r"[\\/]", filename)[-1]
    name = "".join(char for char in name if char.isprintable()).strip().lstrip(".")
    if len(name) > 255:
        stem, dot, extension = name.rpartition(".")
        name = f"{stem[: 254 - len(extension)]}.{extension}" if dot and len(extension) < 20 else name[:255]
    return name or "evidence"


def check(data: bytes, filename: str, *, unpacked_limit: int) -> Kind:
    """The kind of document `data` is; ValidationError naming the file when it may not be evidence."""
    name = clean_filename(filename)
    try:
        kind = _kind(data, _Budget(unpacked_limit))
        extension = name.rpartition(".")[2].lower() if "." in name else ""
        if extension not in kind.extensions:
            raise Refused(
                _("%(file)s is a %(type)s file; give it a name ending in .%(expected)s."),
                type=kind.label,
                expected=kind.extensions[0],
            )
    except Refused as refused:
        raise ValidationError(refused.message % {"file": name, **refused.values}) from refused
    return kind


def _not_allowed() -> Refused:
    return Refused(
        _(
            "%(file)s is not a PDF, an image (PNG, JPEG) or an office document (DOCX, XLSX, PPTX, ODT, ODS, ODP)."
        )
    )


def _damaged(kind: Kind | str) -> Refused:
    label = kind.label if isinstance(kind, Kind) else kind
    return Refused(_("%(file)s is damaged: it is not a complete %(type)s file."), type=label)


def _markup(kind: Kind) -> Refused:
    return Refused(
        _("%(file)s carries HTML or script inside the %(type)s file; such a file is refused."),
        type=kind.label,
    )


def _refuse_markup(kind: Kind) -> Callable[[bytes], None]:
    def read(text: bytes) -> None:
        if MARKUP.search(text):
            raise _markup(kind)

    return read


def _trailing(kind: Kind) -> Refused:
    return Refused(
        _("%(file)s has other data after the end of the %(type)s file; such a file is refused."),
        type=kind.label,
    )


def _kind(data: bytes, budget: _Budget) -> Kind:
    if not data:
        raise Refused(_("%(file)s is empty."))
    if data.startswith(b"%PDF-"):
        _check_pdf(data, budget)
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_png(data, budget)
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        _check_jpeg(data)
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _check_office(data, budget, depth=0)
    raise _not_allowed()


# PDF ---------------------------------------------------------------------------------------------


def _check_pdf(data: bytes, budget: _Budget) -> None:
    """Header, end-of-file marker at the end, no markup, and no active names in any object.

    A PDF's objects are written out in the file or packed into object streams; both are read.
    An object stream must be plainly deflated, as ordinary writers make it, so that what a viewer
    reads is what was checked; every other deflated stream is unpacked and searched too."""
    if MARKUP.search(data):
        raise _markup(PDF)
    end = data.rfind(b"%%EOF")
    if not re.match(rb"%PDF-\d\.\d", data) or end < 0:
        raise _damaged(PDF)
    if data[end + 5 :].strip(b" \t\r\n\x00\x0c"):
        raise _trailing(PDF)
    _pdf_refuse_active(_PDF_LONG_NAMES.search(data))
    texts: list[bytes] = []  # the objects: outside streams, and unpacked from object streams
    position = 0
    for start in _PDF_STREAM.finditer(data):
        if start.start() < position:
            continue  # the word inside a stream already passed over
        header = data[position : start.start()]
        texts.append(header)
        finish = _PDF_ENDSTREAM.search(data, start.end())
        body = data[start.end() : finish.start() if finish else len(data)]
        objects = list(_PDF_OBJECT.finditer(header))
        dictionary = header[objects[-1].start() :] if objects else header[-4096:]
        if _PDF_OBJECT_STREAM.search(dictionary):
            texts.append(_pdf_object_stream(dictionary, body, data, budget))
        elif body[:1] == b"x":  # a deflated stream: a script could be packed in it
            _inflate(body, budget, lambda chunk: _pdf_refuse_active(_PDF_LONG_NAMES.search(chunk)))
        position = finish.end() if finish else len(data)
    texts.append(data[position:])
    for text in texts:
        _pdf_refuse_active(_PDF_ALL_NAMES.search(text))
        if MARKUP.search(text):
            raise _markup(PDF)


def _pdf_refuse_active(found: re.Match[bytes] | None) -> None:
    if found is None:
        return
    name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), found[1]).decode("latin-1")
    raise Refused(
        _("%(file)s is a PDF with %(feature)s; scripts, launch actions and embedded files are refused."),
        feature=str(PDF_ACTIVE[name]),
    )


def _pdf_object_stream(dictionary: bytes, body: bytes, data: bytes, budget: _Budget) -> bytes:
    filters = [match[1] for match in _PDF_FILTERS.finditer(dictionary)]
    plain = not filters
    deflated = filters == [b"Filter"] and len(_PDF_FLATE.findall(dictionary)) == 1
    if _PDF_ENCRYPTED.search(data) or not (plain or deflated):
        raise Refused(
            _(
                "%(file)s cannot be checked: it is encrypted or packed in an unusual way. Save it again as an ordinary PDF, without a password."
            )
        )
    if plain:
        return body
    chunks: list[bytes] = []
    _inflate(body, budget, chunks.append)
    return b"".join(chunks)


def _inflate(data: bytes, budget: _Budget, read: Callable[[bytes], None]) -> None:
    """Unpack deflated data a megabyte at a time, each piece (with the end of the one before, so
    that nothing is missed across the cut) given to `read`; a broken stream gives what it can."""
    inflater = zlib.decompressobj()
    pending, tail = data, b""
    try:
        while pending and not inflater.eof:
            chunk = inflater.decompress(pending, 2**20)
            budget.take(len(chunk))
            read(tail + chunk)
            tail, pending = chunk[-64:], inflater.unconsumed_tail
    except zlib.error:
        pass


# Images ------------------------------------------------------------------------------------------


def _check_png(data: bytes, budget: _Budget) -> None:
    """Chunks whole and checksummed from IHDR to IEND, nothing after IEND, no markup in any text."""
    position, first = 8, True
    while True:
        if position + 12 > len(data):
            raise _damaged(PNG)
        length, chunk_type = struct.unpack(">I4s", data[position : position + 8])
        body_end = position + 8 + length
        if body_end + 4 > len(data):
            raise _damaged(PNG)
        body = data[position + 8 : body_end]
        if zlib.crc32(chunk_type + body) != struct.unpack(">I", data[body_end : body_end + 4])[0]:
            raise _damaged(PNG)
        if first and chunk_type != b"IHDR":
            raise _damaged(PNG)
        first = False
        packed = b""
        if chunk_type == b"zTXt":
            packed = body.partition(b"\x00")[2][1:]
        elif chunk_type == b"iTXt" and body.partition(b"\x00")[2][:1] == b"\x01":
            packed = body.partition(b"\x00")[2][2:].split(b"\x00", 2)[-1]
        if packed:
            _inflate(packed, budget, _refuse_markup(PNG))
        position = body_end + 4
        if chunk_type == b"IEND":
            break
    if position != len(data):
        raise _trailing(PNG)
    if MARKUP.search(data):
        raise _markup(PNG)


def _check_jpeg(data: bytes) -> None:
    """Segments walked from SOI to EOI; no markup anywhere, nothing like a file or markup after EOI."""
    position = 2
    while True:
        if position >= len(data) or data[position] != 0xFF:
            raise _damaged(JPEG)
        while position < len(data) and data[position] == 0xFF:
            position += 1
        if position >= len(data):
            raise _damaged(JPEG)
        marker = data[position]
        position += 1
        if marker == 0xD9:  # end of image
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            continue
        if position + 2 > len(data):
            raise _damaged(JPEG)
        length = int.from_bytes(data[position : position + 2], "big")
        if length < 2 or position + length > len(data):
            raise _damaged(JPEG)
        position += length
        if marker == 0xDA:  # the compressed scan runs to the next marker
            following = _JPEG_NEXT_MARKER.search(data, position)
            if following is None:
                raise _damaged(JPEG)
            position = following.start()
    trailer = data[position:]
    if MARKUP.search(trailer) or EMBEDDED.search(trailer):
        raise _trailing(JPEG)
    if MARKUP.search(data[:position]):
        raise _markup(JPEG)


# Office documents (ZIP packages) -----------------------------------------------------------------


def _check_office(data: bytes, budget: _Budget, *, depth: int) -> Kind:
    """A ZIP package with nothing glued to it, each part allowed, of one of the office kinds."""
    office = "DOCX, XLSX, PPTX, ODT"
    if not _zip_is_whole(data):
        raise Refused(
            _(
                "%(file)s has data hidden before, between or after the parts of the document; such a file is refused."
            )
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, ValueError, NotImplementedError) as exc:
        raise _damaged(office) from exc
    names = [member.filename for member in members]
    if len(names) != len(set(names)):
        raise _damaged(office)
    if any(member.flag_bits & 0x1 for member in members):
        raise Refused(_("%(file)s is encrypted or protected by a password; attach it without a password."))
    if len(members) > MAX_PARTS:
        raise Refused(_("%(file)s has more than %(limit)d parts and cannot be checked."), limit=MAX_PARTS)
    kind = _office_kind(package, names, budget)
    for member in members:
        _check_member(package, member, kind, budget, depth=depth)
    return kind


def _office_kind(package: zipfile.ZipFile, names: list[str], budget: _Budget) -> Kind:
    try:
        if "mimetype" in names:
            first = package.infolist()[0]
            mimetype = _read(package, first, budget).strip()
            if first.filename != "mimetype" or mimetype not in ODF_KINDS or "content.xml" not in names:
                raise _not_allowed()
            return ODF_KINDS[mimetype]
        if "[Content_Types].xml" not in names:
            raise _damaged("DOCX, XLSX, PPTX")
        content_types = _read(package, package.getinfo("[Content_Types].xml"), budget)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise _damaged("DOCX, XLSX, PPTX, ODT") from exc
    if b"macroenabled" in content_types.lower():
        raise _member_refused("[Content_Types].xml: macro-enabled")
    for part, kind in OOXML_MAIN_PARTS.items():
        if part in names:
            return kind
    raise _not_allowed()


def _read(package: zipfile.ZipFile, member: zipfile.ZipInfo, budget: _Budget) -> bytes:
    """A part's bytes, its unpacked size counted against the budget before anything is unpacked."""
    budget.take(member.file_size)
    return package.read(member)


def _member_refused(member: str) -> Refused:
    return Refused(
        _(
            "%(file)s contains %(member)s, which an office document may not contain (programs, scripts, macros or other archives)."
        ),
        member=member,
    )


def _check_member(
    package: zipfile.ZipFile, member: zipfile.ZipInfo, kind: Kind, budget: _Budget, *, depth: int
) -> None:
    name = member.filename
    lower = name.lower()
    base = lower.rsplit("/", 1)[-1]
    if (
        lower.endswith(PROGRAM_EXTENSIONS)
        or base in MACRO_PARTS
        or "/activex/" in f"/{lower}"
        or (kind in (ODT, ODS, ODP) and lower.startswith(("basic/", "scripts/")))
    ):
        raise _member_refused(name)
    if lower.endswith(ARCHIVE_EXTENSIONS):
        raise _member_refused(name)
    if member.is_dir():
        return
    try:
        with package.open(member) as stream:
            head = stream.read(8)
        if head.startswith(EXECUTABLE_HEADS):
            raise _member_refused(name)
        if lower.endswith(OFFICE_EXTENSIONS) or head.startswith(b"PK\x03\x04"):
            if depth + 1 >= NESTING or not lower.endswith(OFFICE_EXTENSIONS):
                raise _member_refused(name)
            nested = _read(package, member, budget)
            try:
                _check_office(nested, budget, depth=depth + 1)
            except Refused as refused:
                raise _member_refused(name) from refused
            return
        if head.startswith(ARCHIVE_HEADS):
            raise _member_refused(name)
        if lower.endswith(".bin"):
            content = _read(package, member, budget)
            if any(payload in content for payload in OLE_PAYLOADS):
                raise _member_refused(name)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise _damaged(kind) from exc


def _zip_is_whole(data: bytes) -> bool:
    """The parts follow each other from the first byte to the central directory, which ends the file:
    nothing before, between or after them that a ZIP reader would skip and another program might run."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if end < 0 or end + 22 > len(data):
        return False
    disk, directory_disk, _here, count, size, offset, comment = struct.unpack(
        "<HHHHIIH", data[end + 4 : end + 22]
    )
    if disk or directory_disk or end + 22 + comment != len(data):
        return False
    directory_end = end
    if 0xFFFFFFFF in (size, offset) or count == 0xFFFF:
        locator = end - 20
        if locator < 0 or data[locator : locator + 4] != b"PK\x06\x07":
            return False
        record = struct.unpack("<Q", data[locator + 8 : locator + 16])[0]
        if data[record : record + 4] != b"PK\x06\x06":
            return False
        if record + 12 + struct.unpack("<Q", data[record + 4 : record + 12])[0] != locator:
            return False
        size, offset = struct.unpack("<QQ", data[record + 40 : record + 56])
        directory_end = record
    if offset + size != directory_end:
        return False
    try:
        members = sorted(
            zipfile.ZipFile(io.BytesIO(data)).infolist(), key=lambda member: member.header_offset
        )
    except (zipfile.BadZipFile, ValueError, NotImplementedError):
        return False
    position = 0
    for member in members:
        local = member.header_offset
        if local != position or data[local : local + 4] != b"PK\x03\x04":
            return False
        name_length, extra_length = struct.unpack("<HH", data[local + 26 : local + 30])
        extra = data[local + 30 + name_length : local + 30 + name_length + extra_length]
        position = local + 30 + name_length + extra_length + member.compress_size
        if member.flag_bits & 0x08:  # sizes follow the data in a descriptor
            signed = data[position : position + 4] == b"PK\x07\x08"
            position += (4 if signed else 0) + (20 if _has_zip64(extra) else 12)
    return position == offset


def _has_zip64(extra: bytes) -> bool:
    position = 0
    while position + 4 <= len(extra):
        header, length = struct.unpack("<HH", extra[position : position + 4])
        if header == 0x0001:
            return True
        position += 4 + length
    return False
