"""The demo's dialogue on item 5.6 of the National Action Plan: answered on time, answered late, awaiting an
answer and rejected with a reason, shown on the portal; the demo citizen's two questions on the
Yardimli round table, one answered by its organiser; the demo citizen signs in."""

from django.core.management import call_command
from django.urls import reverse

from koordinat.core import clock
from koordinat.dialogue import selectors
from koordinat.dialogue.demo import DEMO_CITIZEN
from koordinat.dialogue.models import Submission


def test_the_demo_dialogue_on_item_5_6(client, db):
    call_command("demo-data")
    rows = Submission.objects.filter(plan__code="OGP-NAP-2020", measure__number="5.6")
    assert rows.filter(status="rejected").exclude(reason="").count() == 1
    accepted = list(rows.filter(status="accepted"))
    today = clock.today()
    answered = [row for row in accepted if row.answered_at]
    late = [row for row in answered if selectors.days_late(row, today)]
    assert len(answered) == 3
    assert len(late) == 1
    assert [row for row in accepted if not row.answered_at]
    page = client.get(reverse("portal:measure", args=["OGP-NAP-2020", "5.6"])).content.decode()
    assert "Növbəti dəyirmi masa" in page
    assert "iş günü gec" in page  # "answered 3 working days late", in Azerbaijani
    signed_in = client.post(
        reverse("dialogue:sign_in"), {"email": DEMO_CITIZEN, "password": "koordinat-demo"}
    )
    assert signed_in.status_code == 302
    on_event = Submission.objects.filter(target="event", citizen__email=DEMO_CITIZEN, status="accepted")
    assert on_event.count() == 2
    assert {row.organization.name_az for row in on_event} == {"Yardımlı Rayon İcra Hakimiyyəti"}
    assert [row.answered_at is not None for row in on_event.order_by("pk")] == [True, False]
    event = on_event.first().event
    event_page = client.get(reverse("public_events:event", args=[event.pk])).content.decode()
    assert "kənd yollarının təmiri" in event_page
    assert "tikinti-təmir planının" in event_page
    call_command("demo-data")  # idempotent
    assert Submission.objects.count() == rows.count() + 2
