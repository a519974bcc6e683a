"""Evidence files: stored privately under random names, downloaded only by those who may read a
version that carried them, as an attachment that no browser renders or sniffs."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koordinat.core.models import AuditEvent
from koordinat.execution import services
from koordinat.execution.models import Evidence, Report

from . import files
from .report_page import page_data
from .test_services import submit, write

SENT_NAME = "Hesabat_şəhər.pdf"
SENT_BYTES = files.pdf(b"<< /Title (Hesabat) >>")


@pytest.fixture
def evidence(executor, coordinator, open_cycle, ministry):
    """The ministry's report on item 1.1: a file sent with it, then returned, and a new draft file."""
    report = write(executor, open_cycle.reports.get(organization=ministry))
    sent = services.evidence_add(
        actor=executor, report=report, title="Akt", upload=io.BytesIO(SENT_BYTES), filename=SENT_NAME
    )
    report = services.report_submit(
        actor=executor, report=Report.objects.get(pk=report.pk), version=report.version
    )
    services.report_review(
        actor=coordinator, report=report, version=report.version, accept=False, comment="Foto"
    )
    draft = services.evidence_add(
        actor=executor, report=report, title="Foto", upload=io.BytesIO(files.png()), filename="foto.png"
    )
    return {"sent": sent, "draft": draft}


# Who may download: the executing organisation everything; the readers of the report (the controller,
# observers, administrators, the other executors of the item) what was sent; nobody else anything.
ROLES = {
    "executor": (200, 200),  # its own organisation
    "head": (200, 200),
    "other_executor": (200, 404),  # the co-executor of the same item
    "coordinator": (200, 404),  # the controller
    "observer": (200, 404),
    "admin_user": (200, 404),
    "body_secretary": (200, 404),
    "stranger": (404, 404),  # an executor of an organisation with no part in the item
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["sent", "draft"])
def test_who_downloads_sent_and_draft_evidence(client, request, evidence, role, which):
    client.force_login(request.getfixturevalue(role))
    expected = ROLES[role][0 if which == "sent" else 1]
    response = client.get(reverse("execution:evidence", args=[evidence[which].pk]))
    assert response.status_code == expected
    if expected == 200:
        stored = SENT_BYTES if which == "sent" else files.png()
        assert b"".join(response.streaming_content) == stored


