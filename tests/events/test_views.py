"""The organisers' pages for every role, and the public pages: drafts never shown, registrants' names
and addresses never public, HTML shown as text, the registration form's refusals, honeypot and rate
limit."""

import pytest
from django.core import mail
from django.urls import reverse

from koordinat.events import limits, services
from koordinat.events.models import Event, Registration
from tests.conftest import texts

from .conftest import soon

OFFICE_PAGES = [
    "event",
    "event_edit",
    "event_outcome",
    "event_agenda_add",
    "event_proposal_add",
    "event_unpublish",
]


def login(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))


@pytest.mark.parametrize("page", OFFICE_PAGES)
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("other_secretary", 404),
        ("coordinator", 404),
        ("own_executor", 404),
        ("secretary", 200),
        ("own_coordinator", 200),
        ("admin_user", 200),
    ],
)
def test_the_office_pages_of_an_event_for_every_role(client, request, event, page, role, status):
    login(client, request, role)
    response = client.get(reverse(f"events:{page}", args=[event.pk]))
    assert response.status_code == status
    if status == 302:
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("own_executor", 403),
        ("other_secretary", 200),
        ("secretary", 200),
        ("admin_user", 200),
    ],
)
def test_the_event_list_for_every_role(client, request, event, role, status):
    login(client, request, role)
    response = client.get(reverse("events:events"))
    assert response.status_code == status
    if status == 200:
        shown = event.title_az in response.content.decode()
        assert shown == (role in ("secretary", "admin_user"))


def post_event(**changes):
    data = {
        "title_az": "Dəyirmi masa",
        "title_ru": "Круглый стол",
        "title_en": "Round table",
        "kind": "round_table",
        "starts_at": soon().strftime("%Y-%m-%d %H:%M"),
        "organizers": "Yardımlı Rayon İcra Hakimiyyəti",
        "partners": "",
        "capacity": "",
        "registration_deadline": "",
    }
    data.update(changes)
    return data


