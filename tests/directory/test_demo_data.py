import pytest
from django.core.management import call_command

from koordinat.accounts.models import Role, User
from koordinat.core import audit
from koordinat.core.demo import DEMO_PASSWORD
from koordinat.directory.demo import loader
from koordinat.directory.models import Body, Organization


@pytest.fixture
def demo(db):
    return loader.load()


def test_headquarters_manages_55_structures_through_17_working_groups(demo):
    headquarters = Body.objects.get(kind=Body.Kind.HEADQUARTERS)
    assert headquarters.member_organizations.count() == 55
    assert not headquarters.member_organizations.filter(abolished_on__isnull=False).exists()
    assert Body.objects.filter(parent=headquarters, kind=Body.Kind.WORKING_GROUP).count() == 17
    for kind in (Body.Kind.EXECUTIVE_GROUP, Body.Kind.PUBLIC_COUNCIL, Body.Kind.DIALOGUE_PLATFORM):
        assert Body.objects.filter(kind=kind).exists()


def test_every_name_exists_in_three_languages(demo):
    for organization in Organization.objects.all():
        assert all((organization.name_az, organization.name_ru, organization.name_en)), organization.pk
    assert not Organization.objects.filter(name_ru__regex=r"[ƏəĞğŞş]").exists()


def test_every_demo_login_has_a_person_an_organisation_and_its_role(demo):
    roles = {key: role for key, _email, role in demo.logins}
    assert set(roles) == set(loader.DEMO_LOGINS)
    for _key, email, role in demo.logins:
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        assert user.person is not None
        assert user.organization is not None
        assert user.role == role
    assert roles["coordinator"] == Role.COORDINATOR


def test_loading_twice_changes_nothing_and_the_chain_holds(demo, capsys):
    counts = (Organization.objects.count(), Body.objects.count(), User.objects.count())
    call_command("demo-data")
    assert "directory: created organizations: 0, people: 0, bodies: 0, users: 0" in capsys.readouterr().out
    assert (Organization.objects.count(), Body.objects.count(), User.objects.count()) == counts
    assert audit.verify()[1] is None
