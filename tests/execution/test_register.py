"""The register of items under control: one status line per item, its filters, export and saved
filters, the home page's counts, for every role."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from koordinat.core import clock
from koordinat.core.models import AuditEvent
from koordinat.execution import register, services
from koordinat.execution.models import ControlItem, SavedFilter
from koordinat.execution.status import status_line
from koordinat.plans.models import Measure

from .test_services import submit

DAY = datetime.date(2026, 6, 25)


def at(day):
    return clock.at(datetime.datetime.combine(day, datetime.time(10), datetime.UTC))


def line(status, date, needs_date=False, today=DAY, language="en"):
    with translation.override(language):
        return status_line(control_status=status, control_date=date, needs_date=needs_date, today=today)


class TestStatusLine:
    def test_an_executed_item_past_its_date_is_executed_not_overdue(self):
        executed = line("executed", DAY - datetime.timedelta(days=30))
        assert (executed.code, executed.days_overdue) == ("executed", 0)
        assert "overdue" not in executed.text

    def test_an_open_item_past_its_date_is_overdue_by_its_days(self):
        for status in ("on_control", "extended"):
            late = line(status, DAY - datetime.timedelta(days=3))
            assert (late.code, late.days_overdue, late.text) == ("overdue", 3, "overdue by 3 days")

    def test_due_soon_today_and_later(self):
        assert line("on_control", DAY).text == "due today"
        assert line("on_control", DAY + datetime.timedelta(days=1)).text == "due in 1 day"
        assert line("on_control", DAY + datetime.timedelta(days=30)).code == "on_control"
        assert line("extended", DAY + datetime.timedelta(days=30)).code == "extended"

    def test_without_a_date_it_needs_one_or_is_reported_every_cycle(self):
        assert line("on_control", None, needs_date=True).code == "undated"
        assert line("on_control", None).text == "on control, reported every cycle"

    def test_closed_items_say_how_they_closed(self):
        assert line("removed", DAY - datetime.timedelta(days=9)).code == "removed"
        assert line("cancelled", None, needs_date=True).code == "cancelled"

    def test_the_line_speaks_the_readers_language(self):
        two_days_ago = DAY - datetime.timedelta(days=2)
        assert line("on_control", two_days_ago, language="ru").text == "просрочено на 2 дня"
        assert line("on_control", two_days_ago, language="az").text == "2 gün gecikir"


@pytest.fixture
def items(cycle, plan):
    """1.1: lead the ministry, co-executed by the other ministry, due 30 June 2026; 1.2: the other
    ministry's, reported every cycle."""
    return {
        item.measure.number: item for item in ControlItem.objects.filter(plan=plan).select_related("measure")
    }


def numbers(rows):
    return [row.number for row in rows]


def register_numbers(user, **filters):
    rows = register.control_register(user=user, filters=register.RegisterFilters(**filters), today=DAY)
    return numbers(rows)


class TestFilters:
    def test_scope_of_the_executing_and_controlling_organisation(
        self, items, coordinator, executor, other_executor
    ):
        assert register_numbers(coordinator) == ["1.1", "1.2"]  # control date first, undated last
        assert register_numbers(executor, scope="executing") == ["1.1"]
        assert register_numbers(other_executor, scope="executing") == ["1.1", "1.2"]
        assert register_numbers(executor, scope="controlling") == []
        assert register_numbers(coordinator, scope="controlling") == ["1.1", "1.2"]

    def test_overdue_due_within_and_undated(self, items, coordinator):
        assert register_numbers(coordinator, overdue=True) == []
        assert register_numbers(coordinator, due_within=5) == ["1.1"]  # 30 June is 5 days after the 25th
        assert register_numbers(coordinator, due_within=4) == []
        late = register.control_register(
            user=coordinator, filters=register.RegisterFilters(overdue=True), today=datetime.date(2026, 7, 2)
        )
        assert [(row.number, row.status.days_overdue) for row in late] == [("1.1", 2)]

    def test_an_executed_item_is_never_counted_overdue(self, items, coordinator):
        ControlItem.objects.filter(pk=items["1.1"].pk).update(control_status="executed")
        after = datetime.date(2026, 7, 2)
        filters = register.RegisterFilters(overdue=True)
        assert numbers(register.control_register(user=coordinator, filters=filters, today=after)) == []
        (row,) = register.control_register(
            user=coordinator, filters=register.RegisterFilters(status="executed"), today=after
        )
        assert row.status.code == "executed"

    def test_status_plan_organisation_and_sort(self, items, coordinator, ministry, plan):
        ControlItem.objects.filter(pk=items["1.2"].pk).update(control_status="removed")
        assert register_numbers(coordinator) == ["1.1"]  # open items unless asked
        assert register_numbers(coordinator, status="removed") == ["1.2"]
        assert register_numbers(coordinator, status="any", sort="-date") == ["1.1", "1.2"]
        assert register_numbers(coordinator, status="any", organization=ministry.pk) == ["1.1"]
        assert register_numbers(coordinator, plan=plan.pk + 1000) == []

    def test_district(self, items, coordinator):
        from koordinat.places.models import District

        yardimli = District.objects.create(name="Yardımlı", code="AZ-YAR")
        Measure.objects.get(pk=items["1.2"].measure_id).districts.add(yardimli)
        assert register_numbers(coordinator, district=yardimli.pk) == ["1.2"]

    def test_rows_carry_executors_controller_and_last_report(self, items, coordinator, executor, lead_report):
        submit(executor, lead_report)
        rows = register.control_register(user=coordinator, filters=register.RegisterFilters(), today=DAY)
        first, _second = register.complete_rows(user=coordinator, rows=rows)
        assert first.reference == "CTRL-1 1.1"
        assert len(first.executors) == 2
        assert first.last_report is not None
        assert first.last_report.status == "submitted"
        assert first.controller

    def test_a_report_never_sent_is_its_organisations_alone(
        self, items, other_executor, executor, lead_report
    ):
        from .test_services import write

        write(executor, lead_report)  # saved, not sent
        rows = register.control_register(user=other_executor, filters=register.RegisterFilters(), today=DAY)
        assert register.complete_rows(user=other_executor, rows=rows)[0].last_report is None
        mine = register.complete_rows(
            user=executor,
            rows=register.control_register(user=executor, filters=register.RegisterFilters(), today=DAY),
        )[0]
        assert mine.last_report is not None
        assert mine.last_report.status == "draft"


