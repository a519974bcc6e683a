"""The reminder ladder: who is reminded of what, on which working day, in their language, once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import TaskResultStatus

from koordinat.accounts.models import Role
from koordinat.core import clock
from koordinat.core.calendar import default_calendar
from koordinat.execution import services as execution
from koordinat.execution.models import ControlItem, Report
from koordinat.jobs import schedule
from koordinat.jobs.models import DailyRun
from koordinat.jobs.schedule import run_daily_job
from koordinat.meetings import services as meetings
from koordinat.notifications.kinds import Delivery
from koordinat.notifications.models import Notification
from koordinat.notifications.reminders import send_digests_for, send_reminders, steps_on
from koordinat.notifications.services import notify
from koordinat.plans import services as plans
from koordinat.plans.reminders import Ladder, default_ladder
from tests.conftest import texts
from tests.execution.test_services import submit
from tests.jobs.workers import make_worker

OPENED = datetime.date(2026, 4, 1)
DUE = datetime.date(2026, 4, 30)  # a Thursday; co-executors' inputs are due on Friday 24 April


def at_morning(day):
    return clock.at(datetime.datetime.combine(day, datetime.time(6), tzinfo=datetime.UTC))


def days(start, end):
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


def run(day):
    with at_morning(day):
        return send_reminders(day=day)


def sent(people, names=None, **filters):
    """(day written, recipient, kind, key) of every notice, sorted: `people` names the recipients,
    `names` the ids in keys (ids differ between databases)."""
    rows = []
    for notice in Notification.objects.filter(**filters):
        key = notice.key
        for pk, name in (names or {}).items():
            key = key.replace(f":{pk}:", f":{name}:")
        rows.append((notice.created_at.date(), people[notice.recipient_id], notice.kind, key))
    return sorted(rows)


@pytest.fixture
def april_cycle(coordinator, plan):
    with at_morning(OPENED):
        return execution.cycle_open(
            actor=coordinator,
            plan=plan,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 3, 31),
            due_date=DUE,
            today=OPENED,
        )


@pytest.fixture
def reports(april_cycle, ministry, other_ministry):
    return {
        "lead": april_cycle.reports.get(organization=ministry),
        "co": april_cycle.reports.get(organization=other_ministry, item__measure__number="1.1"),
        "other": april_cycle.reports.get(organization=other_ministry, item__measure__number="1.2"),
    }


def test_a_whole_cycle_day_by_day(client, reports, executor, head, coordinator, other_executor):
    """The ladder of each report, escalating; the same day twice adds nothing; the ministry's report
    sent on 4 May ends its ladder; every reader sees their notices in their own language."""
    executor.language, head.language, coordinator.language = "ru", "en", "az"
    for user in (executor, head, coordinator):
        user.save(update_fields=["language"])
    lead, co, other = "lead", "co", "other"
    for day in days(OPENED, datetime.date(2026, 5, 31)):
        if day == datetime.date(2026, 5, 4):
            with at_morning(day):
                submit(executor, reports["lead"])
        run(day)
        count = Notification.objects.count()
        run(day)
        assert Notification.objects.count() == count, day  # nobody gets the same reminder twice

    def on(day):
        return datetime.date(2026, *day)

    ex, hd, co_user, other_ex = "executor", "head", "coordinator", "other executor"
    people = {executor.pk: ex, head.pk: hd, coordinator.pk: co_user, other_executor.pk: other_ex}
    assert sent(people, {report.pk: name for name, report in reports.items()}) == sorted(
        [
            # The co-executor's input, due Friday 24 April: 10 and 3 working days before, the day...
            (on((4, 10)), other_ex, "report_due", f"ladder:report:{co}:before-10:2026-04-24"),
            (on((4, 16)), ex, "report_due", f"ladder:report:{lead}:before-10:2026-04-30"),
            (on((4, 16)), other_ex, "report_due", f"ladder:report:{other}:before-10:2026-04-30"),
            (on((4, 21)), other_ex, "report_due", f"ladder:report:{co}:before-3:2026-04-24"),
            (on((4, 24)), other_ex, "report_due", f"ladder:report:{co}:day:2026-04-24"),
            (on((4, 27)), ex, "report_due", f"ladder:report:{lead}:before-3:2026-04-30"),
            (on((4, 27)), other_ex, "report_due", f"ladder:report:{other}:before-3:2026-04-30"),
            (on((4, 27)), other_ex, "report_overdue", f"ladder:report:{co}:overdue-1:2026-04-24"),
            (on((4, 30)), ex, "report_due", f"ladder:report:{lead}:day:2026-04-30"),
            (on((4, 30)), other_ex, "report_due", f"ladder:report:{other}:day:2026-04-30"),
            # 1 working day overdue: the ministry's head too (the other ministry has no head user).
            (on((5, 1)), ex, "report_overdue", f"ladder:report:{lead}:overdue-1:2026-04-30"),
            (on((5, 1)), hd, "escalation", f"ladder:report:{lead}:overdue-1:2026-04-30"),
            (on((5, 1)), other_ex, "report_overdue", f"ladder:report:{other}:overdue-1:2026-04-30"),
            # 7 working days overdue: the controller (the plan's coordinating Center, its coordinator).
            (on((5, 5)), co_user, "escalation", f"ladder:report:{co}:overdue-7:2026-04-24"),
            (on((5, 5)), other_ex, "report_overdue", f"ladder:report:{co}:overdue-7:2026-04-24"),
            # 9 May is a Saturday, so Monday 11 May is a day off: the 7th working day after 30 April is
            # the 12th. The ministry sent its report on 4 May: nothing more about it.
            (on((5, 12)), co_user, "escalation", f"ladder:report:{other}:overdue-7:2026-04-30"),
            (on((5, 12)), other_ex, "report_overdue", f"ladder:report:{other}:overdue-7:2026-04-30"),
        ]
    )
    texts_by_reader = {
        people[user.pk]: [
            notice.text(user.language) for notice in Notification.objects.filter(recipient=user)
        ]
        for user in (executor, head, coordinator)
    }
    assert (
        texts_by_reader[ex]
        == [
            "Срок представления отчёта по CTRL-1 1.1. Monitorinq — 30 апреля 2026 г.",
            "Срок представления отчёта по CTRL-1 1.1. Monitorinq — 30 апреля 2026 г.",
            "Срок представления отчёта по CTRL-1 1.1. Monitorinq — 30 апреля 2026 г.",
            "Отчёт по CTRL-1 1.1. Monitorinq должен был быть представлен 30 апреля 2026 г., но не отправлен.",
        ][::-1]
    )
    assert texts_by_reader[hd] == [
        "CTRL-1 1.1. Monitorinq is 1 working day overdue; "
        "Organisation Ekologiya və Təbii Sərvətlər Nazirliyi has not done it."
    ]
    assert texts_by_reader[co_user] == [
        "CTRL-1 1.2. Meşə bərpası üzrə müddət 7 iş günü keçib; Energetika Nazirliyi onu icra etməyib.",
        "CTRL-1 1.1. Monitorinq üzrə müddət 7 iş günü keçib; Energetika Nazirliyi onu icra etməyib.",
    ]
    # The notifications page shows each reader the same words, in their language.
    for user, language, words in (
        (executor, "ru", "должен был быть представлен 30 апреля 2026 г., но не отправлен"),
        (head, "en", "is 1 working day overdue"),
        (coordinator, "az", "üzrə müddət 7 iş günü keçib"),
    ):
        client.force_login(user)
        page = client.get(f"/{language}/notifications/").content.decode()
        assert words in page


CALENDAR = default_calendar([2026])


def before(control_date, days):
    return CALENDAR.add_working_days(control_date, -days)


def after(control_date, days):
    return CALENDAR.add_working_days(control_date, days)


def kinds_of(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", "key"))


def test_the_days_of_the_default_ladder(db):
    """A step on a day off goes to the working day before; a day off sends nothing."""
    assert default_ladder() == Ladder(before=(10, 3), overdue=(1, 7), head=1, controller=7)
    assert steps_on(datetime.date(2026, 4, 30), default_ladder(), CALENDAR)[datetime.date(2026, 4, 30)] == 0
    # Saturday 2 May and Sunday 3 May: "on the day" on Friday 1 May, also 1 day after Thursday 30 April.
    friday = steps_on(datetime.date(2026, 5, 1), default_ladder(), CALENDAR)
    assert friday[datetime.date(2026, 5, 2)] == friday[datetime.date(2026, 5, 3)] == 0
    assert friday[datetime.date(2026, 4, 30)] == 1
    assert steps_on(datetime.date(2026, 5, 2), default_ladder(), CALENDAR) == {}
    assert run(datetime.date(2026, 5, 2)) == {"day": "2026-05-02", "reminders": 0}


def test_a_returned_report_is_owed_from_the_day_it_came_back(reports, executor, head, coordinator):
    """Returned after its due date: reminded 1 and 7 working days after the return; sent again, no more."""
    report = reports["lead"]
    with at_morning(datetime.date(2026, 5, 4)):
        report = submit(executor, report)
    returned_on = datetime.date(2026, 5, 6)
    with at_morning(returned_on):
        execution.report_review(
            actor=coordinator, report=report, version=report.version, accept=False, comment="Sübut yoxdur"
        )
    run(returned_on)
    assert kinds_of(executor) == []  # the day it came back, its own notice tells them
    run(after(returned_on, 1))
    key = f"ladder:report:{report.pk}:overdue-1:2026-05-06"
    assert kinds_of(executor) == [("report_overdue", key)]
    assert kinds_of(head) == [("escalation", key)]
    report.refresh_from_db()
    with at_morning(datetime.date(2026, 5, 8)):
        submit(executor, report)
    run(after(returned_on, 7))
    assert kinds_of(executor) == [("report_overdue", key)]
    assert kinds_of(coordinator) == []


def test_a_report_waiting_for_its_head_reminds_the_head(reports, executor, head, ministry):
    ministry.reports_need_head_approval = True
    ministry.save(update_fields=["reports_need_head_approval"])
    report = reports["lead"]
    with at_morning(datetime.date(2026, 4, 20)):
        report = submit(executor, report)
    assert report.status == Report.Status.AWAITING_APPROVAL
    run(before(DUE, 3))
    key = f"ladder:approval:{report.pk}:before-3:2026-04-30"
    assert kinds_of(head) == [("approval_waiting", key)]
    assert kinds_of(executor) == []  # they sent it: nothing is owed by them
    assert Notification.objects.get(recipient=head).text("en") == (
        "The report of Organisation Ekologiya və Təbii Sərvətlər Nazirliyi on CTRL-1 1.1. Monitorinq "
        "waits for your approval."
    )
    with at_morning(datetime.date(2026, 4, 28)):
        execution.report_head_decide(actor=head, report=report, version=report.version, approve=True)
    run(DUE)
    assert kinds_of(head) == [("approval_waiting", key)]


def test_an_extension_request_waits_for_the_controller(reports, executor, coordinator):
    item = reports["lead"].item
    control_date = item.control_date  # 30 June 2026
    with at_morning(datetime.date(2026, 6, 1)):
        extension = execution.extension_request(
            actor=executor, item=item, new_date=datetime.date(2026, 9, 30), reason="Gecikmə"
        )
    run(before(control_date, 3))
    key = f"ladder:extension:{extension.pk}:before-3:{control_date}"
    assert kinds_of(coordinator) == [("extension_waiting", key)]
    with at_morning(datetime.date(2026, 6, 26)):
        execution.extension_decide(actor=coordinator, extension=extension, approve=False, comment="Yox")
    run(control_date)
    assert kinds_of(coordinator) == [("extension_waiting", key)]


def test_circulated_minutes_wait_for_the_chair(minutes, secretary, chair):
    circulated_on = datetime.date(2026, 4, 1)
    with at_morning(circulated_on):
        minutes = meetings.minutes_circulate(actor=secretary, minutes=minutes, version=minutes.version)
    run(circulated_on)
    assert kinds_of(chair) == []
    run(after(circulated_on, 1))
    key = f"ladder:minutes:{minutes.pk}:overdue-1:2026-04-01"
    assert kinds_of(chair) == [("minutes_waiting", key)]
    assert Notification.objects.get(recipient=chair).text("en") == (
        "Minutes No. 12 of Working group on ecology — 1 wait for your approval."
    )
    type(minutes).objects.filter(pk=minutes.pk).update(
        status="approved"
    )  # as the chair's approval leaves them
    run(after(circulated_on, 7))
    assert kinds_of(chair) == [("minutes_waiting", key)]


@pytest.fixture
def instruction(coordinator, center, ministry):
    with at_morning(OPENED):
        return meetings.instruction_register(
            actor=coordinator,
            number="3",
            text=texts("Hesabat hazırlansın", "Подготовить отчёт", "Prepare a report"),
            control_date=datetime.date(2026, 5, 29),
            controller=center,
            executors=[ministry],
            letter_reference="Məktub 12/4",
        )


def test_an_instruction_due_reminds_its_executor_until_it_reports(instruction, executor, coordinator):
    control_date = datetime.date(2026, 5, 29)
    item = instruction.control
    run(before(control_date, 3))
    [notice] = Notification.objects.filter(recipient=executor)
    assert (notice.kind, notice.key) == (
        "instruction_due",
        f"ladder:instruction:{item.assignments.get().pk}:before-3:2026-05-29",
    )
    assert notice.text("en") == "Instruction Məktub 12/4, 3. Prepare a report is due on 29 May 2026."
    report = Report.objects.get(item=item)
    with at_morning(datetime.date(2026, 5, 27)):
        submit(executor, report)
    run(control_date)
    run(after(control_date, 7))
    assert Notification.objects.filter(recipient=executor).count() == 1
    assert kinds_of(coordinator) == []


def test_an_instruction_overdue_escalates_and_an_executed_item_is_not_reminded(
    instruction, executor, head, coordinator
):
    control_date = datetime.date(2026, 5, 29)
    run(after(control_date, 7))
    assert [kind for kind, _key in kinds_of(executor)] == ["instruction_overdue"]
    assert [kind for kind, _key in kinds_of(head)] == ["escalation"]
    assert [kind for kind, _key in kinds_of(coordinator)] == ["escalation"]
    ControlItem.objects.filter(pk=instruction.control.pk).update(control_status=ControlItem.Status.EXECUTED)
    Notification.objects.all().delete()
    run(after(control_date, 1))
    run(after(control_date, 7))
    assert not Notification.objects.exists()


def test_a_report_accepted_or_an_item_executed_is_not_reminded(reports, executor, coordinator):
    report = reports["lead"]
    with at_morning(datetime.date(2026, 4, 20)):
        report = submit(executor, report)
        execution.report_review(actor=coordinator, report=report, version=report.version, accept=True)
    ControlItem.objects.filter(pk=reports["other"].item_id).update(control_status=ControlItem.Status.EXECUTED)
    run(DUE)
    assert Notification.objects.filter(key__contains=f":{report.pk}:").count() == 0
    assert Notification.objects.filter(key__contains=f":{reports['other'].pk}:").count() == 0


def test_a_plans_own_ladder_overrides_the_installations(plan, reports, coordinator, executor, head):
    plans.plan_update(
        actor=coordinator,
        plan=plan,
        version=plan.version,
        kind=plan.kind,
        title=texts(plan.title_az),
        period_start=plan.period_start,
        period_end=plan.period_end,
        coordinator=plan.coordinator,
        owning_body=None,
        approved_by=plan.approved_by,
        status=plan.status,
        reporting_periodicity=plan.reporting_periodicity,
        report_due_days=plan.report_due_days,
        reminder_ladder={"before": [5], "overdue": [2], "head": 2, "controller": 2},
    )
    for day in days(OPENED, datetime.date(2026, 5, 31)):
        run(day)
    report = reports["lead"].pk
    assert sorted(
        Notification.objects.filter(key__contains=f":{report}:").values_list("kind", "key")
    ) == sorted(
        [
            ("report_due", f"ladder:report:{report}:before-5:2026-04-30"),
            ("report_due", f"ladder:report:{report}:day:2026-04-30"),
            ("report_overdue", f"ladder:report:{report}:overdue-2:2026-04-30"),
            ("escalation", f"ladder:report:{report}:overdue-2:2026-04-30"),
            ("escalation", f"ladder:report:{report}:overdue-2:2026-04-30"),
        ]
    )
    assert sorted(
        Notification.objects.filter(kind="escalation", key__contains=f":{report}:").values_list(
            "recipient_id", flat=True
        )
    ) == sorted([head.pk, coordinator.pk])
    assert Notification.objects.filter(key__contains=f":{report}:", created_at__date=before(DUE, 5)).exists()


def test_the_run_reads_in_a_constant_number_of_queries(coordinator, plan, april_cycle, make_user, ministry):
    """Reports, people and organisations are read once each, however many are due."""

    def queries():
        Notification.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            run(DUE)
        return len(captured)

    make_user(Role.EXECUTOR, ministry, email="second@koordinat.test")
    few = queries()
    for number in range(3, 13):
        plans.measure_create(
            actor=coordinator,
            plan=plan,
            number=f"1.{number}",
            content=plans.MeasureContent(
                text=texts(f"Tədbir {number}"),
                expected_result=texts(""),
                deadline_text="2026-cı ilin II rübü",
                executors=[ministry],
                other_executors=texts(""),
            ),
        )
    execution.cycle_open(
        actor=coordinator,
        plan=plan,
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2026, 4, 15),
        due_date=DUE,
        kind="one_off",
        today=OPENED,
    )
    assert Report.objects.filter(due_date=DUE).count() > 10
    assert queries() == few


def test_the_run_refuses_a_day_out_of_range():
    with pytest.raises(ValidationError):
        send_reminders(day=datetime.date(1, 1, 1))


REMINDERS = "koordinat.notifications.reminders.send_reminders"
DIGESTS = "koordinat.notifications.reminders.send_digests_for"


@pytest.mark.django_db(transaction=True)
def test_the_schedule_runs_the_reminders_and_digests_once_a_day(queue):
    jobs = schedule.daily_jobs()
    start = jobs.index(REMINDERS)
    assert jobs[start : start + 2] == [REMINDERS, DIGESTS]
    # after execution's and meetings' jobs (the apps above, e.g. the dialogue's reminders, come later)
    assert not [job for job in jobs[start:] if job.startswith(("koordinat.execution", "koordinat.meetings"))]
    make_worker().run()
    make_worker("worker-2").run()
    today = schedule.schedule_day(timezone.now())
    runs = DailyRun.objects.filter(job__in=[REMINDERS, DIGESTS]).select_related("result")
    assert sorted((run.job, run.day, run.result.status) for run in runs) == sorted(
        [(REMINDERS, today, TaskResultStatus.SUCCESSFUL), (DIGESTS, today, TaskResultStatus.SUCCESSFUL)]
    )
    reminders = runs.get(job=REMINDERS).result.return_value
    assert reminders == {"day": today.isoformat(), "reminders": 0}
    assert runs.get(job=DIGESTS).result.return_value == {
        "day": (today - datetime.timedelta(days=1)).isoformat(),
        "digests": 0,
    }
    assert schedule.enqueue_due() == []  # the day's runs are done: none again


def test_the_scheduled_task_writes_the_days_reminders(reports, executor):
    assert run_daily_job.call(job=REMINDERS, day=DUE.isoformat()) == {"day": "2026-04-30", "reminders": 1}
    assert kinds_of(executor) == [("report_due", f"ladder:report:{reports['lead'].pk}:day:2026-04-30")]


def test_the_digest_job_mails_the_day_befores_digest(executor, notice, mailoutbox):
    with at_morning(datetime.date(2026, 4, 29)):
        notify([notice(executor)])
    Notification.objects.update(mail=Delivery.DIGEST)
    assert send_digests_for(day=datetime.date(2026, 4, 29)) == {"day": "2026-04-28", "digests": 0}
    assert send_digests_for(day=datetime.date(2026, 4, 30)) == {"day": "2026-04-29", "digests": 1}
    assert send_digests_for(day=datetime.date(2026, 4, 30)) == {"day": "2026-04-29", "digests": 0}
    assert len(mailoutbox) == 1
