"""Reads of analytics' own rows, each limited to what the reader may see."""

from typing import Any

from django.db.models import QuerySet

from koordinat.plans.models import Plan

from .models import OfficialReport


def official_reports(*, user: Any, plan: Plan) -> QuerySet[OfficialReport]:
    """The plan's documents, newest first, without their snapshots (read only to make the file)."""
    return (
        OfficialReport.objects.visible_to(user)
        .filter(plan=plan)
        .defer("snapshot")
        .select_related("requested_by__person", "requested_by__organization")
    )


def official_report_get(*, user: Any, pk: int) -> OfficialReport:
    return OfficialReport.objects.visible_to(user).defer("snapshot").select_related("plan").get(pk=pk)
