"""The daily reminder run at national size: one day's ladder over 200,000 measures and 1,000,000 reports.

The day is the first working day after the date most open reports are due, so the run writes the
"1 working day overdue" step of tens of thousands of reports to their focal points and heads (with
every other step and kind that falls on it). The generated data has no focal points or heads; the
scenario adds one of each to every organisation (untimed, once)."""

import datetime
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Count

from bench.run import Scenario
from koordinat.accounts.models import Role, User
from koordinat.core.calendar import default_calendar
from koordinat.directory.models import Organization
from koordinat.execution.models import Report, ReportingCycle
from koordinat.notifications.reminders import send_reminders, step_name, steps_on
from koordinat.plans.reminders import default_ladder

KEYS = "ladder:%"


class _Rollback(Exception):
    pass


def _staff() -> int:
    """A focal point and a head for every organisation, as a national installation has them."""
    password = make_password(None)
    User.objects.bulk_create(
        [
            User(
                email=f"bench-{role}-{pk}@koordinat.test",
                password=password,
                role=role,
                organization_id=pk,
                language=("az", "ru", "en")[pk % 3],
            )
            for pk in Organization.objects.values_list("pk", flat=True)
            for role in (Role.EXECUTOR, Role.HEAD)
        ],
        ignore_conflicts=True,
    )
    return User.objects.filter(email__startswith="bench-", role__in=[Role.EXECUTOR, Role.HEAD]).count()


def _busiest_day() -> datetime.date:
    due = (
        Report.objects.filter(
            cycle__status=ReportingCycle.Status.OPEN, status__in=[Report.Status.DRAFT, Report.Status.RETURNED]
        )
        .values("due_date")
        .annotate(n=Count("pk"))
        .order_by("-n", "due_date")
        .values_list("due_date", flat=True)
        .first()
    )
    assert due is not None, "generate reports first"
    calendar = default_calendar([due.year, due.year + 1])
    return calendar.add_working_days(due, 1)


# The same notices written by one INSERT ... SELECT: each due report's and instruction's focal points,
# heads and controllers by step, as reminders.Run selects them (its texts cut short by SQL's left()).
LIMIT_SQL = """
WITH steps(control_date, step, days) AS (SELECT * FROM unnest(%(dates)s::date[], %(names)s::text[], %(days)s::int[])),
reports AS (
    SELECT r.id, r.organization_id, r.due_date, i.controller_id, i.controller_person_id, p.code, m.number,
           m.text_az, m.text_ru, m.text_en,
           GREATEST(r.due_date, (r.reviewed_at AT TIME ZONE %(zone)s)::date) AS control_date,
           COALESCE((r.reviewed_at AT TIME ZONE %(zone)s)::date > r.due_date, false) AS late
    FROM execution_report r
    JOIN execution_reportingcycle c ON c.id = r.cycle_id
    JOIN execution_controlitem i ON i.id = r.item_id
    JOIN plans_measure m ON m.id = i.measure_id
    JOIN plans_plan p ON p.id = i.plan_id
    WHERE r.status IN ('draft', 'returned') AND c.status = 'open'
      AND i.control_status IN ('on_control', 'extended')
      AND (r.due_date = ANY(%(dates)s::date[])
           OR (r.reviewed_at >= %(from)s AND r.reviewed_at < %(until)s))
),
report_steps AS (
    SELECT d.*, s.step, s.days FROM reports d
    JOIN steps s ON s.control_date = d.control_date AND (NOT d.late OR s.days > 0)
),
instructions AS (
    SELECT a.id, a.organization_id, i.id AS item_id, i.control_date, i.controller_id, i.controller_person_id,
           s.step, s.days, n.text_az, n.text_ru, n.text_en, n.number
    FROM execution_assignment a
    JOIN execution_controlitem i ON i.id = a.item_id
    JOIN meetings_instruction n ON n.id = i.instruction_id
    JOIN steps s ON s.control_date = i.control_date
    WHERE i.control_status IN ('on_control', 'extended')
      AND NOT EXISTS (SELECT 1 FROM execution_report x WHERE x.assignment_id = a.id
                      AND x.status IN ('awaiting_approval', 'submitted', 'accepted'))
),
owed AS (
    SELECT u.id AS recipient_id,
           CASE WHEN u.role = 'executor' THEN CASE WHEN d.days > 0 THEN 'report_overdue' ELSE 'report_due' END
                ELSE 'escalation' END AS kind,
           'ladder:report:' || d.id || ':' || d.step || ':' || d.control_date AS key,
           '/control/reports/' || d.id || '/' AS target,
           jsonb_build_object('item', jsonb_build_object('az', d.code || ' ' || d.number || '. ' || left(d.text_az, 90),
                                                         'ru', d.code || ' ' || d.number || '. ' || left(d.text_ru, 90),
                                                         'en', d.code || ' ' || d.number || '. ' || left(d.text_en, 90)),
                              'date', d.due_date) AS params,
           u.role <> 'executor' AS is_escalation
    FROM report_steps d
    JOIN LATERAL (
        SELECT id, role FROM accounts_user WHERE is_active AND organization_id = d.organization_id
            AND (role = 'executor' OR (role = 'head' AND d.days >= %(head)s))
        UNION ALL
        SELECT id, role FROM accounts_user WHERE is_active AND organization_id = d.controller_id
            AND role = 'coordinator' AND d.days >= %(controller)s
    ) u ON true
    UNION ALL
    SELECT u.id,
           CASE WHEN u.role = 'executor' THEN CASE WHEN d.days > 0 THEN 'instruction_overdue' ELSE 'instruction_due' END
                ELSE 'escalation' END,
           'ladder:instruction:' || d.id || ':' || d.step || ':' || d.control_date,
           '/control/items/' || d.item_id || '/',
           jsonb_build_object('item', jsonb_build_object('az', d.number || '. ' || left(d.text_az, 90),
                                                         'ru', d.number || '. ' || left(d.text_ru, 90),
                                                         'en', d.number || '. ' || left(d.text_en, 90)),
                              'date', d.control_date),
           u.role <> 'executor'
    FROM instructions d
    JOIN LATERAL (
        SELECT id, role FROM accounts_user WHERE is_active AND organization_id = d.organization_id
            AND (role = 'executor' OR (role = 'head' AND d.days >= %(head)s))
        UNION ALL
        SELECT id, role FROM accounts_user WHERE is_active AND organization_id = d.controller_id
            AND role = 'coordinator' AND d.days >= %(controller)s
    ) u ON true
)
INSERT INTO notifications_notification (recipient_id, kind, key, target, params, is_escalation, mail, created_at)
SELECT recipient_id, kind, key, target, params, is_escalation, 'immediate', now() FROM owed
ON CONFLICT (recipient_id, key) DO UPDATE SET kind = EXCLUDED.kind
"""


