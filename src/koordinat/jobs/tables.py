"""The jobs page's table (see core.tables)."""

import datetime
import uuid
from html import escape
from typing import Any

from django.conf import settings
from django.core.paginator import Page
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from koordinat.core.tables import Column, Table, date_formatter, hint

from .models import STATUS_LABELS

TAG_COLOURS = {
    TaskResultStatus.READY: "blue",
    TaskResultStatus.RUNNING: "yellow",
    TaskResultStatus.SUCCESSFUL: "green",
    TaskResultStatus.FAILED: "red",
}
DAILY_JOB = "koordinat.jobs.schedule.run_daily_job"


def job_name(job: DBTaskResult) -> SafeString:
    """The task's function, and for a scheduled job the daily job and its day."""
    if job.task_path == DAILY_JOB:
        kwargs = (job.args_kwargs or {}).get("kwargs", {})
        module, _dot, name = str(kwargs.get("job", "")).rpartition(".")
        day = date_formatter("DATE_FORMAT")(_iso_date(kwargs.get("day")))
        text = gettext("daily, for %(day)s") % {"day": day}
        return mark_safe(f"<code>{escape(name)}</code>" + hint(f"{module} · {text}"))
    module, _dot, name = job.task_path.rpartition(".")
    return mark_safe(f"<code>{escape(name)}</code>" + hint(module))


def _iso_date(value: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def last_error(job: DBTaskResult) -> SafeString | str:
    """The exception's last line, the whole traceback folded under it."""
    if not job.exception_class_path:
        return "—"
    lines = job.traceback.strip().splitlines()
    summary = escape(lines[-1] if lines else job.exception_class_path)
    details = escape(gettext("Traceback"))
    return mark_safe(
        f'{summary}<details class="govuk-details govuk-!-margin-bottom-0"><summary class="govuk-details__summary">'
        f'<span class="govuk-details__summary-text">{details}</span></summary>'
        f'<div class="govuk-details__text"><pre class="govuk-body-s">{escape(job.traceback)}</pre></div></details>'
    )


def jobs_table(page: Page, *, csrf_token: str, narrowed: bool) -> Table[DBTaskResult]:
    moment = date_formatter("DATETIME_FORMAT")
    # Reversed once for the table (as core.tables.url_of_each does for numbers), with a UUID in place.
    placeholder = str(uuid.UUID(int=0))
    retry_address = reverse("jobs:retry", args=[placeholder])

    def retry_url(pk: Any) -> str:
        return retry_address.replace(placeholder, str(pk))

    retry_text = escape(gettext("Try again"))
    waiting = gettext("queued to try again")
    limit = settings.KOORDINAT_JOB_ATTEMPTS
    labels = {status: escape(str(label)) for status, label in STATUS_LABELS.items()}

    def status(job: DBTaskResult) -> SafeString:
        tag = f'<strong class="govuk-tag govuk-tag--{TAG_COLOURS[job.status]}">{labels[job.status]}</strong>'
        if job.status == TaskResultStatus.READY and job.exception_class_path:
            tag += hint(waiting)
        if job.status == TaskResultStatus.FAILED:
            tag += (
                f'<form method="post" action="{retry_url(job.pk)}" class="govuk-!-margin-top-2">'
                f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
                f'<button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" '
                f'data-module="govuk-button">{retry_text}</button></form>'
            )
        return mark_safe(tag)

    def attempts(job: DBTaskResult) -> str:
        return gettext("%(attempts)s of %(limit)s") % {"attempts": len(job.worker_ids), "limit": limit}

    total = page.paginator.count
    caption = (
        ngettext("%(total)s job in this status", "%(total)s jobs in this status", total)
        if narrowed
        else ngettext("%(total)s job", "%(total)s jobs", total)
    ) % {"total": total}
    return Table(
        caption=caption,
        columns=[
            Column(_("Job"), job_name, row_header=True),
            Column(_("Status"), status),
            Column(_("Attempts"), attempts, numeric=True),
            Column(_("Queued"), lambda job: moment(job.enqueued_at)),
            Column(_("Last run"), lambda job: moment(job.finished_at or job.started_at) or "—"),
            Column(_("Last error"), last_error),
        ],
        rows=page,
        empty=_("No job in this status.") if narrowed else _("No job has been queued yet."),
    )
