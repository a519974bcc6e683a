"""Plan pages: the register, the numbered tree, the measure, and importing a plan document."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koordinat.accounts.requests import AuthenticatedRequest
from koordinat.core.selectors import history_of
from koordinat.core.translation import texts_from, texts_of
from koordinat.core.views import allow, found, paginate, public_page_for, service_errors_on
from koordinat.directory import selectors as directory_selectors
from koordinat.directory.models import Organization
from koordinat.places import selectors as places_selectors

from . import exporting, extensions, permissions, selectors, services
from .forms import (
    DecidimExportForm,
    ImportConfirmForm,
    ImportLanguagesForm,
    IndicatorForm,
    LegalActForm,
    MeasureFilterForm,
    MeasureForm,
    PlanFilterForm,
    PlanForm,
    PlanImportForm,
    PlanPublishForm,
    PlanUnpublishForm,
    indicator_initial,
    measure_initial,
)
from .models import Measure, Plan, PlanImport
from .tables import measure_table


def plan_list(request: HttpRequest) -> HttpResponse:
    if public := public_page_for(request, extensions.public_pages, "plans"):
        return public
    user = request.user
    choices = selectors.plan_list_filter_choices(user=user)
    form = PlanFilterForm(request.GET or None, **choices)
    filters = selectors.PlanFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.PlanFilters(
            q=data["q"],
            kind=data["kind"],
            status=data["status"],
            body_id=data["body"].pk if data["body"] else None,
            coordinator_id=data["coordinator"].pk if data["coordinator"] else None,
        )
    page = paginate(request, selectors.plan_list(user=user, filters=filters))
    return render(
        request,
        "plans/plan_list.html",
        {
            "form": form,
            "page": page,
            "can_manage": permissions.can_manage_plans(user),
        },
    )


def _plan_or_404(request: HttpRequest, code: str) -> Plan:
    return found(selectors.plan_get, user=request.user, code=code)


MEASURES_PER_PAGE = 200  # a long plan reads page by page in outline order; filters narrow it


def plan_detail(request: HttpRequest, code: str) -> HttpResponse:
    if public := public_page_for(request, extensions.public_pages, "plan", code=code):
        return public
    user = request.user
    plan = _plan_or_404(request, code)
    choices = selectors.plan_filter_choices(plan=plan)
    form = MeasureFilterForm(request.GET or None, **choices)
    filters = selectors.MeasureFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.MeasureFilters(
            q=data["q"],
            area_id=data["area"].pk if data["area"] else None,
            executor_id=data["executor"].pk if data["executor"] else None,
            district_id=data["district"].pk if data["district"] else None,
        )
    page = paginate(
        request, selectors.plan_measures(user=user, plan=plan, filters=filters), MEASURES_PER_PAGE
    )
    page.object_list = selectors.with_executor_names(page.object_list)
    extensions.measure_rows(user=user, measures=page.object_list)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "form": form,
            "page": page,
            "table": measure_table(plan, page, signed_in=request.user.is_authenticated),
            "filtered": filters != selectors.MeasureFilters(),
            "history": history_of(user=user, target=plan),
            "can_manage": permissions.can_manage_plans(user),
            "decidim_form": DecidimExportForm(auto_id="decidim_%s"),
            **_publication_context(request, plan),
        },
    )


def _publication_context(request: HttpRequest, plan: Plan, **forms: Any) -> dict[str, Any]:
    """The plan page's "Public portal" section: whether it is published, and the forms to change that."""
    if not request.user.is_authenticated:
        return {}
    can_publish = permissions.can_publish_plan(request.user, plan)
    initial = {"version": plan.version}
    return {
        "public_url": extensions.public_pages("plan", code=plan.code),
        "can_publish": can_publish,
        "publish_form": forms.get("publish_form") or PlanPublishForm(initial=initial, prefix="publish"),
        "unpublish_form": forms.get("unpublish_form")
        or PlanUnpublishForm(initial=initial, prefix="unpublish"),
    }


