"""Small pieces every view uses: 404 for what a selector does not find, service errors on forms, paging, the home page."""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django import forms
from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Page, Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from . import audit
from .extensions import Addresses
from .rows import Rows

PAGE_SIZE = 50
T = TypeVar("T")
M = TypeVar("M", bound=models.Model)


def allow(rule: Callable[[Any, Any], bool], user: Any, target: Any = None) -> None:
    """A page's permission check before it shows a form; the service checks again on saving. The
    refusal carries its target so the audit middleware can record it."""
    if not rule(user, target):
        raise audit.Refusal(target=target)


class Hidden(Http404):
    """The 404 for a row that exists but the user may not see: answered like any other 404 (the page
    must not tell the two apart), recorded as a refusal by the audit middleware."""

    def __init__(self, target: models.Model) -> None:
        super().__init__()
        self.target = target


def not_found(model: type[models.Model], **lookup: Any) -> Http404:
    """The 404 to raise when a read limited to what the user may see found nothing. One query on this
    path only tells whether the row exists at all; a lookup that cannot match (a malformed value)
    is simply missing. Missing rows are not recorded, so random addresses cannot flood the chain."""
    try:
        target = model._base_manager.filter(**lookup).first()
    except (ValueError, TypeError, ValidationError):
        target = None
    return Hidden(target) if target is not None else Http404()


@functools.cache
def _models_by_missing() -> dict[type[Exception], type[models.Model]]:
    return {model.DoesNotExist: model for model in apps.get_models()}  # type: ignore[attr-defined]


def _model_of(error: ObjectDoesNotExist) -> type[models.Model] | None:
    table = _models_by_missing()
    return next((table[cls] for cls in type(error).__mro__ if cls in table), None)


def found(read: Callable[..., T], *, lookup: dict[str, Any] | None = None, **kwargs: Any) -> T:
    """A selector's one row, or the 404 page when the user may not see it or it does not exist.
    `lookup` finds the row regardless of visibility; by default the selector's arguments but `user`."""
    try:
        return read(**kwargs)
    except ObjectDoesNotExist as exc:
        model = _model_of(exc)
        if model is None:
            raise Http404 from exc
        if lookup is None:
            lookup = {name: value for name, value in kwargs.items() if name != "user"}
        raise not_found(model, **lookup) from exc


def visible_or_404(queryset: models.QuerySet[M], **lookup: Any) -> M:
    """`get_object_or_404` for a queryset already limited to what the user may see (`visible_to`, or a
    visible parent's rows): a row that exists outside it is recorded as refused."""
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist as exc:
        raise not_found(queryset.model, **lookup) from exc


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names; the rest above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


@contextmanager
def service_errors_on(form: forms.BaseForm) -> Iterator[None]:
    """Call a service for a valid form, and answer:

        with service_errors_on(form):
            thing = services.thing_create(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect(thing)
        return render(request, "thing_form.html", {"form": form}, status=400 if form.errors else 200)

    Should the service refuse with a ValidationError, the rest of the block is skipped, the error
    goes onto the form (`add_service_errors`) and the view carries on after the block, where it
    shows the form again."""
    try:
        yield
    except ValidationError as error:
        add_service_errors(form, error)


def paginate(request: HttpRequest, items: Any, per_page: int = PAGE_SIZE) -> Page:
    """The requested page of `items`, as `Paginator.get_page` gives it (a register's `Rows` reads
    its count with its rows)."""
    if isinstance(items, Rows):
        return items.page(request.GET.get("page"), per_page)
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def public_page_for(
    request: HttpRequest, addresses: Addresses, kind: str, **kwargs: Any
) -> HttpResponse | None:
    """The redirect that sends an anonymous visitor to where the public reads this page (the portal,
    through `addresses`); None for a signed-in reader or when no app gives an address."""
    if request.user.is_authenticated:
        return None
    address = addresses(kind, **kwargs)
    return redirect(address) if address else None


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")
