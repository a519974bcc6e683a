import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from koordinat.core import clock
from koordinat.core.errors import ConcurrentEditError
from koordinat.core.models import AuditEvent
from koordinat.directory import permissions, services
from koordinat.directory.models import Body, Membership, Organization, Person
from tests.conftest import texts


def test_create_records_every_language_and_an_audit_event(coordinator):
    organization = services.organization_create(
        actor=coordinator,
        kind="state_committee",
        name=texts(
            "Şəhərsalma və Arxitektura Komitəsi", "Комитет по градостроительству", "Urban Planning Committee"
        ),
        abbreviation=texts("ŞAK"),
    )
    organization.refresh_from_db()
    with translation.override("ru"):
        assert organization.name == "Комитет по градостроительству"
    event = AuditEvent.objects.get(action="organization.create", target_id=str(organization.pk))
    assert event.actor_id == coordinator.pk
    assert event.data["fields"]["name_en"] == "Urban Planning Committee"


def test_missing_translation_falls_back_to_azerbaijani(coordinator):
    organization = services.organization_create(
        actor=coordinator, kind="ministry", name=texts("Mədəniyyət Nazirliyi")
    )
    with translation.override("en"):
        assert Organization.objects.get(pk=organization.pk).name == "Mədəniyyət Nazirliyi"


def test_duplicate_name_under_the_same_parent_is_refused(coordinator, ministry):
    services.organization_create(
        actor=coordinator, kind="state_agency", name=texts("Meşələrin İnkişafı Xidməti"), parent=ministry
    )
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        services.organization_create(
            actor=coordinator, kind="state_agency", name=texts("MEŞƏLƏRİN inkişafı xidməti"), parent=ministry
        )
    assert "name_az" in excinfo.value.message_dict
    assert "already exists under" in excinfo.value.message_dict["name_az"][0]
    assert Organization.objects.filter(parent=ministry).count() == 1


def test_same_name_under_another_parent_is_allowed(coordinator, ministry, other_ministry):
    services.organization_create(
        actor=coordinator, kind="public_legal_entity", name=texts("Maliyyə şöbəsi"), parent=ministry
    )
    services.organization_create(
        actor=coordinator, kind="public_legal_entity", name=texts("Maliyyə şöbəsi"), parent=other_ministry
    )
    assert Organization.objects.filter(name_az="Maliyyə şöbəsi").count() == 2


def test_duplicate_message_is_in_the_users_language(coordinator, ministry):
    services.organization_create(
        actor=coordinator, kind="state_agency", name=texts("Xidmət"), parent=ministry
    )
    with translation.override("ru"), pytest.raises(ValidationError) as excinfo:
        services.organization_create(
            actor=coordinator, kind="state_agency", name=texts("Xidmət"), parent=ministry
        )
    assert "уже" in excinfo.value.message_dict["name_az"][0]


def test_a_cycle_in_the_hierarchy_is_refused(coordinator, ministry):
    agency = services.organization_create(
        actor=coordinator, kind="state_agency", name=texts("Agentlik"), parent=ministry
    )
    with pytest.raises(ValidationError) as excinfo:
        services.organization_update(
            actor=coordinator,
            organization=ministry,
            version=ministry.version,
            kind=ministry.kind,
            name=texts(ministry.name_az),
            short_name=texts(""),
            abbreviation=texts(""),
            parent=agency,
            country="AZ",
        )
    assert "parent" in excinfo.value.message_dict
    ministry.refresh_from_db()
    assert ministry.parent_id is None
    assert not AuditEvent.objects.filter(action="organization.update").exists()


def test_a_stale_form_cannot_overwrite_a_newer_edit(coordinator, ministry):
    stale_version = ministry.version
    arguments = {
        "kind": "ministry",
        "short_name": texts(""),
        "abbreviation": texts(""),
        "parent": None,
        "country": "AZ",
    }
    services.organization_update(
        actor=coordinator,
        organization=ministry,
        version=stale_version,
        name=texts("Birinci redaktə"),
        **arguments,
    )
    with pytest.raises(ConcurrentEditError):
        services.organization_update(
            actor=coordinator,
            organization=ministry,
            version=stale_version,
            name=texts("İkinci redaktə"),
            **arguments,
        )
    ministry.refresh_from_db()
    assert ministry.name_az == "Birinci redaktə"


def test_executor_cannot_edit_another_organisation_and_the_refusal_is_audited(other_executor, ministry):
    with pytest.raises(PermissionDenied):
        services.organization_update(
            actor=other_executor,
            organization=ministry,
            version=ministry.version,
            kind="ministry",
            name=texts("Ələ keçirilmiş"),
            short_name=texts(""),
            abbreviation=texts(""),
            parent=None,
            country="AZ",
        )
    ministry.refresh_from_db()
    assert ministry.name_az != "Ələ keçirilmiş"
    assert AuditEvent.objects.filter(
        action="organization.update", outcome="refused", actor=other_executor
    ).exists()


def test_executor_may_add_a_sub_unit_to_their_own_organisation(executor, ministry):
    unit = services.organization_create(actor=executor, name=texts("Hesabat şöbəsi"), parent=ministry)
    assert unit.parent == ministry
    assert unit.kind == ministry.kind  # a sub-unit added by the organisation's staff takes its parent's kind
    executor.__dict__.pop("_organization_scope", None)  # the sub-unit is new since the cache was filled
    assert permissions.can_edit_organization(executor, unit)


