"""Dashboards on a small case worked out by hand: every figure, and the register list behind each link.

Today is 15 July 2026; the period is 2026, so what fell due up to 14 July is judged. Organisations
A, B and C execute; the Center controls. Plan P1 (owned by working group W) and plan P2:

  item  plan  lead  co  control date   status        completion (accepted)          district
  i1    P1    A     B   31 Mar 2026    removed       A on 20 Mar; B in progress      D
  i2    P1    A         30 Jun 2026    executed      A on 5 Jul (late)
  i3    P1    B         15 May 2026    on control    B in progress
  i4    P2    B     A   1 Aug 2026     extended                                      D
  i5    P2    C         30 Sep 2026    on control
  i6    P2    A         10 Apr 2026    cancelled
  i7    P1    C         15 Aug 2025    removed       C on 10 Aug 2025
  i8    P2    A         (none)         on control

  report  item  by  due       first sent
  r1      i1    A   10 Apr    8 Apr       on time
  r2      i1    B   3 Apr     6 Apr       late
  r3      i3    B   10 Apr    never       late (a draft)
  r4      i2    A   10 Jul    9 Jul       on time
  r5      i3    B   10 Jul    12 Jul      late
  r6      i4    B   10 Jul    1 Jul       on time
  r7      i4    A   3 Jul     never       late (a draft)
  r8      i5    C   20 Jul    never       not due yet
"""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import load_workbook

from koordinat.accounts.models import Role
from koordinat.core import clock
from koordinat.directory.models import Body
from koordinat.execution.models import Assignment, ControlItem, Report, ReportingCycle
from koordinat.places.models import District
from koordinat.plans.models import Measure, Plan, outline_sort_key

BAKU = ZoneInfo("Asia/Baku")
TODAY = datetime.date(2026, 7, 15)
D = datetime.date


def at_ten(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 10, tzinfo=BAKU)


@pytest.fixture
def case(db, make_organization, center):
    a, b, c = (make_organization(name) for name in ("Nazirlik A", "Nazirlik B", "Agentlik C"))
    body = Body.objects.create(kind="working_group", name="İşçi qrup W", name_az="İşçi qrup W")
    district = District.objects.create(name="Ağdam", name_az="Ağdam", code="AZE-TEST-D")
    p1 = Plan.objects.create(
        kind="action_plan",
        code="P1",
        title="Plan P1",
        title_az="Plan P1",
        period_start=D(2025, 1, 1),
        period_end=D(2026, 12, 31),
        coordinator=center,
        owning_body=body,
        status="in_force",
    )
    p2 = Plan.objects.create(
        kind="action_plan",
        code="P2",
        title="Plan P2",
        title_az="Plan P2",
        period_start=D(2026, 1, 1),
        period_end=D(2027, 12, 31),
        coordinator=center,
        status="in_force",
    )
    items = {}

    def item(name, plan, number, control_date, status, lead, co=None, districts=()):
        measure = Measure.objects.create(
            plan=plan, number=number, sort_key=outline_sort_key(number), text=name, text_az=f"Tədbir {name}"
        )
        measure.districts.set(districts)
        found = ControlItem.objects.create(
            plan=plan, measure=measure, controller=center, control_date=control_date, control_status=status
        )
        Assignment.objects.create(item=found, organization=lead, role="lead", position=0)
        if co:
            Assignment.objects.create(item=found, organization=co, role="co", position=1)
        items[name] = found
        return found

    item("i1", p1, "1", D(2026, 3, 31), "removed", a, b, districts=[district])
    item("i2", p1, "2", D(2026, 6, 30), "executed", a)
    item("i3", p1, "3", D(2026, 5, 15), "on_control", b)
    item("i4", p2, "1", D(2026, 8, 1), "extended", b, a, districts=[district])
    item("i5", p2, "2", D(2026, 9, 30), "on_control", c)
    item("i6", p2, "3", D(2026, 4, 10), "cancelled", a)
    item("i7", p1, "4", D(2025, 8, 15), "removed", c)
    item("i8", p2, "4", None, "on_control", a)

    def complete(name, organization, day, status="completed"):
        Assignment.objects.filter(item=items[name], organization=organization).update(
            execution_status=status, completed_on=day
        )

    complete("i1", a, D(2026, 3, 20))
    complete("i1", b, None, "in_progress")
    complete("i2", a, D(2026, 7, 5))
    complete("i3", b, None, "in_progress")
    complete("i7", c, D(2025, 8, 10))

    def cycle(plan, start, end, due):
        return ReportingCycle.objects.create(
            plan=plan, period_start=start, period_end=end, due_date=due, co_executor_due_date=due
        )

    q1, q2 = (
        cycle(p1, D(2026, 1, 1), D(2026, 3, 31), D(2026, 4, 10)),
        cycle(p1, D(2026, 4, 1), D(2026, 6, 30), D(2026, 7, 10)),
    )
    q2b = cycle(p2, D(2026, 4, 1), D(2026, 6, 30), D(2026, 7, 10))

    def report(cycle, name, organization, due, sent):
        assignment = Assignment.objects.get(item=items[name], organization=organization)
        return Report.objects.create(
            cycle=cycle,
            assignment=assignment,
            item=items[name],
            organization=organization,
            is_lead=assignment.role == "lead",
            due_date=due,
            status="submitted" if sent else "draft",
            first_submitted_at=at_ten(sent) if sent else None,
            submitted_at=at_ten(sent) if sent else None,
        )

    report(q1, "i1", a, D(2026, 4, 10), D(2026, 4, 8))
    report(q1, "i1", b, D(2026, 4, 3), D(2026, 4, 6))
    report(q1, "i3", b, D(2026, 4, 10), None)
    report(q2, "i2", a, D(2026, 7, 10), D(2026, 7, 9))
    report(q2, "i3", b, D(2026, 7, 10), D(2026, 7, 12))
    report(q2b, "i4", b, D(2026, 7, 10), D(2026, 7, 1))
    report(q2b, "i4", a, D(2026, 7, 3), None)
    report(q2b, "i5", c, D(2026, 7, 20), None)
    return {"a": a, "b": b, "c": c, "body": body, "district": district, "p1": p1, "p2": p2, "items": items}


