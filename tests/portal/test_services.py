"""Publishing a plan and a measure's public entry: who may, what is checked, what is recorded, and the
public version that the portal's cache follows."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from koordinat.accounts.models import Role
from koordinat.core.audit import Refusal
from koordinat.core.errors import ConcurrentEditError
from koordinat.core.models import AuditEvent
from koordinat.core.public import public_version
from koordinat.execution import services as execution_services
from koordinat.execution.models import ControlItem, Evidence, MeasurePublication, Report
from koordinat.execution.selectors import (
    public_entries,
    public_entry_columns,
    public_entry_from,
    public_status_counts,
    public_status_counts_of,
)
from koordinat.plans import services as plans_services
from koordinat.plans.models import Plan
from koordinat.plans.selectors import public_plan_get, public_plan_measures

pytestmark = pytest.mark.django_db(transaction=False)


def test_the_coordinator_publishes_and_withdraws_a_plan_with_an_audit_event(portal, coordinator):
    plan = plans_services.plan_publish(
        actor=coordinator, plan=portal.internal_plan, version=portal.internal_plan.version
    )
    assert plan.visibility == Plan.Visibility.PUBLIC
    assert plan.published_by == coordinator
    assert Plan.objects.published().filter(pk=plan.pk).exists()
    plan = plans_services.plan_unpublish(
        actor=coordinator, plan=plan, version=plan.version, reason="Səhv dərc edilib"
    )
    assert not Plan.objects.published().filter(pk=plan.pk).exists()
    assert plan.published_at is None
    events = AuditEvent.objects.filter(target_id=str(plan.pk), action__in=["plan.publish", "plan.unpublish"])
    assert [(event.action, event.outcome) for event in events.order_by("pk")] == [
        ("plan.publish", "success"),
        ("plan.unpublish", "success"),
    ]
    assert events.get(action="plan.unpublish").data == {"reason": "Səhv dərc edilib"}


def test_withdrawing_needs_a_reason_and_a_current_version(portal, coordinator):
    plan = portal.plan
    with pytest.raises(ValidationError) as missing:
        plans_services.plan_unpublish(actor=coordinator, plan=plan, version=plan.version, reason=" ")
    assert "reason" in missing.value.message_dict
    with pytest.raises(ConcurrentEditError):
        plans_services.plan_unpublish(actor=coordinator, plan=plan, version=plan.version - 1, reason="köhnə")
    assert Plan.objects.get(pk=plan.pk).visibility == "public"


def test_a_draft_plan_cannot_be_published(portal, coordinator, center):
    draft = plans_services.plan_create(
        actor=coordinator,
        code="DRAFT-1",
        kind="action_plan",
        title={"az": "Qaralama"},
        period_start=portal.plan.period_start,
        period_end=portal.plan.period_end,
        coordinator=center,
    )
    with translation.override("en"), pytest.raises(ValidationError, match="approve it first"):
        plans_services.plan_publish(actor=coordinator, plan=draft, version=draft.version)
    assert Plan.objects.get(pk=draft.pk).visibility == "internal"


@pytest.mark.parametrize("role", ["executor", "observer", "other_coordinator"])
def test_only_the_owning_side_or_an_administrator_publishes(
    portal, request, role, make_user, make_organization
):
    if role == "other_coordinator":
        actor = make_user(Role.COORDINATOR, make_organization("Başqa mərkəz"))
    else:
        actor = request.getfixturevalue(role)
    with pytest.raises(Refusal):
        plans_services.plan_publish(
            actor=actor, plan=portal.internal_plan, version=portal.internal_plan.version
        )
    assert AuditEvent.objects.filter(action="plan.publish", outcome="refused").count() == 1
    assert Plan.objects.get(pk=portal.internal_plan.pk).visibility == "internal"


def test_an_administrator_may_publish_any_plan(portal, admin_user):
    plans_services.plan_publish(
        actor=admin_user, plan=portal.internal_plan, version=portal.internal_plan.version
    )
    assert Plan.objects.get(pk=portal.internal_plan.pk).visibility == "public"


def test_the_summary_keeps_its_languages_as_written_with_no_fallback(portal):
    entry = public_entries(measure_ids=[portal.measure.pk], with_evidence=True)[portal.measure.pk]
    assert set(entry.summaries) == {"az", "en"}  # no Russian, and none made up from another language
    assert [piece.pk for piece in entry.evidence] == [portal.evidence.pk]
    saved = MeasurePublication.objects.get(pk=portal.publication.pk)
    assert saved.summary_ru == ""
    event = AuditEvent.objects.filter(action="publication.save").latest("pk")
    assert event.data["languages"] == ["az", "en"]
    assert event.data["source_report"] == portal.accepted.pk


def test_the_public_entry_is_taken_only_from_an_accepted_report_of_the_item(portal, coordinator):
    returned = Report.objects.get(item__measure=portal.plain_measure, status="returned")
    item = ControlItem.objects.get(measure=portal.plain_measure)
    with pytest.raises(ValidationError) as refused:
        execution_services.measure_publication_save(
            actor=coordinator,
            item=item,
            version=0,
            status="in_progress",
            summary={"az": "x"},
            source_report=returned,
        )
    assert "source_report" in refused.value.message_dict
    with pytest.raises(ValidationError) as foreign:  # an accepted report of another item
        execution_services.measure_publication_save(
            actor=coordinator,
            item=item,
            version=0,
            status="in_progress",
            summary={"az": "x"},
            source_report=portal.accepted,
        )
    assert "source_report" in foreign.value.message_dict
    with pytest.raises(ValidationError) as no_report:
        execution_services.measure_publication_save(
            actor=coordinator,
            item=item,
            version=0,
            status="in_progress",
            summary={"az": "x"},
            source_report=None,
        )
    assert "source_report" in no_report.value.message_dict
    assert not MeasurePublication.objects.filter(item=item).exists()


def test_only_evidence_of_the_chosen_report_that_was_sent(portal, coordinator):
    draft_evidence = Evidence.objects.create(
        report=Report.objects.get(item=portal.item, status="draft"),
        title="Qaralama sənəd",
        url="https://example.test/draft",
        added_at=portal.accepted.submitted_at,
    )
    with pytest.raises(ValidationError) as refused:
        execution_services.measure_publication_save(
            actor=coordinator,
            item=portal.item,
            version=portal.publication.version,
            status="completed",
            summary={"az": "Tamamlandı"},
            source_report=portal.accepted,
            evidence=[draft_evidence],
        )
    assert "Qaralama sənəd" in refused.value.message_dict["evidence"][0]
    assert MeasurePublication.objects.get(pk=portal.publication.pk).status == "in_progress"


def test_a_status_alone_needs_no_report(portal, coordinator):
    item = ControlItem.objects.get(measure=portal.plain_measure)
    entry = execution_services.measure_publication_save(
        actor=coordinator, item=item, version=0, status="delayed", summary={}, source_report=None
    )
    assert entry.status == "delayed"
    assert entry.plan_id == portal.plan.pk


def test_a_stale_form_does_not_overwrite_the_entry(portal, coordinator):
    execution_services.measure_publication_save(
        actor=coordinator,
        item=portal.item,
        version=portal.publication.version,
        status="completed",
        summary={"az": "Birinci"},
        source_report=portal.accepted,
    )
    with pytest.raises(ConcurrentEditError):
        execution_services.measure_publication_save(
            actor=coordinator,
            item=portal.item,
            version=portal.publication.version,  # the version the second form was opened with
            status="delayed",
            summary={"az": "İkinci"},
            source_report=portal.accepted,
        )
    assert MeasurePublication.objects.get(item=portal.item).summary_az == "Birinci"


@pytest.mark.parametrize("role", ["executor", "other_executor", "observer"])
def test_only_the_controller_decides_what_the_public_sees(portal, request, role):
    with pytest.raises(Refusal):
        execution_services.measure_publication_withdraw(
            actor=request.getfixturevalue(role), item=portal.item, version=portal.publication.version
        )
    assert MeasurePublication.objects.filter(pk=portal.publication.pk).exists()
    assert AuditEvent.objects.filter(action="publication.withdraw", outcome="refused").count() == 1


def test_withdrawing_the_entry(portal, coordinator):
    execution_services.measure_publication_withdraw(
        actor=coordinator, item=portal.item, version=portal.publication.version
    )
    assert public_entries(measure_ids=[portal.measure.pk]) == {}
    assert AuditEvent.objects.filter(action="publication.withdraw", outcome="success").exists()


def test_an_unpublished_plan_shows_no_entries(portal, coordinator):
    plans_services.plan_unpublish(
        actor=coordinator, plan=portal.plan, version=portal.plan.version, reason="yoxlama"
    )
    assert public_entries(measure_ids=[portal.measure.pk]) == {}


@pytest.mark.django_db(transaction=True)
def test_the_public_version_rises_after_the_commit_only(portal, coordinator):
    before = public_version()
    with transaction.atomic():
        plans_services.plan_unpublish(
            actor=coordinator, plan=portal.plan, version=portal.plan.version, reason="x"
        )
        assert public_version() == before  # not yet: the change is not committed
        transaction.set_rollback(True)
    assert public_version() == before
    plans_services.plan_unpublish(
        actor=coordinator, plan=portal.plan, version=portal.plan.version, reason="x"
    )
    assert public_version() > before


def test_one_plans_counts_and_entries_read_with_its_measures_agree_with_the_checked_reads(
    portal, coordinator
):
    plan = public_plan_get(code=portal.plan.code)
    assert public_status_counts_of(plan=plan) == public_status_counts(plan_ids=[plan.pk])[plan.pk]
    rows = list(public_plan_measures(plan=plan, extra=public_entry_columns()))
    joined = {row.pk: entry for row in rows if (entry := public_entry_from(row.extra, measure_id=row.pk))}
    assert joined == public_entries(measure_ids=[row.pk for row in rows])
    assert joined  # the fixture's plan has entries
    # A plan that is not published has no measures or counts for the public, whatever it holds.
    plans_services.plan_unpublish(
        actor=coordinator, plan=portal.plan, version=portal.plan.version, reason="yoxlama"
    )
    withdrawn = Plan.objects.get(pk=plan.pk)
    assert public_status_counts_of(plan=withdrawn) == {}
    assert list(public_plan_measures(plan=withdrawn, extra=public_entry_columns())) == []
