"""What the report page's one form posts: the report's fields as the page shows them, and the
button pressed (save, submit, attach, remove) with the evidence fields (prefix "evidence-")."""

from typing import Any

from koordinat.execution.models import Report


def page_data(report: Report, **typed: Any) -> dict[str, Any]:
    """The report as saved, as its page's form holds it, then what the person typed over it."""
    report = Report.objects.get(pk=report.pk)
    data: dict[str, Any] = {
        "version": report.version,
        "narrative": report.narrative,
        "narrative_language": report.narrative_language,
        "claimed_status": report.claimed_status,
        "progress": report.progress,
        "completed_on": report.completed_on.isoformat() if report.completed_on else "",
    }
    data.update({f"actual_{actual.indicator_id}": actual.value for actual in report.actuals.all()})
    data.update(typed)
    return data
