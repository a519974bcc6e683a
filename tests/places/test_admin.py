from django.urls import reverse

from koordinat.places.models import District


def test_admin_lists_districts_read_only(client, admin_user, districts):
    client.force_login(admin_user)
    response = client.get(reverse("admin:places_district_changelist"))
    assert response.status_code == 200
    assert "Füzuli" in response.content.decode()
    assert client.get(reverse("admin:places_district_add")).status_code == 403
    district = District.objects.get(name_az="Bakı")
    page = client.get(reverse("admin:places_district_change", args=[district.pk]))
    assert page.status_code == 200
    assert "MultiPolygon" in page.content.decode()
    assert client.post(reverse("admin:places_district_delete", args=[district.pk])).status_code == 403
