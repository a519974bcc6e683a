"""Deadline discipline on a small case worked out by hand (see each expected figure's comment)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser

from koordinat.analytics import discipline
from koordinat.core import clock
from koordinat.execution import services

BAKU = ZoneInfo("Asia/Baku")


def on(day: str, hour: int = 10):
    return clock.at(datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=BAKU))


def send(actor, report, claimed="in_progress", progress=50, completed_on=None):
    report = services.report_save(
        actor=actor,
        report=report,
        version=report.version,
        narrative="Görülən işlər",
        narrative_language="az",
        claimed_status=claimed,
        progress=progress,
        completed_on=completed_on,
    )
    return services.report_submit(actor=actor, report=report, version=report.version)


@pytest.fixture
def history(coordinator, executor, other_executor, plan, ministry, other_ministry):
    """Q1 2026 cycle of the plan: lead reports due 10 April, co-executors' inputs due 3 April.

    - the ministry (lead of 1.1) sends its final report on 8 April (done that day); accepted on 9 April;
    - the other ministry sends its input to 1.1 on 6 April (3 days late) and never sends 1.2;
    - on 1 May the other ministry asks to move 1.1 to 31 August; refused on 2 May.
    """
    with on("2026-04-01"):
        cycle = services.cycle_open(
            actor=coordinator,
            plan=plan,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 3, 31),
            due_date=datetime.date(2026, 4, 10),
            today=datetime.date(2026, 4, 1),
        )
    lead = cycle.reports.get(organization=ministry)
    co = cycle.reports.get(organization=other_ministry, item=lead.item)
    with on("2026-04-06"):
        send(other_executor, co)
    with on("2026-04-08"):
        lead = send(executor, lead, claimed="completed", progress=100, completed_on=datetime.date(2026, 4, 8))
    with on("2026-04-09"):
        services.report_review(actor=coordinator, report=lead, version=lead.version, accept=True)
    with on("2026-05-01"):
        extension = services.extension_request(
            actor=other_executor,
            item=lead.item,
            new_date=datetime.date(2026, 8, 31),
            reason="Gecikmə",
            today=datetime.date(2026, 5, 1),
        )
    with on("2026-05-02"):
        services.extension_decide(actor=coordinator, extension=extension, approve=False, comment="Yox")
    return cycle


def test_figures_match_the_hand_computed_case(history, coordinator, ministry, other_ministry):
    figures = discipline.discipline(
        user=coordinator,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
        today=datetime.date(2026, 7, 15),
    )
    mine, theirs = figures[ministry.pk], figures[other_ministry.pk]
    # The ministry: 1 report due, sent on time; 1.1 due 30 June, completed 8 April.
    assert (mine.reports_due, mine.reports_on_time, mine.on_time_submission_rate) == (1, 1, 1.0)
    assert (mine.completions_due, mine.completed_on_time, mine.on_time_completion_rate) == (1, 1, 1.0)
    assert (mine.overdue_now, mine.average_delay_days, mine.extensions) == (0, None, 0)
    # The other ministry: 2 reports due, none on time; delays 3 days (6 − 3 April) and
    # 96 days (unsent: 15 July − 10 April), average 49.5; its part of 1.1 is not completed and
    # 1.1 is past 30 June, still under control (executed, awaiting removal): 1 overdue.
    assert (theirs.reports_due, theirs.reports_on_time, theirs.on_time_submission_rate) == (2, 0, 0.0)
    assert sorted(theirs.late_delays) == [3, 96]
    assert theirs.average_delay_days == 49.5
    assert (theirs.completions_due, theirs.completed_on_time, theirs.on_time_completion_rate) == (1, 0, 0.0)
    assert (theirs.overdue_now, theirs.extensions) == (1, 1)
    assert [row.organization_id for row in discipline.league(figures)] == [ministry.pk, other_ministry.pk]


def test_a_period_still_running_counts_only_what_was_due(history, coordinator, ministry, other_ministry):
    # Seen with 5 April as today, only the co-executors' inputs (due 3 April) had fallen due.
    figures = discipline.discipline(
        user=coordinator,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        today=datetime.date(2026, 4, 5),
    )
    assert ministry.pk not in figures or figures[ministry.pk].reports_due == 0
    assert figures[other_ministry.pk].reports_due == 1
    assert figures[other_ministry.pk].late_delays == [3]  # sent 6 April, due 3 April


def test_figures_count_only_organisations_the_reader_may_see(history, coordinator):
    period = {
        "start": datetime.date(2026, 1, 1),
        "end": datetime.date(2026, 6, 30),
        "today": datetime.date(2026, 7, 15),
    }
    assert discipline.discipline(user=coordinator, **period)
    assert discipline.discipline(user=AnonymousUser(), **period) == {}
