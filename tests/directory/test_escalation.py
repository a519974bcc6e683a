"""Escalation paths in the registry, closed: every role against every rule, through the service and the page.

An executor or head keeps their own organisation's record and the people who work only there; the
controls over an organisation (kind, parent, head's approval of reports) and over a body (kind,
parent, chair, secretary, publicity) are the coordination office's alone.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from koordinat.accounts.models import Role
from koordinat.core.models import AuditEvent
from koordinat.core.translation import texts_of
from koordinat.directory import services
from koordinat.directory.models import Body, Membership, Organization, Person
from tests.conftest import texts

OFFICE = ["coordinator", "administrator"]
STAFF = ["executor", "head"]
OUTSIDERS = ["other_executor", "observer", "body_secretary"]


@pytest.fixture
def head(make_user, ministry):
    return make_user(Role.HEAD, ministry)


@pytest.fixture
def administrator(make_user, center):
    return make_user(Role.ADMINISTRATOR, center, email="administrator@koordinat.test")


@pytest.fixture
def officers(coordinator, ministry, center):
    def person(last, first, organization):
        return services.person_create(
            actor=coordinator,
            last_name=texts(last),
            first_name=texts(first),
            organization=organization,
            position=texts("baş məsləhətçi"),
        )

    return {
        "chair": person("Babayev", "Orxan", center),
        "secretary": person("Nəsibova", "Lalə", ministry),
        "member": person("Həsənov", "Kamran", ministry),
    }


@pytest.fixture
def body(coordinator, officers, ministry):
    return services.body_create(
        actor=coordinator,
        kind="working_group",
        name=texts("Ətraf mühit üzrə işçi qrup"),
        chair=officers["chair"],
        secretary=officers["secretary"],
        members=list(officers.values()),
        member_organizations=[ministry],
    )


@pytest.fixture
def body_secretary(make_user, ministry, officers, body):
    return make_user(
        Role.BODY_SECRETARY, ministry, email="katib@koordinat.test", person=officers["secretary"]
    )


def person_in(coordinator, *organizations, last="Quliyev"):
    """A person holding a current position in each organisation given (none: no position at all)."""
    first, *others = organizations or (None,)
    person = services.person_create(
        actor=coordinator,
        last_name=texts(last),
        first_name=texts("Tural"),
        email=f"{last.encode('ascii', 'ignore').decode().lower()}@koordinat.test",
        organization=first,
        position=texts("mütəxəssis") if first else None,
    )
    for organization in others:
        services.membership_add(
            actor=coordinator, person=person, organization=organization, position=texts("ezam olunmuş")
        )
    return person


@pytest.fixture
def own_staff(coordinator, ministry):
    return person_in(coordinator, ministry, last="Məmmədov")


@pytest.fixture
def seconded(coordinator, ministry, other_ministry):
    """Works in the other ministry and, seconded, in the ministry too."""
    return person_in(coordinator, other_ministry, ministry, last="Rəhimli")


@pytest.fixture
def unattached(coordinator):
    """In the registry with no current position (an expert, or someone who left the service)."""
    return person_in(coordinator, last="Kərimli")


def rename(actor, person, last="Dəyişdirilmiş"):
    return services.person_update(
        actor=actor,
        person=person,
        version=person.version,
        last_name=texts(last),
        first_name=texts_of(person, "first_name"),
        patronymic=texts_of(person, "patronymic"),
        email="ele-kecirilmis@koordinat.test",
        phone="",
    )


def refused(action, actor):
    return AuditEvent.objects.filter(action=action, outcome="refused", actor=actor).exists()


# People -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [*STAFF, *OUTSIDERS])
def test_a_person_who_also_works_elsewhere_is_kept_by_the_office(request, role, seconded):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        rename(actor, seconded)
    seconded.refresh_from_db()
    assert seconded.last_name_az == "Rəhimli"
    assert seconded.email == "rhimli@koordinat.test"
    assert refused("person.update", actor)


@pytest.mark.parametrize("role", OFFICE)
def test_the_office_edits_a_person_who_works_in_two_places(request, role, seconded):
    rename(request.getfixturevalue(role), seconded)
    seconded.refresh_from_db()
    assert seconded.last_name_az == "Dəyişdirilmiş"


@pytest.mark.parametrize("role", STAFF)
def test_staff_edit_people_who_work_only_in_their_organisation(request, role, own_staff):
    rename(request.getfixturevalue(role), own_staff)
    own_staff.refresh_from_db()
    assert own_staff.last_name_az == "Dəyişdirilmiş"


@pytest.mark.parametrize("role", ["other_executor", "observer", "body_secretary"])
def test_nobody_else_edits_an_organisations_own_people(request, role, own_staff):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        rename(actor, own_staff)
    own_staff.refresh_from_db()
    assert own_staff.last_name_az == "Məmmədov"
    assert refused("person.update", actor)


@pytest.mark.parametrize("role", STAFF)
def test_a_person_without_a_current_position_is_kept_by_the_office(request, role, unattached):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        rename(actor, unattached)
    assert refused("person.update", actor)


def test_a_person_whose_only_position_ended_is_kept_by_the_office(coordinator, executor, own_staff):
    membership = own_staff.memberships.get()
    services.membership_end(actor=coordinator, membership=membership, end_date=datetime.date(2025, 12, 31))
    with pytest.raises(PermissionDenied):
        rename(executor, own_staff)


def test_giving_another_ministrys_official_a_position_gains_no_rights_over_them(
    coordinator, executor, ministry, other_ministry
):
    """The attack the rule closes: add a position in your own ministry, then change their e-mail."""
    official = person_in(coordinator, other_ministry, last="Nəbiyev")
    services.membership_add(
        actor=executor, person=official, organization=ministry, position=texts("məsləhətçi")
    )
    with pytest.raises(PermissionDenied):
        rename(executor, official)
    official.refresh_from_db()
    assert (official.last_name_az, official.email) == ("Nəbiyev", "nbiyev@koordinat.test")
    assert refused("person.update", executor)


@pytest.mark.parametrize("role", [*STAFF, "observer", "body_secretary"])
def test_positions_are_added_only_in_the_actors_own_organisation(request, role, own_staff, other_ministry):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.membership_add(
            actor=actor, person=own_staff, organization=other_ministry, position=texts("müşavir")
        )
    assert not own_staff.memberships.filter(organization=other_ministry).exists()
    assert refused("membership.create", actor)


@pytest.mark.parametrize("role", STAFF)
def test_staff_give_no_position_to_someone_without_one(request, role, unattached, ministry):
    """Otherwise adding the position would hand the person over to whoever added it."""
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.membership_add(actor=actor, person=unattached, organization=ministry, position=texts("x"))
    assert not unattached.memberships.exists()
    assert refused("membership.create", actor)


@pytest.mark.parametrize("role", OFFICE)
def test_the_office_places_someone_without_a_position(request, role, unattached, ministry, executor):
    services.membership_add(
        actor=request.getfixturevalue(role), person=unattached, organization=ministry, position=texts("x")
    )
    executor.__dict__.pop("_organization_scope", None)
    rename(executor, unattached)  # now wholly the ministry's


@pytest.mark.parametrize("role", STAFF)
def test_staff_add_positions_in_their_own_organisation_and_its_sub_units(
    request, role, coordinator, seconded, ministry
):
    unit = services.organization_create(
        actor=coordinator, kind="state_agency", name=texts("Agentlik"), parent=ministry
    )
    actor = request.getfixturevalue(role)
    services.membership_add(actor=actor, person=seconded, organization=unit, position=texts("rəis müavini"))
    assert seconded.memberships.filter(organization=unit).exists()


@pytest.mark.parametrize("role", [*STAFF, "observer", "body_secretary"])
def test_positions_elsewhere_are_not_ended(request, role, seconded, other_ministry):
    actor = request.getfixturevalue(role)
    elsewhere = seconded.memberships.get(organization=other_ministry)
    with pytest.raises(PermissionDenied):
        services.membership_end(actor=actor, membership=elsewhere, end_date=datetime.date(2026, 1, 31))
    elsewhere.refresh_from_db()
    assert elsewhere.end_date is None
    assert refused("membership.end", actor)


def test_ending_a_position_never_reopens_it(coordinator, executor, own_staff):
    membership = own_staff.memberships.get()
    services.membership_end(actor=executor, membership=membership, end_date=datetime.date(2025, 12, 31))
    with pytest.raises(ValidationError) as error:
        services.membership_end(actor=executor, membership=membership, end_date=datetime.date(2099, 12, 31))
    assert "end_date" in error.value.message_dict
    membership.refresh_from_db()
    assert membership.end_date == datetime.date(2025, 12, 31)


# Organisations ------------------------------------------------------------------------------------


def update(actor, organization, **changes):
    values = {
        "kind": organization.kind,
        "name": texts_of(organization, "name"),
        "short_name": texts_of(organization, "short_name"),
        "abbreviation": texts_of(organization, "abbreviation"),
        "parent": organization.parent,
        "country": organization.country,
    }
    values.update(changes)
    return services.organization_update(
        actor=actor, organization=organization, version=organization.version, **values
    )


@pytest.fixture
def approving_ministry(coordinator, ministry):
    """The ministry's reports go to its head before they are sent."""
    return update(coordinator, ministry, reports_need_head_approval=True)


