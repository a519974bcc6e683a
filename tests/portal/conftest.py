"""A published plan whose measures have what the public may see and, planted beside it, what it must
never see: each with a unique marker the crawl looks for."""

import datetime
import io
from dataclasses import dataclass
from typing import Any

import pytest

from koordinat.core import clock
from koordinat.directory import services as directory_services
from koordinat.execution import services as execution_services
from koordinat.execution.models import ControlItem, Evidence, MeasurePublication, Report
from koordinat.meetings.models import AgendaItem, Instruction, Meeting, Minutes, Participant
from koordinat.places.models import District
from koordinat.plans import services as plans_services
from koordinat.plans.models import Measure, Plan
from tests.conftest import texts
from tests.execution.files import pdf

# Texts that exist only where the public must not look; none may appear on a public page.
SECRETS = {
    "draft": "QXDRAFTMARKER",  # a co-executor's unsent draft
    "narrative": "QXNARRATIVEMARKER",  # the accepted report's own narrative, not the public summary
    "returned": "QXRETURNEDMARKER",  # a report returned for rework
    "review": "QXREVIEWMARKER",  # the controller's comment on returning it
    "internal_plan": "QXINTERNALPLANMARKER",  # a plan never published
    "internal_measure": "QXINTERNALMEASUREMARKER",  # a measure of that plan
    "unchosen_evidence": "QXUNCHOSENEVIDENCEMARKER",  # evidence of the accepted report not chosen
    "staff": "Qxstaffmarker",  # a person below head level (last name)
    "email": "qxcontactmarker@example.test",
    "phone": "+994 12 555 0199",
    "draft_minutes": "QXDRAFTMINUTESMARKER",  # a decision in minutes not yet published
    "draft_event": "QXDRAFTEVENTMARKER",  # an event not published (its title and agenda)
    "registrant": "Qxregistrantmarker",  # a visitor registered for an event (name; the address is an e-mail)
}
PUBLIC_SUMMARY_AZ = "Su xətti çəkilib, şəhərin 40 faizi içməli su ilə təmin olunub."
PUBLIC_SUMMARY_EN = "The water line is laid; 40 per cent of the town has drinking water."


@dataclass
class Portal:
    plan: Plan
    internal_plan: Plan
    measure: Measure  # 1.1: a public entry with summary in az and en and one evidence file
    plain_measure: Measure  # 1.2: returned report, no public entry
    item: ControlItem
    accepted: Report
    evidence: Evidence
    hidden_evidence: Evidence
    publication: MeasurePublication
    district: District
    meeting: Meeting
    draft_meeting: Meeting
    staff: Any
    council: Any
    civil_society: Any


def _content(text: dict[str, str], executors: list[Any], deadline: str = "2026-cı ilin IV rübü") -> Any:
    return plans_services.MeasureContent(
        text=text,
        expected_result=texts(""),
        deadline_text=deadline,
        executors=executors,
        other_executors=texts(""),
    )


def _sent(actor: Any, report: Report, narrative: str, status: str = "in_progress") -> Report:
    report = execution_services.report_save(
        actor=actor,
        report=report,
        version=report.version,
        narrative=narrative,
        narrative_language="az",
        claimed_status=status,
        progress=40,
    )
    return execution_services.report_submit(actor=actor, report=report, version=report.version)


def _meeting(
    body: Any, staff: Any, organization: Any, *, published: bool, decision: str, number: int
) -> Meeting:
    meeting = Meeting.objects.create(
        body=body,
        number=number,
        title_az=f"İctimai şuranın {number}-ci iclası",
        title_ru=f"Заседание общественного совета № {number}",
        title_en=f"Public council meeting No. {number}",
        starts_at=datetime.datetime(2026, 3, number, 10, tzinfo=datetime.UTC),
        status=Meeting.Status.HELD,
        place_az="Ağdam RİH",
    )
    Participant.objects.create(meeting=meeting, person=staff, organization=organization)
    AgendaItem.objects.create(meeting=meeting, position=1, title_az="Su təchizatı", title_en="Water supply")
    minutes = Minutes.objects.create(
        meeting=meeting,
        number=str(number),
        date=datetime.date(2026, 3, number),
        status=Minutes.Status.PUBLISHED if published else Minutes.Status.DRAFT,
    )
    Instruction.objects.create(
        minutes=minutes,
        number="1",
        text_az=decision,
        text_ru=decision,
        text_en=decision,
        control_date=datetime.date(2026, 6, 30),
        controller=organization,
    )
    return meeting