def ids(case, *names):
    return {case["items"][name].pk for name in names}


def dashboard(client, url, **query):
    with clock.at(at_ten(TODAY)):
        response = client.get(url, query)
    assert response.status_code == 200, response
    return response


def listed(client, url):
    """The items the register shows at `url` (the link behind a figure), as the page lists them."""
    with clock.at(at_ten(TODAY)):
        response = client.get(url)
    assert response.status_code == 200
    return {row.pk for row in response.context["page"]}


def check(client, case, response, expected):
    """Every figure named in `expected` has the value computed by hand, is drawn as a link on the page,
    and its link lists exactly the items computed by hand."""
    board, html = response.context["board"], response.content.decode()
    for name, (value, items) in expected.items():
        figure = _figure(board, name)
        assert figure.value == value, name
        assert f'href="{figure.url.replace("&", "&amp;")}"' in html, name
        assert listed(client, figure.url) == ids(case, *items), name


def _figure(board, name):
    if name.startswith("status:"):
        return next(
            f
            for f in board.by_status
            if f.url.endswith(f"status={name[7:]}") or f"status={name[7:]}&" in f.url
        )
    return {
        "total": board.total,
        "overdue": board.overdue,
        "due_soon": board.due_soon,
        "completions_due": board.selected.completions_due,
        "completed_on_time": board.selected.completed_on_time,
        "completed_late": board.selected.completed_late,
        "report_items_due": board.selected.report_items_due,
        "report_items_on_time": board.selected.report_items_on_time,
        "report_items_late": board.selected.report_items_late,
    }[name]


