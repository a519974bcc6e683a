"""The portal's public lists as datasets (see registry): each reads through the public_* selectors of
the apps below, so a file holds exactly what the portal's pages show. Texts are in the file's
language as the portal shows them; the public summaries are in three columns, one per language,
each empty where the controller wrote none (never filled from another language)."""

from collections.abc import Callable, Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from koordinat.core.tables import url_of_each
from koordinat.directory import selectors as directory_selectors
from koordinat.directory.models import Organization
from koordinat.execution import selectors as execution_selectors
from koordinat.execution.models import PublicStatus
from koordinat.meetings import selectors as meeting_selectors
from koordinat.places.models import District
from koordinat.plans import selectors as plan_selectors
from koordinat.plans.models import Plan
from koordinat.portal import selectors as portal_selectors

from .registry import Dataset, Field, ForeignKey, Row, register

CHUNK = 500  # rows read at a time: each chunk costs a fixed number of queries, whatever the total

Absolute = Callable[[str], str]  # a path of this site as an absolute URL


def _url(absolute: Absolute, name: str, *args: Any) -> Callable[[Any], str]:
    each = url_of_each(name, *args)
    return lambda key: absolute(each(key))


def _names(names: list[tuple[str, bool]]) -> str:
    return "; ".join(name for name, _agreed in names)


def plan_rows(*, absolute: Absolute, plan: Plan | None = None) -> Iterator[Row]:
    url = _url(absolute, "portal:plan")
    plans = plan_selectors.published_plans().select_related("coordinator")
    for each in plans.filter(pk=plan.pk) if plan is not None else plans:
        yield (
            each.code,
            each.title,
            each.kind,
            each.status,
            each.period_start,
            each.period_end,
            each.coordinator.display_short_name,
            each.measure_count,  # type: ignore[attr-defined]
            each.published_at,
            url(each.code),
        )


def _plan_measure_rows(plan: Plan, absolute: Absolute) -> Iterator[Row]:
    url = _url(absolute, "portal:measure", plan.code)
    for chunk in plan_selectors.public_plan_measures(plan=plan).chunks(CHUNK):
        plan_selectors.with_executor_names(chunk)
        ids = [measure.pk for measure in chunk]
        entries = execution_selectors.public_entries(measure_ids=ids)
        districts = plan_selectors.public_measure_districts(measure_ids=ids)
        for measure in chunk:
            entry = entries.get(measure.pk)
            shown = measure.deadline_shown
            summaries = entry.summaries if entry else {}
            yield (
                plan.code,
                measure.number,
                measure.text,
                _names(measure.executor_names) or measure.other_executors,
                (shown.words or shown.wording) if shown else "",
                measure.deadline_start,
                measure.deadline_end,
                "; ".join(districts.get(measure.pk, [])),
                entry.status if entry else "",
                summaries.get("az", ""),
                summaries.get("ru", ""),
                summaries.get("en", ""),
                entry.published_at if entry else None,
                url(measure.number),
            )


def measure_rows(*, absolute: Absolute, plan: Plan | None = None) -> Iterator[Row]:
    """Every measure of the published plans (or of one), in outline order, chunk by chunk."""
    for each in [plan] if plan is not None else plan_selectors.published_plans():
        yield from _plan_measure_rows(each, absolute)


def organization_rows(*, absolute: Absolute) -> Iterator[Row]:
    url = _url(absolute, "portal:organization")
    among = portal_selectors.public_organization_ids()
    for organization in directory_selectors.public_organizations(among=among).iterator(chunk_size=CHUNK):
        yield (
            organization.pk,
            organization.name,
            organization.short_name,
            organization.abbreviation,
            organization.kind,
            url(organization.pk),
        )


def district_rows(*, absolute: Absolute) -> Iterator[Row]:
    url = _url(absolute, "portal:district")
    for district in portal_selectors.public_districts():
        yield (district.pk, district.name, district.code, district.kind, url(district.pk))


def meeting_rows(*, absolute: Absolute) -> Iterator[Row]:
    url = _url(absolute, "portal:meeting")
    for chunk in meeting_selectors.public_meeting_rows().chunks(CHUNK):
        for meeting in chunk:
            yield (
                meeting.pk,
                meeting.body_name,
                meeting.number,
                meeting.title,
                meeting.starts_at,
                meeting.place,
                meeting.minutes_number,
                meeting.minutes_date,
                url(meeting.pk),
            )


def decision_rows(*, absolute: Absolute) -> Iterator[Row]:
    url = _url(absolute, "portal:meeting")
    for chunk in meeting_selectors.public_decisions().chunks(CHUNK):
        executors = meeting_selectors.public_decision_executors(instruction_ids=[row.pk for row in chunk])
        for decision in chunk:
            yield (
                decision.pk,
                decision.meeting_id,
                decision.number,
                decision.text,
                "; ".join(executors.get(decision.pk, [])),
                decision.control_date,
                url(decision.meeting_id) + "#decisions",
            )


def _url_field() -> Field:
    return Field("url", "string", _("The page of the public portal that shows it."), format="uri")


