"""Execution control pages: parse the request, call a selector or a service, answer."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from koordinat.accounts.requests import AuthenticatedRequest
from koordinat.core import clock, files
from koordinat.core.errors import ConcurrentEditError
from koordinat.core.translation import texts_from, texts_of
from koordinat.core.views import (
    add_service_errors,
    allow,
    found,
    not_found,
    paginate,
    service_errors_on,
    visible_or_404,
)
from koordinat.directory import selectors as directory_selectors
from koordinat.directory.forms import VersionedForm
from koordinat.places import selectors as place_selectors
from koordinat.plans import extensions as plan_extensions
from koordinat.plans import selectors as plan_selectors
from koordinat.plans.models import Plan

from . import exporting, permissions, register, selectors, services
from .forms import (
    CloseForm,
    ControlDateForm,
    ControllerPersonForm,
    CycleForm,
    DecisionForm,
    EvidenceForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    HeadDecisionForm,
    MeasurePublicationForm,
    RegisterFilterForm,
    ReportForm,
    SavedFilterForm,
    WorklistFilterForm,
    report_initial,
)
from .models import (
    ControlItem,
    Evidence,
    ExecutionStatus,
    Extension,
    MeasurePublication,
    PublicStatus,
    Report,
    ReportVersion,
)
from .status import item_status
from .tables import my_reports_table, overdue_items_table, register_table, review_table


def _worklist_form(request: AuthenticatedRequest) -> WorklistFilterForm:
    return WorklistFilterForm(request.GET or None, plans=register.plan_options(user=request.user))


@login_required
@require_safe
def my_work(request: AuthenticatedRequest) -> HttpResponse:
    today = clock.today()
    form = _worklist_form(request)
    filters = form.filters()
    page = paginate(request, selectors.my_work(user=request.user, today=today, filters=filters))
    overdue = selectors.my_overdue_items(user=request.user, today=today)
    first_overdue = list(overdue[:20])
    return render(
        request,
        "execution/my_work.html",
        {
            "form": form,
            "page": page,
            "table": my_reports_table(page, today=today, narrowed=filters.narrowed),
            "overdue": first_overdue,
            "overdue_table": overdue_items_table(first_overdue, overdue.count()),
            "today": today,
        },
    )


@login_required
@require_safe
def review_queue(request: AuthenticatedRequest) -> HttpResponse:
    today = clock.today()
    form = _worklist_form(request)
    filters = form.filters()
    page = paginate(request, selectors.review_queue(user=request.user, today=today, filters=filters))
    return render(
        request,
        "execution/review_queue.html",
        {
            "form": form,
            "page": page,
            "table": review_table(page, today=today, narrowed=filters.narrowed),
            "extensions": selectors.extension_queue(user=request.user)[:50],
            "undated": selectors.items_needing_control_date(user=request.user).count(),
        },
    )


# Items -------------------------------------------------------------------------------------------


def _item_context(request: AuthenticatedRequest, item: ControlItem, **forms: Any) -> dict[str, Any]:
    user = request.user
    reports = list(selectors.item_reports(user=user, item=item))
    can_close = permissions.can_close_item(user, item) and item.is_open
    bound = forms.get("decision_forms") or {}
    for extension in item.extensions.all():  # the prefetched rows the template shows
        form = bound.get(extension.pk) or ExtensionDecisionForm(prefix=f"extension-{extension.pk}")
        extension.decision_form = form  # type: ignore[attr-defined]
        extension.can_decide = (  # type: ignore[attr-defined]
            extension.status == Extension.Status.REQUESTED
            and permissions.can_decide_extension(user, extension)
        )
    can_set_date = permissions.can_set_control_date(user, item) and item.needs_control_date
    return {
        "item": item,
        "measure": item.measure,
        "by_agreement": plan_selectors.agreeing_executors(user=user, measure=item.measure),
        "date_form": (
            forms.get("date_form") or ControlDateForm(prefix="date", initial={"version": item.version})
        )
        if can_set_date
        else None,
        "plan": item.measure.plan if item.measure else None,
        "reports": reports,
        "timeline": selectors.item_timeline(user=user, item=item),
        "can_request": permissions.can_request_extension(user, item) and item.is_open,
        "can_close": can_close,
        "request_form": forms.get("request_form") or ExtensionRequestForm(),
        "person_form": (forms.get("person_form") or _person_form(request, item)) if can_close else None,
        "close_form": forms.get("close_form")
        or CloseForm(reports=_closing_reports(item), initial={"version": item.version}),
        "today": clock.today(),
        "status": item_status(item, clock.today()),
        "publication": getattr(item, "publication", None),
        "can_publish": item.measure_id is not None and permissions.can_publish_measure(user, item),
    }


def _person_form(request: AuthenticatedRequest, item: ControlItem, data: Any = None) -> ControllerPersonForm:
    return ControllerPersonForm(
        data,
        people=selectors.controller_staff(user=request.user, item=item),
        initial={"version": item.version, "person": item.controller_person_id},
    )


def _closing_reports(item: ControlItem) -> Any:
    return item.reports.filter(status=Report.Status.ACCEPTED).select_related("organization", "cycle")


@login_required
def item_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = found(selectors.item_get, user=request.user, pk=pk)
    return render(request, "execution/item.html", _item_context(request, item))


@login_required
@require_POST
def extension_request(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = found(selectors.item_get, user=request.user, pk=pk)
    form = ExtensionRequestForm(request.POST)
    if form.is_valid():
        with service_errors_on(form):
            services.extension_request(actor=request.user, item=item, **form.cleaned_data)
            messages.success(request, _("Your request for a new control date was sent to the controller."))
            return redirect(item)
    return render(request, "execution/item.html", _item_context(request, item, request_form=form), status=400)


@login_required
@require_POST
def extension_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    extension = visible_or_404(Extension.objects.visible_to(request.user).select_related("item"), pk=pk)
    form = ExtensionDecisionForm(request.POST, prefix=f"extension-{extension.pk}")
    if form.is_valid():
        with service_errors_on(form):
            services.extension_decide(
                actor=request.user,
                extension=extension,
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
            )
            messages.success(request, _("Decision recorded."))
            return redirect(extension.item)
    item = selectors.item_get(user=request.user, pk=extension.item_id)
    return render(
        request,
        "execution/item.html",
        _item_context(request, item, decision_forms={extension.pk: form}),
        status=400,
    )


@login_required
@require_POST
def item_controller_person(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = found(selectors.item_get, user=request.user, pk=pk)
    if not permissions.can_assign_controller_person(request.user, item):
        raise PermissionDenied(_("Only the controller of this item can name its responsible person."))
    form = _person_form(request, item, request.POST)
    if form.is_valid():
        with service_errors_on(form):
            services.item_assign_controller_person(
                actor=request.user,
                item=item,
                version=form.cleaned_data["version"] or 0,
                person=form.cleaned_data["person"],
            )
            messages.success(request, _("The responsible person was recorded."))
            return redirect(item)
    return render(request, "execution/item.html", _item_context(request, item, person_form=form), status=400)


@login_required
@require_POST
def item_control_date(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = found(selectors.item_get, user=request.user, pk=pk)
    allow(permissions.can_set_control_date, request.user, item)
    form = ControlDateForm(request.POST, prefix="date")
    if form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            services.item_set_control_date(
                actor=request.user,
                item=item,
                version=data["version"] or 0,
                control_date=data["control_date"],
                reason=data["reason"],
                outside_period=data["outside_period"],
            )
            messages.success(request, _("The control date was set."))
            return redirect(item)
    context = _item_context(request, item, date_form=form)
    context["date_form"] = form  # shown with its errors, also when the item no longer needs a date
    return render(request, "execution/item.html", context, status=400)


@login_required
def items_without_control_date(request: AuthenticatedRequest) -> HttpResponse:
    """The items whose controller must set a control date: a plan's (`?plan=CODE`), or the ones the
    user's organisation controls."""
    code = request.GET.get("plan", "")
    plan = _plan_or_404(request, code) if code else None
    return render(
        request,
        "execution/undated.html",
        {
            "plan": plan,
            "page": paginate(request, selectors.items_needing_control_date(user=request.user, plan=plan)),
        },
    )