@pytest.fixture
def portal(coordinator, center, ministry, other_ministry, executor, other_executor, approving_act) -> Portal:
    other = other_executor
    plan = plans_services.plan_create(
        actor=coordinator,
        code="PUB-1",
        kind="state_programme",
        title=texts(
            "Ağdam şəhərinin bərpası proqramı",
            "Программа восстановления города Агдам",
            "Restoring Ağdam town",
        ),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        coordinator=center,
        approved_by=approving_act,
        status="in_force",
    )
    plans_services.measure_create(
        actor=coordinator,
        plan=plan,
        number="1",
        content=_content(texts("Su təchizatı", "Водоснабжение", "Water"), [], ""),
    )
    measure = plans_services.measure_create(
        actor=coordinator,
        plan=plan,
        number="1.1",
        content=_content(
            texts(
                "Ağdam şəhərində su xəttinin çəkilməsi",
                "Прокладка водопровода в Агдаме",
                "Laying Ağdam's water line",
            ),
            [ministry, other_ministry],
        ),
    )
    plain = plans_services.measure_create(
        actor=coordinator,
        plan=plan,
        number="1.2",
        content=_content(
            texts("Meşə zolağının salınması", "Посадка ёлок вдоль дороги", "Planting firs"), [other_ministry]
        ),
    )
    district = District.objects.create(
        name="Ağdam",
        name_az="Ağdam",
        name_ru="Агдам",
        name_en="Aghdam",
        code="AGD-T",
        search_text="agdam | агдам | aghdam",
    )
    measure.districts.add(district)
    internal = plans_services.plan_create(
        actor=coordinator,
        code="INT-1",
        kind="action_plan",
        title=texts(f"Daxili plan {SECRETS['internal_plan']}"),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        coordinator=center,
        approved_by=approving_act,
        status="in_force",
    )
    plans_services.measure_create(
        actor=coordinator,
        plan=internal,
        number="1",
        content=_content(texts(f"Gizli {SECRETS['internal_measure']}"), [ministry]),
    )
    plan = plans_services.plan_publish(actor=coordinator, plan=plan, version=plan.version)

    cycle = execution_services.cycle_open(
        actor=coordinator,
        plan=plan,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        due_date=clock.today() + datetime.timedelta(days=10),
    )
    lead = cycle.reports.get(organization=ministry, item__measure=measure)
    evidence = execution_services.evidence_add(
        actor=executor, report=lead, title="Qəbul aktı", upload=io.BytesIO(pdf()), filename="akt.pdf"
    )
    hidden = execution_services.evidence_add(
        actor=executor, report=lead, title=SECRETS["unchosen_evidence"], url="https://example.test/hidden"
    )
    lead = _sent(executor, Report.objects.get(pk=lead.pk), f"Su xətti çəkilir. {SECRETS['narrative']}")
    accepted = execution_services.report_review(
        actor=coordinator, report=lead, version=lead.version, accept=True
    )
    co = cycle.reports.get(organization=other_ministry, item__measure=measure)
    execution_services.report_save(
        actor=other,
        report=co,
        version=co.version,
        narrative=f"Qaralama {SECRETS['draft']}",
        narrative_language="az",
        claimed_status="in_progress",
        progress=10,
    )
    returned = _sent(
        other,
        cycle.reports.get(organization=other_ministry, item__measure=plain),
        f"Meşə {SECRETS['returned']}",
    )
    execution_services.report_review(
        actor=coordinator,
        report=returned,
        version=returned.version,
        accept=False,
        comment=f"Yenidən {SECRETS['review']}",
    )
    item = ControlItem.objects.get(measure=measure)
    publication = execution_services.measure_publication_save(
        actor=coordinator,
        item=item,
        version=0,
        status="in_progress",
        summary={"az": PUBLIC_SUMMARY_AZ, "ru": "", "en": PUBLIC_SUMMARY_EN},
        source_report=accepted,
        evidence=[Evidence.objects.get(pk=evidence.pk)],
    )

    staff = directory_services.person_create(
        actor=coordinator,
        last_name=texts(SECRETS["staff"]),
        first_name=texts("Tural"),
        email=SECRETS["email"],
        phone=SECRETS["phone"],
        organization=ministry,
        position=texts("baş məsləhətçi"),
    )
    civil_society = directory_services.organization_create(
        actor=coordinator,
        kind="civil_society_organisation",
        name=texts("“Açıq Ağdam” İctimai Birliyi", "ОО «Открытый Агдам»", "Open Aghdam Public Union"),
    )
    council = directory_services.body_create(
        actor=coordinator,
        kind="public_council",
        name=texts("Ağdam ictimai şurası", "Общественный совет Агдама", "Ağdam public council"),
        members=[staff],
        member_organizations=[civil_society],
        is_public=True,
        advises=ministry,
    )
    meeting = _meeting(
        council, staff, ministry, published=True, decision="Su xəttinin sxemini dərc etmək.", number=2
    )
    draft_meeting = _meeting(
        council, staff, ministry, published=False, decision=SECRETS["draft_minutes"], number=3
    )
    return Portal(
        plan=plan,
        internal_plan=internal,
        measure=measure,
        plain_measure=plain,
        item=item,
        accepted=accepted,
        evidence=evidence,
        hidden_evidence=hidden,
        publication=publication,
        district=district,
        meeting=meeting,
        draft_meeting=draft_meeting,
        staff=staff,
        council=council,
        civil_society=civil_society,
    )


