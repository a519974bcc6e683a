"""Every write of the dialogue: citizens' accounts, their submissions, moderation, routing and answers.
Each is atomic and audited (a citizen's acts with `actor=None` and the citizen's id: citizens are not
office users), and changes what the portal shows only through `core.public.public_changed`."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.contrib.auth.hashers import check_password, make_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from koordinat.accounts.models import Role, User
from koordinat.core import audit, clock
from koordinat.core.errors import ConcurrentEditError
from koordinat.core.models import lock_version
from koordinat.core.public import public_changed
from koordinat.core.translation import language_codes
from koordinat.events.models import Event
from koordinat.events.selectors import public_events
from koordinat.notifications import targets
from koordinat.notifications.kinds import Kind
from koordinat.notifications.services import Notice, notify
from koordinat.plans.models import Measure, Plan

from . import limits, mail, permissions, routing
from .models import Answer, Citizen, Submission
from .texts import check_text

CONFIRM_SALT = "koordinat.dialogue.confirm"
CONFIRM_MAX_AGE = 3 * 24 * 3600  # seconds a confirmation link works


def _citizen_data(citizen: Citizen, **extra: object) -> dict[str, object]:
    return {"citizen": citizen.pk, **extra}


# Accounts


def confirmation_token(citizen: Citizen) -> str:
    """A signed, dated token naming the account and the address it confirms."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object({"id": citizen.pk, "email": citizen.email})


@transaction.atomic
def citizen_sign_up(
    *,
    name: str,
    email: str,
    password: str,
    organization_name: str,
    language: str,
    consent: bool,
    address: str,
    confirm_url: Callable[[str], str],
) -> Citizen:
    """A new account, not confirmed until its owner opens the link mailed to it. An address already
    used gets no second account (and nothing says whether it exists: the owner is mailed instead)."""
    if not consent:
        raise ValidationError({"consent": _("Agree to the terms to create an account.")})
    limits.take("signup", address)
    email = email.strip().lower()
    existing = Citizen.objects.filter(email__iexact=email).first()
    if existing is not None:
        mail.to_citizen(
            existing,
            lambda: (
                _("Koordinat: an account with your address"),
                _("Someone tried to create an account with your address. If it was you, sign in instead."),
            ),
        )
        return existing
    now = clock.now()
    citizen = Citizen.objects.create(
        email=email,
        name=name.strip(),
        organization_name=organization_name.strip(),
        password=make_password(password),
        language=language if language in language_codes() else language_codes()[0],
        consented_at=now,
    )
    audit.record(actor=None, action="citizen.sign_up", target=citizen, data=_citizen_data(citizen))
    link = confirm_url(confirmation_token(citizen))
    mail.to_citizen(
        citizen,
        lambda: (
            _("Koordinat: confirm your e-mail address"),
            _(
                "Open this link to confirm your address and start the dialogue:\n\n%(link)s\n\nThe link works for three days."
            )
            % {"link": link},
        ),
    )
    return citizen


