"""The demo's year of meetings: Headquarters and working groups, minutes and instructions in every state."""

from django.core.management import call_command
from django.db.models import Count

from koordinat.core import audit
from koordinat.execution.models import ControlItem
from koordinat.meetings.models import Instruction, Meeting, Minutes, MinutesComment, Participant


def test_the_demo_holds_a_year_of_meetings_and_their_instructions(db):
    call_command("demo-data")
    meetings = Meeting.objects.select_related("body")
    assert meetings.count() >= 20
    assert meetings.filter(body__kind="headquarters").count() >= 12
    assert meetings.filter(body__kind="working_group").values("body").distinct().count() >= 3
    assert meetings.filter(status="planned").exists()
    assert Minutes.objects.filter(status="approved").count() >= 20
    assert Minutes.objects.filter(status="circulated").exists()
    assert MinutesComment.objects.exists()
    assert Instruction.objects.count() >= 100
    states = dict(
        ControlItem.objects.filter(instruction__isnull=False)
        .order_by()
        .values_list("control_status")
        .annotate(n=Count("pk"))
    )
    assert set(states) == {"on_control", "extended", "executed", "removed", "cancelled"}
    assert Instruction.objects.filter(control__isnull=True).exists()  # the circulated minutes' ones
    absent = Participant.objects.filter(meeting__status="held", present=False)
    assert absent.exists()
    assert not absent.filter(absence_reason="").exists()  # the minutes say why
    assert audit.verify()[1] is None
