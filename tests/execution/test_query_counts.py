"""Execution pages run the same number of queries with 10 items under control as with 1,000."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koordinat.execution import services
from koordinat.execution.models import Report
from koordinat.plans.models import Executor, Measure, outline_sort_key


def add_measures(plan, count, lead, co):
    start = plan.measures.count() + 10
    measures = Measure.objects.bulk_create(
        Measure(
            plan=plan,
            number=f"{start + index}",
            sort_key=outline_sort_key(f"{start + index}"),
            text_az=f"Tədbir {index}",
            # every tenth period unreadable: its item needs a control date
            deadline_text="tezliklə" if index % 10 == 0 else "2026-cı ilin II rübü",
            deadline_end=None if index % 10 == 0 else datetime.date(2026, 6, 30),
            deadline_kind="unparseable" if index % 10 == 0 else "quarter",
        )
        for index in range(count)
    )
    Executor.objects.bulk_create(
        [Executor(measure=m, plan_id=m.plan_id, organization=lead, role="lead", position=0) for m in measures]
        + [Executor(measure=m, plan_id=m.plan_id, organization=co, role="co", position=1) for m in measures]
    )


def grow(coordinator, executor, co_executor, plan, ministry, other_ministry, count):
    """`count` more items, a cycle asking for their reports, and a few of them submitted with evidence,
    by the lead executors and by the co-executors."""
    add_measures(plan, count, ministry, other_ministry)
    cycle = services.cycle_open(
        actor=coordinator,
        plan=plan,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31) + datetime.timedelta(days=count),  # a new period each time
        due_date=datetime.date.today() + datetime.timedelta(days=30),
        kind="one_off",
    )
    for actor, organization in ((executor, ministry), (co_executor, other_ministry)):
        send_some(actor, cycle.reports.filter(organization=organization).order_by("pk")[:3])
    return cycle


def send_some(actor, reports):
    for report in reports:
        services.evidence_add(actor=actor, report=report, title="Link", url="https://eco.gov.az/")
        report = services.report_save(
            actor=actor,
            report=report,
            version=report.version,
            narrative="İcra olunur",
            narrative_language="az",
            claimed_status="in_progress",
            progress=20,
        )
        services.report_submit(actor=actor, report=report, version=report.version)


def queries(client, url):
    cache.clear()  # nothing cached (the filters' choices): the most a page asks
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


PAGES = {
    "my_work": ("executor", lambda cycle: reverse("execution:my_work")),
    "review_queue": ("coordinator", lambda cycle: reverse("execution:review_queue")),
    "my_work_filtered": (
        "executor",
        lambda cycle: f"{reverse('execution:my_work')}?plan={cycle.plan_id}&overdue=on",
    ),
    "my_work_due_within": ("executor", lambda cycle: f"{reverse('execution:my_work')}?due_within=366"),
    "review_queue_filtered": (
        "coordinator",
        lambda cycle: f"{reverse('execution:review_queue')}?plan={cycle.plan_id}&overdue=on",
    ),
    "review_queue_overdue": ("coordinator", lambda cycle: f"{reverse('execution:review_queue')}?overdue=on"),
    "league": ("coordinator", lambda cycle: reverse("analytics:league")),
    "cycle": ("coordinator", lambda cycle: cycle.get_absolute_url()),
    "plan_cycles": ("coordinator", lambda cycle: reverse("execution:plan_cycles", args=[cycle.plan.code])),
    "undated": ("coordinator", lambda cycle: reverse("execution:undated")),
    "undated_of_plan": (
        "coordinator",
        lambda cycle: f"{reverse('execution:undated')}?plan={cycle.plan.code}",
    ),
    "register": ("coordinator", lambda cycle: reverse("execution:register")),
    "register_of_an_executor": ("executor", lambda cycle: reverse("execution:register")),
    "register_filtered": (
        "coordinator",
        lambda cycle: (
            f"{reverse('execution:register')}?plan={cycle.plan_id}&organization={cycle.plan.coordinator_id}&status=any&sort=number"
        ),
    ),
    "register_by_figure": (
        "executor",
        lambda cycle: (
            f"{reverse('execution:register')}?scope=&status=any&control_from=2026-01-01&control_to=2026-12-31"
            "&completion=late&reports_from=2026-01-01&reports=late"
        ),
    ),
    "home_of_the_office": ("coordinator", lambda cycle: reverse("home")),
    "home_of_an_executor": ("executor", lambda cycle: reverse("home")),
    "item": ("coordinator", lambda cycle: Report.objects.filter(cycle=cycle).first().item.get_absolute_url()),
    "report": (
        "coordinator",
        lambda cycle: Report.objects.filter(cycle=cycle, status="submitted").first().get_absolute_url(),
    ),
    "report_version": (
        "coordinator",
        lambda cycle: reverse(
            "execution:report_version",
            args=[Report.objects.filter(cycle=cycle, status="submitted").first().pk, 1],
        ),
    ),
    "lead_with_inputs": (
        "executor",
        lambda cycle: (
            Report.objects.filter(cycle=cycle, status="submitted", is_lead=True)
            .exclude(item__measure__number="1.2")  # the only item the other ministry leads
            .first()
            .get_absolute_url()
        ),
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow(
    client, request, page, coordinator, executor, other_executor, plan, ministry, other_ministry
):
    role, url_for = PAGES[page]
    client.force_login(request.getfixturevalue(role))
    small = grow(coordinator, executor, other_executor, plan, ministry, other_ministry, 10)
    few = queries(client, url_for(small))
    grow(coordinator, executor, other_executor, plan, ministry, other_ministry, 1000)
    assert queries(client, url_for(small)) == few
