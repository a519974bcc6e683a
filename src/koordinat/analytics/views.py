import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from koordinat.accounts.requests import AuthenticatedRequest
from koordinat.core import clock
from koordinat.core.files import attachment
from koordinat.core.views import allow, found, paginate, service_errors_on, visible_or_404
from koordinat.directory import selectors as directory_selectors
from koordinat.directory.models import Body, Organization
from koordinat.execution import register
from koordinat.execution.models import ControlItem
from koordinat.places import selectors as place_selectors
from koordinat.places.models import District
from koordinat.plans import selectors as plan_selectors
from koordinat.plans.models import Plan

from . import comparison, dashboards, discipline, pages, periods, selectors, services
from .forecast import selectors as forecast
from .forms import (
    AtRiskFilterForm,
    ComparisonForm,
    DashboardChoiceForm,
    DashboardForm,
    OfficialReportForm,
    PeriodForm,
    last_finished_quarter,
)
from .models import ForecastModel, OfficialReport
from .permissions import can_produce_official_reports
from .tables import FORMATS, download

AT_RISK_LIMIT = 50
AT_RISK_ON_DASHBOARD = 10


def period_of(request: HttpRequest) -> tuple[PeriodForm, datetime.date, datetime.date]:
    """The year or quarter asked for in the query string; the current year by default."""
    today = clock.today()
    form = PeriodForm(request.GET or None, initial={"year": today.year})
    period = form.period(default_year=today.year)
    return form, period.start, period.end


@login_required
def league_table(request: AuthenticatedRequest) -> HttpResponse:
    form, start, end = period_of(request)
    user = request.user
    rows = discipline.league(discipline.discipline(user=user, start=start, end=end, today=clock.today()))
    names = Organization.objects.visible_to(user).in_bulk([row.organization_id for row in rows])
    return render(
        request,
        "analytics/league.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "rows": [(row, names[row.organization_id]) for row in rows if row.organization_id in names],
            "rules": discipline.RULES,
        },
    )


@login_required
@require_safe
def at_risk(request: AuthenticatedRequest) -> HttpResponse:
    """The items most likely to miss their control dates, of one plan or of all."""
    form = AtRiskFilterForm(request.GET or None, plans=register.plan_options(user=request.user))
    items = ControlItem.objects.all()
    if form.is_valid() and form.cleaned_data["plan"]:
        items = items.filter(plan_id=form.cleaned_data["plan"])
    return render(
        request,
        "analytics/at_risk.html",
        {
            "form": form,
            "limit": AT_RISK_LIMIT,
            "at_risk": forecast.at_risk(user=request.user, items=items, limit=AT_RISK_LIMIT),
            "model": ForecastModel.objects.only("as_of", "training_size").first(),
        },
        status=400 if form.errors else 200,
    )


# Dashboards --------------------------------------------------------------------------------------


def _dashboard_page(
    request: AuthenticatedRequest, area: dashboards.Area, *, crumb: tuple[str, str] | None = None
) -> HttpResponse:
    user, today = request.user, clock.today()
    form = DashboardForm(
        request.GET or None,
        initial={"year": today.year},
        plans=None if area.kind == "plan" else register.plan_options(user=user),
    )
    period = form.period(default_year=today.year)
    plan_id = form.plan_id()
    plan = visible_or_404(Plan.objects.visible_to(user), pk=plan_id) if plan_id else None
    board = dashboards.dashboard(user=user, area=area, period=period, today=today, plan=plan)
    tables = pages.dashboard_tables(board, today=today)
    wanted = request.GET.get("table")
    if wanted:
        return _download(request, {table.key: table for table in tables.values()}, wanted, area.kind)
    return render(
        request,
        "analytics/dashboard.html",
        {
            "form": form,
            "board": board,
            "tables": tables,
            "rules": dashboards.RULES,
            "today": today,
            "crumb": crumb,
            "query": _query_without_download(request),
            "comparison_url": reverse("analytics:comparison") + ("?by=body" if area.kind == "body" else ""),
            "at_risk": forecast.at_risk(user=user, items=board.open_items, limit=AT_RISK_ON_DASHBOARD),
        },
    )


def _query_without_download(request: HttpRequest) -> str:
    query = request.GET.copy()
    for name in ("table", "format"):
        query.pop(name, None)
    return query.urlencode()


def _download(request: HttpRequest, tables: dict[str, Any], wanted: str, name: str) -> HttpResponse:
    kind = request.GET.get("format", "csv")
    if wanted not in tables or kind not in FORMATS:
        raise Http404(_("There is no such table to download."))
    return download(tables[wanted], kind, filename=f"{name}-{wanted}-{clock.today().isoformat()}")


@login_required
@require_safe
def headquarters(request: AuthenticatedRequest) -> HttpResponse:
    return _dashboard_page(request, dashboards.headquarters_area())


