"""Evidence uploaded before files were private: move it out of MEDIA_ROOT ("evidence/<report>/<name>")
into the private evidence storage under random names, keeping the original name; write each version's
evidence list with the ids of its rows; and bring back, as removed evidence, the sent files whose rows
the old "remove" deleted (their files stayed on disk), so the versions that carried them can serve them.

Reversing leaves the files where they are now (in the private storage), since the old code served none.
"""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import migrations, transaction
from django.utils import timezone

SHARED_EVENTS = ("submitted", "resubmitted", "head_approved", "returned", "accepted")
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


def _new_name() -> str:
    name = uuid.uuid4().hex
    return f"{name[:2]}/{name}"


def _sniffed(head: bytes) -> str:
    for signature, content_type in SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return "application/octet-stream"  # an office document (a ZIP): served as an attachment all the same


def forward(apps, schema_editor):
    Evidence = apps.get_model("execution", "Evidence")
    ReportVersion = apps.get_model("execution", "ReportVersion")
    old, new = FileSystemStorage(location=settings.KOORDINAT_LEGACY_MEDIA_DIR), storages["evidence"]
    moved = []

    def move(name):
        """The file's new name in the private storage, or None when it is no longer on disk."""
        if not name or not old.exists(name):
            return None
        with old.open(name, "rb") as source:
            saved = new.save(_new_name(), source)
        moved.append(name)
        return saved

    rows = {}
    for evidence in Evidence.objects.filter(original_name="").exclude(file="").order_by("pk"):
        previous = evidence.file.name
        rows[(evidence.report_id, previous)] = evidence
        evidence.original_name = os.path.basename(previous)[:255]
        evidence.file.name = move(previous) or previous
        evidence.save(update_fields=["file", "original_name"])
    for evidence in Evidence.objects.filter(file="").order_by("pk"):
        rows.setdefault((evidence.report_id, evidence.url), evidence)

    now = timezone.now()
    for version in ReportVersion.objects.order_by("report_id", "number").iterator():
        entries = version.content.get("evidence") or []
        if not entries or isinstance(entries[0], dict):
            continue
        rewritten = []
        for title, where in entries:
            evidence = rows.get((version.report_id, where))
            if evidence is None and where.startswith("evidence/") and old.exists(where):
                with old.open(where, "rb") as source:
                    head = source.read(16)
                evidence = Evidence.objects.create(
                    report_id=version.report_id,
                    title=title,
                    original_name=os.path.basename(where)[:255],
                    content_type=_sniffed(head),
                    size=old.size(where),
                    file=move(where),
                    added_at=version.created_at,
                    removed_at=now,
                )
                rows[(version.report_id, where)] = evidence
            if evidence is not None and version.event in SHARED_EVENTS and (
                evidence.sent_in is None or evidence.sent_in > version.number
            ):
                evidence.sent_in = version.number
                evidence.save(update_fields=["sent_in"])
            is_link = where.startswith(("http://", "https://"))
            rewritten.append(
                {
                    "id": evidence.pk if evidence is not None else None,
                    "title": title,
                    "file": "" if is_link else (evidence.original_name if evidence else os.path.basename(where)),
                    "url": where if is_link else "",
                    "size": evidence.size if evidence is not None else 0,
                }
            )
        version.content = {**version.content, "evidence": rewritten}
        version.save(update_fields=["content"])

    def delete_moved():
        for name in moved:
            old.delete(name)
            try:
                os.rmdir(os.path.dirname(old.path(name)))
            except (OSError, NotImplementedError):
                pass  # the report's folder still holds other files, or the storage has no folders

    transaction.on_commit(delete_moved)


class Migration(migrations.Migration):
    dependencies = [("execution", "0004_evidence_kept_privately")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
