"""Private files: a storage no URL reaches, and the one way out of it, an attachment a view sends
after checking who asks (or, in production, hands to the web server to send)."""

import datetime
import os
import unicodedata
from collections.abc import Iterable, Iterator
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, Storage
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.deconstruct import deconstructible

SENDFILE_MODES = ("", "x-accel-redirect", "x-sendfile")


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files kept outside every served path (under KOORDINAT_PRIVATE_DIR), with no URL of their own."""

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; a view serves them after checking who asks.")


def content_disposition(filename: str) -> str:
    """RFC 6266: an ASCII fallback for old clients and the exact UTF-8 name ("Hesabat_şəhər.pdf")."""
    fallback = "".join(
        char if 32 <= ord(char) < 127 and char not in '"\\' else "_"
        for char in unicodedata.normalize("NFKD", filename)
        if not unicodedata.combining(char)
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def attachment(*, storage: Storage, name: str, filename: str, content_type: str) -> HttpResponseBase:
    """A private file as a download that no browser renders or sniffs, and no cache keeps.

    KOORDINAT_SENDFILE picks who sends the bytes: this process (""), nginx ("x-accel-redirect",
    an internal location KOORDINAT_SENDFILE_PREFIX mapped onto KOORDINAT_PRIVATE_DIR) or Apache
    with mod_xsendfile ("x-sendfile", the file's absolute path)."""
    mode = settings.KOORDINAT_SENDFILE
    if mode not in SENDFILE_MODES:
        raise ImproperlyConfigured(f"KOORDINAT_SENDFILE must be one of {SENDFILE_MODES}, not {mode!r}.")
    if not name or not storage.exists(name):
        raise Http404
    response: HttpResponseBase
    if mode == "x-accel-redirect":
        relative = os.path.relpath(storage.path(name), settings.KOORDINAT_PRIVATE_DIR)
        if relative.startswith(".."):
            raise ImproperlyConfigured("X-Accel-Redirect serves only files under KOORDINAT_PRIVATE_DIR.")
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.KOORDINAT_SENDFILE_PREFIX.rstrip("/") + "/" + quote(relative)
    elif mode == "x-sendfile":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = storage.path(name)
    else:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def files_older_than(storage: Storage, cutoff: datetime.datetime, top: str = "") -> Iterator[str]:
    """The names of the files under `top` in `storage` last changed before `cutoff`: what clean-up
    jobs weigh against the rows that hold files (a file whose row was never saved, as when the
    transaction that wrote it failed, is held by none)."""
    if not storage.exists(top):
        return
    directories, files = storage.listdir(top)
    for name in files:
        path = f"{top}/{name}" if top else name
        if storage.get_modified_time(path) < cutoff:
            yield path
    for directory in directories:
        yield from files_older_than(storage, cutoff, f"{top}/{directory}" if top else directory)


def abandoned_before(day: datetime.date) -> datetime.datetime:
    """Uploads older than this on `day` were abandoned (KOORDINAT_ABANDONED_UPLOAD_DAYS before the
    day's start, local time): nobody finishes an upload after that long."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start - datetime.timedelta(days=settings.KOORDINAT_ABANDONED_UPLOAD_DAYS)


def in_batches(names: Iterable[str], size: int = 500) -> Iterator[list[str]]:
    batch: list[str] = []
    for name in names:
        batch.append(name)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
