"""The forecast on the item page and the at-risk page, for every role; the daily job; query counts."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koordinat.accounts.models import Role
from koordinat.analytics.forecast import jobs, selectors
from koordinat.analytics.models import ForecastModel, ItemForecast
from koordinat.core import clock
from koordinat.execution import services
from koordinat.execution.models import Assignment, ControlItem, Report, ReportingCycle
from tests.execution.test_query_counts import add_measures

BAKU = ZoneInfo("Asia/Baku")
REASON = {"key": "lead_late_share", "params": {"late": 4, "count": 6}, "weight": 1.2}
REASON_AZ = "əsas icraçının son 6 hesabatından 4 hesabat gecikmə ilə göndərilib"


def stored_model() -> ForecastModel:
    return ForecastModel.objects.create(
        trained_at=timezone.now(),
        as_of=clock.today(),
        features=["lead_late_share"],
        coefficients=[1.0],
        intercept=0.0,
        means=[0.0],
        scales=[1.0],
        training_size=120,
        positives=60,
    )


def score(item: ControlItem, model: ForecastModel, probability: float) -> ItemForecast:
    return ItemForecast.objects.create(
        item=item,
        model=model,
        probability=probability,
        control_date=item.control_date,
        reasons=[REASON],
        as_of=clock.today(),
        computed_at=timezone.now(),
    )


@pytest.fixture
def item(open_cycle, ministry):
    """Item 1.1 (the ministry leads, the other ministry co-executes, the Center controls), due in
    two months, with a 73 % chance of missing it."""
    item = open_cycle.reports.get(organization=ministry).item
    ControlItem.objects.filter(pk=item.pk).update(control_date=clock.today() + datetime.timedelta(days=60))
    item.refresh_from_db()
    score(item, stored_model(), 0.73)
    return item


@pytest.fixture
def stranger_head(make_user, stranger):
    return make_user(Role.HEAD, stranger.organization)


READERS = ["coordinator", "admin_user", "observer", "body_secretary", "executor", "other_executor", "head"]
OUTSIDERS = ["stranger", "stranger_head"]


@pytest.mark.parametrize("role", READERS + OUTSIDERS)
def test_the_item_page_shows_its_forecast_to_who_may_read_its_reports(client, request, role, item):
    client.force_login(request.getfixturevalue(role))
    page = client.get(item.get_absolute_url()).content.decode()
    shown = 'id="forecast"' in page
    assert shown == (role in READERS)
    assert ("73 %" in page and REASON_AZ in page) == (role in READERS)


@pytest.mark.parametrize("role", READERS + OUTSIDERS)
def test_the_at_risk_page_lists_only_what_the_reader_may_read(client, request, role, item):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("analytics:at_risk"))
    assert response.status_code == 200
    listed = [row.item_id for row in response.context["at_risk"]]
    assert listed == ([item.pk] if role in READERS else [])
    assert (REASON_AZ in response.content.decode()) == (role in READERS)


@pytest.mark.parametrize("role", READERS + OUTSIDERS)
def test_every_dashboard_ranks_only_what_the_reader_may_read(client, request, role, item):
    """The Headquarters overview and the lead executor's dashboard carry the same ranked list, cut
    to the items whose reports the reader may read."""
    client.force_login(request.getfixturevalue(role))
    lead = item.assignments.get(role="lead").organization
    for url in (reverse("analytics:dashboard"), reverse("analytics:dashboard_organization", args=[lead.pk])):
        response = client.get(url)
        if response.status_code == 404:  # an organisation the reader may not see at all
            continue
        assert response.status_code == 200
        listed = [row.item_id for row in response.context["at_risk"]]
        assert listed == ([item.pk] if role in READERS else [])
        assert (REASON_AZ in response.content.decode()) == (role in READERS)


def test_anonymous_visitors_see_no_forecast(client, item):
    for url in (reverse("analytics:at_risk"), item.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]
    assert selectors.at_risk(user=AnonymousUser(), items=ControlItem.objects.all()) == []
    assert selectors.item_forecast(user=AnonymousUser(), item=item) is None


def test_the_page_reads_in_each_language(client, coordinator, item):
    client.force_login(coordinator)
    for language, reason in (
        ("ru", "головной исполнитель прислал с опозданием 4 из 6 последних отчётов"),
        ("en", "the lead executor sent 4 of its last 6 reports late"),
    ):
        page = client.get(f"/{language}{reverse('analytics:at_risk')[3:]}").content.decode()
        assert reason in page, language


def test_a_plan_filter_and_a_score_made_before_the_date_moved(client, coordinator, item, plan):
    client.force_login(coordinator)
    other_plan = f"{reverse('analytics:at_risk')}?plan={plan.pk + 1000}"
    assert client.get(other_plan).status_code == 400  # not a plan on offer: the form says so
    assert [
        row.item_id for row in client.get(f"{reverse('analytics:at_risk')}?plan={plan.pk}").context["at_risk"]
    ] == [item.pk]
    ControlItem.objects.filter(pk=item.pk).update(
        control_date=item.control_date + datetime.timedelta(days=30)
    )
    # The score was made against the old date: it waits for the next rescoring.
    assert selectors.at_risk(user=coordinator, items=ControlItem.objects.all()) == []


def test_at_risk_ranks_and_costs_the_same_queries_however_many_items(
    coordinator, executor, plan, item, ministry, other_ministry
):
    def count(limit: int) -> tuple[int, list]:
        executor.__dict__.pop("_organization_scope", None)
        with CaptureQueriesContext(connection) as captured:
            rows = selectors.at_risk(user=executor, items=ControlItem.objects.all(), limit=limit)
        return len(captured), rows

    few, _ = count(10)
    add_measures(plan, 30, ministry, other_ministry)
    services.control_items_sync(actor=coordinator, plan=plan)
    model = ForecastModel.objects.get()
    due = clock.today() + datetime.timedelta(days=90)
    ControlItem.objects.filter(plan=plan, control_date__isnull=False).exclude(pk=item.pk).update(
        control_date=due
    )
    for index, other in enumerate(ControlItem.objects.filter(control_date=due).order_by("pk")):
        score(other, model, index / 100)
    many, rows = count(10)
    assert many == few
    assert len(rows) == 10
    assert rows[0].item_id == item.pk
    assert rows[0].percent == "73 %"
    assert [row.probability for row in rows] == sorted((row.probability for row in rows), reverse=True)


def test_the_daily_job_retrains_and_rescores(coordinator, plan, ministry, other_ministry, center):
    """Twenty items due 30 June 2026, half done on 1 May (accepted 9 April... as their reports say),
    half never reported; two items due in March 2027 still running on the job's day."""
    add_measures(plan, 21, ministry, other_ministry)
    services.control_items_sync(actor=coordinator, plan=plan)
    cycle = ReportingCycle.objects.create(
        plan=plan,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        due_date=datetime.date(2026, 4, 10),
        co_executor_due_date=datetime.date(2026, 4, 5),
        status=ReportingCycle.Status.CLOSED,
    )
    due = ControlItem.objects.filter(control_date=datetime.date(2026, 6, 30)).order_by("pk")
    sent = datetime.datetime(2026, 4, 8, 11, tzinfo=BAKU)
    reports = []
    for index, due_item in enumerate(due):
        lead = due_item.assignments.get(role=Assignment.Role.LEAD)
        done = index % 2 == 0
        reports.append(
            Report(
                cycle=cycle,
                assignment=lead,
                item=due_item,
                organization_id=lead.organization_id,
                is_lead=True,
                due_date=cycle.due_date,
                status=Report.Status.ACCEPTED if done else Report.Status.DRAFT,
                claimed_status="completed" if done else "in_progress",
                progress=100 if done else 0,
                completed_on=datetime.date(2026, 5, 1) if done else None,
                first_submitted_at=sent if done else None,
                reviewed_at=sent + datetime.timedelta(days=1) if done else None,
            )
        )
    Report.objects.bulk_create(reports)
    running = list(due[:2])
    ControlItem.objects.filter(pk__in=[each.pk for each in running]).update(
        control_date=datetime.date(2027, 3, 31)
    )
    Report.objects.filter(item__in=running).delete()
    day = datetime.date(2026, 12, 31)

    first = jobs.refresh_forecast(day=day)
    assert first["trained"]
    assert first["rows"] > 0
    assert 0 < first["late"] < first["rows"]
    assert first["scored"] == 2
    model = ForecastModel.objects.get()
    assert model.as_of == day
    assert model.training_size == first["rows"]
    assert set(ItemForecast.objects.values_list("item_id", flat=True)) == {each.pk for each in running}

    ControlItem.objects.filter(pk=running[0].pk).update(
        control_status=ControlItem.Status.REMOVED, closed_at=timezone.now()
    )
    second = jobs.refresh_forecast(day=day)
    assert ForecastModel.objects.count() == 2
    assert list(ItemForecast.objects.values_list("item_id", "model_id")) == [(running[1].pk, second["model"])]
