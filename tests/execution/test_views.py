"""Execution pages for every role: who sees what, who may act, and what a refused action leaves."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koordinat.core import clock
from koordinat.core.errors import ConcurrentEditError
from koordinat.execution import services
from koordinat.execution.models import ControlItem, Extension, Report, ReportingCycle

from .report_page import page_data
from .test_services import submit, write


@pytest.fixture
def report(open_cycle, ministry):
    return open_cycle.reports.get(organization=ministry)


def test_anonymous_visitors_are_sent_to_sign_in(client, report):
    for url in (
        reverse("execution:my_work"),
        reverse("execution:review_queue"),
        reverse("analytics:league"),
        report.get_absolute_url(),
        report.item.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"]


def test_my_work_lists_what_the_organisation_owes_returned_first(
    client, executor, coordinator, report, open_cycle
):
    returned = submit(executor, report)
    services.report_review(
        actor=coordinator, report=returned, version=returned.version, accept=False, comment="Düzəldin"
    )
    client.force_login(executor)
    page = client.get(reverse("execution:my_work"))
    rows = list(page.context["page"])
    assert [row.pk for row in rows] == [report.pk]
    assert rows[0].status == "returned"


def test_the_pages_tell_what_is_overdue_by_the_service_clock(client, executor, report):
    """Under a set clock (the demo's replay of a year) the pages' "today" is the clock's day."""
    item = report.item
    page_url = item.get_absolute_url().replace("/az/", "/en/", 1)
    tag = '<strong class="govuk-tag govuk-tag--red">overdue</strong>'
    for day, overdue in (
        (item.control_date - datetime.timedelta(days=1), False),
        (item.control_date + datetime.timedelta(days=1), True),
    ):
        with clock.at(datetime.datetime.combine(day, datetime.time(10), datetime.UTC)):
            client.force_login(executor)
            page = client.get(page_url)
            work = client.get(reverse("execution:my_work"))
        assert (page.context["today"], work.context["today"]) == (day, day)
        assert (tag in page.content.decode()) is overdue
        assert [row.item_id for row in work.context["overdue"]] == ([item.pk] if overdue else [])


def test_my_work_of_another_organisation_does_not_show_ours(client, other_executor, report):
    client.force_login(other_executor)
    rows = list(client.get(reverse("execution:my_work")).context["page"])
    assert report.pk not in [row.pk for row in rows]
    assert {row.organization_id for row in rows} == {other_executor.organization_id}


def test_a_draft_of_another_organisation_is_not_found(client, other_executor, executor, report):
    write(executor, report)
    client.force_login(other_executor)
    assert client.get(report.get_absolute_url()).status_code == 404


def test_the_controller_does_not_see_a_draft_but_sees_a_submitted_report(
    client, coordinator, executor, report
):
    write(executor, report)
    client.force_login(coordinator)
    assert client.get(report.get_absolute_url()).status_code == 404
    submit(executor, Report.objects.get(pk=report.pk))
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200
    assert page.context["can_review"]


def test_the_executor_saves_and_sends_a_report_through_the_page(client, executor, report):
    client.force_login(executor)
    data = {
        "version": report.version,
        "narrative": "Stansiyalar quraşdırılıb.",
        "narrative_language": "az",
        "claimed_status": "in_progress",
        "progress": "60",
    }
    assert client.post(report.get_absolute_url(), data).status_code == 302
    report.refresh_from_db()
    assert (report.status, report.progress) == ("draft", 60)
    sent = client.post(report.get_absolute_url(), {**data, "version": report.version, "submit": "1"})
    assert sent.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"


def test_a_second_editor_gets_the_conflict_with_what_changed(client, executor, report):
    client.force_login(executor)
    data = {
        "narrative_language": "az",
        "claimed_status": "in_progress",
        "progress": "10",
        "version": report.version,
    }
    assert client.post(report.get_absolute_url(), {**data, "narrative": "Birinci"}).status_code == 302
    response = client.post(report.get_absolute_url(), {**data, "narrative": "İkinci"})
    assert response.status_code == 409
    page = response.content.decode()
    assert ConcurrentEditError().messages[0] in page
    assert "Birinci" in page  # what the other person saved
    assert "İkinci" in page  # what this person typed is kept in the form
    assert Report.objects.get(pk=report.pk).narrative == "Birinci"


def test_bad_report_input_names_the_field(client, executor, report):
    client.force_login(executor)
    response = client.post(
        report.get_absolute_url(),
        {
            "version": report.version,
            "narrative": "x",
            "narrative_language": "az",
            "claimed_status": "completed",
            "progress": "50",
            "submit": "1",
        },
    )
    assert response.status_code == 400
    assert 'href="#id_progress"' in response.content.decode()
    assert Report.objects.get(pk=report.pk).status == "draft"


def test_evidence_of_a_forbidden_type_is_refused_on_the_field(client, executor, report):
    client.force_login(executor)
    response = client.post(
        report.get_absolute_url(),
        page_data(
            report,
            attach="1",
            **{
                "evidence-title": "Skript",
                "evidence-file": SimpleUploadedFile("run.pdf", b"#!/bin/sh\nrm -rf /"),
            },
        ),
    )
    assert response.status_code == 400
    assert "run.pdf" in response.content.decode()
    assert not report.evidence.exists()


def test_evidence_needs_a_file_or_a_link(client, executor, report):
    client.force_login(executor)
    response = client.post(
        report.get_absolute_url(), page_data(report, attach="1", **{"evidence-title": "Akt"})
    )
    assert response.status_code == 400
    assert 'href="#id_evidence-file"' in response.content.decode()
    assert not report.evidence.exists()


@pytest.mark.parametrize("role", ["executor", "other_executor", "observer"])
def test_only_the_controller_reviews_through_the_page(client, request, role, executor, report):
    report = submit(executor, report)
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        reverse("execution:report_review", args=[report.pk]),
        {"version": report.version, "decision": "accept"},
    )
    assert response.status_code in (403, 404)
    assert Report.objects.get(pk=report.pk).status == "submitted"