@login_required
@require_POST
def item_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = found(selectors.item_get, user=request.user, pk=pk)
    if not permissions.can_close_item(request.user, item):
        raise PermissionDenied(_("Only the controller of this item can take it off control."))
    form = CloseForm(request.POST, reports=_closing_reports(item))
    if form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            if data["action"] == "remove":
                services.item_remove_from_control(
                    actor=request.user,
                    item=item,
                    version=data["version"] or 0,
                    reason=data["reason"],
                    reports=list(data["reports"]),
                )
            else:
                services.item_cancel(
                    actor=request.user, item=item, version=data["version"] or 0, reason=data["reason"]
                )
            messages.success(request, _("Control decision recorded."))
            return redirect(item)
    return render(request, "execution/item.html", _item_context(request, item, close_form=form), status=400)


# Reports -----------------------------------------------------------------------------------------


def _indicators(report: Report) -> list[Any]:
    measure = report.item.measure
    return list(measure.indicators.all()) if measure else []


def _report_context(request: AuthenticatedRequest, report: Report, **extra: Any) -> dict[str, Any]:
    user = request.user
    can_edit = permissions.can_edit_report(user, report) and report.is_editable and report.item.is_open
    indicators = _indicators(report)
    co_reports = selectors.co_executor_reports(user=user, report=report) if report.is_lead else []
    context = {
        "report": report,
        "item": report.item,
        "plan": report.item.measure.plan if report.item.measure else None,
        "content": selectors.report_content(user=user, report=report, indicators=indicators),
        "versions": selectors.report_versions(user=user, report=report),
        "can_edit": can_edit,
        "can_head_decide": permissions.can_approve_as_head(user, report)
        and report.status == Report.Status.AWAITING_APPROVAL,
        "can_review": permissions.can_review_report(user, report)
        and report.status == Report.Status.SUBMITTED,
        "co_reports": [
            (co, selectors.report_content(user=user, report=co, indicators=indicators)) for co in co_reports
        ],
        "form": None,
        "evidence_form": EvidenceForm(),
        "decision_form": DecisionForm(initial={"version": report.version}),
        "head_form": HeadDecisionForm(initial={"version": report.version}),
    }
    if can_edit:
        context["form"] = ReportForm(initial=report_initial(report), indicators=indicators)
    context.update(extra)
    return context


