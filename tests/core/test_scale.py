import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from koordinat.core import audit, scale
from koordinat.directory.models import Body, Membership, Organization, Person


class Rollback(Exception):
    pass


def generated_snapshot(seed: int) -> list[tuple[object, ...]]:
    """Generate inside a transaction, read what was made, and roll it back."""
    snapshot: list[tuple[object, ...]] = []
    try:
        with transaction.atomic():
            scale.generate(
                seed=seed,
                counts={"organizations": 40, "people": 120, "bodies": 5},
                batch_size=7,
                report=lambda _: None,
            )
            snapshot += Organization.objects.order_by("pk").values_list(
                "name_az", "name_ru", "parent__name_az", "kind"
            )
            snapshot += Membership.objects.order_by("pk").values_list(
                "person__last_name_en", "organization__name_en"
            )
            snapshot += Body.objects.order_by("pk").values_list("name_en", "chair__email")
            raise Rollback
    except Rollback:
        pass
    return snapshot


def test_same_seed_gives_the_same_data(db):
    assert generated_snapshot(3) == generated_snapshot(3)
    assert generated_snapshot(3) != generated_snapshot(4)


def test_generator_builds_the_requested_counts(db, capsys):
    call_command(
        "generate-scale", "--seed", "1", "--organizations", "60", "--people", "300", "--batch-size", "25"
    )
    assert Organization.objects.count() == 60
    assert Organization.objects.filter(parent__isnull=True).count() == 6
    assert Person.objects.count() == 300
    assert Membership.objects.count() == 300
    assert Body.objects.filter(kind="working_group").count() == 5
    assert Body.objects.get(kind="headquarters").member_organizations.count() == 55
    assert "organizations: 60" in capsys.readouterr().out
    assert audit.verify()[1] is None


def test_generated_names_are_searchable_in_every_language(db, client, coordinator):
    scale.generate(seed=2, counts={"organizations": 20, "people": 10}, report=lambda _: None)
    organization = Organization.objects.exclude(pk=coordinator.organization_id).order_by("pk").first()
    assert organization is not None
    client.force_login(coordinator)
    for text in (organization.name_ru, organization.name_en, organization.name_az.lower()):
        response = client.get("/az/directory/organizations/", {"q": text})
        assert organization.pk in [row.pk for row in response.context["page"]]


def test_refuses_a_database_that_already_has_data(ministry):
    with pytest.raises(CommandError, match="already holds organisations"):
        call_command("generate-scale", "--organizations", "5", "--people", "5")
    assert Organization.objects.count() == 1


def test_rejects_negative_counts(db):
    with pytest.raises(CommandError, match="--people"):
        call_command("generate-scale", "--people", "-1")


def test_generator_builds_plans_with_numbered_measures(db):
    from koordinat.plans.models import Executor, Measure, Plan

    call_command(
        "generate-scale",
        "--organizations",
        "20",
        "--people",
        "10",
        "--plans",
        "2",
        "--measures",
        "45",
        "--batch-size",
        "7",
    )
    assert Plan.objects.count() == 2
    assert Measure.objects.count() == 45
    assert set(Measure.objects.filter(parent__isnull=True).values_list("number", flat=True)) == {"1", "2"}
    child = Measure.objects.get(plan__code="SCALE-0001", number="1.5")
    assert child.parent.number == "1"
    assert child.deadline_text
    assert Executor.objects.filter(measure=child, role="lead").count() == 1


def test_generator_builds_a_history_of_reports(db):
    from django.db.models import Count

    from koordinat.execution.models import Assignment, ControlItem, Report, ReportingCycle

    call_command(
        "generate-scale",
        *("--organizations", "20", "--people", "10", "--plans", "2", "--measures", "60"),
        *("--reports", "250", "--batch-size", "7"),
    )
    assert Report.objects.count() == 250
    assert ControlItem.objects.count() == Assignment.objects.values("item").distinct().count()
    assert (
        ControlItem.objects.filter(measure__parent__isnull=True).count() == 0
    )  # sections are not controlled
    cycles = ReportingCycle.objects.order_by("period_end")
    assert cycles.filter(status="open").count() == 2  # the newest quarter of each plan
    assert cycles.filter(status="closed").exists()
    newest = dict(Report.objects.filter(cycle__status="open").values_list("status").annotate(n=Count("pk")))
    assert {"draft", "submitted"} <= set(newest)
    assert Report.objects.filter(status="submitted", first_submitted_at__isnull=True).count() == 0
    assert audit.verify()[1] is None


def test_generator_builds_meetings_with_instructions_under_control(db):
    from koordinat.execution.models import ControlItem
    from koordinat.meetings.models import Instruction, Meeting

    call_command(
        "generate-scale",
        *("--organizations", "20", "--people", "30", "--plans", "1", "--measures", "30"),
        *("--meetings", "12", "--instructions", "48", "--batch-size", "5"),
    )
    assert Meeting.objects.count() == 12
    assert Instruction.objects.count() == 48
    assert ControlItem.objects.filter(instruction__isnull=False).count() == 48
    assert Meeting.objects.filter(agenda__measures__isnull=False).distinct().count() == 12
    assert audit.verify()[1] is None
