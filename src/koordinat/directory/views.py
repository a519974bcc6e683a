"""Registry pages: parse the request, call a selector or a service, answer."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koordinat.accounts.models import User
from koordinat.accounts.requests import AuthenticatedRequest
from koordinat.core.selectors import history_of
from koordinat.core.translation import texts_from, texts_of
from koordinat.core.views import allow, found, paginate, service_errors_on

from . import permissions, selectors, services
from .forms import (
    AbolishForm,
    BodyForm,
    MembershipEndForm,
    MembershipForm,
    NewPersonForm,
    OrganizationFilterForm,
    OrganizationForm,
    PersonForm,
)
from .tables import organization_table


def _initial_texts(instance: Any, *fields: str) -> dict[str, str]:
    return {f"{field}_{code}": text for field in fields for code, text in texts_of(instance, field).items()}


def _int_param(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


# Organisations ---------------------------------------------------------------------------------


@login_required
@require_GET
def directory(request: AuthenticatedRequest) -> HttpResponse:
    """The directory's landing page: its registers, each with how many it holds."""
    return render(request, "directory/index.html", {"counts": selectors.directory_counts(user=request.user)})


@login_required
def organization_list(request: AuthenticatedRequest) -> HttpResponse:
    form = OrganizationFilterForm(request.GET or None, bodies=selectors.body_options(user=request.user))
    filters = selectors.OrganizationFilters()
    if form.is_valid():
        filters = selectors.OrganizationFilters(
            q=form.cleaned_data["q"],
            kind=form.cleaned_data["kind"],
            status=form.cleaned_data["status"],
            body=form.cleaned_data["body"],
        )
    organizations = selectors.organization_register(user=request.user, filters=filters)
    page = paginate(request, organizations)
    return render(
        request,
        "directory/organization_list.html",
        {
            "form": form,
            "page": page,
            "table": organization_table(page),
            "filters": filters,
            "can_create": permissions.can_create_organization(request.user),
        },
    )


@login_required
def organization_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organization = found(selectors.organization_get, user=request.user, pk=pk)
    user = request.user
    return render(
        request,
        "directory/organization_detail.html",
        {
            "organization": organization,
            "children": selectors.organization_children(user=user, organization=organization),
            "memberships": selectors.organization_memberships(user=user, organization=organization),
            "bodies": selectors.organization_bodies(user=user, organization=organization),
            "predecessors": organization.predecessors.all(),
            "history": history_of(user=user, target=organization),
            "can_edit": permissions.can_edit_organization(user, organization),
            "can_abolish": permissions.can_abolish_organization(user, organization),
        },
    )