def test_headquarters_figures_and_their_lists(client, case, coordinator):
    client.force_login(coordinator)
    response = dashboard(client, reverse("analytics:dashboard"), year=2026)
    check(
        client,
        case,
        response,
        {
            "total": (8, ["i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8"]),
            "status:on_control": (3, ["i3", "i5", "i8"]),
            "status:extended": (1, ["i4"]),
            "status:executed": (1, ["i2"]),
            "status:removed": (2, ["i1", "i7"]),
            "status:cancelled": (1, ["i6"]),
            "overdue": (1, ["i3"]),
            "due_soon": (1, ["i4"]),
            "completions_due": (3, ["i1", "i2", "i3"]),
            "completed_on_time": (1, ["i1"]),
            "completed_late": (2, ["i2", "i3"]),
            "report_items_due": (4, ["i1", "i2", "i3", "i4"]),
            "report_items_on_time": (3, ["i1", "i2", "i4"]),
            "report_items_late": (3, ["i1", "i3", "i4"]),
        },
    )
    selected = response.context["board"].selected
    assert (selected.reports_due, selected.reports_on_time, selected.reports_late) == (7, 3, 4)
    assert selected.completion_rate == pytest.approx(1 / 3)
    assert selected.submission_rate == pytest.approx(3 / 7)
    html = response.content.decode()
    assert "33 %" in html
    assert "43 %" in html

    # The trend by quarter: completions due / on time / late, reports due / on time / late, each linked.
    trend = response.context["tables"]["trend"]
    values = [[cell.value for cell in row.cells] for row in trend.rows]
    assert values[0][:3] == [1, 1, 0]
    assert values[0][4:7] == [0, 0, 0]
    assert values[1][:3] == [2, 0, 2]
    assert values[1][4:7] == [
        3,
        1,
        2,
    ]
    assert values[2][:3] == [0, 0, 0]
    assert values[2][4:7] == [
        4,
        2,
        2,
    ]
    assert values[3] == [None] * 8  # Q4 has not begun
    assert listed(client, trend.rows[1].cells[2].url) == ids(case, "i2", "i3")
    assert listed(client, trend.rows[1].cells[4].url) == ids(case, "i1", "i3")
    assert listed(client, trend.rows[2].cells[6].url) == ids(case, "i3", "i4")
    assert listed(client, trend.rows[0].cells[1].url) == ids(case, "i1")

    # Comparison: Q3 2026 (to 14 July), Q2 2026, Q3 2025 (i7 completed on time).
    comparison = response.context["tables"]["comparison"]
    by_row = [[cell.value for cell in row.cells] for row in comparison.rows]
    assert by_row[0] == [0, 2, 1]  # completions due
    assert by_row[1] == [0, 0, 1]  # completed on time
    assert by_row[4] == [4, 3, 0]  # reports due
    assert listed(client, comparison.rows[1].cells[2].url) == ids(case, "i7")

    # Each plan's figures, linked to its items and its own dashboard.
    plans = response.context["tables"]["plans"]
    assert [(row.header.split(" — ")[0], [cell.value for cell in row.cells]) for row in plans.rows] == [
        ("P1", [4, 1, 0]),
        ("P2", [4, 0, 1]),
    ]
    assert listed(client, plans.rows[0].cells[1].url) == ids(case, "i3")
    assert listed(client, plans.rows[1].cells[2].url) == ids(case, "i4")
    assert listed(client, plans.rows[1].cells[0].url) == ids(case, "i4", "i5", "i6", "i8")
    assert f'href="{reverse("analytics:dashboard_plan", args=["P2"])}"' in html

    # The latest reports: sent ones only, newest first.
    latest = response.context["board"].latest
    assert [(report.reference, report.organization) for report in latest][:3] == [
        ("P1 3", case["b"].display_short_name),
        ("P1 2", case["a"].display_short_name),
        ("P2 1", case["b"].display_short_name),
    ]
    assert len(latest) == 5


