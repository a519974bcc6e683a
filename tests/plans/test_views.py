import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koordinat.plans import services
from koordinat.plans.models import Measure, Plan, PlanImport

from .files import AZ_HEADER, xlsx_bytes


@pytest.fixture
def public_plan(coordinator, center, approving_act):
    created = services.plan_create(
        actor=coordinator,
        code="OGP-2020",
        kind="national_action_plan",
        title={
            "az": "Açıq Hökumət Milli Fəaliyyət Planı",
            "ru": "",
            "en": "Open Government National Action Plan",
        },
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2022, 12, 31),
        coordinator=center,
        status="in_force",
        approved_by=approving_act,
    )
    return services.plan_publish(actor=coordinator, plan=created, version=created.version)


@pytest.fixture
def internal_plan(coordinator, center, approving_act):
    return services.plan_create(
        actor=coordinator,
        code="HQ-INT",
        kind="action_plan",
        title={"az": "Daxili plan"},
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        coordinator=center,
        status="in_force",
        approved_by=approving_act,
    )


def test_anonymous_visitors_read_plans_on_the_portal(client, public_plan, internal_plan):
    assert client.get(reverse("plans:plans")).url == reverse("portal:home")
    public = client.get(reverse("plans:plan", args=[public_plan.code]))
    assert public.url == reverse("portal:plan", args=[public_plan.code])
    assert client.get(public.url).status_code == 200
    assert client.get(reverse("plans:plan", args=[internal_plan.code]), follow=True).status_code == 404
    measure = client.get(reverse("plans:measure", args=[public_plan.code, "1"]))
    assert measure.url == reverse("portal:measure", args=[public_plan.code, "1"])


def test_signed_in_users_see_internal_plans(client, executor, public_plan, internal_plan):
    client.force_login(executor)
    assert set(client.get(reverse("plans:plans")).context["page"]) == {public_plan, internal_plan}
    assert client.get(reverse("plans:plan", args=[internal_plan.code])).status_code == 200


def test_the_plan_list_offers_only_bodies_and_coordinators_of_plans(
    client, executor, public_plan, internal_plan, center, other_ministry
):
    client.force_login(executor)
    page = client.get(reverse("plans:plans")).content.decode()
    assert f'<option value="{center.pk}">' in page
    assert f'<option value="{other_ministry.pk}">' not in page  # it coordinates no plan
    filtered = client.get(reverse("plans:plans"), {"coordinator": center.pk})
    assert set(filtered.context["page"]) == {public_plan, internal_plan}
    refused = client.get(reverse("plans:plans"), {"coordinator": other_ministry.pk})
    assert "coordinator" in refused.context["form"].errors


@pytest.mark.parametrize("role", ["executor", "observer", "other_executor"])
def test_only_the_office_can_import(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("plans:import")).status_code == 403


def test_upload_preview_choose_and_commit(client, coordinator, executors, public_plan):
    client.force_login(coordinator)
    data = xlsx_bytes(
        [
            AZ_HEADER,
            ["5", "İctimai iştirak", "", "", ""],
            [
                "5.6",
                "Dialoq Platformasının dəyirmi masaları",
                "Ağdam Rayon İcra Hakimiyyəti; Bərdə RİH",
                "2021-2022-ci illər",
                "",
            ],
        ]
    )
    response = client.post(
        reverse("plans:import"),
        {"file": SimpleUploadedFile("nap.xlsx", data), "plan": public_plan.code, "kind": "action_plan"},
    )
    assert response.status_code == 302
    pending = PlanImport.objects.get()
    preview_url = reverse("plans:import_preview", args=[pending.token])
    page = client.get(preview_url)
    assert page.status_code == 200
    assert "Bərdə RİH" in page.content.decode()
    refused = client.post(preview_url, {"commit": "1"})
    assert refused.status_code == 400
    assert not Measure.objects.filter(plan=public_plan).exists()
    form = page.context["form"]
    (field_name,) = [name for name in form.fields if name.startswith("executor_")]
    done = client.post(preview_url, {"commit": "1", field_name: str(executors["energy"].pk)})
    assert done.status_code == 302
    measure = Measure.objects.get(plan=public_plan, number="5.6")
    assert [e.organization_id for e in measure.executors.order_by("position")] == [
        executors["agdam"].pk,
        executors["energy"].pk,
    ]
    pending.refresh_from_db()
    assert pending.status == "committed"
    assert client.get(preview_url).status_code == 404


def test_upload_rejects_other_file_types_with_a_field_message(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("plans:import"),
        {"file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4"), "plan": "X", "kind": "action_plan"},
    )
    assert response.status_code == 400
    assert 'href="#id_file"' in response.content.decode()
    assert not PlanImport.objects.exists()


def test_someone_elses_pending_import_is_not_found(client, coordinator, admin_user, public_plan):
    client.force_login(coordinator)
    client.post(
        reverse("plans:import"),
        {
            "file": SimpleUploadedFile("p.xlsx", xlsx_bytes([AZ_HEADER])),
            "plan": public_plan.code,
            "kind": "action_plan",
        },
    )
    pending = PlanImport.objects.get()
    client.force_login(admin_user)
    assert client.get(reverse("plans:import_preview", args=[pending.token])).status_code == 404