def daily_reminders() -> Scenario:
    staff = _staff()
    day = _busiest_day()
    ladder = default_ladder()
    calendar = default_calendar([day.year - 1, day.year, day.year + 1])
    steps = steps_on(day, ladder, calendar)
    late = [control_date for control_date, days in steps.items() if days > 0]

    def start(date: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(date, datetime.time.min, tzinfo=connection.timezone).astimezone(
            datetime.UTC
        )

    params: dict[str, Any] = {
        "dates": sorted(steps),
        "names": [step_name(steps[date]) for date in sorted(steps)],
        "days": [steps[date] for date in sorted(steps)],
        "zone": connection.timezone_name,
        "from": start(min(late)),
        "until": start(max(late) + datetime.timedelta(days=1)),
        "head": ladder.head,
        "controller": ladder.controller,
    }

    def run() -> int:
        return int(send_reminders(day=day)["reminders"])

    def limit() -> int:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(LIMIT_SQL, params)
                count = cursor.rowcount
                raise _Rollback
        except _Rollback:
            return count

    def reset() -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM notifications_notification WHERE key LIKE %s", [KEYS])
            cursor.execute(
                "DELETE FROM django_tasks_database_dbtaskresult WHERE task_path = %s AND status = 'READY'",
                ["koordinat.notifications.tasks.send_notifications"],
            )

    reset()
    due = Report.objects.filter(due_date__in=list(steps)).count()
    return Scenario(
        name="notifications.daily_reminders",
        description=(
            f"the reminder run of {day} (a day's ladder steps of {len(steps)} control dates, {due} reports due on "
            f"them; {staff} focal points and heads): select who is owed what, write the notices"
        ),
        run=run,
        limit=limit,
        limit_description="one INSERT ... SELECT writing the same notices (rolled back)",
        same_answer=lambda real, fastest: real == fastest,
        rows=None,
        iterations=3,
        reset=reset,
    )


def scenarios() -> list[Scenario]:
    return [daily_reminders()]