class TestPage:
    def test_anonymous_is_sent_to_sign_in(self, client, items):
        response = client.get(reverse("execution:register"))
        assert response.status_code == 302

    @pytest.mark.parametrize("role", ["coordinator", "observer", "executor", "other_executor", "admin_user"])
    def test_every_signed_in_role_reads_the_register(self, client, request, role, items):
        user = request.getfixturevalue(role)
        client.force_login(user)
        with at(DAY):
            response = client.get("/en" + reverse("execution:register")[3:])
        assert response.status_code == 200
        html = response.content.decode()
        shown = [row.number for row in response.context["page"].object_list]
        if role == "executor":
            assert shown == ["1.1"]  # its own items first: the ministry leads 1.1 only
        else:
            assert shown == ["1.1", "1.2"]
        assert "due in 5 days" in html

    def test_an_executor_may_widen_to_all_items(self, client, executor, items):
        client.force_login(executor)
        response = client.get(reverse("execution:register"), {"scope": ""})
        assert [row.number for row in response.context["page"].object_list] == ["1.1", "1.2"]

    def test_bad_filters_are_named_and_the_default_list_stays(self, client, coordinator, items):
        client.force_login(coordinator)
        response = client.get(
            "/en" + reverse("execution:register")[3:], {"due_within": "-4", "status": "gone"}
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" in html
        assert "Select a valid choice" in html
        assert len(response.context["page"].object_list) == 2

    def test_the_export_holds_exactly_the_filtered_rows(self, client, coordinator, items):
        client.force_login(coordinator)
        with at(DAY):
            response = client.get(reverse("execution:register"), {"due_within": "5", "format": "xlsx"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert len(rows[0]) == 12
        assert [(row[0], row[1]) for row in rows[1:]] == [("CTRL-1", "1.1")]
        assert rows[1][5] == datetime.datetime(2026, 6, 30)  # a date cell, not text

    def test_an_export_too_large_is_refused_with_a_message(self, client, coordinator, items, monkeypatch):
        from koordinat.execution import exporting

        monkeypatch.setattr(exporting, "MAX_ROWS", 1)
        client.force_login(coordinator)
        response = client.get("/en" + reverse("execution:register")[3:], {"format": "xlsx"}, follow=True)
        assert response.redirect_chain
        assert "2 items are too many" in str(next(iter(response.context["messages"])))


class TestSavedFilters:
    def test_save_use_and_remove_a_filter(self, client, coordinator, items, ministry):
        client.force_login(coordinator)
        query = f"organization={ministry.pk}&overdue=on&junk=1"
        response = client.post(reverse("execution:saved_filter_create"), {"name": "Nazirlik", "query": query})
        assert response.status_code == 302
        saved = SavedFilter.objects.get(user=coordinator)
        assert saved.query == f"organization={ministry.pk}&overdue=on"  # only what the form accepts
        assert AuditEvent.objects.filter(action="saved_filter.create").exists()
        page = client.get(reverse("execution:register"))
        assert saved.get_absolute_url().replace("&", "&amp;") in page.content.decode()
        response = client.post(reverse("execution:saved_filter_remove", args=[saved.pk]))
        assert response.status_code == 302
        assert not SavedFilter.objects.exists()
        assert AuditEvent.objects.filter(action="saved_filter.remove").exists()

    def test_a_name_twice_or_bad_filters_are_refused_on_the_page(self, client, coordinator, items):
        client.force_login(coordinator)
        url = reverse("execution:saved_filter_create")
        client.post(url, {"name": "Mine", "query": "overdue=on"})
        again = client.post("/en" + url[3:], {"name": "Mine", "query": "overdue=on"})
        assert again.status_code == 400
        assert "already have a filter named" in again.content.decode()
        bad = client.post("/en" + url[3:], {"name": "Other", "query": "due_within=zero"})
        assert bad.status_code == 400
        assert "Correct the filters" in bad.content.decode()
        assert SavedFilter.objects.count() == 1

    def test_nobody_reads_or_removes_anothers_filter(self, client, coordinator, executor, items):
        saved = services.saved_filter_create(actor=coordinator, name="Mine", query="overdue=on")
        client.force_login(executor)
        assert "Mine" not in client.get(reverse("execution:register")).content.decode()
        response = client.post(reverse("execution:saved_filter_remove", args=[saved.pk]))
        assert response.status_code == 404
        assert SavedFilter.objects.filter(pk=saved.pk).exists()


class TestHomeAndPlan:
    def test_the_office_home_counts_what_matters_and_links_to_it(
        self, client, coordinator, executor, lead_report
    ):
        submit(executor, lead_report)
        client.force_login(coordinator)
        with at(datetime.date(2026, 7, 2)):
            html = client.get("/en/").content.decode()
        assert "<strong>1</strong> report to review" in html
        assert "<strong>1</strong> item overdue" in html
        assert (
            f"{reverse('execution:register')}?scope=controlling&amp;overdue=on".replace("/az/", "/en/")
            in html
        )

    def test_an_executor_home_counts_only_unsent_reports(self, client, executor, cycle, lead_report):
        client.force_login(executor)
        before = client.get("/en/").content.decode()
        assert "<strong>1</strong> report to send" in before
        submit(executor, lead_report)
        after = client.get("/en/").content.decode()
        assert "<strong>0</strong> reports to send" in after

    def test_the_plan_page_shows_each_measures_control_status(self, client, coordinator, items, plan):
        client.force_login(coordinator)
        with at(DAY):
            html = client.get("/en" + plan.get_absolute_url()[3:]).content.decode()
        assert "due in 5 days" in html
        assert "on control, reported every cycle" in html
        client.logout()
        public = client.get("/en" + plan.get_absolute_url()[3:])
        assert "due in 5 days" not in public.content.decode()

    def test_my_work_does_not_call_an_executed_item_overdue(self, client, executor, items, cycle):
        ControlItem.objects.filter(pk=items["1.1"].pk).update(control_status="executed")
        client.force_login(executor)
        with at(datetime.date(2026, 7, 2)):
            work = client.get(reverse("execution:my_work"))
        assert work.context["overdue"] == []


def test_an_instruction_under_control_is_cited_by_its_act(coordinator, ministry, center, approving_act):
    from koordinat.meetings import services as meeting_services
    from tests.conftest import texts

    meeting_services.instruction_register(
        actor=coordinator,
        number="4",
        text=texts("Hesabat hazırlamaq", en="Prepare a report"),
        control_date=datetime.date.today() + datetime.timedelta(days=60),
        controller=center,
        executors=[ministry],
        legal_act=approving_act,
    )
    today = datetime.date.today()
    with translation.override("en"):
        rows = register.control_register(user=coordinator, filters=register.RegisterFilters(), today=today)
        (row,) = register.complete_rows(user=coordinator, rows=rows)
    assert row.reference.endswith(", 4")
    assert str(approving_act.number) in row.reference
    assert row.text == "Prepare a report"
    assert len(row.executors) == 1
    assert row.status.code == "on_control"


def test_figure_filters_refuse_a_range_the_wrong_way_round(client, coordinator):
    client.force_login(coordinator)
    response = client.get(
        reverse("execution:register"),
        {"control_from": "2026-06-30", "control_to": "2026-01-01", "reports": "soon"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    with translation.override("az"):
        assert form.errors["control_to"] == [
            str(translation.gettext("This date cannot be before the date above it."))
        ]
    assert "reports" in form.errors
    assert form.filters(default_scope="") == register.RegisterFilters()  # the defaults, errors shown


def test_register_url_reads_back_as_the_same_filters(client, coordinator):
    filters = register.RegisterFilters(
        status=register.ANY,
        organization=None,
        control_from=datetime.date(2026, 4, 1),
        control_to=datetime.date(2026, 6, 30),
        completion=register.LATE,
        reports_from=datetime.date(2026, 4, 1),
        reports_to=datetime.date(2026, 6, 30),
        reports=register.ON_TIME,
    )
    client.force_login(coordinator)
    response = client.get(register.register_url(filters))
    assert response.context["form"].filters(default_scope="executing") == filters
