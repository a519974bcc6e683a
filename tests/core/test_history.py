"""Change histories in words: every action named, people by name, fields by label, values as a reader
of the page's language understands them, in a fixed number of queries."""

import ast
import datetime
import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import koordinat
from koordinat.core import audit
from koordinat.core.history import action_label, history_rows, registered_actions
from koordinat.core.models import AuditEvent
from koordinat.directory import services
from koordinat.directory.models import Person
from tests.conftest import texts

SOURCE = Path(koordinat.__file__).parent
CODE = re.compile(r"^[a-z_]+\.[a-z_]+$")
# Functions that take the action code as their second positional argument.
POSITIONAL = {"_record": 1, "_require_manager": 1}
# Codes built at run time, labelled by their shape (see core.history._attempt_label).
DYNAMIC = {"core/middleware.py"}


def _codes(node: ast.AST, where: str, found: dict[str, str], built: list[str]) -> None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
        found.setdefault(node.value, where)
    elif isinstance(node, ast.IfExp):
        _codes(node.body, where, found, built)
        _codes(node.orelse, where, found, built)
    elif isinstance(node, ast.JoinedStr):
        built.append(where)


def action_codes_in_source() -> tuple[dict[str, str], list[str]]:
    """Every action code the source passes to the audit functions (as `action=`, assigned to `action`,
    or as the code argument of the services' helpers), and where a code is built at run time."""
    found: dict[str, str] = {}
    built: list[str] = []
    for path in SOURCE.rglob("*.py"):
        relative = path.relative_to(SOURCE).as_posix()
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{relative}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg == "action":
                        _codes(keyword.value, where, found, built)
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in POSITIONAL and len(node.args) > POSITIONAL[name]:
                    _codes(node.args[POSITIONAL[name]], where, found, built)
            elif isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "action" for target in node.targets
            ):
                _codes(node.value, where, found, built)
    return found, [where for where in built if where.split(":")[0] not in DYNAMIC]


def test_the_scan_finds_the_codes_services_record():
    found, _built = action_codes_in_source()
    assert {
        "meeting.held",
        "report.accepted",
        "report.head_returned",
        "measure.import",
        "user.update",
    } <= set(found)
    assert len(found) > 50


def test_every_action_code_in_the_source_has_a_label():
    found, built = action_codes_in_source()
    assert built == [], "write action codes out in full, so that they can be checked: " + ", ".join(built)
    missing = {code: where for code, where in found.items() if code not in registered_actions()}
    assert missing == {}


@pytest.mark.parametrize("language", ["az", "ru"])
def test_every_action_label_is_translated(language):
    with translation.override("en"):
        english = {code: str(action.label) for code, action in registered_actions().items()}
    with translation.override(language):
        untranslated = [
            code for code, action in registered_actions().items() if str(action.label) == english[code]
        ]
    assert untranslated == []


def test_codes_built_at_run_time_and_unknown_ones_still_read_as_words():
    with translation.override("en"):
        assert action_label("person.view", "refused") == "Refused: Opening a record"
        assert action_label("directory:person_edit.post", "refused") == "Refused: Sending a form"
        assert action_label("plans:plan.get", "refused") == "Refused: Opening a page"
        assert action_label("something.nobody_registered") == "Changed"
        assert action_label("meeting.held") == "Meeting held"
    with translation.override("ru"):
        assert action_label("meeting.held") == "Заседание проведено"


def test_history_shows_names_and_labels_not_ids_and_codes(coordinator, ministry):
    unit = services.organization_create(
        actor=coordinator,
        kind="state_agency",
        name=texts("Meşə xidməti", "Лесная служба", "Forest Service"),
        parent=ministry,
    )
    services.organization_update(
        actor=coordinator,
        organization=unit,
        version=unit.version,
        kind="public_legal_entity",
        name=texts("Meşə xidməti", "Лесная служба", "Forest Service"),
        short_name=texts(""),
        abbreviation=texts(""),
        parent=None,
        country="AZ",
    )
    events = AuditEvent.objects.filter(target_id=str(unit.pk), target_type="directory.organization").order_by(
        "-pk"
    )
    with translation.override("en"):
        update, create = history_rows(events)
        updated = {(c.label, str(c.old), str(c.new)) for c in update.changes}
        created = {(c.label, str(c.old), str(c.new)) for c in create.changes}
    assert (update.label, create.label) == ("Organisation changed", "Organisation added")
    assert updated == {
        ("Kind", "state agency or service", "public legal entity"),
        ("Parent organisation", ministry.name_en, "None"),
    }
    assert ("Full name (English)", "None", "Forest Service") in created
    assert ("Reports need the head's approval", "None", "No") in created
    assert not any("(Russian)" in label for label, _old, _new in created)


