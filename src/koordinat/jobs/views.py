from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from koordinat.accounts.requests import AuthenticatedRequest
from koordinat.core.views import allow, found, paginate

from . import selectors, services
from .forms import JobFilterForm
from .permissions import can_manage_jobs
from .tables import jobs_table


@login_required
@require_safe
def jobs(request: AuthenticatedRequest) -> HttpResponse:
    allow(can_manage_jobs, request.user)
    form = JobFilterForm(request.GET or None)
    status = form.status_asked()
    page = paginate(request, selectors.jobs(user=request.user, status=status))
    return render(
        request,
        "jobs/jobs.html",
        {
            "form": form,
            "page": page,
            "counts": selectors.job_counts(user=request.user),
            "table": jobs_table(page, csrf_token=get_token(request), narrowed=status is not None),
        },
    )


@login_required
@require_POST
def retry(request: AuthenticatedRequest, pk: str) -> HttpResponse:
    allow(can_manage_jobs, request.user)
    job = found(selectors.job, user=request.user, pk=pk)
    try:
        services.job_retry(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The job is back in the queue; a worker will run it shortly."))
    return redirect(reverse("jobs:jobs") + "?status=FAILED")
