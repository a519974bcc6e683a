"""The forecast's features on a small history built through the services, each value worked out by
hand, and the leakage guard: what happened after the day does not change that day's features."""

import datetime

import pytest

from koordinat.analytics.forecast import features
from koordinat.analytics.forecast.history import History
from koordinat.execution import services
from koordinat.execution.models import ControlItem
from tests.analytics.test_discipline import on, send


def d(day: str) -> int:
    return datetime.date.fromisoformat(day).toordinal()


def values_of(row) -> dict[str, float]:
    return dict(zip(features.NAMES, row.values, strict=True))


@pytest.fixture
def opened(coordinator, plan):
    """Q1 2026 cycle opened on 1 April: lead reports due 10 April, co-executors' inputs due 3 April."""
    with on("2026-04-01"):
        return services.cycle_open(
            actor=coordinator,
            plan=plan,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 3, 31),
            due_date=datetime.date(2026, 4, 10),
            today=datetime.date(2026, 4, 1),
        )


@pytest.fixture
def item(opened, ministry):
    return opened.reports.get(organization=ministry).item


def later_events(coordinator, executor, opened, ministry, item):
    """After 11 April: the ministry (lead of 1.1) sends 40 % on 12 April (2 days late); it is
    returned on 13 April and sent again with 50 % on 15 April; it asks on 1 May to move 30 June to
    31 August, granted on 2 May. The other ministry never sends its input to 1.1."""
    lead = opened.reports.get(organization=ministry)
    with on("2026-04-12"):
        lead = send(executor, lead, progress=40)
    with on("2026-04-13"):
        lead = services.report_review(
            actor=coordinator, report=lead, version=lead.version, accept=False, comment="Rəqəmlər yoxdur"
        )
    with on("2026-04-15"):
        send(executor, lead, progress=50)
    with on("2026-05-01"):
        extension = services.extension_request(
            actor=executor,
            item=item,
            new_date=datetime.date(2026, 8, 31),
            reason="Podratçı gecikir",
            today=datetime.date(2026, 5, 1),
        )
    with on("2026-05-02"):
        services.extension_decide(actor=coordinator, extension=extension, approve=True, comment="")


def test_each_feature_worked_out_by_hand(coordinator, executor, opened, ministry, item):
    later_events(coordinator, executor, opened, ministry, item)
    history = History.load()
    facts = history.items[item.pk]
    assert facts.start == d("2026-04-01")  # the measure's own period: the second quarter of 2026
    assert facts.control_date(d("2026-05-01")) == d("2026-06-30")
    assert facts.control_date(d("2026-05-02")) == d("2026-08-31")
    row = features.row(history, facts, d("2026-05-10"))
    assert values_of(row) == {
        # the ministry's only report due before 10 May (due 10 April) was sent on 12 April: 1 of 1 late
        "lead_late_share": 1.0,
        # 39 of the 152 days from 1 April to 31 August have passed; the last progress sent is 50 %
        "progress_behind": pytest.approx(39 / 152 - 0.5),
        "lead_report_missing": 0.0,
        # the other ministry's input, due 3 April, never came
        "co_inputs_missing": 1.0,
        "date_moves": 1.0,
        "extensions_not_granted": 0.0,
        "returned_reports": 1.0,
        "days_to_control": 113.0,  # 10 May to 31 August
        "is_instruction": 0.0,
        "co_executors": 1.0,
    }
    assert row.params["lead_late_share"] == {"late": 1, "count": 1}
    assert row.params["progress_behind"] == {"progress": 50, "left": round(100 * 113 / 152), "reported": True}
    assert row.control_date == d("2026-08-31")


def test_a_request_waiting_for_its_decision_counts_until_decided(
    coordinator, executor, opened, ministry, item
):
    later_events(coordinator, executor, opened, ministry, item)
    facts = History.load().items[item.pk]
    assert facts.extension_requests == [(d("2026-05-01"), d("2026-05-02"))]
    history = History.load()
    assert values_of(features.row(history, facts, d("2026-05-01")))["extensions_not_granted"] == 1.0
    assert values_of(features.row(history, facts, d("2026-05-02")))["extensions_not_granted"] == 0.0


def test_what_came_after_the_day_does_not_change_its_features(coordinator, executor, opened, ministry, item):
    day = d("2026-04-11")
    before = features.row(History.load(), History.load().items[item.pk], day)
    # On 11 April nothing was sent: the lead's report due 10 April is missing, so late; no progress yet.
    assert values_of(before) == {
        "lead_late_share": 1.0,
        "progress_behind": pytest.approx(10 / 90),  # 10 of the 90 days to 30 June, nothing reported
        "lead_report_missing": 1.0,
        "co_inputs_missing": 1.0,
        "date_moves": 0.0,
        "extensions_not_granted": 0.0,
        "returned_reports": 0.0,
        "days_to_control": 80.0,
        "is_instruction": 0.0,
        "co_executors": 1.0,
    }
    later_events(coordinator, executor, opened, ministry, item)
    history = History.load()
    after = features.row(history, history.items[item.pk], day)
    assert after.values == before.values
    assert after.params == before.params
    assert after.control_date == d("2026-06-30")  # the date it had then, not the one granted in May


def test_outcome_is_told_only_when_known(coordinator, executor, opened, ministry, item):
    later_events(coordinator, executor, opened, ministry, item)
    facts = History.load().items[item.pk]
    assert features.outcome(facts, d("2026-06-30"), known_on=d("2026-06-29")) is None  # not yet due
    assert features.outcome(facts, d("2026-06-30"), known_on=d("2026-07-01")) == 1  # passed, not done
    assert ControlItem.objects.get(pk=item.pk).control_status == ControlItem.Status.EXTENDED