def test_translated_fields_are_labelled_with_their_language_in_the_page_language(coordinator, ministry):
    audit.record(
        actor=coordinator,
        action="organization.update",
        target=ministry,
        data={"changes": {"name_az": ["Köhnə", "Yeni"], "reports_need_head_approval": [False, True]}},
    )
    event = AuditEvent.objects.filter(action="organization.update")
    with translation.override("en"):
        (row,) = history_rows(event)
        assert {(c.label, c.old, c.new) for c in row.changes} == {
            ("Full name (Azerbaijani)", "Köhnə", "Yeni"),
            ("Reports need the head's approval", "No", "Yes"),
        }
    with translation.override("ru"):
        (row,) = history_rows(event)
        shown = {c.label: (c.old, c.new) for c in row.changes}
        assert shown["Полное наименование (на азербайджанском)"] == ("Köhnə", "Yeni")
        assert ("Нет", "Да") in shown.values()
        assert not any("_az" in label or "reports_need" in label for label in shown)


def test_dates_and_foreign_keys_are_shown_in_the_page_language(coordinator, ministry, center):
    audit.record(
        actor=coordinator,
        action="instruction.save",
        target=ministry,
        data={
            "instruction": 1,
            "changes": {
                "control_date": ["2026-12-16", "2027-04-14"],
                "controller_id": [None, center.pk],
            },
        },
    )
    with translation.override("ru"):
        (row,) = history_rows(AuditEvent.objects.filter(action="instruction.save"))
        shown = {c.label: (c.old, c.new) for c in row.changes}
        assert shown["Контрольный срок"] == ("16 декабря 2026 г.", "14 апреля 2027 г.")
        assert shown["Контролирующий орган"] == (None, center.name)
        assert row.label == "Поручение внесено в протокол"
    assert not any("_id" in label or str(center.pk) == str(new) for label, (_old, new) in shown.items())


def test_the_actor_is_named_by_the_person_never_the_e_mail(coordinator, make_user, ministry):
    person = Person.objects.create(last_name="Məmmədov", first_name="Rəşad", patronymic="Əli oğlu")
    named = make_user("coordinator", ministry, email="rashad@example.test", person=person)
    audit.record(actor=named, action="organization.update", target=ministry, data={})
    audit.record(actor=coordinator, action="organization.update", target=ministry, data={})
    audit.record(actor=None, action="organization.update", target=ministry, data={})
    gone = make_user("executor", ministry, email="gone@example.test")
    audit.record(actor=gone, action="organization.update", target=ministry, data={})
    gone.delete()
    events = AuditEvent.objects.filter(target_id=str(ministry.pk), action="organization.update").order_by(
        "pk"
    )
    with translation.override("az"):
        actors = [row.actor for row in history_rows(events)]
    assert actors == [
        "Məmmədov Rəşad Əli oğlu",
        f"Koordinator, {coordinator.organization.name_az}",
        "sistem",
        "keçmiş istifadəçi",
    ]
    with translation.override("en"):
        assert history_rows(events)[0].actor == "Rəşad Məmmədov"
    assert not any("@" in actor for actor in actors)


def test_the_history_page_names_people_not_e_mail_addresses(client, coordinator, ministry):
    services.organization_update(
        actor=coordinator,
        organization=ministry,
        version=ministry.version,
        kind="ministry",
        name=texts("Yeni ad", "Новое имя", "New name"),
        short_name=texts(""),
        abbreviation=texts(""),
        parent=None,
        country="AZ",
    )
    client.force_login(coordinator)
    with translation.override("en"):
        url = ministry.get_absolute_url()
    html = client.get(url).content.decode()
    history = html[html.index('id="history"') :]
    assert coordinator.email not in history
    assert "Organisation changed" in history
    assert "organization.update" not in history
    assert "name_en" not in history


def test_refused_attempts_are_labelled(other_executor, ministry):
    with pytest.raises(PermissionDenied):
        services.organization_abolish(
            actor=other_executor,
            organization=ministry,
            version=ministry.version,
            on=ministry.created_at.date(),
        )
    with translation.override("en"):
        (row,) = history_rows(AuditEvent.objects.filter(outcome="refused"))
    assert row.label == "Refused: Organisation abolished"


