"""The demo's public pages have something to show: all five demo plans published, their measures with
public entries taken from accepted reports (some in one language only) or a status alone."""

import re

from django.core.management import call_command
from django.urls import reverse

from koordinat.execution.models import ControlItem, MeasurePublication
from koordinat.plans.models import Plan

DEMO_PLANS = {"EQ-SFP-2024", "EQ-TP-2025", "OGP-NAP-2020", "BQ-DP-2022", "AZ-UZ-FHN-2026"}


def test_the_demo_publishes_its_public_plans_with_entries(client, db):
    call_command("demo-data")
    assert set(Plan.objects.published().values_list("code", flat=True)) == DEMO_PLANS
    entries = MeasurePublication.objects.filter(plan__code="BQ-DP-2022")
    assert entries.count() >= 5
    assert entries.filter(summary_ru="").exists()  # the portal then says which languages there are
    assert entries.exclude(summary_ru="").exists()
    assert not entries.exclude(source_report=None).exclude(source_report__status="accepted").exists()
    home = client.get(reverse("portal:home")).content.decode()
    assert "BQ-DP-2022" in home
    entry = entries.exclude(source_report=None).select_related("measure").first()
    page = client.get(reverse("portal:measure", args=["BQ-DP-2022", entry.measure.number]))
    assert entry.summary_az in page.content.decode()

    before = MeasurePublication.objects.count()
    call_command("demo-data")  # idempotent
    assert MeasurePublication.objects.count() == before


def test_every_demo_plan_has_a_public_page_with_its_measures_and_their_entries(client, db):
    call_command("demo-data")
    home = client.get(reverse("portal:home")).content.decode()
    for plan in Plan.objects.filter(code__in=DEMO_PLANS):
        assert plan.code in home
        entries = MeasurePublication.objects.filter(plan=plan)
        # Every measure under control has an entry: a summary from an accepted report, or its status alone.
        assert entries.count() == ControlItem.objects.filter(plan=plan).count() > 0, plan.code
        for language in ("az", "ru", "en"):
            response = client.get(f"/{language}/portal/plans/{plan.code}/")
            assert response.status_code == 200, (plan.code, language)
            numbers = re.findall(
                rf'href="/{language}/portal/plans/[^/]+/measures/([^/]+)/"', response.content.decode()
            )
            expected = list(plan.measures.order_by("sort_key").values_list("number", flat=True)[:200])
            assert numbers == expected, (plan.code, language)
    # The plan that ended before Koordinat: the status alone, its items closed with the reason.
    ended = MeasurePublication.objects.filter(plan__code="OGP-NAP-2020")
    assert set(ended.values_list("status", flat=True)) == {"completed"}
    assert not ended.exclude(source_report=None).exists()
    assert not ended.exclude(summary_az="").exists()
    assert not ControlItem.objects.filter(plan__code="OGP-NAP-2020").open().exists()
    # In force: measures no accepted report speaks of yet carry a status without a summary.
    status_only = MeasurePublication.objects.filter(plan__code="EQ-TP-2025", source_report=None)
    assert status_only.exists()
    assert not status_only.exclude(summary_az="", summary_ru="", summary_en="").exists()
    assert MeasurePublication.objects.filter(plan__code="AZ-UZ-FHN-2026").exclude(source_report=None).exists()