def _report_page(
    request: AuthenticatedRequest, report: Report, *, status: int = 200, **extra: Any
) -> HttpResponse:
    return render(request, "execution/report.html", _report_context(request, report, **extra), status=status)


REPORT_ACTIONS = ("submit", "attach", "remove")


@login_required
def report_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The report and its one form. Each button of the form (save, send, attach or remove evidence)
    posts everything typed on the page, and what was typed is saved as the draft before the
    evidence changes or the report is sent: no action loses it, with or without JavaScript."""
    report = found(selectors.report_get, user=request.user, pk=pk)
    if request.method != "POST":
        return _report_page(request, report)
    allow(permissions.can_edit_report, request.user, report)
    action = next((name for name in REPORT_ACTIONS if name in request.POST), "save")
    form = ReportForm(request.POST, initial=report_initial(report), indicators=_indicators(report))
    evidence_form = EvidenceForm(request.POST, request.FILES)
    removing = _evidence_to_remove(request, report) if action == "remove" else None
    if not form.is_valid():
        _not_attached(evidence_form)
        return _report_page(request, report, status=400, form=form, evidence_form=evidence_form)
    done: list[str] = []
    saved = False
    try:
        if action == "save" or _typed_changes(form):
            report = _save_draft(request, report, form)
            saved = True
            done.append(_("Draft saved."))
        if action == "attach" or evidence_form.has_input():
            if not _attach(request, report, evidence_form):
                return _evidence_refused(request, report, done, evidence_form, sending=action == "submit")
            done.append(_("Evidence added."))
            evidence_form = EvidenceForm()  # attached: the page shows the form empty again
        if removing is not None:
            services.evidence_remove(actor=request.user, evidence=removing)
            done.append(_("Evidence removed."))
        if action == "submit":
            report = services.report_submit(actor=request.user, report=report, version=report.version)
            done = [_sent_message(report)]
    except ConcurrentEditError as error:
        current = selectors.report_get(user=request.user, pk=pk)
        add_service_errors(form, error)
        _not_attached(evidence_form)
        _tell(request, done)
        return _report_page(
            request,
            current,
            status=409,
            form=form,
            evidence_form=evidence_form,
            conflict=_differences(current, form.cleaned_data),
        )
    except ValidationError as error:
        if saved:  # the draft was kept: the form goes on from the version just saved
            form.data = data = request.POST.copy()
            data["version"] = str(report.version)
        add_service_errors(form, error)
        _not_attached(evidence_form)
        _tell(request, done)
        current = selectors.report_get(user=request.user, pk=pk)
        return _report_page(request, current, status=400, form=form, evidence_form=evidence_form)
    _tell(request, done)
    return redirect(report)


def _typed_changes(form: ReportForm) -> bool:
    """Whether what was typed differs from the report as saved now (the version aside)."""
    return any(name != "version" for name in form.changed_data)


def _save_draft(request: AuthenticatedRequest, report: Report, form: ReportForm) -> Report:
    data = form.cleaned_data
    return services.report_save(
        actor=request.user,
        report=report,
        version=data["version"] or 0,
        narrative=data["narrative"],
        narrative_language=data["narrative_language"],
        claimed_status=data["claimed_status"],
        progress=data["progress"],
        completed_on=data["completed_on"],
        actuals=form.actuals(),
    )


def _sent_message(report: Report) -> str:
    if report.status == Report.Status.AWAITING_APPROVAL:
        return _("The report was sent to the head of your organisation for approval.")
    return _("The report was sent to the controller.")


def _tell(request: HttpRequest, done: list[str]) -> None:
    if done:
        messages.success(request, " ".join(done))


def _evidence_to_remove(request: AuthenticatedRequest, report: Report) -> Evidence:
    """The evidence the pressed "Remove" button names, in the report's working copy (404 otherwise)."""
    try:
        evidence_pk = int(request.POST.get("remove", ""))
    except ValueError:
        raise Http404 from None
    return visible_or_404(report.evidence.current(), pk=evidence_pk)


