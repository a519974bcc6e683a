"""The report page never loses what was typed: every button of its one form (save, send, attach or
remove evidence) posts the report's fields, which are saved as the draft first, without JavaScript.
And a decision posted by htmx answers with the page as it now stands, its message used up there."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from koordinat.core.models import AuditEvent
from koordinat.execution import services
from koordinat.execution.models import Evidence, Report
from koordinat.plans import services as plans_services
from tests.conftest import texts

from . import files
from .report_page import page_data
from .test_services import submit, write

TYPED = "Monitorinq stansiyalarının 8-i quraşdırılıb; qəbul aktı əlavə olunur."


@pytest.fixture
def report(open_cycle, ministry):
    return open_cycle.reports.get(organization=ministry)


def pdf(name="akt.pdf"):
    return SimpleUploadedFile(name, files.pdf(), content_type="application/pdf")


def attach(**fields):
    return {"attach": "1", **{f"evidence-{name}": value for name, value in fields.items()}}


def events(report, action):
    return AuditEvent.objects.filter(action=action, data__report=report.pk).count()


@pytest.fixture(autouse=True)
def _english(_default_language):
    """The pages in English (addresses under /en/), so the messages read as in the code."""
    translation.activate("en")


def test_attaching_a_file_saves_the_unsaved_text_as_the_draft_first(client, executor, report):
    client.force_login(executor)
    response = client.post(
        report.get_absolute_url(),
        page_data(report, narrative=TYPED, progress="35", **attach(title="Qəbul aktı", file=pdf())),
    )
    assert response.status_code == 302
    saved = Report.objects.get(pk=report.pk)
    assert (saved.narrative, saved.progress, saved.status) == (TYPED, 35, "draft")
    assert [e.title for e in saved.evidence.all()] == ["Qəbul aktı"]
    assert (events(report, "report.save"), events(report, "evidence.add")) == (1, 1)
    page = client.get(response["Location"])
    assert page.context["form"]["narrative"].value() == TYPED  # the text is there when the page comes back
    assert "Draft saved. Evidence added." in page.content.decode()


def test_removing_evidence_saves_the_unsaved_text_and_indicator_values(client, coordinator, executor, report):
    indicator = plans_services.indicator_create(
        actor=coordinator,
        measure=report.item.measure,
        content=plans_services.IndicatorContent(
            name=texts("Quraşdırılmış stansiyalar"),
            unit=texts("ədəd"),
            baseline=None,
            baseline_year=None,
            targets={},
        ),
    )
    client.force_login(executor)
    client.post(
        report.get_absolute_url(), page_data(report, **attach(title="Akt", url="https://eco.gov.az/akt"))
    )
    link = Evidence.objects.get(report=report)
    response = client.post(
        report.get_absolute_url(),
        page_data(report, narrative=TYPED, **{f"actual_{indicator.pk}": "8", "remove": link.pk}),
    )
    assert response.status_code == 302
    saved = Report.objects.get(pk=report.pk)
    assert saved.narrative == TYPED
    assert saved.actuals.get().value == Decimal("8")
    assert not saved.evidence.exists()


def test_attaching_without_changes_keeps_the_draft_version(client, executor, report):
    report = write(executor, report)
    client.force_login(executor)
    response = client.post(
        report.get_absolute_url(), page_data(report, **attach(title="Sayt", url="https://eco.gov.az/"))
    )
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).version == report.version  # nothing to save: no new draft
    assert events(report, "report.save") == 1  # the one `write` made
    assert events(report, "evidence.add") == 1


def test_a_refused_file_still_keeps_the_text_and_the_page_goes_on_from_the_saved_draft(
    client, executor, report
):
    client.force_login(executor)
    refused = SimpleUploadedFile("run.pdf", b"#!/bin/sh\nrm -rf /")
    response = client.post(
        report.get_absolute_url(), page_data(report, narrative=TYPED, **attach(title="Skript", file=refused))
    )
    assert response.status_code == 400
    saved = Report.objects.get(pk=report.pk)
    assert saved.narrative == TYPED
    assert not saved.evidence.exists()
    page = response.content.decode()
    assert 'href="#id_evidence-file"' in page
    assert "Draft saved." in page  # told on this page, not the next
    form = response.context["form"]
    assert form["narrative"].value() == TYPED
    assert form["version"].value() == saved.version  # so the next save is not taken for someone else's
    again = client.post(report.get_absolute_url(), page_data(saved, **attach(file=pdf())))
    assert again.status_code == 302


def test_sending_attaches_a_chosen_file_before_the_report_goes(client, executor, report):
    client.force_login(executor)
    response = client.post(
        report.get_absolute_url(),
        page_data(report, narrative=TYPED, progress="50", submit="1", **{"evidence-file": pdf()}),
    )
    assert response.status_code == 302
    sent = Report.objects.get(pk=report.pk)
    assert sent.status == "submitted"
    assert sent.evidence.get().sent_in == sent.versions.get().number  # carried by the sent version


def test_evidence_that_cannot_be_attached_stops_the_sending_and_says_so(client, executor, report):
    client.force_login(executor)
    response = client.post(
        report.get_absolute_url(),
        page_data(report, narrative=TYPED, submit="1", **{"evidence-url": "not a link"}),
    )
    assert response.status_code == 400
    saved = Report.objects.get(pk=report.pk)
    assert (saved.status, saved.narrative) == ("draft", TYPED)
    assert "The report was not sent" in response.content.decode()


def test_a_refused_sending_lets_the_next_one_go_without_a_false_conflict(client, executor, report):
    client.force_login(executor)
    response = client.post(
        report.get_absolute_url(), page_data(report, narrative="", progress="20", submit="1")
    )
    assert response.status_code == 400
    assert 'href="#id_narrative"' in response.content.decode()
    assert Report.objects.get(pk=report.pk).progress == 20  # the draft was kept
    shown_version = response.context["form"]["version"].value()
    sent = client.post(
        report.get_absolute_url(),
        page_data(report, version=shown_version, narrative=TYPED, progress="20", submit="1"),
    )
    assert sent.status_code == 302
    assert Report.objects.get(pk=report.pk).status == "submitted"


def test_attaching_over_someone_elses_save_is_a_conflict_that_overwrites_nothing(client, executor, report):
    opened = page_data(report)  # the page as this person opened it
    write(executor, report, narrative="Həmkarın mətni")  # a colleague saves meanwhile
    client.force_login(executor)
    response = client.post(
        report.get_absolute_url(), {**opened, "narrative": TYPED, **attach(file=pdf("foto.pdf"))}
    )
    assert response.status_code == 409
    saved = Report.objects.get(pk=report.pk)
    assert saved.narrative == "Həmkarın mətni"
    assert not saved.evidence.exists()
    page = response.content.decode()
    assert TYPED in page  # what this person typed is still on the page
    assert "foto.pdf was not attached: choose the file again." in page


def test_a_co_executor_attaches_to_its_input_keeping_the_text(
    client, other_executor, open_cycle, other_ministry
):
    co_input = open_cycle.reports.get(organization=other_ministry, item__measure__number="1.1")
    assert not co_input.is_lead
    client.force_login(other_executor)
    response = client.post(
        co_input.get_absolute_url(),
        page_data(co_input, narrative=TYPED, **attach(title="Sayt", url="https://eco.gov.az/")),
    )
    assert response.status_code == 302
    saved = Report.objects.get(pk=co_input.pk)
    assert saved.narrative == TYPED
    assert saved.evidence.count() == 1


def test_another_organisation_cannot_attach_or_remove(client, executor, other_executor, report):
    link = services.evidence_add(actor=executor, report=report, title="Link", url="https://eco.gov.az/")
    client.force_login(other_executor)
    for data in (
        page_data(report, narrative="x", **attach(url="https://x.az/")),
        page_data(report, remove=link.pk),
    ):
        assert client.post(report.get_absolute_url(), data).status_code == 404
    assert list(Report.objects.get(pk=report.pk).evidence.values_list("pk", flat=True)) == [link.pk]
    assert Report.objects.get(pk=report.pk).narrative == ""


@pytest.mark.parametrize("role", ["coordinator", "observer"])
def test_readers_of_a_sent_report_cannot_attach(client, request, role, executor, report):
    report = submit(executor, report)
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        report.get_absolute_url(), page_data(report, narrative="x", **attach(url="https://x.az/"))
    )
    assert response.status_code in (403, 404)
    saved = Report.objects.get(pk=report.pk)
    assert saved.narrative != "x"
    assert not saved.evidence.exists()


@pytest.mark.parametrize(
    ("decision", "status", "message"),
    [
        ("accept", "accepted", "Report accepted."),
        ("return", "returned", "Report returned for rework."),
    ],
)
def test_a_decision_by_htmx_answers_with_the_page_as_it_now_stands(
    client, coordinator, executor, report, decision, status, message
):
    report = submit(executor, report)
    client.force_login(coordinator)
    response = client.post(
        reverse("execution:report_review", args=[report.pk]),
        {"version": report.version, "decision": decision, "comment": "Foto yoxdur."},
        HTTP_HX_REQUEST="true",
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain == [(report.get_absolute_url(), 302)]
    page = response.content.decode()
    assert 'id="main-content"' in page  # what htmx selects and swaps
    assert Report.objects.get(pk=report.pk).status == status
    assert response.context["report"].shown_status == status
    assert [v.event for v in response.context["versions"]][-1] == status  # the new version is listed
    assert not response.context["can_review"]  # the form is gone
    assert message in page
    other = client.get(reverse("execution:review_queue")).content.decode()
    assert message not in other  # the message was used up where it belongs


def test_a_refused_decision_by_htmx_answers_with_the_whole_page_and_its_errors(
    client, coordinator, executor, report
):
    report = submit(executor, report)
    client.force_login(coordinator)
    response = client.post(
        reverse("execution:report_review", args=[report.pk]),
        {"version": report.version, "decision": "return"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400  # swapped in by htmx (base.html's responseHandling)
    page = response.content.decode()
    assert 'id="main-content"' in page
    assert "govuk-error-summary" in page
    assert 'href="#id_comment"' in page
    assert Report.objects.get(pk=report.pk).status == "submitted"


def test_the_heads_decision_by_htmx_shows_the_new_status_and_its_message(
    client, executor, head, report, ministry
):
    ministry.reports_need_head_approval = True
    ministry.save(update_fields=["reports_need_head_approval"])
    report = submit(executor, report)
    client.force_login(head)
    response = client.post(
        reverse("execution:report_head", args=[report.pk]),
        {"version": report.version, "decision": "accept"},
        HTTP_HX_REQUEST="true",
        follow=True,
    )
    assert response.context["report"].status == "submitted"
    assert not response.context["can_head_decide"]
    assert "The report was sent to the controller." in response.content.decode()
