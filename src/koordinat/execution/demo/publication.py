"""The demo's public pages: the controllers of the published plans publish what the accepted reports
say of their measures, some in all three languages, some only in Azerbaijani (the portal then says
so), with the evidence the reports were sent with."""

import itertools

from django.db import transaction

from koordinat.accounts.models import Role, User
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


def _controller(item: ControlItem, fallback: User) -> User:
    coordinator = (
        User.objects.filter(role=Role.COORDINATOR, organization_id=item.controller_id).order_by("pk").first()
    )
    return coordinator or fallback


@transaction.atomic
def load() -> dict[str, int]:
    """Publish the latest accepted lead report of each measure of a published plan; once."""
    if MeasurePublication.objects.exists():
        return {"public entries": 0}
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if admin is None:
        raise RuntimeError("Load the demo directory first (koordinat demo-data does both).")
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
        controller = _controller(item, admin)
        services.measure_publication_save(
            actor=controller,
            item=item,
            version=0,
            status=status,
            summary=summary,
            source_report=report,
            evidence=list(selectors.publishable_evidence(report=report)),
        )
        created += 1
    return {"public entries": created}