@pytest.fixture
def unit(coordinator, approving_ministry):
    return services.organization_create(
        actor=coordinator,
        kind="state_agency",
        name=texts("Meşələrin İnkişafı Xidməti"),
        parent=approving_ministry,
    )


CONTROL_CHANGES = {
    "kind": lambda organization, other: {"kind": "state_committee"},
    "parent": lambda organization, other: {"parent": other},
    "reports_need_head_approval": lambda organization, other: {"reports_need_head_approval": False},
}


@pytest.mark.parametrize("control", CONTROL_CHANGES)
@pytest.mark.parametrize("role", [*STAFF, *OUTSIDERS])
def test_only_the_office_changes_an_organisations_controls(
    request, role, control, approving_ministry, other_ministry
):
    actor = request.getfixturevalue(role)
    change = CONTROL_CHANGES[control](approving_ministry, other_ministry)
    with pytest.raises(PermissionDenied):
        update(actor, approving_ministry, name=texts("Yeni ad"), **change)
    approving_ministry.refresh_from_db()
    assert approving_ministry.name_az == "Ekologiya və Təbii Sərvətlər Nazirliyi"
    assert (
        approving_ministry.kind,
        approving_ministry.parent,
        approving_ministry.reports_need_head_approval,
    ) == (
        "ministry",
        None,
        True,
    )
    assert refused("organization.update", actor)