@login_required
@require_safe
def plan_dashboard(request: AuthenticatedRequest, code: str) -> HttpResponse:
    plan = visible_or_404(Plan.objects.visible_to(request.user), code=code)
    return _dashboard_page(request, dashboards.plan_area(plan), crumb=(plan.get_absolute_url(), plan.code))


@login_required
@require_safe
def body_dashboard(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    body = visible_or_404(Body.objects.visible_to(request.user), pk=pk)
    return _dashboard_page(request, dashboards.body_area(body), crumb=(body.get_absolute_url(), body.name))


@login_required
@require_safe
def organization_dashboard(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organization = visible_or_404(Organization.objects.visible_to(request.user), pk=pk)
    return _dashboard_page(
        request,
        dashboards.organization_area(organization),
        crumb=(organization.get_absolute_url(), organization.display_short_name),
    )


@login_required
@require_safe
def district_dashboard(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    district = visible_or_404(District.objects.visible_to(request.user), pk=pk)
    return _dashboard_page(request, dashboards.district_area(district))


@login_required
@require_safe
def dashboard_choice(request: AuthenticatedRequest) -> HttpResponse:
    """Open the dashboard of the body, organisation or district chosen (the first one given)."""
    user = request.user
    form = DashboardChoiceForm(
        request.GET or None,
        bodies=directory_selectors.body_options(user=user),
        organizations=directory_selectors.organization_options(user=user),
        districts=place_selectors.district_options(user=user),
    )
    if form.is_bound and form.is_valid():
        for kind in ("body", "organization", "district"):
            chosen = form.cleaned_data[kind]
            if chosen is not None:
                return redirect(reverse(f"analytics:dashboard_{kind}", args=[chosen.pk]))
        form.add_error(None, _("Choose a collegial body, an organisation or a district."))
    return render(request, "analytics/choice.html", {"form": form}, status=400 if form.is_bound else 200)


@login_required
@require_safe
def comparison_page(request: AuthenticatedRequest) -> HttpResponse:
    user, today = request.user, clock.today()
    form = ComparisonForm(request.GET or None, initial={"year": today.year})
    period = form.period(default_year=today.year)
    by = (
        form.cleaned_data.get("by") if form.is_bound and form.is_valid() else ""
    ) or comparison.BY_ORGANIZATION
    compared = list(periods.compared_quarters(period, today))
    rows = comparison.compare(user=user, by=by, periods=compared, today=today)
    tables = pages.comparison_tables(rows, compared, by=by)
    wanted = request.GET.get("table")
    if wanted:
        return _download(request, {table.key: table for table in tables}, wanted, f"comparison-{by}")
    return render(
        request,
        "analytics/comparison.html",
        {
            "form": form,
            "tables": tables,
            "periods": compared,
            "by": by,
            "rules": dashboards.RULES,
            "query": _query_without_download(request),
        },
    )


def _plan_for_reports(request: AuthenticatedRequest, code: str) -> Plan:
    """The plan, 404 when the reader may not see it; 403 when they may not make its reports."""
    plan = found(plan_selectors.plan_get, user=request.user, code=code)
    allow(can_produce_official_reports, request.user, plan)
    return plan


@login_required
def official_reports(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The form asking for an official execution report of the plan, and the documents made so far."""
    plan = _plan_for_reports(request, code)
    year, period = last_finished_quarter(clock.today())
    form = OfficialReportForm(
        request.POST or None,
        initial={"period": period, "year": year, "language": get_language(), "format": "pdf"},
    )
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            report = services.official_report_request(
                actor=request.user,
                plan=plan,
                period_start=form.cleaned_data["period_start"],
                period_end=form.cleaned_data["period_end"],
                language=form.cleaned_data["language"],
                format=form.cleaned_data["format"],
            )
            if report.status == OfficialReport.Status.DONE:
                messages.success(request, _("The document is ready."))
            return redirect(report)
    return render(
        request,
        "analytics/official_reports.html",
        {
            "plan": plan,
            "form": form,
            "page": paginate(request, selectors.official_reports(user=request.user, plan=plan)),
        },
        status=400 if form.errors else 200,
    )


@login_required
def official_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One document: its progress while it is made (the page reloads itself through htmx, or by the
    link), the download when done, the reason and a retry when it failed."""
    report = found(selectors.official_report_get, user=request.user, pk=pk)
    return render(request, "analytics/official_report.html", {"report": report, "plan": report.plan})


@login_required
def official_report_download(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    report = found(selectors.official_report_get, user=request.user, pk=pk)
    if report.status != OfficialReport.Status.DONE or not report.file.name:
        raise Http404
    period = f"{report.period_start:%Y-%m-%d}_{report.period_end:%Y-%m-%d}"
    return attachment(
        storage=report.file.storage,
        name=report.file.name,
        filename=f"{report.plan.code}_{period}_{report.language}.{report.format}",
        content_type=CONTENT_TYPES[report.format],
    )


@login_required
@require_POST
def official_report_retry(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = found(selectors.official_report_get, user=request.user, pk=pk)
    try:
        services.official_report_retry(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The document is queued to be made again."))
    return redirect(report)


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