def test_abolished_organisation_gets_no_new_work(coordinator, ministry, other_ministry):
    services.organization_abolish(
        actor=coordinator,
        organization=ministry,
        version=ministry.version,
        on=datetime.date(2025, 1, 1),
        successor=other_ministry,
    )
    ministry.refresh_from_db()
    assert ministry.successor == other_ministry
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        services.organization_create(
            actor=coordinator, kind="state_agency", name=texts("Yeni xidmət"), parent=ministry
        )
    assert "abolished" in excinfo.value.message_dict["parent"][0]
    with pytest.raises(ValidationError):
        services.person_create(
            actor=coordinator,
            last_name=texts("Əliyev"),
            first_name=texts("Vüqar"),
            organization=ministry,
            position=texts("məsləhətçi"),
        )
    assert not Person.objects.filter(last_name_az="Əliyev").exists()
    with pytest.raises(ValidationError) as excinfo:
        services.body_create(
            actor=coordinator, kind="working_group", name=texts("Qrup"), member_organizations=[ministry]
        )
    assert "member_organizations" in excinfo.value.message_dict
    assert not Body.objects.exists()


def test_organisation_with_active_sub_units_is_not_abolished(coordinator, ministry):
    services.organization_create(
        actor=coordinator, kind="state_agency", name=texts("Agentlik"), parent=ministry
    )
    with pytest.raises(ValidationError):
        services.organization_abolish(
            actor=coordinator, organization=ministry, version=ministry.version, on=datetime.date(2025, 1, 1)
        )
    ministry.refresh_from_db()
    assert not ministry.is_abolished


@pytest.fixture
def two_people(coordinator, ministry):
    return [
        services.person_create(
            actor=coordinator,
            last_name=texts(last),
            first_name=texts(first),
            organization=ministry,
            position=texts("məsləhətçi"),
        )
        for last, first in (("Həsənov", "Elçin"), ("Quliyeva", "Aynur"))
    ]


def test_a_body_chaired_by_a_non_member_is_refused(coordinator, ministry, two_people):
    chair, member = two_people
    with pytest.raises(ValidationError) as excinfo:
        services.body_create(
            actor=coordinator,
            kind="working_group",
            name=texts("Ekologiya işçi qrupu"),
            chair=chair,
            member_organizations=[ministry],
            members=[member],
        )
    assert "chair" in excinfo.value.message_dict
    assert not Body.objects.exists()


def test_a_body_cannot_sit_under_its_own_sub_body(coordinator, ministry, two_people):
    headquarters = services.body_create(actor=coordinator, kind="headquarters", name=texts("Qərargah"))
    group = services.body_create(
        actor=coordinator, kind="working_group", name=texts("Qrup"), parent=headquarters
    )
    with pytest.raises(ValidationError) as excinfo:
        services.body_update(
            actor=coordinator,
            body=headquarters,
            version=headquarters.version,
            kind="headquarters",
            name=texts("Qərargah"),
            area=texts(""),
            parent=group,
            chair=None,
            secretary=None,
            member_organizations=[],
            members=[],
        )
    assert "parent" in excinfo.value.message_dict


def test_body_update_records_membership_changes(coordinator, ministry, other_ministry, two_people):
    chair, member = two_people
    body = services.body_create(
        actor=coordinator,
        kind="working_group",
        name=texts("Qrup"),
        chair=chair,
        member_organizations=[ministry],
        members=[chair],
    )
    services.body_update(
        actor=coordinator,
        body=body,
        version=body.version,
        kind="working_group",
        name=texts("Qrup"),
        area=texts("Ekologiya"),
        parent=None,
        chair=chair,
        secretary=member,
        member_organizations=[ministry, other_ministry],
        members=[chair, member],
    )
    event = AuditEvent.objects.filter(action="body.update").get()
    assert event.data["member_organizations"] == {"added": [other_ministry.pk], "removed": []}
    assert event.data["changes"]["secretary_id"] == [None, member.pk]


def test_membership_end_date_before_start_is_refused(coordinator, two_people):
    membership = Membership.objects.filter(person=two_people[0]).get()
    membership.start_date = datetime.date(2024, 5, 1)
    membership.save()
    with pytest.raises(ValidationError):
        services.membership_end(actor=coordinator, membership=membership, end_date=datetime.date(2024, 1, 1))
    membership.refresh_from_db()
    assert membership.end_date is None


def test_a_position_is_current_on_the_service_clocks_day(coordinator, two_people):
    membership = Membership.objects.filter(person=two_people[0]).get()
    membership.start_date, membership.end_date = datetime.date(2024, 5, 1), datetime.date(2025, 4, 30)
    membership.save()
    for day, current in ((datetime.date(2025, 4, 30), True), (datetime.date(2025, 5, 1), False)):
        with clock.at(datetime.datetime.combine(day, datetime.time(10), datetime.UTC)):
            assert Membership.objects.get(pk=membership.pk).is_current is current
            assert Membership.objects.current().filter(pk=membership.pk).exists() is current


def test_executor_adds_people_only_to_their_own_organisation(executor, other_ministry):
    with pytest.raises(PermissionDenied):
        services.person_create(
            actor=executor,
            last_name=texts("Rəhimov"),
            first_name=texts("Kamran"),
            organization=other_ministry,
            position=texts("mütəxəssis"),
        )
    assert not Person.objects.exists()
