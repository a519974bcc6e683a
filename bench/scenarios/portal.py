"""The public portal at national size: the public page of a 5,000-measure plan, drawn cold (nothing
in the page cache) for an anonymous visitor, against the raw SQL of the same answer."""

import re

from django.core.cache import cache
from django.db.models import Count
from django.test import Client

from bench.run import Scenario
from bench.scenarios.directory import _rows
from koordinat.plans.models import Plan

PAGE = 200


def public_plan_page() -> Scenario:
    client = Client()  # anonymous: the public
    plan = Plan.objects.published().annotate(n=Count("measures")).order_by("-n", "pk").first()
    assert plan is not None, "the scale data has no published plan in force: publish one (plan_publish) first"
    url = f"/az/portal/plans/{plan.code}/"

    def run() -> list[str]:
        cache.clear()  # cold: the page drawn, not served from the cache
        response = client.get(url)
        assert response.status_code == 200
        return re.findall(r'href="/az/portal/plans/[^/]+/measures/([^/]+)/"', response.content.decode())

    def limit() -> list[str]:
        _rows(
            "SELECT p.*, o.name_az, a.* FROM plans_plan p JOIN directory_organization o ON o.id = p.coordinator_id "
            "LEFT JOIN plans_legalact a ON a.id = p.approved_by_id "
            "WHERE p.code = %s AND p.visibility = 'public' AND p.status IN ('in_force', 'completed')",
            [plan.code],
        )
        _rows("SELECT COUNT(*) FROM plans_measure WHERE plan_id = %s", [plan.pk])
        rows = _rows(
            "SELECT m.id, m.number, m.text_az, m.deadline_text, m.deadline_kind, m.deadline_start, m.deadline_end, "
            "m.other_executors_az FROM plans_measure m WHERE m.plan_id = %s ORDER BY m.sort_key LIMIT %s",
            [plan.pk, PAGE],
        )
        ids = [row[0] for row in rows]
        marks = ", ".join(["%s"] * len(ids))
        _rows(
            "SELECT e.measure_id, e.by_agreement, o.short_name_az, o.name_az FROM plans_executor e "
            f"JOIN directory_organization o ON o.id = e.organization_id WHERE e.measure_id IN ({marks}) "
            "ORDER BY e.measure_id, e.position",
            ids,
        )
        _rows(
            "SELECT measure_id, status, summary_az, summary_ru, summary_en, published_at "
            f"FROM execution_measurepublication WHERE measure_id IN ({marks})",
            ids,
        )
        _rows(
            "SELECT status, COUNT(*) FROM execution_measurepublication WHERE plan_id = %s GROUP BY status",
            [plan.pk],
        )
        _rows(
            "SELECT s.id, s.kind, s.text, s.language, s.answer_due, s.answered_at, a.text_az, a.text_ru, "
            "a.text_en, a.published_at FROM dialogue_submission s LEFT JOIN dialogue_answer a "
            "ON a.submission_id = s.id AND a.status = 'published' "
            "WHERE s.plan_id = %s AND s.target = 'plan' AND s.status = 'accepted' ORDER BY s.created_at DESC",
            [plan.pk],
        )
        return [row[1] for row in rows]

    count = plan.measures.count()
    return Scenario(
        name="portal.public_plan_page",
        description=f"GET the public page of the largest published plan ({count} measures), cold: its first "
        f"{PAGE} measures with executors and public entries",
        run=run,
        limit=limit,
        limit_description="raw SQL: the published plan with its act, the measure count, the first page of "
        "measures in outline order, their executors, their public entries, the plan's status counts, the "
        "citizens' questions on the plan with their answers",
        same_answer=lambda real, fastest: real == fastest,
        rows=PAGE,
        iterations=10,
    )


def scenarios() -> list[Scenario]:
    return [public_plan_page()]