@pytest.mark.parametrize("control", CONTROL_CHANGES)
@pytest.mark.parametrize("role", OFFICE)
def test_the_office_changes_an_organisations_controls(
    request, role, control, approving_ministry, other_ministry
):
    change = CONTROL_CHANGES[control](approving_ministry, other_ministry)
    changed = update(request.getfixturevalue(role), approving_ministry, **change)
    name, value = next(iter(change.items()))
    assert getattr(changed, name) == value


@pytest.mark.parametrize("role", STAFF)
def test_staff_keep_their_organisations_names_and_the_controls_as_they_are(request, role, approving_ministry):
    changed = update(
        request.getfixturevalue(role),
        approving_ministry,
        short_name=texts("ETSN"),
        reports_need_head_approval=None,
    )
    assert changed.short_name_az == "ETSN"
    assert changed.reports_need_head_approval


@pytest.mark.parametrize("role", STAFF)
def test_a_sub_unit_does_not_leave_its_parent_by_its_own_staff(request, role, unit):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        update(actor, unit, parent=None)
    unit.refresh_from_db()
    assert unit.parent is not None
    assert refused("organization.update", actor)


@pytest.mark.parametrize("role", STAFF)
def test_a_sub_unit_added_by_staff_takes_its_parents_kind_and_approval(request, role, approving_ministry):
    new = services.organization_create(
        actor=request.getfixturevalue(role), name=texts("Hesabat şöbəsi"), parent=approving_ministry
    )
    assert (new.kind, new.reports_need_head_approval) == ("ministry", True)