def test_keys_nobody_named_are_left_out_not_shown_raw(coordinator, ministry):
    audit.record(
        actor=coordinator,
        action="auth.login",
        target=coordinator,
        data={"client": "10.0.0.1", "path": "/az/", "mystery_id": 7, "changes": {"no_such_field": [1, 2]}},
    )
    with translation.override("en"):
        (row,) = history_rows(AuditEvent.objects.filter(action="auth.login"))
    assert row.label == "Signed in"
    assert row.changes == []


def _history_queries(events) -> int:
    with CaptureQueriesContext(connection) as queries:
        rows = history_rows(events)
    assert len(rows) == len(events)
    return len(queries)


def test_history_resolves_names_in_a_fixed_number_of_queries(coordinator, make_organization, make_user):
    def add(count):
        for index in range(count):
            parent = make_organization()
            person = Person.objects.create(last_name=f"Soyad{index}", first_name="Ad")
            actor = make_user("coordinator", parent, email=f"u{parent.pk}@example.test", person=person)
            unit = services.organization_create(
                actor=actor, kind="state_agency", name=texts("Bölmə"), parent=parent
            )
            audit.record(
                actor=actor,
                action="control.person",
                target=unit,
                data={"changes": {"controller_person": [None, person.pk]}, "organization": parent.pk},
            )

    add(3)
    few = list(AuditEvent.objects.order_by("-pk"))
    add(12)
    many = list(AuditEvent.objects.order_by("-pk"))
    assert len(many) > 3 * len(few) / 2
    # the people who acted, the organisations named and the people named: one query each
    assert _history_queries(few) == _history_queries(many) <= 3


def test_history_names_the_executors_and_parties_it_changed(coordinator, center, ministry, other_ministry):
    from koordinat.plans import services as plans_services

    party = plans_services.Party
    plan = plans_services.plan_create(
        actor=coordinator,
        code="JOINT",
        kind="joint_action_plan",
        title=texts("Birgə plan"),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2027, 12, 31),
        coordinator=center,
        parties=[party("AZ", ministry, center), party("UZ", other_ministry, other_ministry)],
    )
    measure = plans_services.measure_create(
        actor=coordinator,
        plan=plan,
        number="1",
        content=plans_services.MeasureContent(
            text=texts("Birgə təlim"),
            expected_result=texts(""),
            deadline_text="2026-cı ilin IV rübü",
            executors=[ministry, other_ministry],
            other_executors=texts(""),
        ),
    )
    with translation.override("en"):
        (plan_row,) = history_rows(
            AuditEvent.objects.filter(target_type="plans.plan", target_id=str(plan.pk))
        )
        (measure_row,) = history_rows(
            AuditEvent.objects.filter(target_type="plans.measure", target_id=str(measure.pk))
        )
        names = {organization: organization.name for organization in (ministry, other_ministry, center)}
    shown = {c.label: str(c.new) for c in plan_row.changes}
    assert shown["Parties"] == (
        f"AZ: {names[ministry]}, {names[center]}; UZ: {names[other_ministry]}, {names[other_ministry]}"
    )
    measure_shown = {c.label: str(c.new) for c in measure_row.changes}
    assert measure_shown["Executors"] == f"{names[ministry]}, {names[other_ministry]}"
    # the execution period as the page's language reads it, not the plan's Azerbaijani wording
    assert measure_shown["Execution period"].startswith("Q4 2026<details")
    assert 'data-wording="">2026-cı ilin IV rübü</span>' in measure_shown["Execution period"]


def test_an_e_mail_field_is_shown_as_the_persons_contact_link(coordinator, ministry):
    person = services.person_create(
        actor=coordinator,
        last_name=texts("Əliyeva"),
        first_name=texts("Nərmin"),
        email="narmin@example.test",
        organization=ministry,
        position=texts("məsul şəxs"),
    )
    events = AuditEvent.objects.filter(target_type="directory.person", target_id=str(person.pk))
    with translation.override("en"):
        changes = {c.label: c.new for row in history_rows(events) for c in row.changes}
    assert (
        str(changes["E-mail"])
        == '<a class="govuk-link" href="mailto:narmin@example.test">narmin@example.test</a>'
    )


def test_a_text_recorded_in_each_language_is_shown_in_the_page_language(coordinator, ministry):
    audit.record(
        actor=coordinator,
        action="agenda.save",
        target=ministry,
        data={"title": {"az": "İcra haqqında", "ru": "Об исполнении", "en": ""}},
    )
    events = AuditEvent.objects.filter(action="agenda.save")
    for language, expected in [("az", "İcra haqqında"), ("ru", "Об исполнении"), ("en", "İcra haqqında")]:
        with translation.override(language):
            (row,) = history_rows(events)
        assert [str(c.new) for c in row.changes] == [expected]
