import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from koordinat.accounts.requests import AuthenticatedRequest
from koordinat.core import clock
from koordinat.directory.models import Organization
from koordinat.execution import register
from koordinat.execution.models import ControlItem

from . import discipline
from .forecast import selectors as forecast
from .forms import AtRiskFilterForm, PeriodForm
from .models import ForecastModel

AT_RISK_LIMIT = 50


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