@login_required
def organization_create(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    parent_id = _int_param(request, "parent")
    parent = found(selectors.organization_get, user=user, pk=parent_id) if parent_id else None
    rule = permissions.can_edit_organization if parent else permissions.can_create_organization
    allow(rule, user, parent)
    offer_controls = permissions.can_change_organization_controls(user)
    initial: dict[str, Any] = {"parent": parent, "country": parent.country if parent else "AZ"}
    if parent is not None and offer_controls:
        initial.update(kind=parent.kind, reports_need_head_approval=parent.reports_need_head_approval)
    form = OrganizationForm(
        request.POST or None,
        initial=initial,
        parents=_editable_organizations(user),
        creating=True,
        offer_controls=offer_controls,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            organization = services.organization_create(
                actor=user,
                kind=data["kind"] or None,
                name=texts_from(data, "name"),
                short_name=texts_from(data, "short_name"),
                abbreviation=texts_from(data, "abbreviation"),
                parent=data["parent"],
                country=data["country"],
                reports_need_head_approval=data["reports_need_head_approval"],
            )
            messages.success(request, _("Organisation “%(name)s” created.") % {"name": organization.name})
            return redirect(organization)
    return render(
        request,
        "directory/organization_form.html",
        {"form": form, "parent": parent},
        status=400 if form.errors else 200,
    )


@login_required
def organization_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organization = found(selectors.organization_get, user=request.user, pk=pk)
    allow(permissions.can_edit_organization, request.user, organization)
    offer_controls = permissions.can_change_organization_controls(request.user)
    initial = {
        "kind": organization.kind,
        "parent": organization.parent,
        "country": organization.country,
        "reports_need_head_approval": organization.reports_need_head_approval,
        "version": organization.version,
        **_initial_texts(organization, "name", "short_name", "abbreviation"),
    }
    if offer_controls:
        parents = selectors.organization_options(user=request.user).exclude(pk=organization.pk)
    else:  # the parent travels unchanged, whatever it is; the service refuses a change
        parents = selectors.organization_list(user=request.user, filters=selectors.OrganizationFilters())
    form = OrganizationForm(
        request.POST or None, initial=initial, parents=parents, offer_controls=offer_controls
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            organization = services.organization_update(
                actor=request.user,
                organization=organization,
                version=data["version"] or 0,
                kind=data["kind"],
                name=texts_from(data, "name"),
                short_name=texts_from(data, "short_name"),
                abbreviation=texts_from(data, "abbreviation"),
                parent=data["parent"],
                country=data["country"],
                reports_need_head_approval=data["reports_need_head_approval"],
            )
            messages.success(request, _("Changes to “%(name)s” saved.") % {"name": organization.name})
            return redirect(organization)
    return render(
        request,
        "directory/organization_form.html",
        {"form": form, "organization": organization},
        status=400 if form.errors else 200,
    )


@login_required
def organization_abolish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organization = found(selectors.organization_get, user=request.user, pk=pk)
    allow(permissions.can_abolish_organization, request.user, organization)
    successors = selectors.organization_options(user=request.user).exclude(pk=organization.pk)
    form = AbolishForm(request.POST or None, initial={"version": organization.version}, successors=successors)
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            organization = services.organization_abolish(
                actor=request.user,
                organization=organization,
                version=form.cleaned_data["version"] or 0,
                on=form.cleaned_data["on"],
                successor=form.cleaned_data["successor"],
            )
            messages.success(request, _("“%(name)s” is recorded as abolished.") % {"name": organization.name})
            return redirect(organization)
    return render(
        request,
        "directory/organization_abolish.html",
        {"form": form, "organization": organization},
        status=400 if form.errors else 200,
    )


# People ----------------------------------------------------------------------------------------


@login_required
def person_list(request: AuthenticatedRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    people = selectors.person_list(user=request.user, q=q)
    return render(
        request,
        "directory/person_list.html",
        {
            "page": paginate(request, people),
            "q": q,
            "can_create": permissions.can_create_person(request.user),
        },
    )


def _search_answer(results: list[dict[str, str]]) -> JsonResponse:
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def person_search(request: AuthenticatedRequest) -> JsonResponse:
    """The people picker's search as you type: matches for `q`, at most PICK_LIMIT of them."""
    people = selectors.person_search(user=request.user, q=request.GET.get("q", ""))
    return _search_answer(
        [
            {"value": str(person.pk), "label": person.full_name, "hint": selectors.person_position(person)}
            for person in people
        ]
    )


@login_required
@require_GET
def organization_search(request: AuthenticatedRequest) -> JsonResponse:
    """The organisation picker's search as you type, for lists of organisations one per line."""
    organizations = selectors.organization_search(user=request.user, q=request.GET.get("q", ""))
    return _search_answer(
        [
            {
                "value": str(organization.pk),
                "label": organization.name,
                "hint": organization.short_name if organization.short_name != organization.name else "",
            }
            for organization in organizations
        ]
    )


@login_required
def person_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = found(selectors.person_get, user=request.user, pk=pk)
    user = request.user
    memberships = list(selectors.person_memberships(user=user, person=person))
    return render(
        request,
        "directory/person_detail.html",
        {
            "person": person,
            "memberships": memberships,
            "endable": {
                membership.pk
                for membership in memberships
                if permissions.can_manage_positions(user, membership.organization)
            },
            "bodies": selectors.person_bodies(user=user, person=person),
            "history": history_of(user=user, target=person),
            "can_edit": permissions.can_edit_person(user, person),
            "can_add_position": permissions.can_give_position(user, person)
            and _editable_organizations(user).exists(),
        },
    )


def _editable_organizations(user: User) -> Any:
    """Where the user may add positions and sub-units: everywhere for the office, else their own organisation."""
    options = selectors.organization_options(user=user)
    if permissions.is_office_manager(user):
        return options
    if permissions.is_organization_staff(user):
        return options.filter(pk__in=selectors.organization_scope(user))
    return options.none()


@login_required
def person_create(request: AuthenticatedRequest) -> HttpResponse:
    allow(permissions.can_create_person, request.user)
    organization_id = _int_param(request, "organization")
    form = NewPersonForm(
        request.POST or None,
        initial={"organization": organization_id},
        organizations=_editable_organizations(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            person = services.person_create(
                actor=request.user,
                last_name=texts_from(data, "last_name"),
                first_name=texts_from(data, "first_name"),
                patronymic=texts_from(data, "patronymic"),
                email=data["email"],
                phone=data["phone"],
                organization=data["organization"],
                position=texts_from(data, "position"),
                start_date=data["start_date"],
            )
            messages.success(request, _("%(name)s added to the directory.") % {"name": person.full_name})
            return redirect(person)
    return render(request, "directory/person_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def person_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = found(selectors.person_get, user=request.user, pk=pk)
    allow(permissions.can_edit_person, request.user, person)
    initial = {
        "email": person.email,
        "phone": person.phone,
        "version": person.version,
        **_initial_texts(person, "last_name", "first_name", "patronymic"),
    }
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            person = services.person_update(
                actor=request.user,
                person=person,
                version=data["version"] or 0,
                last_name=texts_from(data, "last_name"),
                first_name=texts_from(data, "first_name"),
                patronymic=texts_from(data, "patronymic"),
                email=data["email"],
                phone=data["phone"],
            )
            messages.success(request, _("Changes to %(name)s saved.") % {"name": person.full_name})
            return redirect(person)
    return render(
        request,
        "directory/person_form.html",
        {"form": form, "person": person},
        status=400 if form.errors else 200,
    )


@login_required
def membership_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = found(selectors.person_get, user=request.user, pk=pk)
    allow(permissions.can_give_position, request.user, person)
    organizations = _editable_organizations(request.user)
    if not organizations.exists():
        raise PermissionDenied(_("You do not have permission to do this."))
    form = MembershipForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            services.membership_add(
                actor=request.user,
                person=person,
                organization=data["organization"],
                position=texts_from(data, "position"),
                start_date=data["start_date"],
                end_date=data["end_date"],
            )
            messages.success(request, _("Position added."))
            return redirect(person)
    return render(
        request,
        "directory/membership_form.html",
        {"form": form, "person": person},
        status=400 if form.errors else 200,
    )


@login_required
def membership_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    membership = found(selectors.membership_get, user=request.user, pk=pk)
    allow(permissions.can_manage_positions, request.user, membership.organization)
    form = MembershipEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            services.membership_end(
                actor=request.user, membership=membership, end_date=form.cleaned_data["end_date"]
            )
            messages.success(request, _("Position end date recorded."))
            return redirect(membership.person)
    return render(
        request,
        "directory/membership_end.html",
        {"form": form, "membership": membership},
        status=400 if form.errors else 200,
    )


# Collegial bodies ------------------------------------------------------------------------------


@login_required
def body_list(request: AuthenticatedRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    bodies = selectors.body_list(user=request.user, q=q)
    return render(
        request,
        "directory/body_list.html",
        {"page": paginate(request, bodies), "q": q, "can_create": permissions.can_create_body(request.user)},
    )


@login_required
def body_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    body = found(selectors.body_get, user=request.user, pk=pk)
    user = request.user
    return render(
        request,
        "directory/body_detail.html",
        {
            "body": body,
            "organizations": selectors.body_member_organizations(user=user, body=body),
            "members": selectors.body_members(user=user, body=body),
            "children": selectors.body_children(user=user, body=body),
            "history": history_of(user=user, target=body),
            "can_edit": permissions.can_edit_body(user, body),
            "can_add_sub_body": permissions.can_create_body(user),
        },
    )


def _body_form(
    request: AuthenticatedRequest, *, initial: dict[str, Any], exclude: int | None = None
) -> BodyForm:
    user = request.user
    bodies = selectors.body_options(user=user)
    if exclude is not None:
        bodies = bodies.exclude(pk=exclude)
    return BodyForm(
        request.POST or None,
        initial=initial,
        bodies=bodies,
        organizations=selectors.organization_list(
            user=user, filters=selectors.OrganizationFilters(status="active")
        ),
        people=selectors.person_list(user=user),
        offer_controls=permissions.can_change_body_controls(user),
    )


def _body_arguments(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": data["kind"],
        "name": texts_from(data, "name"),
        "area": texts_from(data, "area"),
        "parent": data["parent"],
        "chair": data["chair"],
        "secretary": data["secretary"],
        "member_organizations": data["member_organizations"],
        "members": data["members"],
        "is_public": data["is_public"],
        "advises": data["advises"],
    }


@login_required
def body_create(request: AuthenticatedRequest) -> HttpResponse:
    allow(permissions.can_create_body, request.user)
    parent_id = _int_param(request, "parent")
    form = _body_form(request, initial={"parent": parent_id})
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            body = services.body_create(actor=request.user, **_body_arguments(form.cleaned_data))
            messages.success(request, _("Body “%(name)s” created.") % {"name": body.name})
            return redirect(body)
    return render(request, "directory/body_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def body_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    body = found(selectors.body_get, user=request.user, pk=pk)
    allow(permissions.can_edit_body, request.user, body)
    initial = {
        "kind": body.kind,
        "parent": body.parent_id,
        "chair": body.chair_id,
        "secretary": body.secretary_id,
        "is_public": body.is_public,
        "advises": body.advises_id,
        "member_organizations": list(body.member_organizations.values_list("pk", flat=True)),
        "members": list(body.members.values_list("pk", flat=True)),
        "version": body.version,
        **_initial_texts(body, "name", "area"),
    }
    form = _body_form(request, initial=initial, exclude=body.pk)
    if request.method == "POST" and form.is_valid():
        with service_errors_on(form):
            body = services.body_update(
                actor=request.user,
                body=body,
                version=form.cleaned_data["version"] or 0,
                **_body_arguments(form.cleaned_data),
            )
            messages.success(request, _("Changes to “%(name)s” saved.") % {"name": body.name})
            return redirect(body)
    return render(
        request, "directory/body_form.html", {"form": form, "body": body}, status=400 if form.errors else 200
    )
