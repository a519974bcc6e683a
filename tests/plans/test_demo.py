import pytest
from django.core.management import call_command

from koordinat.core import audit
from koordinat.plans.models import Executor, Measure, Plan


@pytest.fixture
def demo(db):
    call_command("demo-data")


def test_demo_holds_the_five_real_shaped_plans(demo):
    kinds = set(Plan.objects.values_list("kind", flat=True))
    assert {
        "strategic_plan",
        "action_plan",
        "national_action_plan",
        "state_programme",
        "joint_action_plan",
    } <= kinds
    national = Plan.objects.get(kind="national_action_plan")
    assert national.approved_by is not None
    assert national.approved_by.kind == "order"
    item = Measure.objects.get(plan=national, number="5.6")
    assert item.parent.number == "5"
    assert Executor.objects.filter(measure=item, organization__kind="local_executive_authority").count() >= 2
    joint = Plan.objects.get(kind="joint_action_plan")
    assert set(joint.parties.values_list("country", flat=True)) == {"AZ", "UZ"}


def test_demo_plans_are_in_three_languages_with_a_consistent_tree(demo):
    for measure in Measure.objects.select_related("parent"):
        assert measure.text_az, measure.number
        assert measure.text_ru, measure.number
        assert measure.text_en, measure.number
        if "." in measure.number:
            assert measure.parent.number == measure.number.rpartition(".")[0]
    assert Measure.objects.count() >= 150


def test_demo_loads_once(demo, capsys):
    counts = (Plan.objects.count(), Measure.objects.count())
    call_command("demo-data")
    assert "plans: created plans: 0, measures: 0" in capsys.readouterr().out
    assert (Plan.objects.count(), Measure.objects.count()) == counts
    assert audit.verify()[1] is None
