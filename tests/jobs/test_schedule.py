"""The schedule: each daily job once a day however many workers run, missed days caught up in order."""

import datetime
import threading

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from koordinat.jobs import schedule
from koordinat.jobs.models import DailyRun

from . import tasks
from .conftest import DAILY
from .workers import make_worker

TODAY = timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def ran_last_on(day: datetime.date) -> None:
    """The job's last run before the workers stopped (the downtime): `day`, finished."""
    DailyRun.objects.create(job=DAILY, day=day)


def workers_together(count: int) -> list[BaseException]:
    """`count` workers started at the same moment, each in its own thread with its own database
    connection, each running until the queue is empty; what any of them raised."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            barrier.wait()
            make_worker(name).run()
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(f"worker-{n}",)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    return errors


@pytest.fixture
def first_looks_together(monkeypatch):
    """Both workers' first look at the schedule finds the same day due before either enqueues it, so
    both try to: the race the day's unique run must settle."""
    barrier = threading.Barrier(2, timeout=10)
    looked = threading.local()
    next_day = schedule.next_day

    def in_step(job, due):
        day = next_day(job, due)
        if threading.current_thread() is not threading.main_thread() and not getattr(looked, "once", False):
            looked.once = True
            barrier.wait()
        return day

    monkeypatch.setattr(schedule, "next_day", in_step)


@pytest.mark.django_db(transaction=True)
def test_two_workers_run_each_day_of_a_scheduled_job_once_and_in_order(
    queue, only_test_schedule, first_looks_together
):
    ran_last_on(days_ago(3))
    assert workers_together(2) == []
    assert [days_ago(2).isoformat(), days_ago(1).isoformat(), TODAY.isoformat()] == tasks.RUNS
    runs = DailyRun.objects.filter(job=DAILY, day__gt=days_ago(3)).order_by("day")
    assert [(run.day, run.result.status, run.result.return_value) for run in runs] == [
        (day, "SUCCESSFUL", day.isoformat()) for day in (days_ago(2), days_ago(1), TODAY)
    ]
    # Each ran once, and workers looking at the schedule again find nothing more to do.
    assert schedule.enqueue_due() == []


@pytest.mark.django_db
def test_a_fresh_installation_starts_with_today(queue, only_test_schedule):
    (run,) = schedule.enqueue_due()
    assert run.day == TODAY
    assert schedule.enqueue_due() == []  # the day's run is already queued


@pytest.mark.django_db(transaction=True)  # the worker's loop closes connections as it goes
def test_after_long_downtime_only_the_last_days_are_caught_up(queue, only_test_schedule, settings):
    settings.KOORDINAT_SCHEDULE_CATCH_UP_DAYS = 3
    ran_last_on(days_ago(30))
    make_worker().run()
    assert [days_ago(2).isoformat(), days_ago(1).isoformat(), TODAY.isoformat()] == tasks.RUNS


@pytest.mark.django_db
def test_the_next_day_waits_for_the_previous_one(queue, only_test_schedule):
    ran_last_on(days_ago(2))
    (first,) = schedule.enqueue_due()
    assert first.day == days_ago(1)
    assert schedule.enqueue_due() == []  # days_ago(1) is still queued: today comes after it


@pytest.mark.django_db
def test_the_days_jobs_are_due_from_the_hour_set(queue, settings):
    settings.KOORDINAT_DAILY_JOBS_HOUR = 5
    morning = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(4, 59)))
    assert schedule.schedule_day(morning) == days_ago(1)
    assert schedule.schedule_day(morning + datetime.timedelta(minutes=1)) == TODAY


@pytest.mark.django_db
def test_a_job_no_app_declares_is_refused(queue, only_test_schedule):
    from koordinat.jobs.schedule import run_daily_job

    with pytest.raises(LookupError, match=r"os\.system"):
        run_daily_job.call(job="os.system", day=TODAY.isoformat())


def test_every_app_declares_its_daily_jobs():
    assert schedule.daily_jobs() == [
        "koordinat.plans.jobs.purge_abandoned_imports",
        "koordinat.execution.jobs.open_due_cycles",
        "koordinat.execution.jobs.mark_overdue_items",
        "koordinat.execution.jobs.purge_abandoned_evidence",
        "koordinat.analytics.forecast.jobs.refresh_forecast",
        "koordinat.notifications.reminders.send_reminders",
        "koordinat.notifications.reminders.send_digests_for",
        "koordinat.dialogue.reminders.send_answer_reminders",
    ]
