"""Meeting pages: parse the request, call a selector or a service, answer."""

from collections.abc import Callable
from typing import Any, Protocol

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from koordinat.accounts.models import User
from koordinat.accounts.requests import AuthenticatedRequest
from koordinat.core.forms import option_tags
from koordinat.core.rows import cached_option_pairs
from koordinat.core.selectors import history_of
from koordinat.core.translation import language_codes, texts_from, texts_of
from koordinat.core.views import allow, found, paginate, public_page_for, service_errors_on, visible_or_404
from koordinat.directory import selectors as directory_selectors
from koordinat.directory.models import Body
from koordinat.execution import selectors as execution_selectors
from koordinat.plans import selectors as plan_selectors

from . import documents, extensions, permissions, selectors, services
from .forms import (
    AgendaItemForm,
    CommentForm,
    HeldForm,
    InstructionForm,
    MeetingForm,
    MinutesStartForm,
    RegisterInstructionForm,
    SeriesForm,
    measure_lines,
)
from .models import AgendaItem, Instruction, Meeting, Minutes, Participant
from .tables import meeting_table

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _invitees(body: Body, guests: list[Any], people: Any = ()) -> list[services.Invitee]:
    """The body's members, invited organisations (a foreign one as its country's delegation) and
    invited people who are not members already."""
    members = services.default_invitees(body)
    member_ids = {invitee.person.pk for invitee in members if invitee.person is not None}
    return (
        members
        + [
            services.Invitee(
                organization=organization,
                role=Participant.Role.INVITED,
                delegation=organization.country if organization.country != "AZ" else "",
            )
            for organization in guests
        ]
        + [
            services.Invitee(person=person, role=Participant.Role.INVITED)
            for person in people
            if person.pk not in member_ids
        ]
    )


def meeting_list(request: HttpRequest) -> HttpResponse:
    if public := public_page_for(request, extensions.public_pages, "meetings"):
        return public
    user = request.user
    body_id = request.GET.get("body", "")
    filters = selectors.MeetingFilters(body_id=int(body_id) if body_id.isdigit() else None)
    page = paginate(request, selectors.meeting_list(user=user, filters=filters))
    bodies = cached_option_pairs(
        directory_selectors.BODY_CHOICES, directory_selectors.body_options(user=user), "name"
    )
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "page": page,
            "table": meeting_table(page),
            "bodies": bodies,
            "body_options": option_tags(bodies, filters.body_id),
            "filters": filters,
            "can_create": selectors.keeps_any_body(user=user, visible=bodies),
            "can_register_instruction": permissions.can_register_instruction(user),
        },
    )