@pytest.fixture
def portal_events(portal, admin_user, ministry):
    """Events of the Dialogue Platform beside the portal's plan: a published round table with its
    agenda on the public measure and a confirmed registration, a held council meeting with its outcome,
    and a draft; the crawl must find the first two and nothing of the draft or the registrant."""
    from koordinat.events import services as event_services

    def make(title, *, published, **extra):
        event = event_services.event_create(
            actor=admin_user,
            kind=extra.pop("kind", "round_table"),
            title=title,
            district=portal.district,
            organizers=[ministry],
            partners=[portal.civil_society],
            council=portal.council,
            **extra,
        )
        if published:
            event = event_services.event_publish(actor=admin_user, event=event, version=event.version)
        return event

    upcoming = make(
        texts("Ağdamda dəyirmi masa", "Круглый стол в Агдаме", "Round table in Ağdam"),
        published=True,
        starts_at=clock.now() + datetime.timedelta(days=20),
        registration_open=True,
    )
    event_services.agenda_item_add(
        actor=admin_user,
        event=upcoming,
        version=upcoming.version,
        text=texts("Su xətti"),
        measure=portal.measure,
    )
    registration = event_services.registration_submit(
        event=upcoming, name=SECRETS["registrant"], email="qxregistrant@example.test"
    )
    event_services.registration_confirm(token=event_services.confirmation_token(registration))
    held = make(
        texts("Şuranın iclası", "Заседание совета", "Council meeting"),
        published=False,
        kind="council_meeting",
        starts_at=clock.now() - datetime.timedelta(days=20),
    )
    held = event_services.outcome_record(
        actor=admin_user,
        event=held,
        version=held.version,
        summary=texts("Nəticə", "Итог", "Outcome"),
        attendance=25,
    )
    held = event_services.proposal_add(
        actor=admin_user, event=held, version=held.version, text=texts("Təklif"), measure=portal.measure
    ).event
    event_services.event_publish(actor=admin_user, event=held, version=held.version)
    draft = make(
        texts(f"Qaralama {SECRETS['draft_event']}"),
        published=False,
        starts_at=clock.now() + datetime.timedelta(days=5),
    )
    event_services.agenda_item_add(
        actor=admin_user, event=draft, version=draft.version, text=texts(SECRETS["draft_event"]), measure=None
    )
    return upcoming, held, draft
