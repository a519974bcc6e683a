"""The dialogue's pages: citizens' (under the portal, without office sign-in) and the office's
(moderation and answers). Thin: parse, call a service, answer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from koordinat.core import clock
from koordinat.core.clients import client_address
from koordinat.core.views import found, paginate
from koordinat.events import selectors as event_selectors
from koordinat.events.models import Event
from koordinat.plans import selectors as plan_selectors
from koordinat.plans.models import Measure, Plan
from koordinat.portal.caching import public_page

from . import permissions, selectors, services, sessions
from .forms import AnswerForm, EditForm, ModerationForm, SignInForm, SignUpForm, SubmissionForm, VersionForm
from .limits import RateLimited
from .models import Answer, Submission
from .panels import with_lateness

ROWS_PER_PAGE = 50


def _language() -> str:
    return (get_language() or "az").split("-")[0]


def _add_errors(form: Form, error: ValidationError) -> None:
    """A service's refusal onto the form: on its field when it names one, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _rate_message(error: RateLimited) -> str:
    moment = timezone.localtime(error.retry_at)
    return _("Too many tries. Try again after %(time)s.") % {
        "time": formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    }


# Citizens


@public_page
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "dialogue/about.html")


def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:
            form.add_error(None, _("Your submission could not be accepted."))
        else:
            try:
                services.citizen_sign_up(
                    name=data["name"],
                    email=data["email"],
                    password=data["password"],
                    organization_name=data["organization_name"],
                    language=_language(),
                    consent=data["consent"],
                    address=client_address(request),
                    confirm_url=lambda token: request.build_absolute_uri(
                        reverse("dialogue:confirm", args=[token])
                    ),
                )
            except RateLimited as error:
                form.add_error(None, _rate_message(error))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return redirect("dialogue:sign_up_done")
    status = 400 if form.errors else 200
    return render(request, "dialogue/sign_up.html", {"form": form}, status=status)


@require_safe
def sign_up_done(request: HttpRequest) -> HttpResponse:
    return render(request, "dialogue/sign_up_done.html")


@require_safe
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        citizen = services.citizen_confirm(token=token)
    except ValidationError as error:
        return render(request, "dialogue/confirm_failed.html", {"error": error.messages[0]}, status=400)
    sessions.sign_in(request, citizen)
    messages.success(request, _("Your e-mail address is confirmed. You are signed in."))
    return redirect("dialogue:mine")


def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=False):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        try:
            citizen = services.citizen_authenticate(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                address=client_address(request),
            )
        except RateLimited as error:
            form.add_error(None, _rate_message(error))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            sessions.sign_in(request, citizen)
            return redirect(next_url or reverse("dialogue:mine"))
    status = 400 if form.errors else 200
    return render(request, "dialogue/sign_in.html", {"form": form, "next": next_url}, status=status)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    sessions.sign_out(request)
    messages.success(request, _("You are signed out."))
    return redirect("dialogue:sign_in")


@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    citizen = sessions.current(request)
    rows = list(selectors.citizen_submissions(citizen=citizen)) if citizen else []
    return render(request, "dialogue/mine.html", {"citizen": citizen, "rows": rows})


def _target(code: str, number: str | None) -> tuple[Plan, Measure | None]:
    if number is None:
        return found(plan_selectors.public_plan_get, code=code), None
    measure = found(plan_selectors.public_measure_get, code=code, number=number)
    return measure.plan, measure


def ask(request: HttpRequest, code: str, number: str | None = None) -> HttpResponse:
    """A question or proposal on a published plan or measure; who is not signed in is asked to."""
    plan, measure = _target(code, number)
    return _ask(request, plan=plan, measure=measure, event=None)


def ask_event(request: HttpRequest, pk: int) -> HttpResponse:
    """A question or proposal on a published event (its organiser answers)."""
    return _ask(request, plan=None, measure=None, event=found(event_selectors.public_event_get, pk=pk))


def _ask(
    request: HttpRequest, *, plan: Plan | None, measure: Measure | None, event: Event | None
) -> HttpResponse:
    citizen = sessions.current(request)
    initial = {"kind": request.GET.get("kind", Submission.Kind.QUESTION), "language": _language()}
    form = SubmissionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if citizen is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                submission = services.submission_create(
                    citizen=citizen,
                    kind=data["kind"],
                    text=data["text"],
                    language=data["language"],
                    address=client_address(request),
                    plan=plan,
                    measure=measure,
                    event=event,
                    honeypot=data["website"],
                )
            except RateLimited as error:
                form.add_error(None, _rate_message(error))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Thank you. Your submission %(reference)s waits for moderation.")
                    % {"reference": submission.reference},
                )
                return redirect("dialogue:mine")
    context = {
        "form": form,
        "plan": plan,
        "measure": measure,
        "event": event,
        "citizen": citizen,
        "next": request.path,
    }
    return render(request, "dialogue/ask.html", context, status=400 if form.errors else 200)


