"""An installation that already holds evidence: the files move out of MEDIA_ROOT into the private
storage under random names, and every version can still serve what it carried."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from koordinat.execution.models import Evidence, ReportVersion
from tests.migrations import latest_schema, migrate  # noqa: F401 - the fixture

from . import files
from .test_services import submit

BEFORE = [("execution", "0003_instructions_under_control")]
AFTER = [("execution", "0005_evidence_moved_to_private_storage")]


def legacy_media():
    """MEDIA_ROOT as it was, where uploads lay before they were private."""
    return FileSystemStorage(location=settings.KOORDINAT_LEGACY_MEDIA_DIR)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema")
def test_existing_evidence_moves_to_the_private_storage(executor, open_cycle, ministry):
    report = submit(executor, open_cycle.reports.get(organization=ministry))
    old = migrate(BEFORE)
    OldEvidence = old.get_model("execution", "Evidence")
    folder = f"evidence/{report.pk}"
    for name, data in (("akt.pdf", files.pdf()), ("silinmis.pdf", files.pdf()), ("foto.png", files.png())):
        legacy_media().save(f"{folder}/{name}", ContentFile(data))
    added = datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC)
    for title, file, url in (
        ("Akt", f"{folder}/akt.pdf", ""),
        ("Foto", f"{folder}/foto.png", ""),
        ("Xəbər", "", "https://eco.gov.az/x"),
    ):
        OldEvidence.objects.create(
            report_id=report.pk, title=title, file=file, url=url, size=9, added_at=added
        )
    # What the old code kept at the send: [title, file name or link]; "Silinmiş" was removed since,
    # which deleted its row but left its file.
    old.get_model("execution", "ReportVersion").objects.filter(report_id=report.pk, number=1).update(
        content={
            **report.versions.get(number=1).content,
            "evidence": [
                ["Akt", f"{folder}/akt.pdf"],
                ["Silinmiş", f"{folder}/silinmis.pdf"],
                ["Xəbər", "https://eco.gov.az/x"],
            ],
        }
    )

    migrate(AFTER)

    moved = {evidence.title: evidence for evidence in Evidence.objects.all()}
    assert set(moved) == {"Akt", "Foto", "Xəbər", "Silinmiş"}
    for title, original in (("Akt", "akt.pdf"), ("Foto", "foto.png"), ("Silinmiş", "silinmis.pdf")):
        evidence = moved[title]
        assert evidence.original_name == original
        assert re.fullmatch(r"[0-9a-f]{2}/[0-9a-f]{32}", evidence.file.name)
        assert evidence.file.storage.exists(evidence.file.name)
        assert not legacy_media().exists(f"{folder}/{original}")
    assert moved["Akt"].file.read() == files.pdf()
    assert (moved["Akt"].sent_in, moved["Akt"].removed_at) == (1, None)
    assert moved["Foto"].sent_in is None  # never sent: draft evidence
    assert moved["Xəbər"].sent_in == 1
    brought_back = moved["Silinmiş"]
    assert (brought_back.sent_in, brought_back.content_type) == (1, "application/pdf")
    assert brought_back.removed_at is not None
    assert ReportVersion.objects.get(report=report, number=1).content["evidence"] == [
        {"id": moved["Akt"].pk, "title": "Akt", "file": "akt.pdf", "url": "", "size": 9},
        {
            "id": brought_back.pk,
            "title": "Silinmiş",
            "file": "silinmis.pdf",
            "url": "",
            "size": brought_back.size,
        },
        {"id": moved["Xəbər"].pk, "title": "Xəbər", "file": "", "url": "https://eco.gov.az/x", "size": 9},
    ]