def _attach(request: AuthenticatedRequest, report: Report, form: EvidenceForm) -> bool:
    if not form.is_valid():
        return False
    upload = form.cleaned_data["file"]
    with service_errors_on(form):
        services.evidence_add(
            actor=request.user,
            report=report,
            title=form.cleaned_data["title"],
            upload=upload,
            filename=upload.name if upload else "",
            url=form.cleaned_data["url"],
        )
        return True
    return False


def _not_attached(form: EvidenceForm) -> None:
    """A chosen file cannot be put back into the form: when it was not attached, say so on its field."""
    name = form.uploaded_name()
    if name:
        form.is_valid()
        form.add_error("file", _("%(file)s was not attached: choose the file again.") % {"file": name})


def _evidence_refused(
    request: AuthenticatedRequest, report: Report, done: list[str], form: EvidenceForm, *, sending: bool
) -> HttpResponse:
    """The evidence could not be attached: the page again, with what was saved, the evidence's
    errors, and (when the report was to be sent) the word that it was not."""
    _tell(request, done)
    if sending:
        messages.error(
            request, _("The report was not sent: correct the evidence, or clear it, and send again.")
        )
    current = selectors.report_get(user=request.user, pk=report.pk)
    return _report_page(request, current, status=400, evidence_form=form)


def _differences(current: Report, data: dict[str, Any]) -> list[tuple[str, str]]:
    """What the other person saved that differs from what this person typed, field by field."""
    fields = [
        ("narrative", _("What was done"), current.narrative),
        ("claimed_status", _("Execution status"), current.get_claimed_status_display()),
        ("progress", _("Progress, %"), str(current.progress)),
    ]
    typed = {
        "narrative": data["narrative"].strip(),
        "claimed_status": data["claimed_status"],
        "progress": data["progress"],
    }
    raw = {
        "narrative": current.narrative,
        "claimed_status": current.claimed_status,
        "progress": current.progress,
    }
    return [(str(label), shown) for name, label, shown in fields if raw[name] != typed[name]]