def _own_or_404(request: HttpRequest, pk: int) -> tuple[Any, Submission]:
    citizen = sessions.current(request)
    if citizen is None:
        raise Http404
    return citizen, found(selectors.citizen_submission_get, lookup={"pk": pk}, citizen=citizen, pk=pk)


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    citizen, submission = _own_or_404(request, pk)
    form = EditForm(request.POST or None, initial={"text": submission.text, "version": submission.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_edit(
                citizen=citizen,
                submission=submission,
                version=form.cleaned_data["version"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your submission is changed."))
            return redirect("dialogue:mine")
    return render(
        request,
        "dialogue/edit.html",
        {"form": form, "submission": submission},
        status=400 if form.errors else 200,
    )


def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    citizen, submission = _own_or_404(request, pk)
    form = VersionForm(request.POST or None, initial={"version": submission.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_withdraw(
                citizen=citizen, submission=submission, version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your submission is withdrawn."))
            return redirect("dialogue:mine")
    return render(
        request,
        "dialogue/withdraw.html",
        {"form": form, "submission": submission},
        status=400 if form.errors else 200,
    )


@public_page
def log(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.moderation_log(), ROWS_PER_PAGE)
    return render(request, "dialogue/log.html", {"page": page})


@public_page
def submission(request: HttpRequest, pk: int) -> HttpResponse:
    shown = found(selectors.public_get, pk=pk)
    with_lateness([shown])
    return render(request, "dialogue/submission.html", {"submission": shown})


# The office


@login_required
@require_safe
def moderation(request: HttpRequest) -> HttpResponse:
    if not permissions.can_see_moderation_queue(request.user):
        raise PermissionDenied
    page = paginate(request, selectors.moderation_queue(user=request.user), ROWS_PER_PAGE)
    return render(request, "dialogue/office/moderation.html", {"page": page})


@login_required
@require_safe
def answers(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.answers_owed(user=request.user), ROWS_PER_PAGE)
    with_lateness(list(page.object_list))
    return render(request, "dialogue/office/answers.html", {"page": page, "today": clock.today()})


@login_required
def office_submission(request: HttpRequest, pk: int) -> HttpResponseBase:
    shown = found(selectors.office_visible(user=request.user).get, lookup={"pk": pk}, pk=pk)
    user: Any = request.user
    may_moderate = shown.status == Submission.Status.PENDING and permissions.can_moderate(user, shown)
    answer = Answer.objects.filter(submission=shown).first()
    may_answer = (
        shown.status == Submission.Status.ACCEPTED
        and permissions.can_answer(user, shown)
        and (answer is None or answer.status == Answer.Status.DRAFT)
    )
    moderation_form = ModerationForm(initial={"version": shown.version}) if may_moderate else None
    answer_initial: dict[str, Any] = {"version": answer.version if answer else 0}
    if answer is not None:
        answer_initial.update({f"text_{code}": text for code, text in answer.texts().items()})
    answer_form = AnswerForm(initial=answer_initial) if may_answer else None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "moderate" and may_moderate:
                moderation_form = ModerationForm(request.POST)
                if moderation_form.is_valid():
                    data = moderation_form.cleaned_data
                    services.submission_moderate(
                        actor=user,
                        submission=shown,
                        version=data["version"],
                        accept=data["decision"] == "accept",
                        reason=data["reason"],
                        reason_text=data["reason_text"],
                    )
                    messages.success(request, _("Decision recorded."))
                    return redirect("dialogue_office:submission", pk=shown.pk)
            elif action in ("save", "publish") and may_answer:
                answer_form = AnswerForm(request.POST)
                if answer_form.is_valid():
                    data = answer_form.cleaned_data
                    services.answer_save(
                        actor=user,
                        submission=shown,
                        version=data["version"],
                        texts={code: data[f"text_{code}"] for code in ("az", "ru", "en")},
                        publish=action == "publish",
                    )
                    messages.success(
                        request,
                        _("The answer is published.") if action == "publish" else _("The draft is saved."),
                    )
                    return redirect("dialogue_office:submission", pk=shown.pk)
            else:
                raise PermissionDenied
        except ValidationError as error:
            target_form = moderation_form if action == "moderate" else answer_form
            assert target_form is not None
            _add_errors(target_form, error)
    with_lateness([shown])
    context = {
        "submission": shown,
        "answer": answer,
        "moderation_form": moderation_form,
        "answer_form": answer_form,
        "today": clock.today(),
    }
    failed = (moderation_form is not None and moderation_form.errors) or (
        answer_form is not None and answer_form.errors
    )
    return render(request, "dialogue/office/submission.html", context, status=400 if failed else 200)