@transaction.atomic
def citizen_confirm(*, token: str) -> Citizen:
    """The owner opened the link: the account is confirmed (opening it again changes nothing)."""
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(token, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature as error:
        raise ValidationError(
            _("This confirmation link is wrong or has expired."), code="bad_token"
        ) from error
    citizen = Citizen.objects.select_for_update().filter(pk=value.get("id"), email=value.get("email")).first()
    if citizen is None:
        raise ValidationError(_("This confirmation link is wrong or has expired."), code="bad_token")
    if citizen.confirmed_at is None:
        citizen.confirmed_at = clock.now()
        citizen.version += 1
        citizen.save(update_fields=["confirmed_at", "version", "updated_at"])
        audit.record(actor=None, action="citizen.confirm", target=citizen, data=_citizen_data(citizen))
    return citizen


def citizen_authenticate(*, email: str, password: str, address: str) -> Citizen:
    """The account for a confirmed address and its password; failures are counted per address typed
    and per client address, and refused for a while once too many."""
    email = email.strip().lower()
    limits.check("signin", f"email:{email}")
    limits.check("signin", f"address:{address}")
    citizen = Citizen.objects.filter(email__iexact=email, is_active=True).first()
    if citizen is None or not check_password(password, citizen.password):
        limits.count("signin", f"email:{email}")
        limits.count("signin", f"address:{address}")
        audit.refused(
            actor=None, action="citizen.sign_in", target=citizen, data={"email": email, "client": address}
        )
        raise ValidationError(_("The e-mail address or the password is wrong."), code="bad_credentials")
    if not citizen.is_confirmed:
        raise ValidationError(
            _("Confirm your e-mail address first: open the link we mailed to you."), code="unconfirmed"
        )
    audit.record(actor=None, action="citizen.sign_in", target=citizen, data=_citizen_data(citizen))
    return citizen


# Submissions


def _target_plan(plan: Plan | None, measure: Measure | None) -> Plan:
    plan = measure.plan if measure is not None else plan
    if plan is None or not Plan.objects.published().filter(pk=plan.pk).exists():
        raise Http404
    return plan


def _check_event(event: Event) -> Event:
    """Only a published event takes submissions; the refusal names the field."""
    if not public_events().filter(pk=event.pk).exists():
        raise ValidationError({"event": _("This event is not published: nothing can be sent on it.")})
    return event


def _require_own(citizen: Citizen, submission: Submission, action: str) -> None:
    """Another's submission is "not found", as if it did not exist; the refusal is kept (recorded
    before the transaction opens)."""
    if not Submission.objects.filter(pk=submission.pk, citizen=citizen).exists():
        audit.refused(actor=None, action=action, target=submission, data=_citizen_data(citizen))
        raise Http404


def _locked(submission: Submission, version: int) -> Submission:
    current = Submission.objects.select_for_update().get(pk=submission.pk)
    if current.version != version:
        raise ConcurrentEditError()
    if current.status != Submission.Status.PENDING:
        raise ValidationError(
            _("Only a submission awaiting moderation can be changed or withdrawn."), code="not_pending"
        )
    return current


def submission_create(
    *,
    citizen: Citizen,
    kind: str,
    text: str,
    language: str,
    address: str,
    plan: Plan | None = None,
    measure: Measure | None = None,
    event: Event | None = None,
    honeypot: str = "",
) -> Submission:
    """A confirmed citizen's proposal or question on a published plan, one of its measures or a
    published event, waiting for moderation. Floods are refused per account and per client address,
    robots by the honeypot."""
    if not citizen.is_confirmed or not citizen.is_active:
        raise ValidationError(_("Confirm your e-mail address first: open the link we mailed to you."))
    if honeypot:
        audit.refused(actor=None, action="submission.create", data=_citizen_data(citizen, honeypot=True))
        raise ValidationError(_("Your submission could not be accepted."), code="honeypot")
    if kind not in Submission.Kind.values:
        raise ValidationError({"kind": _("Choose a question or a proposal.")})
    checked = check_text(text)
    if event is not None and (plan is not None or measure is not None):
        raise ValidationError({"event": _("Send it on the event or on a plan, not on both.")})
    target_event = _check_event(event) if event is not None else None
    target_plan = _target_plan(plan, measure) if target_event is None else None
    limits.check("account", str(citizen.pk))
    limits.check("address", address)
    limits.count("account", str(citizen.pk))
    limits.count("address", address)
    with transaction.atomic():
        return _create(
            citizen=citizen,
            kind=kind,
            text=checked,
            language=language,
            plan=target_plan,
            measure=measure,
            event=target_event,
        )


def _target_kind(measure: Measure | None, event: Event | None) -> str:
    if event is not None:
        return Submission.Target.EVENT
    return Submission.Target.MEASURE if measure is not None else Submission.Target.PLAN


def _create(
    *,
    citizen: Citizen,
    kind: str,
    text: str,
    language: str,
    plan: Plan | None,
    measure: Measure | None,
    event: Event | None,
) -> Submission:
    submission = Submission.objects.create(
        kind=kind,
        citizen=citizen,
        target=_target_kind(measure, event),
        plan=plan,
        measure=measure,
        event=event,
        text=text,
        language=language if language in language_codes() else language_codes()[0],
    )
    audit.record(
        actor=None, action="submission.create", target=submission, data=_citizen_data(citizen, kind=kind)
    )
    return submission


def submission_edit(*, citizen: Citizen, submission: Submission, version: int, text: str) -> Submission:
    """The author changes the text while it still waits for moderation."""
    _require_own(citizen, submission, "submission.edit")
    checked = check_text(text)
    with transaction.atomic():
        current = _locked(submission, version)
        current.text = checked
        current.version += 1
        current.save()
        audit.record(actor=None, action="submission.edit", target=current, data=_citizen_data(citizen))
    return current


def submission_withdraw(*, citizen: Citizen, submission: Submission, version: int) -> Submission:
    """The author takes back a submission still waiting for moderation."""
    _require_own(citizen, submission, "submission.withdraw")
    with transaction.atomic():
        current = _locked(submission, version)
        current.status = Submission.Status.WITHDRAWN
        current.version += 1
        current.save()
        audit.record(actor=None, action="submission.withdraw", target=current, data=_citizen_data(citizen))
    return current


# Moderation and routing


def _decision_mail(submission: Submission) -> Callable[[], tuple[str, str]]:
    reference, reason, reason_text = submission.reference, submission.reason, submission.reason_text
    accepted = submission.status == Submission.Status.ACCEPTED
    due = submission.answer_due

    def compose() -> tuple[str, str]:
        if accepted:
            return (
                _("Koordinat: your submission %(reference)s was accepted") % {"reference": reference},
                _("Your submission %(reference)s is published. It was sent for an answer due by %(date)s.")
                % {"reference": reference, "date": due.isoformat() if due else ""},
            )
        label = str(Submission.Reason(reason).label) if reason else ""
        return (
            _("Koordinat: your submission %(reference)s was not published") % {"reference": reference},
            _("Your submission %(reference)s was not published. Reason: %(reason)s. %(comment)s")
            % {"reference": reference, "reason": label, "comment": reason_text},
        )

    return compose


def _notify_routed(submission: Submission) -> None:
    """The answering organisation's focal points and head learn they owe an answer."""
    assert submission.organization_id is not None
    recipients = User.objects.filter(
        organization_id=submission.organization_id, is_active=True, role__in=[Role.EXECUTOR, Role.HEAD]
    ).values_list("pk", flat=True)
    assert submission.answer_due is not None
    params = {"item": submission.reference, "date": submission.answer_due.isoformat()}
    path = targets.path("dialogue_office:submission", submission.pk)
    notify(
        Notice(pk, Kind.ANSWER_WAITING, f"dialogue:routed:{submission.pk}", path, params) for pk in recipients
    )


def submission_moderate(
    *,
    actor: User,
    submission: Submission,
    version: int,
    accept: bool,
    reason: str = "",
    reason_text: str = "",
) -> Submission:
    """Accept (publish and route for an answer) or reject with a stated reason. An accepted submission
    goes to the organisation that answers for its target (an event's: its organiser), due in the
    plan's working days (the installation's on an event)."""
    audit.require(permissions.can_moderate, actor, submission, action="submission.moderate")
    with transaction.atomic():
        return _moderate(
            actor=actor,
            submission=submission,
            version=version,
            accept=accept,
            reason=reason,
            reason_text=reason_text,
        )


def _moderate(
    *, actor: User, submission: Submission, version: int, accept: bool, reason: str, reason_text: str
) -> Submission:
    current = lock_version(submission, version)
    if current.status != Submission.Status.PENDING:
        raise ValidationError(_("This submission was already decided."), code="decided")
    reason_text = reason_text.strip()
    if not accept:
        if reason not in Submission.Reason.values:
            raise ValidationError({"reason": _("Choose the reason for rejecting it.")})
        if reason == Submission.Reason.OTHER and not reason_text:
            raise ValidationError({"reason_text": _("Say the reason in your words.")})
        if len(reason_text) > 500:
            raise ValidationError({"reason_text": _("Write at most %(count)d characters.") % {"count": 500}})
    now = clock.now()
    current.moderated_at, current.moderated_by = now, actor
    if accept:
        current.status = Submission.Status.ACCEPTED
        current.reason, current.reason_text = "", ""
        organization = routing.answering_organization(current)
        current.organization = organization
        current.answer_due = routing.answer_due(clock.today(), routing.working_days_to_answer(current))
    else:
        current.status = Submission.Status.REJECTED
        current.reason, current.reason_text = reason, reason_text
    current.version += 1
    current.save()
    audit.record(
        actor=actor,
        action="submission.moderate",
        target=current,
        data={
            "accept": accept,
            "reason": current.reason,
            "organization": current.organization_id,
            "answer_due": current.answer_due.isoformat() if current.answer_due else None,
        },
    )
    if accept and current.organization_id:
        _notify_routed(current)
    mail.to_citizen(current.citizen, _decision_mail(current))
    public_changed()
    return current


# Answers


def _check_answer(submission: Submission, texts: Mapping[str, str], publish: bool) -> dict[str, str]:
    cleaned = {code: (texts.get(code) or "").strip() for code in language_codes()}
    for code, value in cleaned.items():
        if len(value) > 5000:
            raise ValidationError(
                {f"text_{code}": _("Write at most %(count)d characters.") % {"count": 5000}}
            )
    if publish and not cleaned.get(submission.language):
        raise ValidationError(
            {
                f"text_{submission.language}": _(
                    "Write the answer at least in the language of the question before publishing it."
                )
            }
        )
    if not any(cleaned.values()):
        raise ValidationError(_("Write the answer."))
    return cleaned


def answer_save(
    *, actor: User, submission: Submission, version: int, texts: Mapping[str, str], publish: bool
) -> Answer:
    """The answering organisation writes its answer; a draft stays in the office, a published answer is
    shown beside the submission at once and ends its control (decision 70). `version` is the answer's
    as the form showed it, 0 when there was none. A published answer is not changed."""
    audit.require(permissions.can_answer, actor, submission, action="answer.save")
    with transaction.atomic():
        return _answer(actor=actor, submission=submission, version=version, texts=texts, publish=publish)


def _answer(
    *, actor: User, submission: Submission, version: int, texts: Mapping[str, str], publish: bool
) -> Answer:
    current = Submission.objects.select_for_update().get(pk=submission.pk)
    if current.status != Submission.Status.ACCEPTED:
        raise ValidationError(_("Only an accepted submission is answered."), code="not_accepted")
    cleaned = _check_answer(current, texts, publish)
    answer = Answer.objects.select_for_update().filter(submission=current).first()
    if (answer.version if answer else 0) != version:
        raise ConcurrentEditError()
    if answer is not None and answer.status == Answer.Status.PUBLISHED:
        raise ValidationError(_("The answer is already published."), code="published")
    if answer is None:
        assert current.organization_id is not None
        answer = Answer(
            submission=current, organization_id=current.organization_id, written_by=actor, version=0
        )
    for code, value in cleaned.items():
        setattr(answer, f"text_{code}", value)
    answer.written_by = actor
    answer.version += 1
    now = clock.now()
    if publish:
        answer.status, answer.published_at = Answer.Status.PUBLISHED, now
        current.answered_at = now
        current.version += 1
        current.save(update_fields=["answered_at", "version", "updated_at"])
    answer.save()
    audit.record(
        actor=actor,
        action="answer.publish" if publish else "answer.save",
        target=current,
        data={"languages": [code for code, value in cleaned.items() if value]},
    )
    if publish:
        reference = current.reference
        path = targets.path("dialogue:submission", current.pk)
        language = current.citizen.language
        mail.to_citizen(
            current.citizen,
            lambda: (
                _("Koordinat: your submission %(reference)s was answered") % {"reference": reference},
                _("The answer to your submission %(reference)s is published: %(link)s")
                % {"reference": reference, "link": mail.page(path, language)},
            ),
        )
        public_changed()
    return answer
