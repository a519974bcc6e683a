import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from koordinat.accounts.requests import AuthenticatedRequest
from koordinat.core import clock
from koordinat.directory.models import Organization

from . import discipline
from .forms import PeriodForm


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