def test_measure_page_and_old_numbers_redirect(client, coordinator, executors, public_plan):
    from .test_import_services import preview_of

    services.plan_import_commit(
        actor=coordinator,
        plan=public_plan,
        preview=preview_of([AZ_HEADER, ["1", "Birinci", "Energetika Nazirliyi", "2026", ""]]),
    )
    client.force_login(coordinator)
    response = client.get(reverse("plans:measure", args=[public_plan.code, "1"]))
    assert response.status_code == 200
    assert "Birinci" in response.content.decode()
    assert client.get(reverse("plans:measure", args=[public_plan.code, "9.9"])).status_code == 404
    assert Plan.objects.count() == 1


def test_plan_page_filters_by_executor_and_district(client, coordinator, executors, public_plan):
    from koordinat.places.models import District

    from .test_import_services import preview_of

    services.plan_import_commit(
        actor=coordinator,
        plan=public_plan,
        preview=preview_of(
            [
                AZ_HEADER,
                ["1", "Enerji", "Energetika Nazirliyi", "2026", ""],
                ["2", "Meşə", "Ağdam Rayon İcra Hakimiyyəti; Energetika Nazirliyi", "2026", ""],
                ["3", "Ekologiya", "ETSN", "2026", ""],
            ]
        ),
    )
    agdam = District.objects.create(name="Ağdam", name_az="Ağdam", code="AGD", geometry={})
    Measure.objects.get(plan=public_plan, number="2").districts.add(agdam)
    client.force_login(coordinator)
    url = reverse("plans:plan", args=[public_plan.code])
    by_executor = client.get(url, {"executor": executors["energy"].pk})
    assert by_executor.context["form"].errors == {}
    assert [m.number for m in by_executor.context["page"]] == ["1", "2"]
    page = by_executor.content.decode()
    assert f'<option value="{executors["energy"].pk}" selected>' in page  # the choice stays shown
    assert f'<option value="{executors["agdam"].pk}">' in page
    by_district = client.get(url, {"district": agdam.pk})
    assert [m.number for m in by_district.context["page"]] == ["2"]
    everything = client.get(url)
    assert [m.number for m in everything.context["page"]] == ["1", "2", "3"]


def test_an_amended_version_records_its_act(client, coordinator, executors, public_plan, approving_act):
    from koordinat.plans.models import MeasureNumber

    client.force_login(coordinator)

    def upload(rows, **extra):
        response = client.post(
            reverse("plans:import"),
            {
                "file": SimpleUploadedFile("p.xlsx", xlsx_bytes(rows)),
                "plan": public_plan.code,
                "kind": "action_plan",
                **extra,
            },
        )
        assert response.status_code == 302
        done = client.post(response["Location"], {"commit": "1"})
        assert done.status_code == 302, done.content.decode()[:2000]

    upload([AZ_HEADER, ["1", "Bölmə", "", "", ""], ["1.1", "Monitorinq", "Energetika Nazirliyi", "2026", ""]])
    upload(
        [
            AZ_HEADER,
            ["1", "Bölmə", "", "", ""],
            ["1.1", "Yeni bənd", "Energetika Nazirliyi", "2026", ""],
            ["1.2", "Monitorinq", "Energetika Nazirliyi", "2026", ""],
        ],
        amending_act=str(approving_act.pk),
    )
    public_plan.refresh_from_db()
    assert list(public_plan.amended_by.all()) == [approving_act]
    former = MeasureNumber.objects.get(number="1.1")
    assert (former.measure.number, former.changed_by) == ("1.2", approving_act)


def test_the_measure_page_asks_only_for_the_lists_an_item_has(
    client, coordinator, executors, center, public_plan
):
    """Districts, indicators (with their targets), former numbers and sub-items are shown when an
    item has them; for an item with none of them none is asked for, since whether it has each is
    read with the item."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from koordinat.places.models import District
    from koordinat.plans.models import Indicator, IndicatorTarget, MeasureNumber

    from .test_import_services import preview_of

    services.plan_import_commit(
        actor=coordinator,
        plan=public_plan,
        preview=preview_of(
            [
                AZ_HEADER,
                ["1", "Dolu bənd", "Energetika Nazirliyi", "2026", ""],
                ["1.1", "Alt bənd", "Energetika Nazirliyi", "2026", ""],
                ["2", "Boş bənd", "Energetika Nazirliyi", "2026", ""],
            ]
        ),
    )
    full = Measure.objects.get(plan=public_plan, number="1")
    full.districts.add(District.objects.create(name="Yardımlı", name_az="Yardımlı", code="TEST-YARDIMLI"))
    indicator = Indicator.objects.create(measure=full, name="Qoşulan kəndlər", source_organization=center)
    IndicatorTarget.objects.create(indicator=indicator, year=2026, value=40)
    MeasureNumber.objects.create(measure=full, number="7.3", changed_by=public_plan.approved_by)
    client.force_login(coordinator)

    with CaptureQueriesContext(connection) as with_lists:
        page = client.get(reverse("plans:measure", args=[public_plan.code, "1"])).content.decode()
    for shown in ("Yardımlı", "Qoşulan kəndlər", "2026: 40", "7.3", "Alt bənd"):
        assert shown in page
    with CaptureQueriesContext(connection) as without:
        page = client.get(reverse("plans:measure", args=[public_plan.code, "2"])).content.decode()
    assert "Boş bənd" in page
    assert "Qoşulan kəndlər" not in page
    assert len(without.captured_queries) <= len(with_lists.captured_queries) - 5
    asked = [query["sql"] for query in without.captured_queries]
    for table in ("plans_indicator", "plans_indicatortarget", "plans_measurenumber", "places_district"):
        assert not any(sql.startswith(f'SELECT "{table}"') for sql in asked), table
