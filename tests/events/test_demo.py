"""The demo holds the NAP item 5.6 round table at Yardimli with its public council, outcome and
proposals, and an upcoming round table open for registration; its public pages show them."""

from django.core.management import call_command
from django.urls import reverse

from koordinat.directory.models import Body, Organization
from koordinat.events.models import Event


def test_the_demo_holds_the_yardimli_round_table(client, db):
    call_command("demo-data")
    held = Event.objects.get(title_az__startswith="Hökumət–Vətəndaş Cəmiyyəti Dialoq Platformasının Yardımlı")
    assert held.is_published
    assert held.status == Event.Status.HELD
    assert held.attendance
    assert held.summary_az
    assert held.summary_ru
    assert held.summary_en
    assert held.organizers.get().name_az == "Yardımlı Rayon İcra Hakimiyyəti"
    assert held.agenda.filter(measure__plan__code="OGP-NAP-2020", measure__number="5.6").exists()
    assert held.proposals.count() == 3
    council = held.council
    assert council.kind == Body.Kind.PUBLIC_COUNCIL
    assert council.advises == held.organizers.get()
    assert not council.member_organizations.exclude(
        kind=Organization.Kind.CIVIL_SOCIETY_ORGANISATION
    ).exists()
    upcoming = Event.objects.get(title_en__startswith="Next round table in Yardimli")
    assert upcoming.is_published
    assert upcoming.takes_registrations

    home = client.get(reverse("portal:home")).content.decode()
    assert upcoming.title_az in home
    page = client.get(reverse("public_events:event", args=[held.pk])).content.decode()
    assert held.summary_az[:40] in page
    assert reverse("portal:measure", args=["OGP-NAP-2020", "5.6"]) in page
    assert reverse("public_events:council", args=[council.pk]) in page
    council_page = client.get(reverse("public_events:council", args=[council.pk])).content.decode()
    assert "“Talış Dağları” Regional İnkişaf İctimai Birliyi" in council_page
    district_page = client.get(reverse("portal:district", args=[held.district_id])).content.decode()
    assert held.title_az in district_page
    measure_page = client.get(reverse("portal:measure", args=["OGP-NAP-2020", "5.6"])).content.decode()
    assert held.title_az in measure_page
    register = client.get(reverse("public_events:register", args=[upcoming.pk]))
    assert register.status_code == 200
    assert 'name="email"' in register.content.decode()

    before = Event.objects.count()
    call_command("demo-data")  # idempotent
    assert Event.objects.count() == before
