"""Plans and the legal acts that approve them: created, changed, their periods read again."""

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from types import EllipsisType
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit
from koordinat.core.dates import dates_in_range
from koordinat.core.models import lock_version
from koordinat.core.text import fold
from koordinat.core.translation import Texts, assign_texts, texts_of
from koordinat.directory.models import Body, Organization
from koordinat.directory.services import refuse_abolished

from ..deadlines import parse_deadline
from ..models import LegalAct, Measure, Plan, PlanParty
from ..reminders import Ladder
from ._common import _require_manager
from .measures import DEADLINE_FIELDS, apply_deadline

PLAN_FIELDS = [
    "kind",
    "code",
    "period_start",
    "period_end",
    "approved_by_id",
    "coordinator_id",
    "owning_body_id",
    "status",
    "reporting_periodicity",
    "report_due_days",
    "reminder_ladder",
]


# draft → approved → in force → completed / archived; a step back is allowed where a mistake is likely.
STATUS_STEPS: dict[str, set[str]] = {
    Plan.Status.DRAFT: {Plan.Status.APPROVED, Plan.Status.ARCHIVED},
    Plan.Status.APPROVED: {Plan.Status.DRAFT, Plan.Status.IN_FORCE, Plan.Status.ARCHIVED},
    Plan.Status.IN_FORCE: {Plan.Status.COMPLETED, Plan.Status.ARCHIVED},
    Plan.Status.COMPLETED: {Plan.Status.IN_FORCE, Plan.Status.ARCHIVED},
    Plan.Status.ARCHIVED: set(),
}


STATUSES_NEEDING_ACT = {Plan.Status.APPROVED, Plan.Status.IN_FORCE, Plan.Status.COMPLETED}


RESERVED_CODES = {"new", "acts", "import"}  # addresses of pages under /plans/


@dataclass(frozen=True)
class Party:
    """One country's side of a joint plan, as a form or the demo gives it."""

    country: str
    lead: Organization
    coordinator: Organization


def _snapshot(plan: Plan) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(plan, name) for name in PLAN_FIELDS}
    data.update({f"title_{code}": text for code, text in texts_of(plan, "title").items()})
    data["parties"] = [
        [party.country, party.lead_id, party.coordinator_id] for party in plan.parties.order_by("country")
    ]
    return data


@dates_in_range
def legal_act_create(
    *,
    actor: User,
    kind: str,
    number: str,
    date: datetime.date,
    title: Texts,
    issuer: Organization | None = None,
    url: str = "",
) -> LegalAct:
    _require_manager(actor, "legal_act.create")
    with transaction.atomic():
        if (
            number.strip()
            and LegalAct.objects.filter(kind=kind, number__iexact=number.strip(), date=date).exists()
        ):
            raise ValidationError(
                {
                    "number": _("This act is already registered: %(number)s of %(date)s.")
                    % {"number": number, "date": formats.date_format(date, "DATE_FORMAT")}
                }
            )
        act = LegalAct(kind=kind, number=number.strip(), date=date, issuer=issuer, url=url)
        assign_texts(act, "title", title)
        act.full_clean()
        act.save()
        audit.record(
            actor=actor, action="legal_act.create", target=act, data={"kind": kind, "number": number}
        )
    return act


def _check_plan(plan: Plan, parties: Sequence[Party]) -> None:
    """Rules that span fields: an approved plan names its act; a joint plan has its two countries."""
    errors: dict[str, str] = {}
    if plan.status in STATUSES_NEEDING_ACT and plan.approved_by_id is None:
        errors["approved_by"] = _("A plan that is %(status)s needs the legal act that approved it.") % {
            "status": plan.get_status_display()
        }
    countries = [party.country for party in parties]
    if plan.kind == Plan.Kind.JOINT_ACTION_PLAN:
        if len(countries) != 2 or len(set(countries)) != 2:
            errors["parties"] = _("A joint action plan has two parties from two different countries.")
    elif parties:
        errors["parties"] = _("Only a joint action plan of two countries has parties.")
    for party in parties:
        if not re.fullmatch(r"[A-Z]{2}", party.country):
            errors["parties"] = _("“%(country)s” is not a two-letter country code such as AZ.") % {
                "country": party.country
            }
        for organization in (party.lead, party.coordinator):
            refuse_abolished(organization, "parties")
    if errors:
        raise ValidationError(errors)