def test_organisation_figures_count_its_own_part(client, case, coordinator):
    client.force_login(coordinator)
    url = reverse("analytics:dashboard_organization", args=[case["a"].pk])
    response = dashboard(client, url, year=2026)
    check(
        client,
        case,
        response,
        {
            "total": (5, ["i1", "i2", "i4", "i6", "i8"]),
            "status:on_control": (1, ["i8"]),
            "status:cancelled": (1, ["i6"]),
            "overdue": (0, []),
            "due_soon": (1, ["i4"]),
            "completions_due": (2, ["i1", "i2"]),
            "completed_on_time": (1, ["i1"]),
            "completed_late": (1, ["i2"]),
            "report_items_due": (3, ["i1", "i2", "i4"]),
            "report_items_on_time": (2, ["i1", "i2"]),
            "report_items_late": (1, ["i4"]),
        },
    )
    selected = response.context["board"].selected
    assert (selected.reports_due, selected.reports_on_time) == (3, 2)

    response = dashboard(client, reverse("analytics:dashboard_organization", args=[case["b"].pk]), year=2026)
    check(
        client,
        case,
        response,
        {
            "total": (3, ["i1", "i3", "i4"]),
            "overdue": (1, ["i3"]),
            "completions_due": (2, ["i1", "i3"]),  # B's own part of i1 is not completed
            "completed_on_time": (0, []),
            "report_items_late": (2, ["i1", "i3"]),
        },
    )
    assert (
        response.context["board"].selected.reports_due,
        response.context["board"].selected.reports_on_time,
    ) == (4, 1)


def test_plan_body_and_district_figures(client, case, coordinator):
    client.force_login(coordinator)
    plan_expected = {
        "total": (4, ["i1", "i2", "i3", "i7"]),
        "status:removed": (2, ["i1", "i7"]),
        "overdue": (1, ["i3"]),
        "due_soon": (0, []),
        "completions_due": (3, ["i1", "i2", "i3"]),
        "completed_on_time": (1, ["i1"]),
        "report_items_due": (3, ["i1", "i2", "i3"]),
        "report_items_late": (2, ["i1", "i3"]),
    }
    for url in (
        reverse("analytics:dashboard_plan", args=["P1"]),
        reverse("analytics:dashboard_body", args=[case["body"].pk]),  # the plans W owns: P1
    ):
        response = dashboard(client, url, year=2026)
        check(client, case, response, plan_expected)
        assert (
            response.context["board"].selected.reports_due,
            response.context["board"].selected.reports_on_time,
        ) == (5, 2)
    response = dashboard(
        client, reverse("analytics:dashboard_district", args=[case["district"].pk]), year=2026
    )
    check(
        client,
        case,
        response,
        {
            "total": (2, ["i1", "i4"]),
            "due_soon": (1, ["i4"]),
            "completions_due": (1, ["i1"]),
            "completed_on_time": (1, ["i1"]),
            "report_items_due": (2, ["i1", "i4"]),
            "report_items_late": (2, ["i1", "i4"]),
        },
    )
    assert response.context["board"].selected.reports_due == 4
    # The plan filter narrows another dashboard to one plan.
    response = dashboard(
        client,
        reverse("analytics:dashboard_district", args=[case["district"].pk]),
        year=2026,
        plan=case["p2"].pk,
    )
    check(client, case, response, {"total": (1, ["i4"]), "completions_due": (0, [])})


def test_the_plan_filter_and_a_quarter(client, case, coordinator):
    client.force_login(coordinator)
    response = dashboard(client, reverse("analytics:dashboard"), year=2026, quarter=2, plan=case["p1"].pk)
    check(
        client,
        case,
        response,
        {
            "completions_due": (2, ["i2", "i3"]),
            "completed_late": (2, ["i2", "i3"]),
            "report_items_due": (2, ["i1", "i3"]),
        },
    )


@pytest.mark.parametrize(
    ("role", "reports_due"),
    [
        ("coordinator", 7),
        ("observer", 7),
        ("admin", 7),
        ("own", 5),  # A's executor: its own reports and every report on the items A executes
        ("other", 0),  # C's executor: only r8 on its items, not due yet
    ],
)
def test_reports_are_counted_as_far_as_the_reader_knows_them(
    client, case, make_user, admin_user, coordinator, observer, role, reports_due
):
    user = {
        "coordinator": coordinator,
        "observer": observer,
        "admin": admin_user,
        "own": lambda: make_user(Role.EXECUTOR, case["a"]),
        "other": lambda: make_user(Role.EXECUTOR, case["c"]),
    }[role]
    client.force_login(user() if callable(user) else user)
    response = dashboard(client, reverse("analytics:dashboard"), year=2026)
    board = response.context["board"]
    assert board.total.value == 8  # every signed-in reader reads control
    assert board.selected.reports_due == reports_due
    assert (
        listed(client, board.selected.report_items_due.url)
        == {
            7: ids(case, "i1", "i2", "i3", "i4"),
            5: ids(case, "i1", "i2", "i4"),
            0: set(),
        }[reports_due]
    )
    if reports_due == 0:
        assert gettext("No report fell due in this period.") in response.content.decode()