@login_required
def meeting_create(request: AuthenticatedRequest) -> HttpResponse:
    bodies = selectors.manageable_bodies(user=request.user)
    if not bodies.exists():
        raise PermissionDenied(_("Only the coordination office and a body's secretary plan its meetings."))
    form = MeetingForm(
        request.POST or None,
        bodies=bodies,
        creating=True,
        initial={"body": request.GET.get("body")},
        people=directory_selectors.person_list(user=request.user),
        offer_controls=permissions.can_substitute_officers(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            meeting = services.meeting_create(
                actor=request.user,
                body=data["body"],
                title=texts_from(data, "title"),
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=texts_from(data, "place"),
                online_url=data["online_url"],
                chair=data["chair"],
                secretary=data["secretary"],
                second_language=data["second_language"],
                participants=_invitees(data["body"], data["guests"], data["invited_people"]),
            )
            messages.success(request, _("Meeting No. %(number)d planned.") % {"number": meeting.number})
            return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def meeting_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = found(selectors.meeting_get, user=request.user, pk=pk)
    allow(permissions.can_manage_meeting, request.user, meeting)
    guests = [
        p.organization
        for p in meeting.participants.all()
        if p.role == Participant.Role.INVITED and p.organization
    ]
    initial = {
        "version": meeting.version,
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.ends_at) if meeting.ends_at else None,
        "online_url": meeting.online_url,
        "second_language": meeting.second_language,
        "chair": meeting.chair_id,
        "secretary": meeting.secretary_id,
        "guests": "\n".join(organization.name for organization in guests),
        "invited_people": [
            p.person_id
            for p in meeting.participants.all()
            if p.role == Participant.Role.INVITED and p.person_id and not p.organization_id
        ],
        **{
            f"{field}_{code}": text
            for field in ("title", "place")
            for code, text in texts_of(meeting, field).items()
        },
    }
    form = MeetingForm(
        request.POST or None,
        bodies=None,
        creating=False,
        initial=initial,
        people=directory_selectors.person_list(user=request.user),
        offer_controls=permissions.can_substitute_officers(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            meeting = services.meeting_update(
                actor=request.user,
                meeting=meeting,
                version=data["version"] or 0,
                title=texts_from(data, "title"),
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=texts_from(data, "place"),
                online_url=data["online_url"],
                chair=data["chair"],
                secretary=data["secretary"],
                second_language=data["second_language"],
                participants=_invitees(meeting.body, data["guests"], data["invited_people"]),
            )
            messages.success(
                request, _("Changes to meeting No. %(number)d saved.") % {"number": meeting.number}
            )
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "meeting": meeting},
        status=400 if form.errors else 200,
    )


@login_required
def series_create(request: AuthenticatedRequest) -> HttpResponse:
    bodies = selectors.manageable_bodies(user=request.user)
    if not bodies.exists():
        raise PermissionDenied(_("Only the coordination office and a body's secretary plan its meetings."))
    form = SeriesForm(request.POST or None, bodies=bodies, initial={"frequency": "monthly", "count": 12})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            series = services.meeting_series_create(
                actor=request.user,
                body=data["body"],
                title=texts_from(data, "title"),
                frequency=data["frequency"],
                first_starts_at=data["first_starts_at"],
                count=data["count"],
                place=texts_from(data, "place"),
            )
            count = series.meetings.count()
            messages.success(
                request,
                ngettext("%(count)d meeting planned.", "%(count)d meetings planned.", count)
                % {"count": count},
            )
            return redirect(f"{redirect('meetings:meetings').url}?body={series.body_id}")
    return render(request, "meetings/series_form.html", {"form": form}, status=400 if form.errors else 200)


def _meeting_context(request: HttpRequest, meeting: Meeting, **forms: Any) -> dict[str, Any]:
    user = request.user
    minutes = getattr(meeting, "minutes", None)
    can_manage = permissions.can_manage_meeting(user, meeting)
    return {
        "meeting": meeting,
        "minutes": minutes,
        "instructions": list(minutes.instructions.all()) if minutes else [],
        "can_manage": can_manage,
        "can_approve": minutes is not None
        and minutes.is_editable
        and permissions.can_approve_minutes(user, minutes),
        "approver_recorded": minutes is not None
        and minutes.is_editable
        and permissions.approves_minutes(user, minutes)
        and permissions.recorded(user, minutes),
        "can_comment": minutes is not None
        and minutes.status == Minutes.Status.CIRCULATED
        and permissions.can_comment_minutes(user, minutes),
        "held_form": forms.get("held_form")
        or HeldForm(
            participants=meeting.participants.all(),
            initial={
                "version": meeting.version,
                "present": [str(p.pk) for p in meeting.participants.all() if p.present is not False],
            },
        ),
        "minutes_form": forms.get("minutes_form")
        or MinutesStartForm(initial={"date": timezone.localtime(meeting.starts_at).date()}),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "history": history_of(user=user, target=meeting),
        "languages": language_codes(),
        "kinds": documents.KINDS,
    }


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if public := public_page_for(request, extensions.public_pages, "meeting", pk=pk):
        return public
    meeting = found(selectors.meeting_get, user=request.user, pk=pk)
    return render(request, "meetings/meeting.html", _meeting_context(request, meeting))


def _step(request: HttpRequest, pk: int, action: Callable[[Meeting], str]) -> HttpResponse:
    """Run one small action on the meeting; a refusal goes back to the page as an error message."""
    meeting = found(selectors.meeting_get, user=request.user, pk=pk)
    try:
        done = action(meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(meeting)


def _version(request: HttpRequest) -> int:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else 0


@login_required
@require_POST
def meeting_held(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = found(selectors.meeting_get, user=request.user, pk=pk)
    form = HeldForm(request.POST, participants=meeting.participants.all())
    if form.is_valid():
        with service_errors_on(form):
            services.meeting_held(
                actor=request.user,
                meeting=meeting,
                version=form.cleaned_data["version"] or 0,
                present=[int(pk) for pk in form.cleaned_data["present"]],
                absence_reasons=form.absence_reasons(),
            )
            messages.success(request, _("The meeting is recorded as held."))
            return redirect(meeting)
    return render(
        request, "meetings/meeting.html", _meeting_context(request, meeting, held_form=form), status=400
    )


@login_required
@require_POST
def meeting_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    def cancel(meeting: Meeting) -> str:
        services.meeting_cancel(actor=request.user, meeting=meeting, version=_version(request))
        return _("The meeting is cancelled.")

    return _step(request, pk, cancel)


@login_required
@require_POST
def meeting_invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda meeting: (
            _("Invitations sent to %(count)d people.")
            % {"count": services.meeting_invite(actor=request.user, meeting=meeting)}
        ),
    )


def _invited(count: int) -> str:
    return ngettext(
        "Invitation sent to %(count)d person.", "Invitations sent to %(count)d people.", count
    ) % {"count": count}


def meeting_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = found(selectors.meeting_get, user=request.user, pk=pk)
    response = HttpResponse(
        documents.ics(meeting, request.LANGUAGE_CODE), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


def meeting_document(request: HttpRequest, pk: int, kind: str, fmt: str, language: str) -> HttpResponse:
    meeting = found(selectors.meeting_get, user=request.user, pk=pk)
    if kind not in documents.KINDS or fmt not in FORMATS or language not in language_codes():
        raise Http404
    if kind != "agenda":
        _minutes_of(meeting)  # only the agenda exists before the minutes are opened
    content = (
        documents.docx(meeting, kind, language) if fmt == "docx" else documents.pdf(meeting, kind, language)
    )
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{kind}-{meeting.body_id}-{meeting.number}-{language}.{fmt}"'
    )
    return response


# Agenda and minutes --------------------------------------------------------------------------


def _agenda_form(request: HttpRequest, meeting: Meeting, item: AgendaItem | None) -> AgendaItemForm:
    initial: dict[str, Any] = {}
    if item is not None:
        initial = {
            "speakers": list(item.speakers.all()),
            "measures": measure_lines(item.measures.select_related("plan")),
            **{
                f"{field}_{code}": text
                for field in ("title", "discussion", "decision")
                for code, text in texts_of(item, field).items()
            },
        }
    people = meeting.body.members.order_by(*directory_selectors.by_person_name(), "pk")
    return AgendaItemForm(request.POST or None, initial=initial, people=people)


@login_required
def agenda_item(request: AuthenticatedRequest, pk: int, position: int | None = None) -> HttpResponse:
    meeting = found(selectors.meeting_get, user=request.user, pk=pk)
    allow(permissions.can_manage_meeting, request.user, meeting)
    item = None
    if position is not None:
        item = visible_or_404(meeting.agenda.all(), meeting=meeting, position=position)
    form = _agenda_form(request, meeting, item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            services.agenda_item_save(
                actor=request.user,
                meeting=meeting,
                item=item,
                title=texts_from(data, "title"),
                speakers=list(data["speakers"]),
                measures=data["measures"],
                discussion=texts_from(data, "discussion"),
                decision=texts_from(data, "decision"),
            )
            messages.success(request, _("Agenda saved."))
            return redirect(f"{meeting.get_absolute_url()}#agenda")
    return render(
        request,
        "meetings/agenda_form.html",
        {"form": form, "meeting": meeting, "item": item},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def minutes_start(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = found(selectors.meeting_get, user=request.user, pk=pk)
    form = MinutesStartForm(request.POST)
    if form.is_valid():
        with service_errors_on(form):
            services.minutes_start(actor=request.user, meeting=meeting, **form.cleaned_data)
            messages.success(request, _("Minutes opened: record the decisions and instructions."))
            return redirect(meeting)
    return render(
        request, "meetings/meeting.html", _meeting_context(request, meeting, minutes_form=form), status=400
    )


def _minutes_of(meeting: Meeting) -> Minutes:
    """The meeting's minutes; a page about minutes not opened yet does not exist."""
    minutes: Minutes | None = getattr(meeting, "minutes", None)
    if minutes is None:
        raise Http404
    return minutes


class MinutesStep(Protocol):
    """A service that moves the minutes one step on: circulate, approve, publish."""

    def __call__(self, *, actor: User, minutes: Minutes, version: int) -> Minutes: ...


def _minutes_step(request: AuthenticatedRequest, pk: int, service: MinutesStep, done: str) -> HttpResponse:
    def act(meeting: Meeting) -> str:
        minutes = _minutes_of(meeting)
        service(actor=request.user, minutes=minutes, version=_version(request))
        return done

    return _step(request, pk, act)


@login_required
@require_POST
def minutes_circulate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _minutes_step(
        request, pk, services.minutes_circulate, _("The minutes were sent to the members for comments.")
    )


@login_required
@require_POST
def minutes_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _minutes_step(
        request,
        pk,
        services.minutes_approve,
        _("The minutes are approved; their instructions are under control."),
    )


@login_required
@require_POST
def minutes_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _minutes_step(request, pk, services.minutes_publish, _("The minutes are published."))


@login_required
@require_POST
def minutes_comment(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = found(selectors.meeting_get, user=request.user, pk=pk)
    minutes = _minutes_of(meeting)
    form = CommentForm(request.POST)
    if form.is_valid():
        with service_errors_on(form):
            services.minutes_comment(actor=request.user, minutes=minutes, text=form.cleaned_data["text"])
            messages.success(request, _("Your comment was added."))
            return redirect(f"{meeting.get_absolute_url()}#comments")
    return render(
        request, "meetings/meeting.html", _meeting_context(request, meeting, comment_form=form), status=400
    )


# Instructions -------------------------------------------------------------------------------------


def _instruction_initial(instruction: Instruction) -> dict[str, Any]:
    executors = [executor.organization for executor in instruction.executors.all()]
    return {
        "version": instruction.version,
        "number": instruction.number,
        "agenda_item": instruction.agenda_item,
        "lead": executors[0] if executors else None,
        "co_executors": "\n".join(organization.name for organization in executors[1:]),
        "control_date": instruction.control_date,
        "controller": instruction.controller,
        "measures": measure_lines(instruction.measures.select_related("plan")),
        **{f"text_{code}": text for code, text in texts_of(instruction, "text").items()},
    }


@login_required
def instruction_form(
    request: AuthenticatedRequest, pk: int, instruction_pk: int | None = None
) -> HttpResponse:
    meeting = found(selectors.meeting_get, user=request.user, pk=pk)
    allow(permissions.can_manage_meeting, request.user, meeting)
    minutes = _minutes_of(meeting)
    instruction = visible_or_404(minutes.instructions.all(), pk=instruction_pk) if instruction_pk else None
    initial = (
        _instruction_initial(instruction)
        if instruction
        else {"controller": selectors.instruction_controller_default(user=request.user, meeting=meeting)}
    )
    form = InstructionForm(
        request.POST or None,
        initial=initial,
        organizations=directory_selectors.organization_options(user=request.user),
        agenda=meeting.agenda.all(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            services.instruction_save(
                actor=request.user,
                minutes=minutes,
                instruction=instruction,
                version=data["version"],
                number=data["number"],
                text=texts_from(data, "text"),
                control_date=data["control_date"],
                controller=data["controller"],
                executors=form.executors(),
                agenda_item=data["agenda_item"],
                measures=data["measures"],
            )
            messages.success(request, _("Instruction %(number)s saved.") % {"number": data["number"]})
            return redirect(f"{meeting.get_absolute_url()}#instructions")
    return render(
        request,
        "meetings/instruction_form.html",
        {"form": form, "meeting": meeting, "instruction": instruction},
        status=400 if form.errors else 200,
    )


@login_required
def instruction_register(request: AuthenticatedRequest) -> HttpResponse:
    allow(permissions.can_register_instruction, request.user)
    form = RegisterInstructionForm(
        request.POST or None,
        initial={"controller": request.user.organization},
        organizations=directory_selectors.organization_options(user=request.user),
        acts=plan_selectors.legal_act_options(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors_on(form):
            instruction = services.instruction_register(
                actor=request.user,
                number=data["number"],
                text=texts_from(data, "text"),
                control_date=data["control_date"],
                controller=data["controller"],
                executors=form.executors(),
                legal_act=data["legal_act"],
                letter_reference=data["letter_reference"],
                measures=data["measures"],
            )
            messages.success(request, _("The instruction is registered and under control."))
            return redirect(instruction)
    return render(
        request,
        "meetings/instruction_form.html",
        {"form": form, "register": True},
        status=400 if form.errors else 200,
    )


def instruction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if public := public_page_for(request, extensions.public_pages, "meetings"):
        return public
    instruction = found(selectors.instruction_get, user=request.user, pk=pk)
    item = getattr(instruction, "control", None)
    return render(
        request,
        "meetings/instruction.html",
        {
            "instruction": instruction,
            "item": item,
            "timeline": execution_selectors.item_timeline(user=request.user, item=item)
            if item and request.user.is_authenticated
            else [],
            "history": history_of(user=request.user, target=instruction),
        },
    )