@pytest.mark.parametrize(
    "choice", [{"kind": "state_agency"}, {"kind": "ministry", "reports_need_head_approval": False}]
)
@pytest.mark.parametrize("role", STAFF)
def test_staff_do_not_choose_a_sub_units_controls(request, role, choice, approving_ministry):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.organization_create(
            actor=actor, name=texts("Hesabat şöbəsi"), parent=approving_ministry, **choice
        )
    assert not Organization.objects.filter(parent=approving_ministry).exists()
    assert refused("organization.create", actor)


@pytest.mark.parametrize("role", OFFICE)
def test_the_office_chooses_a_sub_units_controls(request, role, approving_ministry):
    new = services.organization_create(
        actor=request.getfixturevalue(role),
        name=texts("Hesabat şöbəsi"),
        parent=approving_ministry,
        kind="state_agency",
        reports_need_head_approval=False,
    )
    assert (new.kind, new.reports_need_head_approval) == ("state_agency", False)


@pytest.mark.parametrize("role", [*STAFF, *OUTSIDERS])
def test_only_the_office_abolishes_and_names_a_successor(request, role, ministry, other_ministry):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.organization_abolish(
            actor=actor,
            organization=ministry,
            version=ministry.version,
            on=datetime.date(2026, 1, 31),
            successor=other_ministry,
        )
    ministry.refresh_from_db()
    assert not ministry.is_abolished
    assert refused("organization.abolish", actor)


# Collegial bodies ----------------------------------------------------------------------------------


def body_update(actor, body, **changes):
    values = {
        "kind": body.kind,
        "name": texts_of(body, "name"),
        "area": texts_of(body, "area"),
        "parent": body.parent,
        "chair": body.chair,
        "secretary": body.secretary,
        "member_organizations": list(body.member_organizations.all()),
        "members": list(body.members.all()),
    }
    values.update(changes)
    return services.body_update(actor=actor, body=body, version=body.version, **values)


@pytest.fixture
def other_body(coordinator):
    return services.body_create(actor=coordinator, kind="headquarters", name=texts("Qərargah"))


BODY_CHANGES = {
    "chair": lambda officers, other: {"chair": officers["secretary"]},
    "secretary": lambda officers, other: {"secretary": officers["member"]},
    "kind": lambda officers, other: {"kind": "executive_group"},
    "parent": lambda officers, other: {"parent": other},
    "is_public": lambda officers, other: {"is_public": True},
}


@pytest.mark.parametrize("control", BODY_CHANGES)
@pytest.mark.parametrize("role", ["body_secretary", *STAFF, "other_executor", "observer"])
def test_only_the_office_changes_a_bodys_controls(request, role, control, body, officers, other_body):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        body_update(actor, body, name=texts("Yeni ad"), **BODY_CHANGES[control](officers, other_body))
    body.refresh_from_db()
    assert body.name_az == "Ətraf mühit üzrə işçi qrup"
    assert (body.chair, body.secretary, body.kind, body.parent, body.is_public) == (
        officers["chair"],
        officers["secretary"],
        "working_group",
        None,
        False,
    )
    assert refused("body.update", actor)


@pytest.mark.parametrize("control", BODY_CHANGES)
@pytest.mark.parametrize("role", OFFICE)
def test_the_office_changes_a_bodys_controls(request, role, control, body, officers, other_body):
    change = (
        {"chair": officers["member"]} if control == "chair" else BODY_CHANGES[control](officers, other_body)
    )
    changed = body_update(request.getfixturevalue(role), body, **change)
    name, value = next(iter(change.items()))
    assert getattr(changed, name) == value


def test_the_secretary_keeps_the_bodys_records(body_secretary, body, officers, coordinator, other_ministry):
    newcomer = person_in(coordinator, other_ministry, last="Yeni")
    changed = body_update(
        body_secretary,
        body,
        name=texts("Ekologiya üzrə işçi qrup"),
        area=texts("Ekologiya"),
        members=[*officers.values(), newcomer],
        member_organizations=[other_ministry],
    )
    assert changed.name_az == "Ekologiya üzrə işçi qrup"
    assert set(changed.members.all()) == {*officers.values(), newcomer}
    assert list(changed.member_organizations.all()) == [other_ministry]