def register_all() -> None:
    register(
        Dataset(
            name="plans",
            title=_("Published plans"),
            description=_("Plans in force and completed that their coordinators published."),
            order=10,
            scope="plan",
            primary_key=("code",),
            rows=plan_rows,
            fields=[
                Field("code", "string", _("The plan's code, unique."), required=True),
                Field("title", "string", _("The plan's title."), required=True),
                Field("kind", "string", _("Kind of plan."), choices=tuple(Plan.Kind.choices)),
                Field(
                    "status",
                    "string",
                    _("Whether the plan is being carried out or completed."),
                    choices=tuple(
                        (status.value, status.label)
                        for status in (Plan.Status.IN_FORCE, Plan.Status.COMPLETED)
                    ),
                ),
                Field("period_start", "date", _("First day of the plan's period.")),
                Field("period_end", "date", _("Last day of the plan's period.")),
                Field("coordinator", "string", _("The organisation that coordinates the plan.")),
                Field("measure_count", "integer", _("How many numbered measures (and sections) it has.")),
                Field("published_at", "datetime", _("When it was published on the portal (UTC).")),
                _url_field(),
            ],
        )
    )
    register(
        Dataset(
            name="measures",
            title=_("Measures of published plans"),
            description=_(
                "Each numbered measure with its executors, period and districts, and what its controller "
                "published of its progress: the public status and the public summary in each language."
            ),
            order=20,
            scope="plan",
            primary_key=("plan_code", "number"),
            foreign_keys=(ForeignKey(("plan_code",), "plans", ("code",)),),
            rows=measure_rows,
            fields=[
                Field("plan_code", "string", _("The code of the measure's plan."), required=True),
                Field("number", "string", _("The measure's number in its plan."), required=True),
                Field("text", "string", _("What is to be done.")),
                Field(
                    "executors", "string", _("The executing organisations, the lead first, separated by “;”.")
                ),
                Field("period", "string", _("The execution period in words.")),
                Field("period_start", "date", _("When the execution period starts, if it has a start.")),
                Field("period_end", "date", _("When the measure is due, if it has one due date.")),
                Field("districts", "string", _("Districts where it is carried out, separated by “;”.")),
                Field(
                    "public_status",
                    "string",
                    _("The public status its controller gave; empty when none was given yet."),
                    choices=tuple(PublicStatus.choices),
                ),
                Field(
                    "public_summary_az",
                    "string",
                    _("The public summary in Azerbaijani; empty when not written."),
                ),
                Field(
                    "public_summary_ru", "string", _("The public summary in Russian; empty when not written.")
                ),
                Field(
                    "public_summary_en", "string", _("The public summary in English; empty when not written.")
                ),
                Field(
                    "public_entry_published_at",
                    "datetime",
                    _("When the public entry was last published (UTC)."),
                ),
                _url_field(),
            ],
        )
    )
    register(
        Dataset(
            name="organisations",
            title=_("Organisations executing public measures"),
            description=_("Organisations that execute a measure of a published plan: names and kind only."),
            order=30,
            primary_key=("id",),
            rows=organization_rows,
            fields=[
                Field("id", "integer", _("The organisation's number in Koordinat."), required=True),
                Field("name", "string", _("Full name."), required=True),
                Field("short_name", "string", _("Short name.")),
                Field("abbreviation", "string", _("Abbreviation.")),
                Field("kind", "string", _("Kind of organisation."), choices=tuple(Organization.Kind.choices)),
                _url_field(),
            ],
        )
    )
    register(
        Dataset(
            name="districts",
            title=_("Districts with public measures"),
            description=_("Districts and cities where a measure of a published plan is carried out."),
            order=40,
            primary_key=("id",),
            rows=district_rows,
            fields=[
                Field("id", "integer", _("The district's number in Koordinat."), required=True),
                Field("name", "string", _("Name."), required=True),
                Field("code", "string", _("Official code.")),
                Field(
                    "kind",
                    "string",
                    _("Whether it is a district or a city."),
                    choices=tuple(District.Kind.choices),
                ),
                _url_field(),
            ],
        )
    )
    register(
        Dataset(
            name="meetings",
            title=_("Meetings of public bodies"),
            description=_("Meetings of public collegial bodies whose minutes were published."),
            order=50,
            primary_key=("id",),
            rows=meeting_rows,
            fields=[
                Field("id", "integer", _("The meeting's number in Koordinat."), required=True),
                Field("body", "string", _("The collegial body that met."), required=True),
                Field("number", "integer", _("The meeting's number in the body's sequence.")),
                Field("title", "string", _("Title.")),
                Field("starts_at", "datetime", _("When it started (UTC).")),
                Field("place", "string", _("Where it was held.")),
                Field("minutes_number", "string", _("Number of its minutes.")),
                Field("minutes_date", "date", _("Date of its minutes.")),
                _url_field(),
            ],
        )
    )
    register(
        Dataset(
            name="decisions",
            title=_("Decisions of public bodies"),
            description=_("Instructions given in the published minutes of public bodies' meetings."),
            order=60,
            primary_key=("id",),
            foreign_keys=(ForeignKey(("meeting_id",), "meetings", ("id",)),),
            rows=decision_rows,
            fields=[
                Field("id", "integer", _("The decision's number in Koordinat."), required=True),
                Field("meeting_id", "integer", _("The meeting that gave it."), required=True),
                Field("number", "string", _("Its number in the minutes.")),
                Field("text", "string", _("What was instructed.")),
                Field(
                    "executors", "string", _("The executing organisations, the lead first, separated by “;”.")
                ),
                Field("control_date", "date", _("When it is due.")),
                _url_field(),
            ],
        )
    )
