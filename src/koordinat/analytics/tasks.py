"""The worker's job that makes an official execution report (generation.official_report_generate)."""

from django_tasks import task

from . import generation


@task()
def generate_official_report(report_id: int) -> str:
    """Make the document; its row keeps the progress, the outcome and, on failure, why."""
    report = generation.official_report_generate(report_id=report_id)
    return report.status if report is not None else "skipped"
