"""The demo's public pages have something to show: its public plans published, measures with public
entries taken from accepted reports, some in one language only."""

from django.core.management import call_command
from django.urls import reverse

from koordinat.execution.models import MeasurePublication
from koordinat.plans.models import Plan


def test_the_demo_publishes_its_public_plans_with_entries(client, db):
    call_command("demo-data")
    assert set(Plan.objects.published().values_list("code", flat=True)) == {"OGP-NAP-2020", "BQ-DP-2022"}
    entries = MeasurePublication.objects.filter(plan__code="BQ-DP-2022")
    assert entries.count() >= 5
    assert entries.filter(summary_ru="").exists()  # the portal then says which languages there are
    assert entries.exclude(summary_ru="").exists()
    assert not entries.exclude(source_report__status="accepted").exists()
    home = client.get(reverse("portal:home")).content.decode()
    assert "BQ-DP-2022" in home
    entry = entries.select_related("measure").first()
    page = client.get(reverse("portal:measure", args=["BQ-DP-2022", entry.measure.number]))
    assert entry.summary_az in page.content.decode()

    before = MeasurePublication.objects.count()
    call_command("demo-data")  # idempotent
    assert MeasurePublication.objects.count() == before