def test_visitors_sign_in_and_unknown_areas_are_not_found(client, case, coordinator):
    urls = [
        reverse("analytics:dashboard"),
        reverse("analytics:dashboard_plan", args=["P1"]),
        reverse("analytics:dashboard_organization", args=[case["a"].pk]),
        reverse("analytics:dashboard_body", args=[case["body"].pk]),
        reverse("analytics:dashboard_district", args=[case["district"].pk]),
        reverse("analytics:comparison"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"], url
    client.force_login(coordinator)
    for url in (
        reverse("analytics:dashboard_plan", args=["NO-SUCH"]),
        reverse("analytics:dashboard_organization", args=[999999]),
        reverse("analytics:dashboard_body", args=[999999]),
        reverse("analytics:dashboard_district", args=[999999]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "Nazirlik" not in response.content.decode()
    # A plan chosen in the filter that does not exist is not found either, and nothing leaks.
    assert client.get(reverse("analytics:dashboard"), {"plan": 999999}).status_code in (200, 404)


def test_a_plan_with_nothing_under_control_and_a_period_outside_the_plan(client, case, coordinator):
    client.force_login(coordinator)
    empty = Plan.objects.create(
        kind="action_plan",
        code="P3",
        title="P3",
        period_start=D(2026, 1, 1),
        period_end=D(2026, 12, 31),
        coordinator=case["p1"].coordinator,
    )
    response = dashboard(client, reverse("analytics:dashboard_plan", args=[empty.code]), year=2026)
    html = response.content.decode()
    assert 'id="nothing-under-control"' in html
    assert 'id="in-period"' not in html
    response = dashboard(client, reverse("analytics:dashboard_plan", args=["P2"]), year=2025)
    html = response.content.decode()
    assert 'id="outside-plan"' in html
    assert 'id="trend"' not in html
    assert 'id="comparison"' not in html
    response = dashboard(client, reverse("analytics:dashboard"), year=2027)
    assert 'id="not-begun"' in response.content.decode()


def test_tables_download_as_csv_and_xlsx(client, case, coordinator):
    client.force_login(coordinator)
    url = reverse("analytics:dashboard")
    response = dashboard(client, url, year=2026, table="status", format="csv")
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert f"{ControlItem.Status.ON_CONTROL.label},3\n" in text
    response = dashboard(client, url, year=2026, table="trend", format="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[3][1:4] == (2, 0, 2)  # caption, headers, Q1, then Q2
    with clock.at(at_ten(TODAY)):
        assert client.get(url, {"table": "nothing", "format": "csv"}).status_code == 404
        assert client.get(url, {"table": "status", "format": "exe"}).status_code == 404


def test_comparison_per_organisation_and_per_area(client, case, coordinator):
    client.force_login(coordinator)
    response = dashboard(client, reverse("analytics:comparison"), year=2026, quarter=3)
    completions, reports = response.context["tables"]
    rows = {row.header: row.cells for row in completions.rows}
    a, b, c = (case[key].display_short_name for key in "abc")
    # Columns: Q3 2026 (due, on time, share), Q2 2026, Q3 2025.
    assert [cell.value for cell in rows[a]][3:5] == [1, 0]  # A: i2 late in Q2
    assert [cell.value for cell in rows[b]][3:5] == [1, 0]  # B: i3 late in Q2
    assert [cell.value for cell in rows[c]][6:8] == [1, 1]  # C: i7 on time in Q3 2025
    assert listed(client, rows[c][7].url) == ids(case, "i7")
    report_rows = {row.header: row.cells for row in reports.rows}
    assert [cell.value for cell in report_rows[b]][0:2] == [2, 1]  # r5 late, r6 on time (Q3 to 14 July)
    assert listed(client, report_rows[b][0].url) == ids(case, "i3", "i4")
    response = dashboard(client, reverse("analytics:comparison"), year=2026, quarter=3, by="body")
    completions, _reports = response.context["tables"]
    assert [(row.header, [cell.value for cell in row.cells][3:5]) for row in completions.rows] == [
        ("İşçi qrup W", [2, 0])
    ]
    assert listed(client, completions.rows[0].cells[3].url) == ids(case, "i2", "i3")


def test_pages_link_to_their_dashboards(client, case, coordinator):
    client.force_login(coordinator)
    for page, dashboard_url in (
        (case["p1"].get_absolute_url(), reverse("analytics:dashboard_plan", args=["P1"])),
        (case["body"].get_absolute_url(), reverse("analytics:dashboard_body", args=[case["body"].pk])),
        (case["a"].get_absolute_url(), reverse("analytics:dashboard_organization", args=[case["a"].pk])),
        (reverse("home"), reverse("analytics:dashboard")),
    ):
        assert f'href="{dashboard_url}"' in client.get(page).content.decode(), page
    response = client.get(reverse("analytics:dashboard_choice"), {"district": case["district"].pk})
    assert response["Location"] == reverse("analytics:dashboard_district", args=[case["district"].pk])
    assert client.get(reverse("analytics:dashboard_choice"), {"body": ""}).status_code == 400


def _queries(client, url):
    cache.clear()  # nothing cached: the most the page asks
    with clock.at(at_ten(TODAY)), CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"year": 2026})
    assert response.status_code == 200
    return len(captured)


def _grow(case, count):
    """`count` more items of P1 led by A with B co-executing, half of them with a report."""
    plan, a, b, center = case["p1"], case["a"], case["b"], case["p1"].coordinator
    start = Measure.objects.filter(plan=plan).count() + 100
    measures = Measure.objects.bulk_create(
        Measure(plan=plan, number=str(start + n), sort_key=outline_sort_key(str(start + n)), text=f"m{n}")
        for n in range(count)
    )
    items = ControlItem.objects.bulk_create(
        ControlItem(
            plan=plan,
            measure=m,
            controller=center,
            control_date=D(2026, 5, 1) + datetime.timedelta(days=n % 90),
        )
        for n, m in enumerate(measures)
    )
    assignments = Assignment.objects.bulk_create(
        [Assignment(item=i, organization=a, role="lead") for i in items]
        + [Assignment(item=i, organization=b, role="co", position=1) for i in items]
    )
    cycle = ReportingCycle.objects.filter(plan=plan).first()
    Report.objects.bulk_create(
        Report(
            cycle=cycle,
            assignment=assignment,
            item_id=assignment.item_id,
            organization_id=assignment.organization_id,
            is_lead=assignment.role == "lead",
            due_date=D(2026, 6, 10),
            status="submitted",
            first_submitted_at=at_ten(D(2026, 6, 1 + n % 20)),
            submitted_at=at_ten(D(2026, 6, 1 + n % 20)),
        )
        for n, assignment in enumerate(assignments[: count // 2])
    )


@pytest.mark.parametrize("kind", ["headquarters", "plan", "organization", "body", "district", "comparison"])
def test_query_count_does_not_grow(client, case, coordinator, kind):
    client.force_login(coordinator)
    url = {
        "headquarters": reverse("analytics:dashboard"),
        "plan": reverse("analytics:dashboard_plan", args=["P1"]),
        "organization": reverse("analytics:dashboard_organization", args=[case["a"].pk]),
        "body": reverse("analytics:dashboard_body", args=[case["body"].pk]),
        "district": reverse("analytics:dashboard_district", args=[case["district"].pk]),
        "comparison": reverse("analytics:comparison"),
    }[kind]
    _grow(case, 10)
    few = _queries(client, url)
    _grow(case, 300)
    assert _queries(client, url) == few
    assert few <= 12
