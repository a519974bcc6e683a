"""The demo's public pages: the controllers of the published plans publish what the accepted reports
say of their measures, some in all three languages, some only in Azerbaijani (the portal then says
so), with the evidence the reports were sent with; a measure with no accepted report gets its public
status alone. The plan that ended before its control was kept in Koordinat is put under control and
closed at once, so that its measures can carry the status its controller gives them."""

import itertools

from django.db import transaction

from koordinat.accounts.models import Role, User
from koordinat.core import clock
from koordinat.plans.models import Plan

from .. import selectors, services
from ..models import ControlItem, ExecutionStatus, MeasurePublication, PublicStatus, Report

# What the controller writes in Russian and English beside the report's Azerbaijani narrative.
SUMMARIES = {
    PublicStatus.COMPLETED: {
        "ru": "Мероприятие выполнено полностью; отчёт исполнителя принят координатором.",
        "en": "The measure has been carried out in full; the executor's report was accepted by the coordinator.",
    },
    PublicStatus.IN_PROGRESS: {
        "ru": "Работа по мероприятию продолжается; очередной отчёт исполнителя принят координатором.",
        "en": "Work on the measure continues; the executor's latest report was accepted by the coordinator.",
    },
}
PAPER_CONTROL = (
    "Plan Koordinat-dan əvvəl başa çatıb; tədbirlərin icrasına nəzarət kağız üzərində aparılıb və "
    "yekun hesabatla təsdiqlənib."
)


def _controller(item: ControlItem, fallback: User) -> User:
    coordinator = (
        User.objects.filter(role=Role.COORDINATOR, organization_id=item.controller_id).order_by("pk").first()
    )
    return coordinator or fallback


def _close_ended_plans(admin: User) -> set[int]:
    """Completed plans without any control in Koordinat: their measures are put under control and
    the items cancelled with the reason (no report to remove them on). Returns the plans' ids."""
    ended = set()
    for plan in Plan.objects.published().filter(status=Plan.Status.COMPLETED).order_by("pk"):
        if ControlItem.objects.filter(plan=plan).exists():
            continue
        services.control_items_sync(actor=admin, plan=plan)
        for item in ControlItem.objects.filter(plan=plan).order_by("pk"):
            services.item_cancel(
                actor=_controller(item, admin), item=item, version=item.version, reason=PAPER_CONTROL
            )
        ended.add(plan.pk)
    return ended


def _status_without_report(item: ControlItem, ended: set[int]) -> str:
    """What the controller tells the public of a measure no accepted report speaks of yet."""
    if item.plan_id in ended:
        return PublicStatus.COMPLETED
    if item.control_status == ControlItem.Status.CANCELLED:
        return PublicStatus.CANCELLED
    if (
        item.control_status in ControlItem.RUNNING_STATUSES
        and item.control_date
        and item.control_date < clock.today()
    ):
        return PublicStatus.DELAYED
    return PublicStatus.NOT_STARTED


@transaction.atomic
def load() -> dict[str, int]:
    """Publish the latest accepted lead report of each measure of a published plan, the status alone
    where there is none; once."""
    if MeasurePublication.objects.exists():
        return {"public entries": 0}
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if admin is None:
        raise RuntimeError("Load the demo directory first (koordinat demo-data does both).")
    ended = _close_ended_plans(admin)
    reports = (
        Report.objects.filter(
            status=Report.Status.ACCEPTED, is_lead=True, item__measure__plan__in=Plan.objects.published()
        )
        .select_related("item")
        .order_by("item_id", "-reviewed_at", "-pk")
    )
    created = 0
    for index, (_item_id, group) in enumerate(itertools.groupby(reports, key=lambda report: report.item_id)):
        report = next(group)
        item = report.item
        status = (
            PublicStatus.COMPLETED
            if report.claimed_status == ExecutionStatus.COMPLETED
            else PublicStatus.IN_PROGRESS
        )
        summary = {"az": "", "ru": "", "en": "", report.narrative_language: report.narrative}
        if index % 2 == 0:  # every other one in all three languages; the rest as the report was written
            summary.update({code: text for code, text in SUMMARIES[status].items() if not summary.get(code)})
        services.measure_publication_save(
            actor=_controller(item, admin),
            item=item,
            version=0,
            status=status,
            summary=summary,
            source_report=report,
            evidence=list(selectors.publishable_evidence(report=report)),
        )
        created += 1
    for item in ControlItem.objects.filter(
        measure__plan__in=Plan.objects.published(), publication__isnull=True
    ).order_by("pk"):
        services.measure_publication_save(
            actor=_controller(item, admin),
            item=item,
            version=0,
            status=_status_without_report(item, ended),
            summary={},
            source_report=None,
        )
        created += 1
    return {"public entries": created}
