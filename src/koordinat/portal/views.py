"""The public portal's pages: no sign-in, the same for every reader, cached until something is
published or withdrawn (caching.public_page)."""

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from koordinat.core import clock, files
from koordinat.core.views import found, paginate
from koordinat.execution import selectors as execution_selectors
from koordinat.meetings import selectors as meeting_selectors
from koordinat.plans import selectors as plan_selectors

from . import extensions, selectors
from .caching import PUBLIC_MAX_AGE, public_page
from .forms import SearchForm
from .tables import public_measure_table

MEASURES_PER_PAGE = 200  # as the office's plan page: a long plan reads page by page in outline order
ROWS_PER_PAGE = 50


@public_page
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {
            "plans": selectors.home_plans(),
            "districts": selectors.public_districts(),
            "form": SearchForm(),
        },
    )


@public_page
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = selectors.search(q=q)
    entries = selectors.with_entries(results.measures)
    return render(
        request,
        "portal/search.html",
        {"form": form, "results": results, "entries": entries},
        status=400 if form.errors else 200,
    )


@public_page
def plan(request: HttpRequest, code: str) -> HttpResponse:
    public_plan = found(
        plan_selectors.public_plan_get, lookup={"code": code}, code=code, extra=extensions.plan.columns()
    )
    measures = plan_selectors.public_plan_measures(
        plan=public_plan, extra=execution_selectors.public_entry_columns()
    )
    page = paginate(request, measures, MEASURES_PER_PAGE)
    rows = plan_selectors.with_executor_names(page.object_list)
    page.object_list = rows
    public_plan.measure_count = page.paginator.count  # type: ignore[attr-defined]
    progress = selectors.home_plans_of(plan=public_plan)
    entries = {
        row.pk: entry
        for row in rows
        if (entry := execution_selectors.public_entry_from(row.extra, measure_id=row.pk))
    }
    table = public_measure_table(public_plan, page, entries)
    return render(
        request, "portal/plan.html", {"plan": public_plan, "page": page, "progress": progress, "table": table}
    )


@public_page
def measure(request: HttpRequest, code: str, number: str) -> HttpResponse:
    public_measure = found(
        plan_selectors.public_measure_get,
        lookup={"plan__code": code, "number": number},
        code=code,
        number=number,
        extra=extensions.measure.columns(),
    )
    if public_measure.number != number:
        return redirect("portal:measure", code=code, number=public_measure.number)
    entry = selectors.with_entries([public_measure], with_evidence=True).get(public_measure.pk)
    return render(
        request,
        "portal/measure.html",
        {
            "measure": public_measure,
            "plan": public_measure.plan,
            "entry": entry,
            "children": plan_selectors.public_measure_children(measure=public_measure),
        },
    )


@require_safe
def evidence(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A public evidence file; 404 for any other (not chosen, or its plan not published)."""
    piece = found(execution_selectors.public_evidence_get, pk=pk)
    response = files.attachment(
        storage=piece.file.storage,
        name=piece.file.name or "",
        filename=piece.original_name or f"evidence-{piece.pk}",
        content_type=piece.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    return response


@public_page
def organization(request: HttpRequest, pk: int) -> HttpResponse:
    public_organization = found(selectors.organization_get, pk=pk)
    page = paginate(
        request, plan_selectors.public_executions(organization_id=public_organization.pk), ROWS_PER_PAGE
    )
    return render(
        request,
        "portal/organization.html",
        {
            "organization": public_organization,
            "page": page,
            "entries": selectors.with_entries(list(page.object_list)),
            "record": selectors.on_time_record(organization=public_organization, today=clock.today()),
            "record_days": selectors.RECORD_DAYS,
        },
    )


@public_page
def district(request: HttpRequest, pk: int) -> HttpResponse:
    public_district = found(selectors.district_get, pk=pk)
    page = paginate(
        request, plan_selectors.public_district_measures(district_id=public_district.pk), ROWS_PER_PAGE
    )
    return render(
        request,
        "portal/district.html",
        {
            "district": public_district,
            "page": page,
            "entries": selectors.with_entries(list(page.object_list)),
        },
    )


@public_page
def meetings(request: HttpRequest) -> HttpResponse:
    page = paginate(request, meeting_selectors.public_meetings(), ROWS_PER_PAGE)
    return render(request, "portal/meetings.html", {"page": page})


@public_page
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    public_meeting = found(meeting_selectors.public_meeting_get, pk=pk)
    return render(request, "portal/meeting.html", {"meeting": public_meeting})
