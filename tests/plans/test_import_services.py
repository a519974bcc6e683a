import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from koordinat.core import audit
from koordinat.core.models import AuditEvent
from koordinat.core.selectors import history_of
from koordinat.directory.models import Organization
from koordinat.plans import selectors, services
from koordinat.plans.importing.matching import OrganizationIndex
from koordinat.plans.importing.preview import build_preview
from koordinat.plans.importing.readers import read_tables
from koordinat.plans.models import Executor, Measure, Plan

from .files import AZ_HEADER, xlsx_bytes

FIRST_VERSION = [
    AZ_HEADER,
    ["1", "Ekoloji monitorinq", "", "", ""],
    ["1.1", "Monitorinq şəbəkəsinin yaradılması", "ETSN; Energetika Nazirliyi", "2026-cı ilin II rübü", ""],
    ["1.2", "Meşə bərpası", "Ağdam Rayon İcra Hakimiyyəti", "mütəmadi", ""],
    ["2", "Enerji təchizatı", "Energetika Nazirliyi", "2027-ci il", ""],
]


def preview_of(rows, **kwargs):
    data = xlsx_bytes(rows)
    return build_preview(
        read_tables(io.BytesIO(data), "plan.xlsx"),
        filename="plan.xlsx",
        index=OrganizationIndex.build(),
        **kwargs,
    )


@pytest.fixture
def plan(coordinator, center):
    import datetime

    return services.plan_create(
        actor=coordinator,
        code="TEST-1",
        kind="action_plan",
        title={"az": "Sınaq planı", "ru": "", "en": ""},
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2027, 12, 31),
        coordinator=center,
    )


def test_commit_builds_the_tree_with_executors_and_audit(coordinator, plan, executors):
    result = services.plan_import_commit(actor=coordinator, plan=plan, preview=preview_of(FIRST_VERSION))
    assert result.created == ["1", "1.1", "1.2", "2"]
    measure = Measure.objects.get(plan=plan, number="1.1")
    assert measure.parent.number == "1"
    assert [(e.organization_id, e.role) for e in measure.executors.order_by("position")] == [
        (executors["eco"].pk, "lead"),
        (executors["energy"].pk, "co"),
    ]
    assert str(measure.deadline_end) == "2026-06-30"
    assert AuditEvent.objects.filter(action="measure.import").count() == 4
    assert AuditEvent.objects.filter(action="plan.import", target_id=str(plan.pk)).exists()
    assert audit.verify()[1] is None


def test_a_preview_with_problems_saves_nothing(coordinator, plan, executors):
    rows = [*FIRST_VERSION, ["2", "Başqa mətnlə eyni nömrə", "Energetika Nazirliyi", "2027", ""]]
    with pytest.raises(ValidationError):
        services.plan_import_commit(actor=coordinator, plan=plan, preview=preview_of(rows))
    assert not Measure.objects.filter(plan=plan).exists()


def test_unknown_executors_are_created_only_when_asked(coordinator, plan, executors):
    rows = [AZ_HEADER, ["1", "Tədbir", "Kosmik Agentlik", "2027", ""]]
    with pytest.raises(ValidationError):
        services.plan_import_commit(actor=coordinator, plan=plan, preview=preview_of(rows))
    assert not Organization.objects.filter(name_az="Kosmik Agentlik").exists()
    result = services.plan_import_commit(
        actor=coordinator, plan=plan, preview=preview_of(rows), create_missing=True
    )
    (created,) = result.organizations_created
    assert created.name_az == "Kosmik Agentlik"
    assert Measure.objects.get(plan=plan, number="1").executors.get().organization == created


def test_reimport_updates_by_number_renumbers_and_removes(coordinator, plan, executors):
    services.plan_import_commit(actor=coordinator, plan=plan, preview=preview_of(FIRST_VERSION))
    forest = Measure.objects.get(plan=plan, number="1.2")
    amended = [
        AZ_HEADER,
        ["1", "Ekoloji monitorinq", "", "", ""],
        ["1.1", "Monitorinq şəbəkəsinin yaradılması", "ETSN", "2026-cı ilin III rübü", ""],
        ["1.2", "Yeni tədbir", "Energetika Nazirliyi", "2026", ""],
        ["1.3", "Meşə bərpası", "Ağdam Rayon İcra Hakimiyyəti", "mütəmadi", ""],
    ]
    preview = preview_of(amended, existing=services_existing(plan))
    assert preview.changes == {
        "added": ["1.2"],
        "changed": ["1.1"],
        "renumbered": ["1.2 → 1.3"],
        "removed": ["2"],
    }
    result = services.plan_import_commit(actor=coordinator, plan=plan, preview=preview)
    assert result.renumbered == [("1.2", "1.3")]
    assert result.created == ["1.2"]
    assert result.removed == ["2"]
    forest.refresh_from_db()
    assert forest.number == "1.3"
    assert selectors.measure_get(user=coordinator, code=plan.code, number="1.3").pk == forest.pk
    assert Measure.objects.get(plan=plan, number="1.1").executors.count() == 1
    assert not Measure.objects.filter(plan=plan, number="2").exists()
    assert set(Executor.objects.values_list("plan_id", flat=True)) == {plan.pk}  # copied on every write