def test_the_secretary_cannot_drop_the_chair_from_the_members(body_secretary, body, officers):
    with pytest.raises(ValidationError) as error:
        body_update(body_secretary, body, members=[officers["secretary"], officers["member"]])
    assert "Babayev" in error.value.message_dict["members"][0]
    assert body.members.filter(pk=officers["chair"].pk).exists()


def test_a_body_is_not_chaired_by_its_own_secretary(coordinator, body, officers):
    with pytest.raises(ValidationError) as error:
        body_update(coordinator, body, chair=officers["secretary"])
    assert "secretary" in error.value.message_dict
    body.refresh_from_db()
    assert body.chair == officers["chair"]


# Pages --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("directory:organization_edit", "ministry"),
        ("directory:person_edit", "own_staff"),
        ("directory:membership_add", "own_staff"),
        ("directory:body_edit", "body"),
    ],
)
def test_anonymous_visitors_change_nothing(client, request, name, target):
    pk = request.getfixturevalue(target).pk
    events = AuditEvent.objects.count()
    response = client.post(reverse(name, args=[pk]), {"name_az": "Oğurlanmış", "kind": "state_committee"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert (
        AuditEvent.objects.filter(outcome="success").count()
        == events - AuditEvent.objects.filter(outcome="refused").count()
    )
    assert not Organization.objects.filter(name_az="Oğurlanmış").exists()
    assert not Body.objects.filter(name_az="Oğurlanmış").exists()


def organization_post(organization, **overrides):
    data = {
        "kind": organization.kind,
        "name_az": organization.name_az,
        "country": organization.country,
        "parent": str(organization.parent_id or ""),
        "reports_need_head_approval": str(organization.reports_need_head_approval),
        "version": str(organization.version),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", STAFF)
def test_the_organisation_form_offers_staff_no_controls(client, request, role, approving_ministry):
    client.force_login(request.getfixturevalue(role))
    page = client.get(reverse("directory:organization_edit", args=[approving_ministry.pk])).content.decode()
    assert '<select name="kind"' not in page
    assert '<select name="parent"' not in page
    assert 'type="checkbox" name="reports_need_head_approval"' not in page
    assert 'name="short_name_az"' in page
    # what the office set is shown as text, so staff know it and who changes it
    office_note = page.split('class="govuk-inset-text"')[1].split("</div>\n</div>")[0]
    assert approving_ministry.get_kind_display() in office_note
    assert "bəli" in office_note  # its reports need the head's approval


@pytest.mark.parametrize("role", OFFICE)
def test_the_organisation_form_offers_the_office_the_controls(client, request, role, approving_ministry):
    client.force_login(request.getfixturevalue(role))
    page = client.get(reverse("directory:organization_edit", args=[approving_ministry.pk])).content.decode()
    assert '<select name="kind"' in page
    assert '<select name="parent"' in page
    assert 'type="checkbox" name="reports_need_head_approval"' in page
    assert "govuk-inset-text" not in page


@pytest.mark.parametrize(
    "crafted",
    [{"kind": "state_committee"}, {"reports_need_head_approval": "False"}, {"parent": "other_ministry"}],
)
@pytest.mark.parametrize("role", STAFF)
def test_a_crafted_post_of_a_control_is_refused(
    client, request, role, crafted, approving_ministry, other_ministry
):
    actor = request.getfixturevalue(role)
    client.force_login(actor)
    if crafted.get("parent"):
        crafted = {"parent": str(other_ministry.pk)}
    response = client.post(
        reverse("directory:organization_edit", args=[approving_ministry.pk]),
        organization_post(approving_ministry, name_az="Ələ keçirilmiş", **crafted),
    )
    assert response.status_code == 403
    approving_ministry.refresh_from_db()
    assert approving_ministry.name_az != "Ələ keçirilmiş"
    assert (
        approving_ministry.kind,
        approving_ministry.parent_id,
        approving_ministry.reports_need_head_approval,
    ) == (
        "ministry",
        None,
        True,
    )
    assert refused("organization.update", actor)


@pytest.mark.parametrize("role", STAFF)
def test_staff_save_their_organisation_through_the_page(client, request, role, approving_ministry):
    client.force_login(request.getfixturevalue(role))
    url = reverse("directory:organization_edit", args=[approving_ministry.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else str(value) for name, value in data.items()}
    data["name_en"] = "Ministry of Ecology"
    assert client.post(url, data).status_code == 302
    approving_ministry.refresh_from_db()
    assert approving_ministry.name_en == "Ministry of Ecology"
    assert approving_ministry.reports_need_head_approval


@pytest.mark.parametrize("role", STAFF)
def test_staff_add_a_sub_unit_through_the_page_without_choosing_its_controls(
    client, request, role, approving_ministry
):
    client.force_login(request.getfixturevalue(role))
    url = reverse("directory:organization_create") + f"?parent={approving_ministry.pk}"
    page = client.get(url).content.decode()
    assert '<select name="kind"' not in page
    assert 'type="checkbox" name="reports_need_head_approval"' not in page
    response = client.post(
        url,
        {"name_az": "Hesabat şöbəsi", "country": "AZ", "parent": str(approving_ministry.pk), "kind": ""},
    )
    assert response.status_code == 302
    new = Organization.objects.get(name_az="Hesabat şöbəsi")
    assert (new.kind, new.reports_need_head_approval) == ("ministry", True)


def test_a_crafted_kind_for_a_new_sub_unit_is_refused(client, executor, approving_ministry):
    client.force_login(executor)
    response = client.post(
        reverse("directory:organization_create") + f"?parent={approving_ministry.pk}",
        {
            "name_az": "Hesabat şöbəsi",
            "country": "AZ",
            "parent": str(approving_ministry.pk),
            "kind": "ministry",
        },
    )
    assert response.status_code == 302  # the parent's own kind is no change
    response = client.post(
        reverse("directory:organization_create") + f"?parent={approving_ministry.pk}",
        {
            "name_az": "Başqa şöbə",
            "country": "AZ",
            "parent": str(approving_ministry.pk),
            "kind": "state_agency",
        },
    )
    assert response.status_code == 403
    assert not Organization.objects.filter(name_az="Başqa şöbə").exists()
    assert refused("organization.create", executor)


def test_staff_choose_a_new_sub_units_parent_only_inside_their_organisation(
    client, executor, ministry, other_ministry
):
    client.force_login(executor)
    form = client.get(reverse("directory:organization_create") + f"?parent={ministry.pk}").context["form"]
    assert set(form.fields["parent"].queryset) == {ministry}


@pytest.mark.parametrize("role", STAFF)
def test_the_page_refuses_staff_editing_a_person_who_works_elsewhere(
    client, request, role, seconded, ministry, other_ministry
):
    client.force_login(request.getfixturevalue(role))
    url = reverse("directory:person_edit", args=[seconded.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"last_name_az": "Ələ keçirilmiş", "first_name_az": "X", "version": "1"})
    assert response.status_code == 403
    seconded.refresh_from_db()
    assert seconded.last_name_az == "Rəhimli"
    person_page = client.get(reverse("directory:person", args=[seconded.pk])).content.decode()
    assert reverse("directory:person_edit", args=[seconded.pk]) not in person_page
    elsewhere = seconded.memberships.get(organization=other_ministry)
    here = seconded.memberships.get(organization=ministry)
    assert reverse("directory:membership_end", args=[elsewhere.pk]) not in person_page
    assert reverse("directory:membership_end", args=[here.pk]) in person_page


def test_the_page_gives_no_position_to_someone_without_one(client, executor, unattached, ministry):
    client.force_login(executor)
    url = reverse("directory:membership_add", args=[unattached.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"organization": str(ministry.pk), "position_az": "x"})
    assert response.status_code == 403
    assert not Membership.objects.filter(person=unattached).exists()
    page = client.get(reverse("directory:person", args=[unattached.pk])).content.decode()
    assert url not in page


def test_the_page_ends_no_position_elsewhere(client, executor, seconded, other_ministry):
    client.force_login(executor)
    elsewhere = seconded.memberships.get(organization=other_ministry)
    response = client.post(
        reverse("directory:membership_end", args=[elsewhere.pk]), {"end_date": "2026-01-31"}
    )
    assert response.status_code == 403
    elsewhere.refresh_from_db()
    assert elsewhere.end_date is None


def body_post(body, **overrides):
    data = {
        "kind": body.kind,
        "name_az": body.name_az,
        "parent": str(body.parent_id or ""),
        "chair": str(body.chair_id or ""),
        "secretary": str(body.secretary_id or ""),
        "is_public": str(body.is_public),
        "member_organizations": [str(pk) for pk in body.member_organizations.values_list("pk", flat=True)],
        "members": [str(pk) for pk in body.members.values_list("pk", flat=True)],
        "version": str(body.version),
    }
    data.update(overrides)
    return data


def test_the_body_form_offers_the_secretary_no_controls(client, body_secretary, body):
    client.force_login(body_secretary)
    page = client.get(reverse("directory:body_edit", args=[body.pk])).content.decode()
    for name in ("kind", "parent", "chair", "secretary"):
        assert f'<select name="{name}"' not in page
    assert 'type="checkbox" name="is_public"' not in page
    assert 'name="members"' in page
    office_note = page.split('class="govuk-inset-text"')[1].split("</div>\n</div>")[0]
    assert body.chair.full_name in office_note
    assert body.secretary.full_name in office_note


@pytest.mark.parametrize("role", OFFICE)
def test_the_body_form_offers_the_office_the_controls(client, request, role, body):
    client.force_login(request.getfixturevalue(role))
    page = client.get(reverse("directory:body_edit", args=[body.pk])).content.decode()
    for name in ("kind", "parent", "chair", "secretary"):
        assert f'<select name="{name}"' in page
    assert 'type="checkbox" name="is_public"' in page


@pytest.mark.parametrize(
    "crafted",
    [{"chair": "secretary"}, {"secretary": "member"}, {"kind": "public_council"}, {"is_public": "True"}],
)
def test_the_secretary_cannot_make_themself_chair_through_the_page(
    client, body_secretary, body, officers, crafted
):
    client.force_login(body_secretary)
    crafted = {key: str(officers[value].pk) if value in officers else value for key, value in crafted.items()}
    response = client.post(
        reverse("directory:body_edit", args=[body.pk]), body_post(body, name_az="X", **crafted)
    )
    assert response.status_code == 403
    body.refresh_from_db()
    assert (body.name_az, body.chair, body.secretary, body.kind, body.is_public) == (
        "Ətraf mühit üzrə işçi qrup",
        officers["chair"],
        officers["secretary"],
        "working_group",
        False,
    )
    assert refused("body.update", body_secretary)


def test_the_secretary_saves_the_bodys_records_through_the_page(client, body_secretary, body, officers):
    client.force_login(body_secretary)
    url = reverse("directory:body_edit", args=[body.pk])
    response = client.post(url, body_post(body, area_az="Ekologiya"))
    assert response.status_code == 302
    body.refresh_from_db()
    assert body.area_az == "Ekologiya"


def test_the_page_says_why_the_chair_stays_among_the_members(client, body_secretary, body, officers):
    client.force_login(body_secretary)
    members = [str(officers["secretary"].pk), str(officers["member"].pk)]
    response = client.post(reverse("directory:body_edit", args=[body.pk]), body_post(body, members=members))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_members' in page
    assert "Babayev" in page
    assert "Hidden field" not in page
    assert Body.objects.get(pk=body.pk).members.filter(pk=officers["chair"].pk).exists()


def test_the_office_substitutes_the_chair_through_the_page(client, coordinator, body, officers):
    client.force_login(coordinator)
    response = client.post(
        reverse("directory:body_edit", args=[body.pk]),
        body_post(body, chair=str(officers["member"].pk)),
    )
    assert response.status_code == 302
    body.refresh_from_db()
    assert body.chair == officers["member"]
    assert Person.objects.filter(pk=officers["chair"].pk).exists()
