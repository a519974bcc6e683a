import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koordinat.accounts.requests import AuthenticatedRequest
from koordinat.core import clock
from koordinat.core.files import attachment
from koordinat.core.views import allow, found, paginate, service_errors_on
from koordinat.directory.models import Organization
from koordinat.plans import selectors as plan_selectors
from koordinat.plans.models import Plan

from . import discipline, selectors, services
from .forms import OfficialReportForm, PeriodForm, last_finished_quarter
from .models import OfficialReport
from .permissions import can_produce_official_reports


def period_of(request: HttpRequest) -> tuple[PeriodForm, datetime.date, datetime.date]:
    """The year or quarter asked for in the query string; the current year by default."""
    today = clock.today()
    form = PeriodForm(request.GET or None, initial={"year": today.year})
    year, quarter = today.year, None
    if form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    if quarter:
        start = datetime.date(year, 3 * quarter - 2, 1)
        end = (datetime.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)) - datetime.timedelta(days=1)
    else:
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return form, start, end


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
