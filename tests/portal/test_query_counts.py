"""The portal's pages ask the same number of queries for a plan of 10 measures and of 400, every
measure with its public entry; nothing cached (the most a page asks)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from koordinat.execution.models import ControlItem, MeasurePublication
from koordinat.plans.models import Measure
from tests.plans.test_query_counts import grow, queries


def grow_published(portal, organizations, count: int) -> None:
    before = set(Measure.objects.filter(plan=portal.plan).values_list("pk", flat=True))
    grow(portal.plan, organizations, count)
    new = Measure.objects.filter(plan=portal.plan).exclude(pk__in=before)
    items = ControlItem.objects.bulk_create(
        ControlItem(plan=portal.plan, measure=measure, controller=portal.item.controller) for measure in new
    )
    MeasurePublication.objects.bulk_create(
        MeasurePublication(
            item=item,
            measure_id=item.measure_id,
            plan=portal.plan,
            status="in_progress",
            summary_az="Davam edir",
            published_at=timezone.now(),
        )
        for item in items
    )


@pytest.mark.parametrize(
    "url_for",
    [
        lambda portal: reverse("portal:home"),
        lambda portal: reverse("portal:plan", args=[portal.plan.code]),
        lambda portal: reverse("portal:measure", args=[portal.plan.code, "1.1"]),
        lambda portal: reverse("portal:organization", args=[portal.item.controller_id]),
        lambda portal: reverse("portal:district", args=[portal.district.pk]),
        lambda portal: reverse("portal:search") + "?q=tedbir",
    ],
    ids=["home", "plan", "measure", "organisation", "district", "search"],
)
def test_portal_pages_do_not_grow_with_measures(client, portal, ministry, other_ministry, center, url_for):
    grow_published(portal, [ministry, other_ministry, center], 10)
    small = queries(client, url_for(portal))
    grow_published(portal, [ministry, other_ministry, center], 390)
    assert queries(client, url_for(portal)) == small


def test_the_plan_page_asks_a_handful_of_queries(client, portal, ministry, django_assert_max_num_queries):
    grow_published(portal, [ministry], 250)  # two pages of measures
    with django_assert_max_num_queries(8):
        assert client.get(reverse("portal:plan", args=[portal.plan.code]) + "?page=2").status_code == 200


def test_the_plan_page_reads_the_plan_its_measures_with_their_entries_their_executors_the_counts_and_questions(
    client, portal, ministry
):
    grow_published(portal, [ministry], 250)
    url = reverse("portal:plan", args=[portal.plan.code])
    # The portal's own four; the citizens' questions on the plan (a panel of the dialogue app) are read
    # only when the plan's own query found some (tests.dialogue.test_query_counts).
    assert queries(client, url) == 4
    assert queries(client, url + "?page=2") == 4
