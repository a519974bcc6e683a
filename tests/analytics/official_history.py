"""A plan with a first quarter of execution history, and what happened after the quarter ended, for
the official execution report's tests (imported into their modules as fixtures)."""

import datetime

import pytest

from koordinat.core import clock
from koordinat.execution import services as execution
from koordinat.execution.models import ControlItem
from koordinat.plans import services as plans
from tests.conftest import texts

Q1 = (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
LEAD_NARRATIVE = "Ağacəkmə aksiyası keçirilib, 12 stansiya quraşdırılıb; işlər şəhərdə davam edir."
LATE_NARRATIVE = "Отчёт соисполнителя принят после окончания квартала."
EXTENSION_REASON = "Podratçı ilə müqavilənin bağlanması gecikib."
LATER_REASON = "Yağışlar səbəbindən işlər dayandırılıb."
CANCEL_REASON = "Tədbir planın dəyişikliyi ilə ləğv edilib."


def at(day: datetime.date):
    return clock.at(datetime.datetime.combine(day, datetime.time(10), datetime.UTC))


def _submit(actor, report, **values):
    report = execution.report_save(
        actor=actor,
        report=report,
        version=report.version,
        **{"narrative_language": "az", "claimed_status": "in_progress", "progress": 40, **values},
    )
    return execution.report_submit(actor=actor, report=report, version=report.version)


def _accept(coordinator, report):
    return execution.report_review(actor=coordinator, report=report, version=report.version, accept=True)


@pytest.fixture
def official_plan(coordinator, center, ministry, other_ministry):
    """Section 1 "Ətraf mühit" and four measures, their texts in three languages (1.3 has no English)."""
    act = plans.legal_act_create(
        actor=coordinator, kind="order", number="9", date=datetime.date(2025, 12, 1), title=texts("Sərəncam")
    )
    plan = plans.plan_create(
        actor=coordinator,
        code="ECO-2026",
        kind="action_plan",
        title=texts(
            "Ətraf mühitin mühafizəsi planı", "План охраны окружающей среды", "Environmental protection plan"
        ),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        coordinator=center,
        approved_by=act,
        status="in_force",
    )

    def measure(number, text, deadline, executors):
        plans.measure_create(
            actor=coordinator,
            plan=plan,
            number=number,
            content=plans.MeasureContent(
                text=text,
                expected_result=texts(""),
                deadline_text=deadline,
                executors=executors,
                other_executors=texts(""),
            ),
        )

    measure("1", texts("Ətraf mühit", "Окружающая среда", "Environment"), "", [])
    measure(
        "1.1",
        texts(
            "Monitorinq şəbəkəsinin genişləndirilməsi",
            "Расширение сети мониторинга",
            "Extending the monitoring network",
        ),
        "2026-cı ilin II rübü",
        [ministry, other_ministry],
    )
    measure(
        "1.2",
        texts("Meşə bərpası", "Восстановление лесов", "Restoring forests"),
        "2026-cı ilin yanvar ayı",
        [other_ministry],
    )
    measure(
        "1.3", texts("Su ehtiyatlarının uçotu", "Учёт водных ресурсов", ""), "2026-cı ilin I rübü", [ministry]
    )
    measure(
        "1.4",
        texts("Köhnə tədbir", "Старое мероприятие", "A former measure"),
        "2026-cı ilin II rübü",
        [ministry],
    )
    return plan


@pytest.fixture
def official_history(official_plan, coordinator, executor, other_executor, ministry, other_ministry):
    """The first quarter of 2026, then April:

    - 1.1: the lead's report accepted on 15 March (in the quarter), the co-executor's on 5 April (after);
    - 1.2: due 31 January, extended on 22 January to 20 March (overdue at the quarter's end, with the
      reason given), extended again on 15 April (after the quarter);
    - 1.3: completed on 18 March, accepted on 20 March (executed by its date), taken off control on 10 April;
    - 1.4: cancelled on 1 March."""
    plan = official_plan
    with at(datetime.date(2026, 1, 5)):
        execution.control_items_sync(actor=coordinator, plan=plan)
    item = {
        item.measure.number: item
        for item in ControlItem.objects.filter(measure__plan=plan).select_related("measure")
    }
    with at(datetime.date(2026, 1, 20)):
        first = execution.extension_request(
            actor=other_executor,
            item=item["1.2"],
            new_date=datetime.date(2026, 3, 20),
            reason=EXTENSION_REASON,
        )
    with at(datetime.date(2026, 1, 22)):
        execution.extension_decide(actor=coordinator, extension=first, approve=True)
    with at(datetime.date(2026, 3, 1)):
        cycle = execution.cycle_open(
            actor=coordinator,
            plan=plan,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 2, 28),
            due_date=datetime.date(2026, 3, 10),
            kind="one_off",
            note="Yanvar–fevral",
        )
        execution.item_cancel(
            actor=coordinator, item=item["1.4"], version=item["1.4"].version, reason=CANCEL_REASON
        )
    reports = {
        (report.item.measure.number, report.is_lead): report
        for report in cycle.reports.select_related("item__measure")
    }
    with at(datetime.date(2026, 3, 10)):
        lead = _submit(executor, reports[("1.1", True)], narrative=LEAD_NARRATIVE)
        co = _submit(
            other_executor, reports[("1.1", False)], narrative=LATE_NARRATIVE, narrative_language="ru"
        )
        final = _submit(
            executor,
            reports[("1.3", True)],
            narrative="Uçot sistemi istismara verilib.",
            claimed_status="completed",
            progress=100,
            completed_on=datetime.date(2026, 3, 9),
        )
    with at(datetime.date(2026, 3, 15)):
        _accept(coordinator, lead)
    with at(datetime.date(2026, 3, 20)):
        final = _accept(coordinator, final)
    with at(datetime.date(2026, 4, 5)):
        _accept(coordinator, co)
    with at(datetime.date(2026, 4, 10)):
        current = ControlItem.objects.get(pk=item["1.3"].pk)
        execution.item_remove_from_control(
            actor=coordinator, item=current, version=current.version, reason="İcra olunub.", reports=[final]
        )
    with at(datetime.date(2026, 4, 14)):
        second = execution.extension_request(
            actor=other_executor, item=item["1.2"], new_date=datetime.date(2026, 6, 30), reason=LATER_REASON
        )
    with at(datetime.date(2026, 4, 15)):
        execution.extension_decide(actor=coordinator, extension=second, approve=True)
    return item