# The decisions are posted by htmx too (report.html): it follows the redirect and swaps the page's
# <main> for the one answered, so the status, the versions, the actions and the message shown are
# those of the page as it now stands, and the message is used up there, not on the next page.


@login_required
@require_POST
def report_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = found(selectors.report_get, user=request.user, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        with service_errors_on(form):
            report = services.report_review(
                actor=request.user,
                report=report,
                version=form.cleaned_data["version"] or 0,
                accept=form.accepted,
                comment=form.cleaned_data["comment"],
            )
            messages.success(
                request, _("Report accepted.") if form.accepted else _("Report returned for rework.")
            )
            return redirect(report)
    return _report_page(request, report, status=400, decision_form=form)


@login_required
@require_POST
def report_head_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = found(selectors.report_get, user=request.user, pk=pk)
    form = HeadDecisionForm(request.POST)
    if form.is_valid():
        with service_errors_on(form):
            report = services.report_head_decide(
                actor=request.user,
                report=report,
                version=form.cleaned_data["version"] or 0,
                approve=form.accepted,
                comment=form.cleaned_data["comment"],
            )
            messages.success(
                request,
                _("The report was sent to the controller.")
                if form.accepted
                else _("The report was given back to the focal point."),
            )
            return redirect(report)
    return _report_page(request, report, status=400, head_form=form)


@login_required
def report_version(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    """One version of the report: any of them for the organisation, a sent one for everyone else."""
    report = found(selectors.report_get, user=request.user, pk=pk)
    versions = selectors.report_versions(user=request.user, report=report)
    version = next((version for version in versions if version.number == number), None)
    if version is None:
        raise not_found(ReportVersion, report=report, number=number)
    return render(
        request,
        "execution/report_version.html",
        {
            "report": report,
            "version": version,
            "evidence": selectors.version_evidence(version),
            "item": report.item,
        },
    )


@login_required
@require_safe
def evidence_download(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    """An evidence file, to whoever may read a version that carried it (404 for anyone else)."""
    evidence = found(selectors.evidence_get, user=request.user, pk=pk)
    return files.attachment(
        storage=evidence.file.storage,
        name=evidence.file.name or "",
        filename=evidence.original_name or f"evidence-{evidence.pk}",
        content_type=evidence.content_type or "application/octet-stream",
    )


# Cycles -----------------------------------------------------------------------------------------


def _plan_or_404(request: HttpRequest, code: str) -> Plan:
    return found(plan_selectors.plan_get, user=request.user, code=code)


@login_required
def plan_cycles(request: AuthenticatedRequest, code: str) -> HttpResponse:
    plan = _plan_or_404(request, code)
    can_open = permissions.can_manage_cycles(request.user)
    form = CycleForm(
        request.POST or None,
        initial={
            "kind": "scheduled",
            "co_executor_days_before": 5,
            **selectors.cycle_defaults(user=request.user, plan=plan, today=clock.today()),
        },
    )
    if request.method == "POST":
        if not can_open:
            raise PermissionDenied(_("Only the coordination office opens reporting cycles."))
        if form.is_valid():
            with service_errors_on(form):
                cycle = services.cycle_open(actor=request.user, plan=plan, **form.cleaned_data)
                count = cycle.reports.count()
                opened = ngettext(
                    "Reporting cycle opened: %(count)d report requested.",
                    "Reporting cycle opened: %(count)d reports requested.",
                    count,
                ) % {"count": count}
                undated = selectors.items_needing_control_date(user=request.user, plan=plan).count()
                if undated:
                    opened += " " + ngettext(
                        "%(count)d item under control has no control date: set it on the item's page.",
                        "%(count)d items under control have no control date: set them on the items' pages.",
                        undated,
                    ) % {"count": undated}
                messages.success(request, opened)
                return redirect(cycle)
    return render(
        request,
        "execution/plan_cycles.html",
        {
            "plan": plan,
            "cycles": selectors.plan_cycles(user=request.user, plan=plan),
            "undated": selectors.items_needing_control_date(user=request.user, plan=plan).count(),
            "form": form,
            "can_open": can_open,
        },
        status=400 if form.errors else 200,
    )


@login_required
def cycle_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cycle = found(selectors.cycle_get, user=request.user, pk=pk)
    status = request.GET.get("status", "")
    if status not in Report.Status.values:
        status = ""
    return render(
        request,
        "execution/cycle.html",
        {
            "cycle": cycle,
            "plan": cycle.plan,
            "counts": selectors.cycle_status_counts(user=request.user, cycle=cycle),
            "page": paginate(request, selectors.cycle_reports(user=request.user, cycle=cycle, status=status)),
            "status": status,
            "undated": selectors.items_needing_control_date(user=request.user, plan=cycle.plan).count()
            if cycle.plan
            else 0,
            "can_close": permissions.can_manage_cycles(request.user) and cycle.status == "open",
        },
    )


@login_required
@require_POST
def cycle_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cycle = found(selectors.cycle_get, user=request.user, pk=pk)
    try:
        services.cycle_close(actor=request.user, cycle=cycle)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Reporting cycle closed."))
    return redirect(cycle)


# The register of items under control --------------------------------------------------------------


def _register_form(request: AuthenticatedRequest, data: QueryDict) -> RegisterFilterForm:
    user = request.user
    return RegisterFilterForm(
        data or None,
        initial={"scope": register.default_scope(user)},
        plans=register.plan_options(user=user),
        bodies=directory_selectors.body_options(user=user),
        organizations=directory_selectors.organization_options(user=user),
        districts=place_selectors.district_options(user=user),
    )


def _register_page(
    request: AuthenticatedRequest, form: RegisterFilterForm, save_form: SavedFilterForm, *, status: int = 200
) -> HttpResponse:
    user = request.user
    filters = form.filters(default_scope=register.default_scope(user))
    rows = register.control_register(user=user, filters=filters, today=clock.today())
    page = paginate(request, rows)
    query = form.query()
    return render(
        request,
        "execution/register.html",
        {
            "form": form,
            "page": page,
            "table": register_table(page, register.complete_rows(user=user, rows=page.object_list)),
            "query": query,
            "export_links": [
                (_("Download these items (XLSX)"), f"?{query}&format=xlsx" if query else "?format=xlsx")
            ],
            "saved_filters": list(register.saved_filters(user=user)),
            "save_form": save_form,
        },
        status=status,
    )


@login_required
@require_safe
def control_register(request: AuthenticatedRequest) -> HttpResponse:
    """Every item under control the filters select; `?format=xlsx` downloads exactly these rows."""
    form = _register_form(request, request.GET.copy())
    if request.GET.get("format") != "xlsx":
        return _register_page(request, form, SavedFilterForm(initial={"query": form.query()}))
    user, today = request.user, clock.today()
    rows = register.control_register(
        user=user, filters=form.filters(default_scope=register.default_scope(user)), today=today
    )
    total = rows.count()
    if total > exporting.MAX_ROWS:
        messages.error(
            request,
            _("%(total)s items are too many for one workbook (%(limit)s at most): narrow the filters.")
            % {"total": total, "limit": exporting.MAX_ROWS},
        )
        return redirect(_register_url(form.query()))
    content = exporting.register_xlsx(register.complete_rows(user=user, rows=rows[: exporting.MAX_ROWS]))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="items-under-control-{today.isoformat()}.xlsx"'
    return response


def _register_url(query: str) -> str:
    url = reverse("execution:register")
    return f"{url}?{query}" if query else url


@login_required
@require_POST
def saved_filter_create(request: AuthenticatedRequest) -> HttpResponse:
    """Keep the register's filters (re-read through its form, so only what it accepts) under a name."""
    save_form = SavedFilterForm(request.POST)
    form = _register_form(request, QueryDict(request.POST.get("query", ""), mutable=True))
    if save_form.is_valid():
        if form.is_bound and not form.is_valid():
            save_form.add_error(None, _("Correct the filters before saving them."))
        else:
            name = save_form.cleaned_data["name"]
            with service_errors_on(save_form):
                services.saved_filter_create(actor=request.user, name=name, query=form.query())
                messages.success(request, _("Filter “%(name)s” saved.") % {"name": name})
                return redirect(_register_url(form.query()))
    return _register_page(request, form, save_form, status=400)


@login_required
@require_POST
def saved_filter_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    saved = visible_or_404(register.saved_filters(user=request.user), pk=pk)
    services.saved_filter_remove(actor=request.user, saved=saved)
    messages.success(request, _("Filter “%(name)s” removed.") % {"name": saved.name})
    return redirect(reverse("execution:register"))


# What the public sees of a measure ----------------------------------------------------------------


def _publication_initial(
    entry: MeasurePublication | None, chosen: Report | None, reports: list[Report]
) -> dict[str, Any]:
    """The form as the public entry stands; a report chosen anew fills the summary in the language it
    was written in from its narrative (to edit), the other languages kept."""
    initial: dict[str, Any] = {"version": entry.version if entry else 0}
    if entry is not None:
        initial.update(
            status=entry.status,
            source_report=entry.source_report_id,
            evidence=[piece.pk for piece in entry.evidence.all()],
            **{f"summary_{code}": text for code, text in texts_of(entry, "summary").items()},
        )
    if chosen is not None and (entry is None or entry.source_report_id != chosen.pk):
        initial.update(
            source_report=chosen.pk, evidence=[], **{f"summary_{chosen.narrative_language}": chosen.narrative}
        )
        if entry is None:
            initial["status"] = (
                PublicStatus.COMPLETED
                if chosen.claimed_status == ExecutionStatus.COMPLETED
                else PublicStatus.IN_PROGRESS
            )
    return initial


@login_required
def item_publication(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The controller decides what the public sees of the measure: status, summary, evidence."""
    item = found(selectors.item_get, user=request.user, pk=pk)
    if item.measure is None:
        raise Http404
    allow(permissions.can_publish_measure, request.user, item)
    entry = selectors.publication_get(user=request.user, item=item)
    reports = list(selectors.publishable_reports(user=request.user, item=item))
    by_pk = {report.pk: report for report in reports}
    asked = request.POST.get("source_report") if request.method == "POST" else request.GET.get("report")
    chosen = by_pk.get(int(asked)) if asked and asked.isdigit() else None
    if chosen is None and request.method != "POST":
        chosen = by_pk.get(entry.source_report_id or 0) if entry else (reports[0] if reports else None)
    form = MeasurePublicationForm(
        request.POST or None,
        initial=_publication_initial(entry, chosen, reports),
        reports=selectors.publishable_reports(user=request.user, item=item),
        evidence=selectors.publishable_evidence(report=chosen),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            services.measure_publication_save(
                actor=request.user,
                item=item,
                version=data["version"] or 0,
                status=data["status"],
                summary=texts_from(data, "summary"),
                source_report=data["source_report"],
                evidence=list(data["evidence"]),
            )
            messages.success(request, _("What the public sees of this measure is saved."))
            return redirect(item)
    return render(
        request,
        "execution/publication.html",
        {
            "item": item,
            "measure": item.measure,
            "plan": item.measure.plan,
            "entry": entry,
            "reports": reports,
            "chosen": chosen,
            "form": form,
            "public_url": plan_extensions.public_pages(
                "measure", code=item.measure.plan.code, number=item.measure.number
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def item_publication_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = found(selectors.item_get, user=request.user, pk=pk)
    allow(permissions.can_publish_measure, request.user, item)
    form = VersionedForm(request.POST)
    version = form.cleaned_data["version"] or 0 if form.is_valid() else 0
    try:
        services.measure_publication_withdraw(actor=request.user, item=item, version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("execution:item_publication", pk=item.pk)
    messages.success(request, _("The measure's public entry is withdrawn."))
    return redirect(item)
