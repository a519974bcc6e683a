"""Opening a zip-based upload (XLSX, DOCX, any Office file) only when what it unpacks to is bounded.

A few hundred kilobytes can unpack to gigabytes, and the sizes a zip file states about itself can
lie. `open_archive` refuses such a file before any parser sees it: it bounds the number of parts
before `zipfile` reads its table of contents, then the stated sizes and compression ratios, then
unpacks every part once in small pieces to check that it is exactly what the table of contents says.
After that, openpyxl or python-docx, which trust the stated sizes, can unpack no more than they say.
The limits are settings (`KOORDINAT_MAX_UNPACKED_BYTES`, `KOORDINAT_MAX_COMPRESSION_RATIO`,
`KOORDINAT_MAX_ARCHIVE_MEMBERS`).
"""

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

CENTRAL_DIRECTORY_ENTRY = b"PK\x01\x02"
LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile.structFileHeader: the name and extra lengths last
RATIO_CHECKED_FROM = 2**20  # a small part packs as tightly as it likes: only its size could hurt
CHUNK = 2**16


class ArchiveRefused(Exception):
    """The upload is not opened; the message names the file and, where one was passed, the limit."""


@dataclass(frozen=True)
class ArchiveLimits:
    unpacked_bytes: int
    compression_ratio: int
    members: int

    @classmethod
    def from_settings(cls) -> "ArchiveLimits":
        return cls(
            unpacked_bytes=settings.KOORDINAT_MAX_UNPACKED_BYTES,
            compression_ratio=settings.KOORDINAT_MAX_COMPRESSION_RATIO,
            members=settings.KOORDINAT_MAX_ARCHIVE_MEMBERS,
        )


def damaged(filename: str) -> ArchiveRefused:
    return ArchiveRefused(_("%(file)s is damaged and cannot be opened.") % {"file": filename})


def open_archive(data: bytes, filename: str, limits: ArchiveLimits | None = None) -> zipfile.ZipFile:
    """The zip file in `data`, once its parts are known to unpack within `limits` (the settings by
    default); ArchiveRefused otherwise."""
    limits = limits or ArchiveLimits.from_settings()
    # zipfile reads every entry of the table of contents into memory, and each entry starts with
    # this signature: counting the signatures bounds the entries before zipfile reads them.
    if data.count(CENTRAL_DIRECTORY_ENTRY) > limits.members:
        raise ArchiveRefused(
            _("%(file)s holds more than %(limit)d packed parts; it was not opened.")
            % {"file": filename, "limit": limits.members}
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise damaged(filename) from exc
    megabyte = 2**20
    stated = sum(member.file_size for member in members)
    if stated > limits.unpacked_bytes:
        raise ArchiveRefused(
            _("%(file)s unpacks to %(size)d MB, more than the %(limit)d MB allowed; it was not opened.")
            % {"file": filename, "size": stated // megabyte, "limit": limits.unpacked_bytes // megabyte}
        )
    for member in members:
        ratio = member.file_size / max(1, member.compress_size)
        if member.file_size >= RATIO_CHECKED_FROM and ratio > limits.compression_ratio:
            raise ArchiveRefused(
                _(
                    "%(file)s holds a part that unpacks to %(ratio)d times its packed size, more than "
                    "the %(limit)d times allowed; it was not opened."
                )
                % {"file": filename, "ratio": ratio, "limit": limits.compression_ratio}
            )
    for member in members:
        _check_member(data, member, filename)
    return archive


def _check_member(data: bytes, member: zipfile.ZipInfo, filename: str) -> None:
    """Unpack one part in pieces of 64 KiB and refuse it unless it comes out at its stated size and
    checksum: a part stating less than it holds would otherwise be unpacked whole, in one piece, by a
    reader that calls `read()` on it."""
    if member.flag_bits & 0x1 or member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise damaged(filename)  # encrypted, or packed in a way Office never writes
    start = member.header_offset
    try:
        header = LOCAL_HEADER.unpack_from(data, start)
    except struct.error as exc:
        raise damaged(filename) from exc
    if header[0] != b"PK\x03\x04":
        raise damaged(filename)
    begin = start + LOCAL_HEADER.size + header[-2] + header[-1]
    packed = memoryview(data)[begin : begin + member.compress_size]
    if len(packed) != member.compress_size:
        raise damaged(filename)
    unpacked, checksum = 0, 0
    if member.compress_type == zipfile.ZIP_STORED:
        unpacked, checksum = len(packed), zlib.crc32(packed)
    else:
        inflate = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            for offset in range(0, len(packed), CHUNK):
                pending = bytes(packed[offset : offset + CHUNK])
                while pending:
                    piece = inflate.decompress(pending, CHUNK)
                    unpacked += len(piece)
                    if unpacked > member.file_size:
                        raise damaged(filename)
                    checksum = zlib.crc32(piece, checksum)
                    pending = inflate.unconsumed_tail
        except zlib.error as exc:
            raise damaged(filename) from exc
        if not inflate.eof:
            raise damaged(filename)
    if unpacked != member.file_size or checksum != member.CRC:
        raise damaged(filename)
