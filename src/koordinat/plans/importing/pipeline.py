"""One call from file to preview, shared by the upload page and `koordinat import-plan`."""

from typing import IO, Any

from ..models import Plan
from .decidim import read_decidim
from .matching import OrganizationIndex
from .preview import UNREADABLE_FILE, Preview, Problem, differences
from .readers import UnreadableFile, open_tables


def existing_measures(plan: Plan | None) -> dict[str, dict[str, Any]] | None:
    """number → the fields a re-import compares, for the differences shown before committing."""
    if plan is None:
        return None
    measures = plan.measures.prefetch_related("executors").order_by("sort_key")
    return {
        measure.number: {
            "text": getattr(measure, "text_az", ""),
            "deadline_text": measure.deadline_text,
            "executors": [executor.organization_id for executor in measure.executors.all()],
            "agreements": [e.organization_id for e in measure.executors.all() if e.by_agreement],
            "decidim": measure.decidim,
        }
        for measure in measures
    }


def preview_file(
    stream: IO[bytes],
    filename: str,
    *,
    plan: Plan | None = None,
    read_with: Plan | None = None,
    mapping: dict[str, int] | None = None,
    executor_choices: dict[str, int] | None = None,
    languages: dict[str, str] | None = None,
) -> Preview:
    """Read and check a plan file; an unreadable file becomes a preview holding that one problem.
    Execution periods are read in the context of `read_with` (by default `plan`, the plan whose items
    the differences are shown from): the date of its approving act and its period.
    A .csv file is read as Decidim's accountability results export, its locales taken for
    Koordinat's languages as `languages` maps them."""
    from .preview import build_preview

    if filename.lower().endswith(".csv"):
        preview = read_decidim(stream, filename, languages=languages)
        if plan is not None:
            preview.changes = differences(preview.rows, existing_measures(plan) or {})
        return preview

    try:
        return build_preview(
            open_tables(stream, filename),
            filename=filename,
            index=OrganizationIndex.build(),
            mapping=mapping,
            executor_choices=executor_choices,
            existing=existing_measures(plan),
            **(context.period_context if (context := read_with or plan) is not None else {}),
        )
    except UnreadableFile as error:  # also from a sheet found damaged while its rows are read
        return Preview(filename=filename, problems=[Problem(str(error), code=UNREADABLE_FILE)])
