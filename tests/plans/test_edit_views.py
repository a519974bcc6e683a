"""The pages where the office registers and changes plans, items and indicators, for every role."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from koordinat.core.errors import ConcurrentEditError
from koordinat.core.models import AuditEvent
from koordinat.plans import services
from koordinat.plans.models import Executor, Indicator, LegalAct, Measure, Plan

from .test_plan_services import content, indicator_content


@pytest.fixture
def plan(coordinator, center):
    return services.plan_create(
        actor=coordinator,
        code="NAP-2020",
        kind="national_action_plan",
        title={"az": "Milli Fəaliyyət Planı"},
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2022, 12, 31),
        coordinator=center,
    )


@pytest.fixture
def section(coordinator, plan):
    return services.measure_create(actor=coordinator, plan=plan, number="5", content=content())


@pytest.fixture
def indicator(coordinator, section):
    return services.indicator_create(actor=coordinator, measure=section, content=indicator_content())


PAGES = {
    "plan_create": lambda plan, section, indicator: reverse("plans:plan_create"),
    "legal_act_create": lambda plan, section, indicator: reverse("plans:legal_act_create"),
    "plan_edit": lambda plan, section, indicator: reverse("plans:plan_edit", args=[plan.code]),
    "measure_create": lambda plan, section, indicator: reverse("plans:measure_create", args=[plan.code]),
    "measure_edit": lambda plan, section, indicator: reverse("plans:measure_edit", args=[plan.code, "5"]),
    "indicator_create": lambda plan, section, indicator: reverse(
        "plans:indicator_create", args=[plan.code, "5"]
    ),
    "indicator_edit": lambda plan, section, indicator: reverse(
        "plans:indicator_edit", args=[plan.code, "5", indicator.pk]
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, page, plan, section, indicator):
    response = client.get(PAGES[page](plan, section, indicator))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", ["executor", "other_executor", "observer"])
@pytest.mark.parametrize("page", PAGES)
def test_only_the_office_opens_the_forms(client, request, role, page, plan, section, indicator):
    client.force_login(request.getfixturevalue(role))
    url = PAGES[page](plan, section, indicator)
    assert client.get(url).status_code == 403
    assert client.post(url, {"code": "X", "number": "6"}).status_code == 403
    assert (Plan.objects.count(), Measure.objects.count(), Indicator.objects.count()) == (1, 1, 1)


@pytest.mark.parametrize("role", ["coordinator", "admin_user"])
@pytest.mark.parametrize("page", PAGES)
def test_the_office_opens_every_form(client, request, role, page, plan, section, indicator):
    client.force_login(request.getfixturevalue(role))
    assert client.get(PAGES[page](plan, section, indicator)).status_code == 200


def plan_form_data(center, **overrides):
    data = {
        "code": "GR-2022",
        "kind": "state_programme",
        "title_az": "Böyük Qayıdış Dövlət Proqramı",
        "title_en": "Great Return State Programme",
        "period_start": "2022-01-01",
        "period_end": "2026-12-31",
        "coordinator": str(center.pk),
        "status": "draft",
        "reporting_periodicity": "semi_annual",
        "report_due_days": "15",
    }
    data.update(overrides)
    return data


def test_a_coordinator_registers_a_plan(client, coordinator, center):
    client.force_login(coordinator)
    response = client.post(reverse("plans:plan_create"), plan_form_data(center))
    plan = Plan.objects.get(code="GR-2022")
    assert (response.status_code, response["Location"]) == (302, plan.get_absolute_url())
    assert (plan.title_en, plan.reporting_periodicity, plan.report_due_days) == (
        "Great Return State Programme",
        "semi_annual",
        15,
    )
    assert AuditEvent.objects.filter(action="plan.create", target_id=str(plan.pk)).exists()


def test_plan_form_errors_name_the_field_and_save_nothing(client, coordinator, center):
    client.force_login(coordinator)
    response = client.post(
        reverse("plans:plan_create"),
        plan_form_data(center, period_end="2021-01-01", status="in_force", party_1_country="AZ"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    for field in ("period_end", "party_1_lead", "party_1_coordinator"):
        assert f'href="#id_{field}"' in page
    assert not Plan.objects.filter(code="GR-2022").exists()


def test_a_plan_in_force_without_its_act_is_refused_on_the_field(client, coordinator, center):
    client.force_login(coordinator)
    response = client.post(reverse("plans:plan_create"), plan_form_data(center, status="in_force"))
    assert response.status_code == 400
    assert 'href="#id_approved_by"' in response.content.decode()


def test_a_stale_plan_form_gets_the_conflict_message(client, coordinator, center, plan):
    client.force_login(coordinator)
    url = reverse("plans:plan_edit", args=[plan.code])
    stale = plan_form_data(center, version=str(plan.version), title_az="Birinci")
    assert client.post(url, stale).status_code == 302
    response = client.post(url, {**stale, "title_az": "İkinci"})
    assert response.status_code == 400
    assert ConcurrentEditError().messages[0] in response.content.decode()
    assert Plan.objects.get().title_az == "Birinci"


def test_a_legal_act_returns_to_the_plan_form(client, coordinator):
    client.force_login(coordinator)
    back = reverse("plans:plan_create")
    response = client.post(
        reverse("plans:legal_act_create") + f"?next={back}",
        {"kind": "order", "number": "1234", "date": "2020-02-27", "title_az": "Sərəncam"},
    )
    assert (response.status_code, response["Location"]) == (302, back)
    assert LegalAct.objects.get().number == "1234"
    elsewhere = client.post(
        reverse("plans:legal_act_create") + "?next=https://example.com/",
        {"kind": "order", "number": "99", "date": "2020-02-27", "title_az": "Sərəncam"},
    )
    assert elsewhere["Location"] == reverse("plans:plans")


def test_a_coordinator_adds_a_sub_item_with_executors_by_name(client, coordinator, plan, section, executors):
    client.force_login(coordinator)
    url = reverse("plans:measure_create", args=[plan.code]) + "?parent=5"
    assert client.get(url).context["form"].initial["number"] == "5.1"
    response = client.post(
        url,
        {
            "number": "5.1",
            "text_az": "Dəyirmi masalar",
            "lead": str(executors["agdam"].pk),
            "co_executors": "ETSN\nEnergetika Nazirliyi",
            "deadline_text": "2026-cı ilin II rübü",
            "tags": "dialoq, iştirak",
        },
    )
    assert response.status_code == 302
    measure = Measure.objects.get(number="5.1")
    assert [e.organization_id for e in measure.executors.order_by("position")] == [
        executors["agdam"].pk,
        executors["eco"].pk,
        executors["energy"].pk,
    ]
    assert (measure.deadline_kind, measure.deadline_end) == ("quarter", datetime.date(2026, 6, 30))
    assert measure.tags == ["dialoq", "iştirak"]


def test_an_unknown_co_executor_is_named_in_the_error(client, coordinator, plan, section, executors):
    client.force_login(coordinator)
    response = client.post(
        reverse("plans:measure_create", args=[plan.code]),
        {
            "number": "5.1",
            "text_az": "Dəyirmi masalar",
            "lead": str(executors["agdam"].pk),
            "co_executors": "Ekologiya Nazirliyi Xyz",
        },
    )
    assert response.status_code == 400
    assert "Ekologiya Nazirliyi Xyz" in str(response.context["form"].errors["co_executors"])
    assert not Measure.objects.filter(number="5.1").exists()


def test_a_coordinator_changes_an_item(client, coordinator, plan, section, executors):
    client.force_login(coordinator)
    url = reverse("plans:measure_edit", args=[plan.code, "5"])
    data = {**client.get(url).context["form"].initial}
    data = {key: "" if value is None else value for key, value in data.items() if key != "districts"}
    data.update({"deadline_text": "daimi", "lead": str(executors["eco"].pk), "version": str(section.version)})
    response = client.post(url, data)
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.deadline_kind == "continuous"
    assert section.executors.get().organization == executors["eco"]


def test_a_coordinator_changes_and_removes_an_indicator(client, coordinator, plan, section, indicator):
    client.force_login(coordinator)
    url = reverse("plans:indicator_edit", args=[plan.code, "5", indicator.pk])
    bad = client.post(
        url, {"name_az": "Masalar", "targets": "iki min iyirmi altı", "version": indicator.version}
    )
    assert bad.status_code == 400
    assert "iki min iyirmi altı" in str(bad.context["form"].errors["targets"])
    good = client.post(
        url, {"name_az": "Masalar", "targets": "2026: 12\n2027: 24", "version": indicator.version}
    )
    assert good.status_code == 302
    indicator.refresh_from_db()
    assert list(indicator.targets.values_list("year", flat=True)) == [2026, 2027]
    assert client.post(url, {"delete": "1", "version": indicator.version}).status_code == 302
    assert not Indicator.objects.exists()


def test_the_measure_page_offers_changes_to_the_office_only(client, coordinator, executor, plan, section):
    plan_url = section.get_absolute_url()
    client.force_login(executor)
    assert reverse("plans:measure_edit", args=[plan.code, "5"]) not in client.get(plan_url).content.decode()
    client.force_login(coordinator)
    assert reverse("plans:measure_edit", args=[plan.code, "5"]) in client.get(plan_url).content.decode()


def test_a_coordinator_marks_co_executors_taking_part_by_agreement(
    client, coordinator, plan, section, executors
):
    services.measure_update(
        actor=coordinator,
        measure=section,
        version=section.version,
        content=content(executors=[executors["agdam"], executors["eco"], executors["energy"]]),
    )
    section.refresh_from_db()
    client.force_login(coordinator)
    url = reverse("plans:measure_edit", args=[plan.code, "5"])
    form = client.get(url).context["form"]
    assert [pk for pk, _label in form.fields["by_agreement"].widget.choices] == [
        executors["eco"].pk,
        executors["energy"].pk,
    ]
    data = {key: "" if value is None else value for key, value in form.initial.items()}
    data.pop("districts")
    data.pop("agreement_options")
    data.update({"lead": str(executors["agdam"].pk), "by_agreement": [str(executors["energy"].pk)]})
    data.pop("lead_by_agreement")
    assert client.post(url, data).status_code == 302
    assert list(section.executors.filter(by_agreement=True).values_list("organization_id", flat=True)) == [
        executors["energy"].pk
    ]
    assert AuditEvent.objects.filter(
        action="measure.update", data__changes__by_agreement__isnull=False
    ).exists()
    page = client.get(section.get_absolute_url()).content.decode()
    with translation.override("az"):
        assert f"Energetika Nazirliyi</a> — {Executor.Role.CO.label}, {_('by agreement')}</li>" in page
        assert page.count(_("by agreement")) == 1

    section.refresh_from_db()
    data.update({"lead": str(executors["energy"].pk), "version": str(section.version)})
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Energetika Nazirliyi" in str(refused.context["form"].errors["by_agreement"])


@pytest.mark.parametrize("role", ["executor", "observer"])
def test_only_the_office_marks_executors_by_agreement(client, request, role, plan, section, executors):
    client.force_login(request.getfixturevalue(role))
    url = reverse("plans:measure_edit", args=[plan.code, "5"])
    assert (
        client.post(url, {"lead": executors["eco"].pk, "by_agreement": [executors["eco"].pk]}).status_code
        == 403
    )
    assert not section.executors.filter(by_agreement=True).exists()
