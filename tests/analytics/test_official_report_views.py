"""The official report's pages for every role: asking for a document, its progress, the download, a
retry; refused input shown on the form, naming the field."""

import pytest
from django.urls import reverse
from django.utils import translation

from koordinat.analytics import documents, services
from koordinat.analytics.models import OfficialReport
from koordinat.core.models import AuditEvent

from . import official_history as history

pytestmark = pytest.mark.django_db

official_plan, official_history = history.official_plan, history.official_history  # fixtures
FIRST_QUARTER = {"period": "q1", "year": "2026", "language": "az", "format": "docx"}


@pytest.fixture
def made(coordinator, official_plan, official_history):
    return services.official_report_request(
        actor=coordinator,
        plan=official_plan,
        period_start=history.Q1[0],
        period_end=history.Q1[1],
        language="ru",
        format="pdf",
    )


def pages(plan, report):
    return {
        "list": reverse("analytics:official_reports", args=[plan.code]),
        "document": reverse("analytics:official_report", args=[report.pk]),
        "download": reverse("analytics:official_report_download", args=[report.pk]),
    }


def test_anonymous_visitors_are_sent_to_sign_in(client, official_plan, made):
    for url in pages(official_plan, made).values():
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


@pytest.mark.parametrize("role", ["executor", "other_executor", "head"])
def test_executing_organisations_neither_ask_nor_read(
    client, request, official_plan, made, role, make_user, ministry
):
    """The executor's own organisation executes the plan's items; neither it nor another may read
    every executor's reports gathered in the document."""
    user = make_user("head", ministry) if role == "head" else request.getfixturevalue(role)
    client.force_login(user)
    urls = pages(official_plan, made)
    assert client.get(urls["list"]).status_code == 403
    assert client.post(urls["list"], FIRST_QUARTER).status_code == 403
    assert client.get(urls["document"]).status_code == 404
    assert client.get(urls["download"]).status_code == 404
    assert client.post(reverse("analytics:official_report_retry", args=[made.pk])).status_code == 404
    assert OfficialReport.objects.count() == 1
    assert urls["list"] not in client.get(official_plan.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", ["coordinator", "observer", "admin_user"])
def test_the_offices_readers_ask_and_download(client, request, official_plan, made, role):
    client.force_login(request.getfixturevalue(role))
    urls = pages(official_plan, made)
    assert urls["list"] in client.get(official_plan.get_absolute_url()).content.decode()
    listing = client.get(urls["list"])
    assert listing.status_code == 200
    assert urls["download"] in listing.content.decode()
    download = client.get(urls["download"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "ECO-2026_2026-01-01_2026-03-31_ru.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    response = client.post(urls["list"], FIRST_QUARTER)
    document = OfficialReport.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert (document.status, document.format, document.language) == ("done", "docx", "az")
    assert AuditEvent.objects.filter(
        action="official_report.request", actor_id=request.getfixturevalue(role).pk
    ).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"period": "q1", "year": "2025"}, "period", "is outside the plan's period"),
        ({"period": "q4", "year": "2099"}, "period", "is outside the plan's period"),
        ({"period": "dates", "start": "2026-01-01", "year": ""}, "end", "Give the last day of the period."),
        ({"period": "q1", "year": ""}, "year", "Give the year of the period."),
        (
            {"period": "dates", "start": "2026-03-01", "end": "2026-02-01"},
            "end",
            "The period cannot end before it starts.",
        ),
    ],
)
def test_refused_input_is_shown_on_the_form_naming_the_field(
    client, coordinator, official_plan, official_history, data, field, message
):
    client.force_login(coordinator)
    with translation.override("en"):
        url = reverse("analytics:official_reports", args=[official_plan.code])
    response = client.post(url, {"language": "en", "format": "pdf", **data})
    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    page = response.content.decode()
    assert "There is a problem" in page
    assert f'href="#id_{field}"' in page
    assert not OfficialReport.objects.exists()


def test_a_plan_with_nothing_under_control_says_so(client, coordinator, official_plan):
    client.force_login(coordinator)
    with translation.override("en"):
        url = reverse("analytics:official_reports", args=[official_plan.code])
    response = client.post(url, {**FIRST_QUARTER, "language": "en"})
    assert response.status_code == 400
    assert "has no items under control" in response.content.decode()
    assert not OfficialReport.objects.exists()


def test_a_document_being_made_shows_its_progress_and_polls(client, coordinator, official_plan, made):
    OfficialReport.objects.filter(pk=made.pk).update(status="running", progress=40)
    client.force_login(coordinator)
    with translation.override("en"):
        page = client.get(made.get_absolute_url()).content.decode()
    assert 'value="40"' in page
    assert 'hx-trigger="every 2s"' in page
    assert "Check again" in page  # without JavaScript
    assert reverse("analytics:official_report_download", args=[made.pk]) not in page
    assert client.get(reverse("analytics:official_report_download", args=[made.pk])).status_code == 404


def test_a_failed_document_says_why_and_is_made_again(
    client, coordinator, official_plan, official_history, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(documents, "docx", lambda *args, **kwargs: 1 / 0)
    client.force_login(coordinator)
    url = reverse("analytics:official_reports", args=[official_plan.code])
    response = client.post(url, FIRST_QUARTER)
    failed = OfficialReport.objects.get()
    assert failed.status == "failed"
    page = client.get(response["Location"]).content.decode()
    assert "division by zero" in page
    assert 'hx-trigger="every 2s"' not in page
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        retried = client.post(reverse("analytics:official_report_retry", args=[failed.pk]))
    assert retried.status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("done", 2)
    assert AuditEvent.objects.filter(action="official_report.retry", actor_id=coordinator.pk).exists()


def test_the_list_asks_the_same_queries_however_many_documents(
    client, coordinator, official_plan, made, django_assert_max_num_queries
):
    client.force_login(coordinator)
    url = reverse("analytics:official_reports", args=[official_plan.code])
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _number in range(5):
        OfficialReport.objects.create(
            plan=official_plan,
            period_start=made.period_start,
            period_end=made.period_end,
            language="en",
            format="docx",
            requested_by=coordinator,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
