"""Loads the demo plans (plans.json) through the plan services; idempotent by plan code.

Measures of a demo plan are written with one bulk insert per table, like an import, and one
audit event per measure, so the demo behaves exactly like data entered through the system.
"""

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from koordinat.accounts.models import User
from koordinat.core import audit
from koordinat.core.text import fold
from koordinat.core.translation import assign_texts
from koordinat.directory.demo import loader as directory_loader
from koordinat.directory.models import Body, Organization
from koordinat.places.selectors import DistrictIndex

from .. import services
from ..deadlines import parse_deadline
from ..models import (
    Executor,
    Indicator,
    IndicatorTarget,
    LegalAct,
    Measure,
    Plan,
    outline_sort_key,
)

DATA_FILE = Path(__file__).with_name("plans.json")


def _keyed(data_file: Path) -> tuple[dict[str, Organization], dict[str, Body]]:
    """Directory demo keys → objects, found the way the directory loader created them."""
    directory = json.loads(data_file.read_text(encoding="utf-8"))
    organizations: dict[str, Organization] = {}
    by_key = {item["key"]: item for item in directory["organizations"]}
    for key, item in by_key.items():
        organization = Organization.objects.filter(name_az=item["name"]["az"]).order_by("pk").first()
        if organization is not None:
            organizations[key] = organization
    bodies = {
        item["key"]: body
        for item in directory["bodies"]
        if (body := Body.objects.filter(name_az=item["name"]["az"]).first()) is not None
    }
    return organizations, bodies


@transaction.atomic
def load(path: Path = DATA_FILE) -> dict[str, int]:
    data = json.loads(path.read_text(encoding="utf-8"))
    organizations, bodies = _keyed(directory_loader.DATA_FILE)
    actor = User.objects.filter(is_superuser=True).order_by("pk").first()
    if actor is None:
        raise RuntimeError("Load the demo directory first (koordinat demo-data does both).")
    created = {"plans": 0, "measures": 0}
    acts: dict[str, LegalAct] = {}
    for item in data["legal_acts"]:
        act = LegalAct.objects.filter(kind=item["kind"], number=item["number"], date=item["date"]).first()
        if act is None:
            act = services.legal_act_create(
                actor=actor,
                kind=item["kind"],
                number=item["number"],
                date=datetime.date.fromisoformat(item["date"]),
                title=item["title"],
                issuer=organizations.get(item.get("issuer") or ""),
                url=item.get("url", ""),
            )
        acts[item["key"]] = act
    districts = DistrictIndex.build()
    for item in data["plans"]:
        if Plan.objects.filter(code=item["code"]).exists():
            continue
        plan = services.plan_create(
            actor=actor,
            code=item["code"],
            kind=item["kind"],
            title=item["title"],
            period_start=datetime.date.fromisoformat(item["period_start"]),
            period_end=datetime.date.fromisoformat(item["period_end"]),
            coordinator=organizations[item["coordinator"]],
            owning_body=bodies.get(item.get("owning_body") or ""),
            approved_by=acts.get(item.get("approved_by") or ""),
            status=item["status"],
            reporting_periodicity=item["reporting_periodicity"],
            report_due_days=item["report_due_days"],
            parties=[
                services.Party(
                    country=party["country"],
                    lead=organizations[party["lead"]],
                    coordinator=organizations[party["coordinator"]],
                )
                for party in item.get("parties", [])
            ],
        )
        plan.amended_by.set([acts[key] for key in item.get("amended_by", [])])
        if item["visibility"] == Plan.Visibility.PUBLIC:  # its coordinator publishes it on the portal
            plan = services.plan_publish(actor=actor, plan=plan, version=plan.version)
        created["measures"] += _load_measures(actor, plan, item["measures"], organizations, bodies, districts)
        created["plans"] += 1
    return created


def _load_measures(
    actor: User,
    plan: Plan,
    items: list[dict[str, Any]],
    organizations: dict[str, Organization],
    bodies: dict[str, Body],
    districts: DistrictIndex,
) -> int:
    measures: dict[str, Measure] = {}
    for item in items:
        measure = Measure(plan=plan, number=item["number"], sort_key=outline_sort_key(item["number"]))
        for name in ("text", "expected_result", "other_executors"):
            assign_texts(measure, name, item.get(name) or {})
        if item.get("funding_source"):
            assign_texts(measure, "funding_source", item["funding_source"])
        deadline = parse_deadline(item.get("deadline", ""), **plan.period_context)
        services.apply_deadline(measure, deadline)
        measure.area = bodies.get(item.get("area") or "")
        measure.budget = Decimal(str(item["budget"])) if item.get("budget") is not None else None
        measure.tags = item.get("tags", [])
        measure.search_text = fold(" | ".join([item["number"], *item["text"].values()]))
        measures[item["number"]] = measure
    Measure.objects.bulk_create(measures.values())
    for number, measure in measures.items():
        parent = number.rpartition(".")[0]
        measure.parent = measures.get(parent) if parent else None
    Measure.objects.bulk_update(measures.values(), ["parent"])
    executors, district_links, targets = [], [], []
    for item in items:
        measure = measures[item["number"]]
        for position, key in enumerate(dict.fromkeys(item.get("executors", []))):
            role = Executor.Role.LEAD if position == 0 else Executor.Role.CO
            executors.append(
                Executor(
                    measure=measure,
                    plan_id=measure.plan_id,
                    organization=organizations[key],
                    role=role,
                    position=position,
                )
            )
        for name in item.get("districts", []):
            district = districts.match(name)
            if district is not None:
                district_links.append(
                    Measure.districts.through(measure_id=measure.pk, district_id=district.pk)
                )
        for spec in item.get("indicators", []):
            indicator = Indicator(
                measure=measure,
                baseline=Decimal(str(spec["baseline"])) if spec.get("baseline") is not None else None,
                baseline_year=spec.get("baseline_year"),
                source_organization=organizations.get(spec.get("source_organization") or ""),
                source_system=spec.get("source_system", ""),
            )
            assign_texts(indicator, "name", spec["name"])
            assign_texts(indicator, "unit", spec.get("unit") or {})
            indicator.save()
            targets += [
                IndicatorTarget(indicator=indicator, year=int(year), value=Decimal(str(value)))
                for year, value in spec.get("targets", {}).items()
            ]
    Executor.objects.bulk_create(executors)
    Measure.districts.through.objects.bulk_create(district_links)
    IndicatorTarget.objects.bulk_create(targets)
    audit.record_many(
        actor=actor,
        action="measure.create",
        entries=[
            (measure, {"number": number, "deadline_text": measure.deadline_text})
            for number, measure in measures.items()
        ],
    )
    return len(measures)