def test_the_secretary_plans_edits_and_publishes_through_the_pages(client, secretary, district, cso):
    client.force_login(secretary)
    response = client.post(
        reverse("events:event_create"),
        post_event(district=district.pk, partners=cso.name, registration_open="on", capacity="30"),
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:event", args=[event.pk])
    assert (event.capacity, event.partners.get()) == (30, cso)
    response = client.post(
        reverse("events:event_edit", args=[event.pk]),
        post_event(district=district.pk, title_az="Yenilənmiş", status="planned", version=event.version),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_az == "Yenilənmiş"
    client.post(reverse("events:event_publish", args=[event.pk]), {"version": event.version})
    event.refresh_from_db()
    assert event.is_published


def test_the_form_names_a_partner_that_is_no_civil_society_organisation(
    client, secretary, district, ministry
):
    client.force_login(secretary)
    response = client.post(
        reverse("events:event_create"), post_event(district=district.pk, partners=ministry.name)
    )
    assert response.status_code == 400
    assert ministry.name in response.content.decode()
    assert not Event.objects.exists()


def test_another_organisation_cannot_change_an_event_through_the_pages(
    client, other_secretary, event, district
):
    client.force_login(other_secretary)
    url = reverse("events:event_edit", args=[event.pk])
    assert (
        client.post(
            url, post_event(district=district.pk, title_az="X", status="planned", version=event.version)
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("events:event_outcome", args=[event.pk]), {"summary_az": "X", "version": event.version}
        ).status_code
        == 404
    )
    event.refresh_from_db()
    assert event.title_az == "Dəyirmi masa"
    assert event.version == 2


def test_registrations_are_shown_to_the_organisers_only(client, secretary, other_secretary, event):
    services.registration_submit(event=event, name="Qxregistrantmarker", email="qxreg@example.test")
    client.force_login(secretary)
    page = client.get(reverse("events:event", args=[event.pk])).content.decode()
    assert "Qxregistrantmarker" in page
    assert "qxreg@example.test" in page
    client.force_login(other_secretary)
    assert client.get(reverse("events:event", args=[event.pk])).status_code == 404


# Public pages ------------------------------------------------------------------------------------


def test_a_draft_is_not_found_by_the_public(client, make_event):
    draft = make_event(title=texts("Qxdraftevent"))
    for name in ("event", "register"):
        assert client.get(reverse(f"public_events:{name}", args=[draft.pk])).status_code == 404
    assert "Qxdraftevent" not in client.get(reverse("public_events:events")).content.decode()


def test_html_in_texts_is_shown_as_text(client, make_event, secretary):
    event = make_event(
        published=True, title=texts("<script>alert(1)</script>"), description=texts("<b>qalın</b>")
    )
    page = client.get(reverse("public_events:event", args=[event.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;qalın&lt;/b&gt;" in page


def test_the_event_page_links_only_published_measures(
    client, event, secretary, measure, coordinator, center, approving_act
):
    from koordinat.plans import services as plans_services

    internal = plans_services.plan_create(
        actor=coordinator,
        code="INT-T",
        kind="action_plan",
        title=texts("Daxili"),
        period_start=measure.plan.period_start,
        period_end=measure.plan.period_end,
        coordinator=center,
        approved_by=approving_act,
        status="in_force",
    )
    hidden = plans_services.measure_create(
        actor=coordinator,
        plan=internal,
        number="1",
        content=plans_services.MeasureContent(
            text=texts("Qxinternalmeasure"),
            expected_result=texts(""),
            deadline_text="",
            executors=[],
            other_executors=texts(""),
        ),
    )
    services.agenda_item_add(
        actor=secretary, event=event, version=event.version, text=texts("Açıq bənd"), measure=measure
    )
    services.agenda_item_add(
        actor=secretary, event=event, version=event.version + 1, text=texts("Daxili bənd"), measure=hidden
    )
    page = client.get(reverse("public_events:event", args=[event.pk])).content.decode()
    assert reverse("portal:measure", args=["OGP-T", "1"]) in page
    assert "INT-T" not in page
    assert "Qxinternalmeasure" not in page


def test_the_list_filters_by_district_kind_and_time(client, make_event, district):
    from koordinat.places.models import District

    elsewhere = District.objects.create(name="Lerik", name_az="Lerik", code="LER-T")
    make_event(published=True, title=texts("Gələcək masa"))
    make_event(
        published=True,
        title=texts("Keçmiş dinləmə"),
        kind="public_hearing",
        starts_at=soon(-5),
        registration_open=False,
    )
    make_event(published=True, title=texts("Lerik masası"), district=elsewhere)
    url = reverse("public_events:events")

    def titles(query):
        return {
            t
            for t in ("Gələcək masa", "Keçmiş dinləmə", "Lerik masası")
            if t in client.get(url + query).content.decode()
        }

    assert titles("") == {"Gələcək masa", "Keçmiş dinləmə", "Lerik masası"}
    assert titles(f"?district={district.pk}") == {"Gələcək masa", "Keçmiş dinləmə"}
    assert titles("?kind=public_hearing") == {"Keçmiş dinləmə"}
    assert titles("?when=upcoming") == {"Gələcək masa", "Lerik masası"}
    assert titles("?when=past") == {"Keçmiş dinləmə"}
    assert client.get(url + "?kind=<script>").status_code == 400


def test_the_district_page_shows_its_events(client, event):
    page = client.get(reverse("portal:district", args=[event.district_id]))
    assert page.status_code == 200
    assert event.title_az in page.content.decode()


def test_the_council_page_shows_members_and_events_without_people(
    client, make_event, council, cso, admin_user
):
    from koordinat.directory import services as directory_services

    person = directory_services.person_create(
        actor=admin_user,
        last_name=texts("Qxcouncilperson"),
        first_name=texts("Tural"),
        email="qxperson@example.test",
        phone="+994 12 555 0100",
        organization=cso,
        position=texts("üzv"),
    )
    council.members.add(person)
    url = reverse("public_events:council", args=[council.pk])
    assert client.get(url).status_code == 404  # neither marked public nor with a published event
    meeting = make_event(
        published=True, kind="council_meeting", council=council, title=texts("Şuranın iclası")
    )
    page = client.get(url).content.decode()
    assert cso.name in page
    assert meeting.title_az in page
    assert "Qxcouncilperson" not in page
    assert "qxperson@example.test" not in page
    assert "555 0100" not in page


# Registration through the page ---------------------------------------------------------------------


def registration(**changes):
    return {
        "name": "Leyla Həsənova",
        "email": "leyla@example.test",
        "organization_name": "",
        "website": "",
        **changes,
    }


def test_a_visitor_registers_and_confirms(client, event, django_capture_on_commit_callbacks):
    url = reverse("public_events:register", args=[event.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "csrfmiddlewaretoken" in page.content.decode()
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, registration())
    assert response.status_code == 200
    assert Registration.objects.filter(confirmed_at=None).count() == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/confirm/" in line)
    path = link[link.index("/az/") :]
    assert client.get(path).status_code == 200
    assert Registration.objects.get().confirmed_at is None  # opening the link alone confirms nothing
    assert client.post(path).status_code == 200
    assert Registration.objects.get().confirmed_at is not None
    assert (
        "leyla@example.test"
        not in client.get(reverse("public_events:event", args=[event.pk])).content.decode()
    )


def test_a_duplicate_address_is_told_so(client, event):
    url = reverse("public_events:register", args=[event.pk]).replace("/az/", "/en/")
    client.post(url, registration())
    response = client.post(url, registration(email="LEYLA@example.test"))
    assert response.status_code == 400
    assert "already registered" in response.content.decode()
    assert Registration.objects.count() == 1


def test_the_honeypot_keeps_nothing(client, event):
    response = client.post(
        reverse("public_events:register", args=[event.pk]), registration(website="http://spam.test")
    )
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_the_rate_limit_per_address(client, event):
    url = reverse("public_events:register", args=[event.pk]).replace("/az/", "/en/")
    for number in range(limits.REGISTRATIONS_PER_ADDRESS):
        assert client.post(url, registration(email=f"p{number}@example.test")).status_code == 200
    response = client.post(url, registration(email="late@example.test"))
    assert response.status_code == 429
    assert "Too many registrations" in response.content.decode()
    assert Registration.objects.count() == limits.REGISTRATIONS_PER_ADDRESS


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"registration_open": False}, "Registration for this event is closed."),
        ({"registration_deadline": soon(-1), "starts_at": soon(2)}, "Registration closed on"),
        ({"starts_at": soon(-1)}, "already taken place"),
    ],
)
def test_a_closed_registration_says_why(client, make_event, overrides, words):
    closed = make_event(published=True, **overrides)
    url = reverse("public_events:register", args=[closed.pk]).replace("/az/", "/en/")
    page = client.get(url).content.decode()
    assert words in page
    assert 'name="email"' not in page
    response = client.post(url, registration())
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not Registration.objects.exists()


def test_oversized_and_invalid_input_is_refused_by_field(client, event):
    url = reverse("public_events:register", args=[event.pk])
    response = client.post(url, registration(name="x" * 201, email="not-an-address"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "#id_name" in page
    assert "#id_email" in page
    assert not Registration.objects.exists()


def test_a_bad_confirmation_link_is_refused(client):
    response = client.post(reverse("public_events:confirm", args=["forged-token"]))
    assert response.status_code == 400


def test_the_refusal_is_in_the_visitors_language(client, make_event):
    closed = make_event(published=True, registration_open=False)
    page = client.get(reverse("public_events:register", args=[closed.pk]).replace("/az/", "/ru/"))
    assert "Регистрация на это мероприятие закрыта." in page.content.decode()


@pytest.mark.parametrize(
    ("role", "shown"), [("secretary", True), ("own_executor", False), ("coordinator", True)]
)
def test_the_home_page_leads_those_who_hold_events_to_them(client, request, make_event, role, shown):
    upcoming = make_event(title=texts("Növbəti dəyirmi masa"))
    client.force_login(request.getfixturevalue(role))
    page = client.get(reverse("home")).content.decode()
    assert (reverse("events:events") in page) == shown
    # a coordinator of another organisation reaches the list, but not this organisation's draft
    assert (upcoming.title_az in page) == (role == "secretary")
