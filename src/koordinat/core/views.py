"""Small pieces every view uses: 404 for what a selector does not find, service errors on forms, paging, the home page."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

PAGE_SIZE = 50
T = TypeVar("T")


def allow(rule: Callable[[Any, Any], bool], user: Any, target: Any = None) -> None:
    """A page's permission check before it shows a form; the service checks again on saving."""
    if not rule(user, target):
        raise PermissionDenied(_("You do not have permission to do this."))


def found(read: Callable[..., T], **kwargs: Any) -> T:
    """A selector's one row, or the 404 page when the user may not see it or it does not exist."""
    try:
        return read(**kwargs)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names; the rest above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def paginate(request: HttpRequest, items: Any, per_page: int = PAGE_SIZE) -> Page:
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")
