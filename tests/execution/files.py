"""Real evidence files built byte by byte (or by the libraries the project writes documents with),
and the bad files an attacker would try: one type hidden inside another."""

import io
import struct
import zipfile
import zlib

import openpyxl
from docx import Document

# An 8×8 red JPEG as a camera or Pillow writes it: SOI, JFIF, tables, one scan, EOI.
JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123"
    "251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffdb0043011112"
    "121815182f1a1a2f634238426363636363636363636363636363636363636363636363636363636363636363636363"
    "636363636363636363636363636363ffc00011080008000803012200021101031101ffc4001f000001050101010101"
    "0100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d010203000411"
    "05122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a343536"
    "3738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a929394"
    "95969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5"
    "e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffc4001f0100030101010101010101010000000000000102030405060708090a"
    "0bffc400b51100020102040403040705040400010277000102031104052131061241510761711322328108144291a1"
    "b1c109233352f0156272d10a162434e125f11718191a262728292a35363738393a434445464748494a535455565758"
    "595a636465666768696a737475767778797a82838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3"
    "b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4e5e6e7e8e9eaf2f3f4f5f6f7f8f9faffda000c"
    "03010002110311003f00c7a28a2b84fa83ffd9"
)


def pdf(*objects: bytes, header: bytes = b"%PDF-1.7\n", tail: bytes = b"") -> bytes:
    """A PDF with a page (objects 1-3), `objects` numbered from 4, a correct xref table and trailer."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        *objects,
    ]
    out = bytearray(header + b"%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref)
    return bytes(out) + tail


def stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (dictionary, len(data), data)


def png(*chunks: tuple[bytes, bytes], tail: bytes = b"") -> bytes:
    """A 2×2 grey PNG; extra (type, data) chunks go before the image data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
    pixels = chunk(b"IDAT", zlib.compress(b"\x00\x80\x80\x00\x80\x80"))
    extra = b"".join(chunk(kind, data) for kind, data in chunks)
    return b"\x89PNG\r\n\x1a\n" + header + extra + pixels + chunk(b"IEND", b"") + tail


def docx(text: str = "Qəbul aktı") -> bytes:
    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Göstərici", 12])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def package(members: dict[str, bytes], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(members.items()):
            kind = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=kind)
    return buffer.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>'
    b"</Types>"
)


def pptx(**extra: bytes) -> bytes:
    """The parts a presentation package needs to be one: content types and the main part."""
    return package(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": b"<Relationships/>",
            "ppt/presentation.xml": b"<p:presentation/>",
            **extra,
        }
    )


def odt(mimetype: bytes = b"application/vnd.oasis.opendocument.text", **extra: bytes) -> bytes:
    return package(
        {
            "mimetype": mimetype,
            "content.xml": b"<office:document-content><office:body/></office:document-content>",
            "META-INF/manifest.xml": b"<manifest:manifest/>",
            **extra,
        },
        stored_first=True,
    )


def with_member(document: bytes, name: str, data: bytes) -> bytes:
    """An office document with one more part added, as an attacker would smuggle it in."""
    source = zipfile.ZipFile(io.BytesIO(document))
    return package({info.filename: source.read(info) for info in source.infolist()} | {name: data})