@pytest.mark.parametrize("which", ["sent", "draft"])
def test_anonymous_visitors_are_sent_to_sign_in(client, evidence, which):
    response = client.get(reverse("execution:evidence", args=[evidence[which].pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_download_is_an_attachment_with_the_sniffed_type_and_the_original_name(
    client, executor, evidence
):
    client.force_login(executor)
    response = client.get(reverse("execution:evidence", args=[evidence["sent"].pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Hesabat_s_h_r.pdf\"; filename*=UTF-8''Hesabat_%C5%9F%C9%99h%C9%99r.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert client.post(reverse("execution:evidence", args=[evidence["sent"].pk])).status_code == 405


def test_the_type_is_sniffed_at_upload_never_taken_from_the_browser(client, executor, open_cycle, ministry):
    report = open_cycle.reports.get(organization=ministry)
    client.force_login(executor)
    upload = SimpleUploadedFile("akt.pdf", files.pdf(), content_type="text/html")
    response = client.post(
        report.get_absolute_url(),
        page_data(report, attach="1", **{"evidence-title": "Akt", "evidence-file": upload}),
    )
    assert response.status_code == 302
    assert Evidence.objects.get().content_type == "application/pdf"


def test_files_are_kept_under_random_names_outside_every_served_path(evidence):
    for stored in evidence.values():
        assert re.fullmatch(r"[0-9a-f]{2}/[0-9a-f]{32}", stored.file.name)
        path = Path(stored.file.path).resolve()
        assert path.is_relative_to(Path(settings.KOORDINAT_PRIVATE_DIR).resolve())
        with pytest.raises(ValueError, match="no URL"):
            stored.file.url  # noqa: B018
    assert evidence["sent"].original_name == SENT_NAME


@pytest.mark.parametrize(
    ("mode", "header", "value"),
    [
        ("x-accel-redirect", "X-Accel-Redirect", lambda stored: f"/_private/evidence/{stored.file.name}"),
        ("x-sendfile", "X-Sendfile", lambda stored: stored.file.path),
    ],
)
def test_in_production_the_web_server_sends_the_file(
    client, settings, executor, evidence, mode, header, value
):
    settings.KOORDINAT_SENDFILE = mode
    client.force_login(executor)
    stored = evidence["sent"]
    response = client.get(reverse("execution:evidence", args=[stored.pk]))
    assert response.status_code == 200
    assert response[header] == value(stored)
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "filename*=UTF-8''Hesabat_%C5%9F%C9%99h%C9%99r.pdf" in response["Content-Disposition"]


def test_a_missing_file_is_not_found(client, executor, evidence):
    stored = evidence["sent"]
    stored.file.storage.delete(stored.file.name)
    client.force_login(executor)
    assert client.get(reverse("execution:evidence", args=[stored.pk])).status_code == 404


def test_removing_draft_evidence_deletes_it_and_its_file(
    client, executor, evidence, django_capture_on_commit_callbacks
):
    draft = evidence["draft"]
    client.force_login(executor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(draft.report.get_absolute_url(), page_data(draft.report, remove=draft.pk))
    assert response.status_code == 302
    assert not Evidence.objects.filter(pk=draft.pk).exists()
    assert not draft.file.storage.exists(draft.file.name)


def test_removing_sent_evidence_only_takes_it_out_of_the_working_copy(
    client, executor, coordinator, evidence
):
    sent = evidence["sent"]
    client.force_login(executor)
    url = sent.report.get_absolute_url()
    assert client.post(url, page_data(sent.report, remove=sent.pk)).status_code == 302
    kept = Evidence.objects.get(pk=sent.pk)
    assert kept.removed_at is not None
    assert kept.removed_by == executor
    assert kept.file.storage.exists(kept.file.name)
    assert client.post(url, page_data(sent.report, remove=sent.pk)).status_code == 404  # no longer there
    report = Report.objects.get(pk=sent.report_id)
    page = client.get(report.get_absolute_url())
    assert [entry.title for entry in page.context["content"].evidence] == ["Foto"]

    report = services.report_submit(actor=executor, report=report, version=report.version)
    client.force_login(coordinator)
    first = client.get(reverse("execution:report_version", args=[report.pk, 1]))
    assert [entry.pk for entry in first.context["evidence"]] == [sent.pk]  # what version 1 carried
    assert reverse("execution:evidence", args=[sent.pk]) in first.content.decode()
    assert client.get(reverse("execution:evidence", args=[sent.pk])).status_code == 200
    now = client.get(report.get_absolute_url())
    assert [entry.title for entry in now.context["content"].evidence] == ["Foto"]
    assert Evidence.objects.get(pk=evidence["draft"].pk).sent_in == 3  # sent with version 3


def test_another_organisation_cannot_remove_evidence_and_the_refusal_is_kept(other_executor, evidence):
    with pytest.raises(PermissionDenied):
        services.evidence_remove(actor=other_executor, evidence=evidence["sent"])
    assert Evidence.objects.get(pk=evidence["sent"].pk).removed_at is None
    assert AuditEvent.objects.filter(
        action="evidence.remove", outcome="refused", actor=other_executor
    ).exists()


def test_a_private_version_is_not_found_by_others(client, executor, coordinator, head, open_cycle, ministry):
    ministry.reports_need_head_approval = True
    ministry.save(update_fields=["reports_need_head_approval"])
    report = submit(executor, open_cycle.reports.get(organization=ministry))
    assert report.status == "awaiting_approval"
    url = reverse("execution:report_version", args=[report.pk, 1])
    client.force_login(head)
    assert client.get(url).status_code == 200
    report = services.report_head_decide(actor=head, report=report, version=report.version, approve=True)
    client.force_login(coordinator)
    assert client.get(url).status_code == 404  # "to the head": the organisation's own step
    assert client.get(reverse("execution:report_version", args=[report.pk, 2])).status_code == 200
