"""The reminder ladder: who is reminded of what, on which working day, in their language, once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koordinat.accounts.models import Role
from koordinat.core import clock
from koordinat.core.calendar import default_calendar
from koordinat.execution import services as execution
from koordinat.execution.models import ControlItem, Report
from koordinat.meetings import services as meetings
from koordinat.notifications.models import Notification
from koordinat.notifications.reminders import send_reminders, steps_on
from koordinat.plans import services as plans
from koordinat.plans.reminders import Ladder, default_ladder
from tests.conftest import texts
from tests.execution.test_services import submit

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
