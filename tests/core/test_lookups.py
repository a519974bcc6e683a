"""`__any_of` reads the same rows as `__in`, on keys and on relations, and nothing for no keys."""

from koordinat.accounts.models import User
from koordinat.directory.models import Organization


def test_any_of_reads_what_in_reads(ministry, other_ministry, center, coordinator, executor):
    keys = [ministry.pk, center.pk, 0]
    assert set(Organization.objects.filter(pk__any_of=keys)) == set(Organization.objects.filter(pk__in=keys))
    assert set(Organization.objects.filter(pk__any_of=keys)) == {ministry, center}
    by_organization = User.objects.filter(organization__any_of=[coordinator.organization_id])
    assert set(by_organization) == set(User.objects.filter(organization__in=[coordinator.organization_id]))
    assert coordinator in by_organization
    assert set(User.objects.filter(organization_id__any_of=keys)) == set(
        User.objects.filter(organization_id__in=keys)
    )


def test_any_of_nothing_reads_nothing(ministry):
    assert not Organization.objects.filter(pk__any_of=[]).exists()
    assert list(Organization.objects.filter(pk__any_of=[]).values_list("pk", flat=True)) == []