def test_extension_through_the_item_page(client, executor, coordinator, report):
    item = report.item
    client.force_login(executor)
    past = client.post(
        reverse("execution:extension_request", args=[item.pk]),
        {"new_date": "2020-01-01", "reason": "Gecikmə"},
    )
    assert past.status_code == 400
    assert 'href="#id_new_date"' in past.content.decode()
    later = (datetime.date.today() + datetime.timedelta(days=200)).isoformat()
    assert (
        client.post(
            reverse("execution:extension_request", args=[item.pk]), {"new_date": later, "reason": "Gecikmə"}
        ).status_code
        == 302
    )
    extension = Extension.objects.get()
    assert (
        client.post(
            reverse("execution:extension_decide", args=[extension.pk]),
            {f"extension-{extension.pk}-decision": "approve"},
        ).status_code
        == 403
    )
    client.force_login(coordinator)
    page = client.get(item.get_absolute_url())
    assert f'action="{reverse("execution:extension_decide", args=[extension.pk])}"' in page.content.decode()
    assert (
        client.post(
            reverse("execution:extension_decide", args=[extension.pk]),
            {f"extension-{extension.pk}-decision": "approve"},
        ).status_code
        == 302
    )
    assert ControlItem.objects.get(pk=item.pk).control_date.isoformat() == later


def test_the_review_queue_shows_submitted_reports_of_controlled_items(
    client, coordinator, other_executor, executor, report
):
    report = submit(executor, report)
    client.force_login(coordinator)
    assert [r.pk for r in client.get(reverse("execution:review_queue")).context["page"]] == [report.pk]
    client.force_login(other_executor)
    assert list(client.get(reverse("execution:review_queue")).context["page"]) == []


def test_only_the_office_opens_cycles_through_the_page(client, executor, coordinator, plan):
    url = reverse("execution:plan_cycles", args=[plan.code])
    data = {
        "kind": "one_off",
        "period_start": "2026-01-01",
        "period_end": "2026-06-30",
        "due_date": (datetime.date.today() + datetime.timedelta(days=10)).isoformat(),
        "co_executor_days_before": "3",
    }
    client.force_login(executor)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 403
    assert not ReportingCycle.objects.exists()
    client.force_login(coordinator)
    assert client.post(url, data).status_code == 302
    assert ReportingCycle.objects.get().reports.count() == 3


def test_the_league_table_and_the_organisation_page_show_the_figures(client, coordinator, ministry, report):
    client.force_login(coordinator)
    assert client.get(reverse("analytics:league")).status_code == 200
    page = client.get(reverse("directory:organization", args=[ministry.pk]))
    assert page.status_code == 200
    assert 'id="discipline"' in page.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("executor", 403),
        ("other_executor", 403),
        ("observer", 403),
        ("coordinator", 302),
        ("admin_user", 302),
    ],
)
def test_only_the_controller_names_the_responsible_person(
    client, request, role, expected, report, controller_staff
):
    item = report.item
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.post(
        reverse("execution:item_controller_person", args=[item.pk]),
        {"version": item.version, "person": controller_staff.pk},
    )
    assert response.status_code == expected
    named = ControlItem.objects.get(pk=item.pk).controller_person
    if role in ("coordinator", "admin_user"):
        assert named == controller_staff
        assert controller_staff.full_name in client.get(item.get_absolute_url()).content.decode()
    else:
        assert named is None


def test_a_stranger_to_the_controller_cannot_be_named(client, coordinator, report, outsider):
    client.force_login(coordinator)
    page = client.get(report.item.get_absolute_url()).content.decode()
    assert outsider.full_name not in page  # only the controller's staff is offered
    response = client.post(
        reverse("execution:item_controller_person", args=[report.item.pk]),
        {"version": report.item.version, "person": outsider.pk},
    )
    assert response.status_code == 400
    assert 'href="#id_person"' in response.content.decode()


def test_opening_a_cycle_offers_the_period_that_just_ended(client, coordinator, plan):
    """The plan reports quarterly (its default) and ten days after: on 1 April the first quarter's
    cycle is offered, due by 10 April."""
    client.force_login(coordinator)
    with clock.at(datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC)):
        form = client.get(reverse("execution:plan_cycles", args=[plan.code])).context["form"]
    assert form["period_start"].value() == datetime.date(2026, 1, 1)
    assert form["period_end"].value() == datetime.date(2026, 3, 31)
    assert form["due_date"].value() <= datetime.date(2026, 4, 10)
    assert form["due_date"].value() >= datetime.date(2026, 4, 1)


def test_before_a_period_ends_no_dates_are_guessed(client, coordinator, plan):
    client.force_login(coordinator)
    with clock.at(datetime.datetime(2026, 2, 1, 10, tzinfo=datetime.UTC)):
        form = client.get(reverse("execution:plan_cycles", args=[plan.code])).context["form"]
    assert form["period_start"].value() is None


def test_new_items_are_controlled_by_the_plans_coordinator(coordinator, plan, center):
    services.control_items_sync(actor=coordinator, plan=plan)
    assert set(ControlItem.objects.filter(plan=plan).values_list("controller_id", flat=True)) == {center.pk}
