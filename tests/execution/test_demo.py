"""The demo's year of execution history: every screen has something true to show."""

import datetime

from django.core.management import call_command
from django.db.models import F

from koordinat.accounts.models import User
from koordinat.core import audit
from koordinat.execution.models import ControlItem, Extension, Report, ReportingCycle, ReportVersion
from koordinat.execution.selectors import my_work, review_queue


def test_the_demo_holds_a_year_of_control_history(db):
    call_command("demo-data")
    today = datetime.date.today()
    cycles = ReportingCycle.objects.all()
    assert cycles.filter(status="closed").count() >= 4
    assert cycles.filter(status="open", kind="one_off").exists()
    assert min(cycles.values_list("period_end", flat=True)) >= today - datetime.timedelta(days=366)
    statuses = set(Report.objects.values_list("status", flat=True))
    assert {"accepted", "submitted", "draft", "awaiting_approval"} <= statuses
    assert ReportVersion.objects.filter(event="returned").exists()  # reports were returned and reworked
    assert set(Extension.objects.values_list("status", flat=True)) == {"approved", "refused", "requested"}
    assert ControlItem.objects.filter(control_status="removed").exclude(closing_reports=None).exists()
    assert ControlItem.objects.open().filter(control_date__lt=today).exists()  # overdue items
    assert not ControlItem.objects.open().filter(measure__isnull=False, controller_person=None).exists()
    assert Report.objects.filter(first_submitted_at__date__gt=F("due_date")).exists()  # late reports
    assert Report.objects.filter(first_submitted_at__date__lte=F("due_date")).exists()  # and timely ones
    executor = User.objects.get(email="asmar.zeynalova@eco.koordinat.test")
    coordinator = User.objects.get(email="elchin.ibrahimov@center.koordinat.test")
    assert my_work(user=executor, today=today).exists()
    assert review_queue(user=coordinator).exists()
    assert Report.objects.filter(
        submitted_at__date__lt=today - datetime.timedelta(days=60)
    ).exists()  # dated in the past
    assert audit.verify()[1] is None

    before = Report.objects.count()
    call_command("demo-data")  # idempotent
    assert Report.objects.count() == before