@login_required
@require_POST
def plan_publication(request: AuthenticatedRequest, code: str, action: str) -> HttpResponse:
    """Publish the plan on the portal, or withdraw it (`action`: "publish" or "unpublish")."""
    plan = _plan_or_404(request, code)
    allow(permissions.can_publish_plan, request.user, plan)
    form: PlanPublishForm | PlanUnpublishForm
    if action == "publish":
        form = PlanPublishForm(request.POST, prefix="publish")
        if form.is_valid():
            with service_errors_on(form):
                services.plan_publish(
                    actor=request.user, plan=plan, version=form.cleaned_data["version"] or 0
                )
                messages.success(request, _("Plan “%(code)s” published on the portal.") % {"code": plan.code})
                return redirect(plan)
        forms: dict[str, Any] = {"publish_form": form}
    elif action == "unpublish":
        form = PlanUnpublishForm(request.POST, prefix="unpublish")
        if form.is_valid():
            with service_errors_on(form):
                services.plan_unpublish(
                    actor=request.user,
                    plan=plan,
                    version=form.cleaned_data["version"] or 0,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(
                    request, _("Plan “%(code)s” withdrawn from the portal.") % {"code": plan.code}
                )
                return redirect(plan)
        forms = {"unpublish_form": form}
    else:
        raise Http404
    return render(
        request,
        "plans/plan_publication.html",
        {"plan": plan, **_publication_context(request, plan, **forms)},
        status=400,
    )


def measure_detail(request: HttpRequest, code: str, number: str) -> HttpResponse:
    if public := public_page_for(request, extensions.public_pages, "measure", code=code, number=number):
        return public
    user = request.user
    measure = _measure_or_404(request, code, number)
    if measure.number != number:
        return redirect(measure)  # an old number from before an amendment
    extensions.measure_rows(user=user, measures=[measure])
    return render(
        request,
        "plans/measure_detail.html",
        {
            "measure": measure,
            "plan": measure.plan,
            "children": selectors.measure_children(user=user, measure=measure),
            "history": history_of(user=user, target=measure),
            "can_manage": permissions.can_manage_plans(user),
        },
    )


@login_required
def plan_import(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.can_manage_plans(request.user):
        raise PermissionDenied(_("Only the coordination office can import plans."))
    form = PlanImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"plan": request.GET.get("plan", "")},
        acts=selectors.legal_act_options(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            pending = services.plan_import_start(
                actor=request.user,
                upload=data["file"],
                plan_code=data["plan"],
                plan_title=data["title"],
                columns={
                    "mapping": data["columns"],
                    "kind": data["kind"],
                    "amending_act": data["amending_act"].pk if data["amending_act"] else None,
                },
            )
            return redirect("plans:import_preview", token=pending.token)
    return render(request, "plans/import_upload.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def plan_import_preview(request: AuthenticatedRequest, token: str) -> HttpResponse:
    # Someone else's upload waiting for confirmation is a refusal; one's own, already confirmed, is just gone.
    pending = found(
        selectors.pending_import,
        lookup={"token": token, "status": PlanImport.Status.PENDING},
        user=request.user,
        token=token,
    )
    plan = Plan.objects.visible_to(request.user).filter(code=pending.plan_code).first()
    preview = services.pending_import_preview(pending=pending, plan=plan)
    candidates = {
        executor.text: [(c.organization_id, c.name) for c in executor.candidates]
        for row in preview.rows
        for executor in row.executors
        if executor.organization_id is None
    }
    form = ImportConfirmForm(
        request.POST or None,
        unmatched=[(name, candidates.get(name, [])) for name in preview.unmatched],
        organizations=directory_selectors.organization_options(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        preview = services.pending_import_preview(pending=pending, plan=plan, executor_choices=form.choices())
        if "commit" in request.POST:
            with service_errors_on(form):
                result = services.plan_import_finish(
                    actor=request.user,
                    pending=pending,
                    preview=preview,
                    create_missing=form.cleaned_data["create_missing"],
                    new_plan=_new_plan_arguments(request, pending, preview),
                )
                messages.success(
                    request,
                    _("Plan imported: %(created)d new, %(updated)d updated, %(removed)d removed measures.")
                    % {
                        "created": len(result.created),
                        "updated": len(result.updated),
                        "removed": len(result.removed),
                    },
                )
                return redirect(result.plan)
    return render(
        request,
        "plans/import_preview.html",
        {
            "pending": pending,
            "preview": preview,
            "form": form,
            "plan": plan,
            "page": paginate(request, preview.rows, 200),
            "languages_form": ImportLanguagesForm(
                prefix="languages", locales=preview.locales, initial=preview.languages
            )
            if preview.locales
            else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
def plan_import_languages(request: AuthenticatedRequest, token: str) -> HttpResponse:
    """Which of a Decidim file's languages gives the Azerbaijani, Russian and English texts."""
    pending = found(
        selectors.pending_import,
        lookup={"token": token, "status": PlanImport.Status.PENDING},
        user=request.user,
        token=token,
    )
    allow(permissions.can_manage_plans, request.user, pending)
    preview = services.pending_import_preview(pending=pending, plan=None)
    form = ImportLanguagesForm(
        request.POST or None, prefix="languages", locales=preview.locales, initial=preview.languages
    )
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            services.plan_import_languages(actor=request.user, pending=pending, languages=form.languages())
            return redirect("plans:import_preview", token=pending.token)
    return render(
        request,
        "plans/import_languages.html",
        {"form": form, "pending": pending, "preview": preview},
        status=400 if form.errors else 200,
    )


def _new_plan_arguments(request: HttpRequest, pending: Any, preview: Any) -> dict[str, Any]:
    organization = getattr(request.user, "organization", None)
    if organization is None:
        raise ValidationError(_("You act for no organisation, which would coordinate the new plan."))
    starts = [row.deadline.start for row in preview.rows if row.deadline.start]
    ends = [row.deadline.end for row in preview.rows if row.deadline.end]
    start = min(starts + ends, default=pending.created_at.date().replace(month=1, day=1))
    end = max(ends + starts, default=start.replace(month=12, day=31))
    return {
        "kind": (pending.columns or {}).get("kind") or Plan.Kind.ACTION_PLAN,
        "title": {"az": pending.plan_title or pending.plan_code, "ru": "", "en": ""},
        "period_start": start,
        "period_end": end,
        "coordinator": organization,
    }


EXPORTS = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "decidim": ("text/csv; charset=utf-8", "csv"),
}


def plan_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The plan as a file; `?lang=` picks the language of the texts (the page's language by default)."""
    plan = _plan_or_404(request, code)
    if fmt not in EXPORTS:
        raise Http404
    language = request.GET.get("lang") or request.LANGUAGE_CODE
    if language not in {"az", "ru", "en"}:
        language = "az"
    content: bytes | str
    if fmt == "xlsx":
        content = exporting.export_xlsx(plan, language)
    elif fmt == "docx":
        content = exporting.export_docx(plan, language)
    elif fmt == "csv":
        content = exporting.export_csv(plan, language)
    elif any(name.startswith("locale_") or name == "separator" for name in request.GET):
        form = DecidimExportForm(request.GET)  # Decidim's results under the locales and separator given
        if not form.is_valid():
            return render(request, "plans/decidim_export.html", {"plan": plan, "form": form}, status=400)
        content = exporting.export_decidim_csv(
            plan, form.locales(), separator=form.cleaned_data["separator"] or exporting.DECIDIM_SEPARATOR
        )
    else:
        content = exporting.export_decidim_csv(plan)
    content_type, extension = EXPORTS[fmt]
    suffix = "-decidim" if fmt == "decidim" else f"-{language}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{plan.code}{suffix}.{extension}"'
    return response


# Registering and changing plans, measures and indicators ---------------------------------------


def _require_manager(request: HttpRequest) -> None:
    if not permissions.can_manage_plans(request.user):
        raise PermissionDenied(_("Only the coordination office can change plans."))


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else ""


def _form_page(request: HttpRequest, template: str, form: Any, **context: Any) -> HttpResponse:
    return render(request, template, {"form": form, **context}, status=400 if form.errors else 200)


@login_required
def legal_act_create(request: AuthenticatedRequest) -> HttpResponse:
    _require_manager(request)
    form = LegalActForm(
        request.POST or None, organizations=directory_selectors.organization_options(user=request.user)
    )
    next_url = _safe_next(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            act = services.legal_act_create(
                actor=request.user,
                kind=data["kind"],
                number=data["number"],
                date=data["date"],
                title=texts_from(data, "title"),
                issuer=data["issuer"],
                url=data["url"],
            )
            messages.success(request, _("Legal act “%(act)s” registered.") % {"act": act})
            return redirect(next_url or "plans:plans")
    return _form_page(request, "plans/legal_act_form.html", form, next=next_url)


def _plan_form(request: AuthenticatedRequest, *, initial: dict[str, Any], creating: bool) -> PlanForm:
    user = request.user
    return PlanForm(
        request.POST or None,
        initial=initial,
        creating=creating,
        acts=selectors.legal_act_options(user=user),
        organizations=directory_selectors.organization_options(user=user),
        bodies=directory_selectors.body_options(user=user),
    )


@login_required
def plan_create(request: AuthenticatedRequest) -> HttpResponse:
    _require_manager(request)
    organization = getattr(request.user, "organization", None)
    form = _plan_form(request, initial={"coordinator": organization, "report_due_days": 10}, creating=True)
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            plan = services.plan_create(
                actor=request.user, code=form.cleaned_data["code"], **form.plan_values()
            )
            messages.success(request, _("Plan “%(code)s” registered.") % {"code": plan.code})
            return redirect(plan)
    return _form_page(request, "plans/plan_form.html", form)


def _ladder_initial(plan: Plan) -> dict[str, Any]:
    """The plan's own reminder ladder in the form's four fields; empty when it follows the installation's."""
    ladder = plan.reminder_ladder
    if not ladder:
        return {}
    return {
        "reminders_before": ", ".join(str(days) for days in ladder.get("before", [])),
        "reminders_overdue": ", ".join(str(days) for days in ladder.get("overdue", [])),
        "escalate_to_head": ladder.get("head"),
        "escalate_to_controller": ladder.get("controller"),
    }


@login_required
def plan_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    _require_manager(request)
    plan = _plan_or_404(request, code)
    initial: dict[str, Any] = {
        "version": plan.version,
        **{name: getattr(plan, name) for name in ("kind", "period_start", "period_end", "status")},
        **{name: getattr(plan, name) for name in ("reporting_periodicity", "report_due_days")},
        **{name: getattr(plan, name) for name in ("coordinator", "owning_body", "approved_by")},
        **{f"title_{language}": text for language, text in texts_of(plan, "title").items()},
        **_ladder_initial(plan),
    }
    for slot, party in enumerate(plan.parties.order_by("country"), start=1):
        initial.update(
            {
                f"party_{slot}_country": party.country,
                f"party_{slot}_lead": party.lead,
                f"party_{slot}_coordinator": party.coordinator,
            }
        )
    form = _plan_form(request, initial=initial, creating=False)
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            plan = services.plan_update(
                actor=request.user, plan=plan, version=form.cleaned_data["version"] or 0, **form.plan_values()
            )
            messages.success(request, _("Changes to plan “%(code)s” saved.") % {"code": plan.code})
            return redirect(plan)
    return _form_page(request, "plans/plan_form.html", form, plan=plan)


def _measure_form(
    request: AuthenticatedRequest, *, initial: dict[str, Any], creating: bool, keep: list[int]
) -> MeasureForm:
    user = request.user
    options = directory_selectors.organization_options(user=user)
    return MeasureForm(
        request.POST or None,
        initial=initial,
        creating=creating,
        # An abolished executor already on the item stays choosable; new work goes to active ones.
        organizations=(options | Organization.objects.visible_to(user).filter(pk__in=keep))
        if keep
        else options,
        bodies=directory_selectors.body_options(user=user),
        districts=places_selectors.district_list(user=user),
    )


def _measure_or_404(request: HttpRequest, code: str, number: str) -> Measure:
    return found(
        selectors.measure_get,
        lookup={"plan__code": code, "number": number},
        user=request.user,
        code=code,
        number=number,
    )


@login_required
def measure_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    _require_manager(request)
    plan = _plan_or_404(request, code)
    parent_number = request.GET.get("parent", "")
    parent = plan.measures.filter(number=parent_number).first() if parent_number else None
    initial = {
        "number": selectors.next_child_number(plan=plan, parent=parent),
        "area": parent.area if parent else None,
    }
    form = _measure_form(request, initial=initial, creating=True, keep=[])
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            measure = services.measure_create(
                actor=request.user, plan=plan, number=form.cleaned_data["number"], content=form.content()
            )
            messages.success(request, _("Item %(number)s added.") % {"number": measure.number})
            return redirect(measure)
    return _form_page(request, "plans/measure_form.html", form, plan=plan, parent=parent)


@login_required
def measure_edit(request: AuthenticatedRequest, code: str, number: str) -> HttpResponse:
    _require_manager(request)
    measure = _measure_or_404(request, code, number)
    if measure.number != number:
        return redirect("plans:measure_edit", code=code, number=measure.number)
    keep = [executor.organization_id for executor in measure.executors.all()]
    form = _measure_form(request, initial=measure_initial(measure), creating=False, keep=keep)
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            measure = services.measure_update(
                actor=request.user,
                measure=measure,
                version=form.cleaned_data["version"] or 0,
                content=form.content(),
            )
            messages.success(request, _("Changes to item %(number)s saved.") % {"number": measure.number})
            return redirect(measure)
    return _form_page(request, "plans/measure_form.html", form, plan=measure.plan, measure=measure)


def _indicator_form(request: AuthenticatedRequest, initial: dict[str, Any]) -> IndicatorForm:
    return IndicatorForm(
        request.POST or None,
        initial=initial,
        organizations=directory_selectors.organization_options(user=request.user),
    )


@login_required
def indicator_create(request: AuthenticatedRequest, code: str, number: str) -> HttpResponse:
    _require_manager(request)
    measure = _measure_or_404(request, code, number)
    form = _indicator_form(request, {})
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            services.indicator_create(actor=request.user, measure=measure, content=form.content())
            messages.success(request, _("Indicator added to item %(number)s.") % {"number": measure.number})
            return redirect(measure)
    return _form_page(request, "plans/indicator_form.html", form, plan=measure.plan, measure=measure)


@login_required
def indicator_edit(request: AuthenticatedRequest, code: str, number: str, pk: int) -> HttpResponse:
    _require_manager(request)
    measure = _measure_or_404(request, code, number)
    indicator = found(selectors.indicator_get, user=request.user, measure=measure, pk=pk)
    form = _indicator_form(request, indicator_initial(indicator))
    if request.method == "POST" and "delete" in request.POST:
        with service_errors_on(form):
            services.indicator_delete(
                actor=request.user, indicator=indicator, version=int(request.POST.get("version") or 0)
            )
            messages.success(
                request, _("Indicator removed from item %(number)s.") % {"number": measure.number}
            )
            return redirect(measure)
    elif request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            services.indicator_update(
                actor=request.user,
                indicator=indicator,
                version=form.cleaned_data["version"] or 0,
                content=form.content(),
            )
            messages.success(request, _("Indicator of item %(number)s saved.") % {"number": measure.number})
            return redirect(measure)
    return _form_page(
        request, "plans/indicator_form.html", form, plan=measure.plan, measure=measure, indicator=indicator
    )