def services_existing(plan):
    from koordinat.plans.importing.pipeline import existing_measures

    return existing_measures(plan)


def test_only_the_office_imports(executor, plan, executors):
    with pytest.raises(PermissionDenied):
        services.plan_import_commit(actor=executor, plan=plan, preview=preview_of(FIRST_VERSION))
    assert AuditEvent.objects.filter(action="plan.import", outcome="refused").exists()
    assert not Measure.objects.exists()


def test_plan_code_is_unique(coordinator, plan, center):
    import datetime

    with pytest.raises(ValidationError) as excinfo:
        services.plan_create(
            actor=coordinator,
            code="test-1",
            kind="action_plan",
            title={"az": "Başqa"},
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 12, 31),
            coordinator=center,
        )
    assert "code" in excinfo.value.message_dict
    assert Plan.objects.count() == 1


def test_plan_history_tells_what_an_import_did(coordinator, plan, executors):
    from django.utils import translation

    from koordinat.core.templatetags.koordinat import history_rows

    services.plan_import_commit(actor=coordinator, plan=plan, preview=preview_of(FIRST_VERSION))
    with translation.override("en"):
        latest = history_rows(history_of(user=coordinator, target=plan))[0]
        details = {change.label: str(change.new) for change in latest.changes}
    assert latest.label == "Imported from a file"
    assert details["File"] == "plan.xlsx"
    assert details["New items"] == "4"