def _checked_ladder(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """The plan's own reminder ladder, checked and kept in one shape; None keeps the installation's."""
    return Ladder.from_json(value).as_json() if value else None


def _save_parties(plan: Plan, parties: Sequence[Party]) -> None:
    plan.parties.all().delete()
    PlanParty.objects.bulk_create(
        PlanParty(plan=plan, country=party.country, lead=party.lead, coordinator=party.coordinator)
        for party in parties
    )


def _plan_search_text(plan: Plan) -> str:
    return fold(" | ".join([plan.code, *texts_of(plan, "title").values()]))


@dates_in_range
def plan_create(
    *,
    actor: User,
    code: str,
    kind: str,
    title: Texts,
    period_start: datetime.date,
    period_end: datetime.date,
    coordinator: Organization,
    owning_body: Body | None = None,
    approved_by: LegalAct | None = None,
    status: str = Plan.Status.DRAFT,
    reporting_periodicity: str = Plan.Periodicity.QUARTERLY,
    report_due_days: int = 10,
    reminder_ladder: dict[str, Any] | None = None,
    parties: Sequence[Party] = (),
) -> Plan:
    _require_manager(actor, "plan.create")
    with transaction.atomic():
        refuse_abolished(coordinator, "coordinator")
        if Plan.objects.filter(code__iexact=code.strip()).exists():
            raise ValidationError(
                {"code": _("A plan with the code %(code)s already exists.") % {"code": code}}
            )
        if code.strip().lower() in RESERVED_CODES:
            raise ValidationError(
                {"code": _("The code %(code)s is reserved; choose another.") % {"code": code}}
            )
        plan = Plan(
            code=code.strip(),
            kind=kind,
            period_start=period_start,
            period_end=period_end,
            coordinator=coordinator,
            owning_body=owning_body,
            approved_by=approved_by,
            status=status,
            reporting_periodicity=reporting_periodicity,
            report_due_days=report_due_days,
            reminder_ladder=_checked_ladder(reminder_ladder),
        )
        assign_texts(plan, "title", title)
        plan.search_text = _plan_search_text(plan)
        _check_plan(plan, parties)
        plan.full_clean()
        plan.save()
        _save_parties(plan, parties)
        audit.record(actor=actor, action="plan.create", target=plan, data={"fields": _snapshot(plan)})
    return plan


@dates_in_range
def plan_update(
    *,
    actor: User,
    plan: Plan,
    version: int,
    kind: str,
    title: Texts,
    period_start: datetime.date,
    period_end: datetime.date,
    coordinator: Organization,
    owning_body: Body | None,
    approved_by: LegalAct | None,
    status: str,
    reporting_periodicity: str,
    report_due_days: int,
    reminder_ladder: dict[str, Any] | EllipsisType | None = ...,
    parties: Sequence[Party] = (),
) -> Plan:
    """Change the plan's own fields (its code stays: it is the plan's address and file name).
    `reminder_ladder`: the plan's own ladder, None for the installation's, left out to keep it."""
    _require_manager(actor, "plan.update", plan)
    with transaction.atomic():
        current = lock_version(plan, version)
        before = _snapshot(current)
        read_with = current.period_context
        if coordinator.pk != current.coordinator_id:
            refuse_abolished(coordinator, "coordinator")
        if status != current.status and status not in STATUS_STEPS[current.status]:
            raise ValidationError(
                {
                    "status": _("A plan that is %(old)s cannot become %(new)s.")
                    % {"old": current.get_status_display(), "new": Plan.Status(status).label}
                }
            )
        current.kind, current.period_start, current.period_end = kind, period_start, period_end
        current.coordinator, current.owning_body, current.approved_by = coordinator, owning_body, approved_by
        current.status = status
        current.reporting_periodicity, current.report_due_days = reporting_periodicity, report_due_days
        if not isinstance(reminder_ladder, EllipsisType):
            current.reminder_ladder = _checked_ladder(reminder_ladder)
        assign_texts(current, "title", title)
        current.search_text = _plan_search_text(current)
        _check_plan(current, parties)
        current.version += 1
        current.full_clean()
        current.save()
        _save_parties(current, parties)
        reread = _reread_periods(current) if current.period_context != read_with else 0
        audit.record(
            actor=actor,
            action="plan.update",
            target=current,
            data={"changes": audit.diff(before, _snapshot(current)), "periods_reread": reread},
        )
    return current


def _reread_periods(plan: Plan) -> int:
    """Read the items' execution periods again once the plan's approving act or period changed: what
    "3 ay ərzində" ends on and which year "IV rüb" is in depend on them. Returns how many changed."""
    changed = []
    for measure in plan.measures.exclude(deadline_text="").only("pk", "plan_id", *DEADLINE_FIELDS):
        before = [getattr(measure, name) for name in DEADLINE_FIELDS]
        apply_deadline(measure, parse_deadline(measure.deadline_text, **plan.period_context))
        if [getattr(measure, name) for name in DEADLINE_FIELDS] != before:
            changed.append(measure)
    Measure.objects.bulk_update(changed, DEADLINE_FIELDS, batch_size=500)
    return len(changed)