def _saved_rows(plan):
    """Every column of the plan's measures as stored (the untranslated `text` column included,
    which the ORM hides behind the active language), with ids and times left out."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM plans_measure WHERE plan_id = %s ORDER BY sort_key", [plan.pk])
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]
    numbers = {row["id"]: row["number"] for row in rows}
    for row in rows:
        row["parent"] = numbers.get(row.pop("parent_id"))
        for name in ("id", "plan_id", "created_at", "updated_at"):
            row.pop(name)
    return rows


@pytest.mark.parametrize(("active", "language"), [("az", "az"), ("ru", "ru"), ("az", "ru"), ("en", "az")])
def test_new_items_are_stored_as_the_orm_stores_them(coordinator, plan, center, executors, active, language):
    """New items go in without model instances; the columns come out as the ORM path
    (`_fill_measure` and `save()`) writes them, in whichever language is active."""
    import datetime

    from django.utils import translation

    rows = [
        *FIRST_VERSION,
        ["2.1", "Mətn  ikinci", "ETSN", "by Q2 2026", "Nəticə"],
        ["2.2", "Oxunmayan", "", "bir gün", ""],
    ]
    preview = preview_of(rows)
    reference = services.plan_create(
        actor=coordinator,
        code="REF-1",
        kind="action_plan",
        title={"az": "Müqayisə"},
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2027, 12, 31),
        coordinator=center,
    )
    with translation.override(active):
        services.plan_import_commit(actor=coordinator, plan=plan, preview=preview, language=language)
        saved: dict[str, Measure] = {}
        for row in preview.rows:
            measure = Measure(plan=reference, number=row.number)
            services._fill_measure(measure, row, language)
            measure.parent = saved.get(row.parent_number or "")
            measure.save()
            saved[row.number] = measure
        imported = {measure.pk: measure for measure in Measure.objects.filter(plan=plan)}
        events = AuditEvent.objects.filter(action="measure.import").order_by("pk")
        assert [(event.target_id, event.target_label) for event in events] == [
            (str(measure.pk), str(measure)) for measure in sorted(imported.values(), key=lambda m: m.sort_key)
        ]
    assert _saved_rows(plan) == _saved_rows(reference)
    assert [event.data for event in events][-1] == {
        "file": "plan.xlsx",
        "number": "2.2",
        "deadline_text": "bir gün",
    }
    assert audit.verify()[1] is None


def test_a_kept_item_may_move_under_a_new_one_and_a_new_one_under_a_kept_one(coordinator, plan, executors):
    services.plan_import_commit(actor=coordinator, plan=plan, preview=preview_of(FIRST_VERSION))
    forest = Measure.objects.get(plan=plan, number="1.2")
    amended = [
        AZ_HEADER,
        ["1", "Ekoloji monitorinq", "", "", ""],
        ["1.1", "Monitorinq şəbəkəsinin yaradılması", "ETSN", "2026-cı ilin II rübü", ""],
        ["1.2", "Yeni alt tədbir", "Energetika Nazirliyi", "2026", ""],
        ["2", "Enerji təchizatı", "Energetika Nazirliyi", "2027-ci il", ""],
        ["3", "Yeni bölmə", "", "", ""],
        ["3.1", "Meşə bərpası", "Ağdam Rayon İcra Hakimiyyəti", "mütəmadi", ""],
        ["3.2", "Yeni tədbir", "Ağdam Rayon İcra Hakimiyyəti; ETSN", "2027", ""],
    ]
    result = services.plan_import_commit(actor=coordinator, plan=plan, preview=preview_of(amended))
    assert (result.created, result.renumbered) == (["1.2", "3", "3.2"], [("1.2", "3.1")])
    parents = dict(Measure.objects.filter(plan=plan).values_list("number", "parent__number"))
    assert parents == {"1": None, "1.1": "1", "1.2": "1", "2": None, "3": None, "3.1": "3", "3.2": "3"}
    forest.refresh_from_db()
    assert (forest.number, forest.version) == ("3.1", 2)
    assert [
        (e.organization_id, e.role)
        for e in Measure.objects.get(plan=plan, number="3.2").executors.order_by("position")
    ] == [(executors["agdam"].pk, "lead"), (executors["eco"].pk, "co")]
    assert AuditEvent.objects.filter(action="measure.import").count() == 4 + 7
    assert audit.verify()[1] is None


MARKED = [
    AZ_HEADER,
    ["1", "Enerji təchizatı", "", "", ""],
    [
        "1.1",
        "Şəbəkənin yenilənməsi",
        "Energetika Nazirliyi (razılaşdırılmaqla), Ağdam Rayon İcra Hakimiyyəti (əsas icraçı)",
        "2027-ci il",
        "",
    ],
]


def test_executors_by_agreement_are_stored_shown_and_exported(client, coordinator, plan, executors):
    from koordinat.plans import exporting

    preview = preview_of(MARKED)
    row = preview.rows[1]
    assert [(e.text, e.lead, e.agreement) for e in row.executors] == [
        ("Ağdam Rayon İcra Hakimiyyəti", True, False),
        ("Energetika Nazirliyi", False, True),
    ]
    services.plan_import_commit(actor=coordinator, plan=plan, preview=preview)
    measure = Measure.objects.get(plan=plan, number="1.1")
    assert [(e.organization_id, e.role, e.by_agreement) for e in measure.executors.order_by("position")] == [
        (executors["agdam"].pk, "lead", False),
        (executors["energy"].pk, "co", True),
    ]
    client.force_login(coordinator)
    with translation.override("az"):
        for url in (measure.get_absolute_url(), plan.get_absolute_url()):
            assert client.get(url).content.decode().count(_("by agreement")) == 1
    exported = exporting.plan_rows(plan, "az")[1].executors
    assert exported == "Ağdam Rayon İcra Hakimiyyəti; Energetika Nazirliyi (razılaşdırılmaqla)"
    again = preview_of([AZ_HEADER, ["1.1", "Şəbəkənin yenilənməsi", exported, "2027-ci il", ""]])
    assert [e.agreement for e in again.rows[-1].executors] == [False, True]


def test_the_preview_names_each_executor_s_marks(client, coordinator, plan, executors):
    from koordinat.plans.importing.preview import dump_preview, load_preview

    preview = preview_of(MARKED)
    kept = load_preview(dump_preview(preview)).rows[1].executors
    assert [(e.lead, e.agreement, e.person) for e in kept] == [(True, False, False), (False, True, False)]
    assert preview.to_json()["rows"][1]["executors"][1]["agreement"] is True


def test_a_person_without_a_post_is_never_made_an_organisation(coordinator, plan, executors):
    preview = preview_of([AZ_HEADER, ["1", "Görüş", "Energetika Nazirliyi, T.Qasımov", "2027-ci il", ""]])
    (problem,) = [p for p in preview.errors if p.code == "unknown_executor"]
    assert "T.Qasımov" in problem.message
    with pytest.raises(ValidationError):
        services.plan_import_commit(actor=coordinator, plan=plan, preview=preview, create_missing=True)
    assert not Organization.objects.filter(name_az="T.Qasımov").exists()
