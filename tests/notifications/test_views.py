"""The notifications pages for every role: each reads and marks only their own."""

import pytest
from django.core import mail as outbox
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koordinat.accounts.models import Role
from koordinat.notifications import mail, selectors, services
from koordinat.notifications.context_processors import unread
from koordinat.notifications.kinds import Delivery, Kind
from koordinat.notifications.models import DeliveryChoice, Notification

LIST = "/az/notifications/"


@pytest.fixture
def mine(executor, notice):
    services.notify([notice(executor, key="one"), notice(executor, key="two")])
    return Notification.objects.filter(recipient=executor).order_by("pk")


def test_anonymous_visitors_are_sent_to_sign_in(client, mine):
    for response in (
        client.get(LIST),
        client.get("/az/notifications/settings/"),
        client.post(f"/az/notifications/{mine[0].pk}/read/"),
        client.post("/az/notifications/read-all/"),
    ):
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert Notification.objects.unread().count() == 2


def test_the_reader_sees_their_notices_in_the_pages_language(client, executor, mine):
    client.force_login(executor)
    page = client.get("/ru/notifications/").content.decode()
    assert "Срок представления отчёта по CTRL-1 1.1 — 10 апреля 2026 г." in page
    assert 'href="/ru/control/items/1/"' in page
    assert "<caption" in page


@pytest.mark.parametrize("role", ["other", "coordinator", "admin"])
def test_nobody_reads_or_marks_another_persons_notices(
    client, mine, role, other_executor, coordinator, admin_user
):
    reader = {"other": other_executor, "coordinator": coordinator, "admin": admin_user}[role]
    client.force_login(reader)
    assert "CTRL-1 1.1" not in client.get(LIST).content.decode()
    assert client.post(f"/az/notifications/{mine[0].pk}/read/").status_code == 404
    client.post("/az/notifications/read-all/")
    assert Notification.objects.unread().count() == 2


def test_the_reader_marks_one_and_then_all_read(client, executor, mine, notice):
    client.force_login(executor)
    response = client.post(f"/az/notifications/{mine[0].pk}/read/", {"next": LIST + "?unread=on"})
    assert response["Location"] == LIST + "?unread=on"
    assert list(Notification.objects.unread().values_list("key", flat=True)) == ["two"]
    page = client.get(LIST + "?unread=on").content.decode()
    assert page.count("Oxunmuş kimi qeyd et") == 1
    client.post("/az/notifications/read-all/", {"next": "https://elsewhere.example/"})
    assert Notification.objects.unread().count() == 0


def test_the_list_filters_by_kind(client, executor, mine):
    services.notify([services.Notice(executor.pk, Kind.REPORT_ACCEPTED, "acc", "/", {"item": "X-9"})])
    client.force_login(executor)
    page = client.get(LIST + "?kind=report_accepted").content.decode()
    assert "X-9" in page
    assert "CTRL-1" not in page


def test_the_header_counts_unread_notices_with_at_most_one_query(rf, client, executor, mine):
    request = rf.get("/")
    request.user = executor
    with CaptureQueriesContext(connection) as first:
        context = unread(request)
        assert context["notifications_unread"]() == "2"
        assert context["notifications_unread"]() == "2"
    assert len(first.captured_queries) == 1
    services.mark_read(actor=executor, notification=mine[0])
    client.force_login(executor)
    assert "Bildirişlər, oxunmamış: 1" in client.get("/az/").content.decode()
    services.mark_all_read(actor=executor)
    page = client.get("/ru/").content.decode()
    assert "Уведомления</a>" in page
    assert "непрочитанных" not in page


def test_the_header_stops_counting_at_99(executor):
    make_many(executor, 150)
    assert selectors.unread_label(user=executor) == "99+"


def test_a_signed_in_page_reads_the_count_with_the_user(client, executor, mine):
    """The sign-in backend reads the unread count in the user's own query: counting asks nothing more."""
    client.force_login(executor)
    with CaptureQueriesContext(connection) as with_two:
        page = client.get("/az/").content.decode()
    assert "Bildirişlər, oxunmamış: 2" in page
    assert not any(
        "notifications_notification" in query["sql"] and "accounts_user" not in query["sql"]
        for query in with_two.captured_queries
    )
    make_many(executor, 150)
    with CaptureQueriesContext(connection) as with_many:
        page = client.get("/az/").content.decode()
    assert "Bildirişlər, oxunmamış: 99+" in page
    assert len(with_many.captured_queries) == len(with_two.captured_queries)


def test_anonymous_pages_ask_nothing_of_notifications(db, rf, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert unread(request) == {}


def make_many(user, count):
    services.notify(
        services.Notice(user.pk, Kind.REPORT_DUE, f"many:{n}", "/control/items/1/", {"item": f"I-{n}"})
        for n in range(count)
    )


def test_the_list_runs_the_same_queries_with_10_and_10000_notices(client, executor):
    client.force_login(executor)
    make_many(executor, 10)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    make_many(executor, 10_000)
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST + "?page=3").status_code == 200
    with CaptureQueriesContext(connection) as unread_only:
        assert client.get(LIST + "?unread=on&kind=report_due").status_code == 200
    assert len(few.captured_queries) == len(many.captured_queries) == len(unread_only.captured_queries)


def test_settings_save_language_and_choices(client, executor):
    client.force_login(executor)
    data = {"language": "ru", **{f"delivery_{kind}": "immediate" for kind in Kind.values}}
    data["delivery_report_due"] = "digest"
    data["delivery_report_accepted"] = "none"
    response = client.post("/az/notifications/settings/", data)
    assert response.status_code == 302
    executor.refresh_from_db()
    assert executor.language == "ru"
    assert dict(DeliveryChoice.objects.filter(user=executor).values_list("kind", "delivery")) == {
        "report_due": "digest",
        "report_accepted": "none",
    }
    data["delivery_escalation"] = "none"
    response = client.post("/az/notifications/settings/", data)
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()


def test_an_e_mails_link_stops_that_kind_without_signing_in(client, executor, mine):
    token = mail.unsubscribe_token(executor.pk, [Kind.REPORT_DUE])
    page = client.get(f"/az/notifications/unsubscribe/{token}/")
    assert page.status_code == 200
    assert not DeliveryChoice.objects.exists()
    assert client.post(f"/az/notifications/unsubscribe/{token}/").status_code == 200
    assert DeliveryChoice.objects.get(user=executor).delivery == Delivery.NONE
    services.notify([services.Notice(executor.pk, Kind.REPORT_DUE, "later", "/")])
    assert mail.send_pending() == 2  # the two written before; none for the later one
    assert len(outbox.outbox) == 2


@pytest.mark.parametrize("forge", ["altered", "unsigned", "garbage"])
def test_a_forged_unsubscribe_link_is_refused_with_a_clear_page(client, executor, forge):
    token = mail.unsubscribe_token(executor.pk, [Kind.REPORT_DUE])
    forged = {
        "altered": mail.unsubscribe_token(executor.pk + 1, [Kind.REPORT_DUE]).split(":")[0]
        + ":"
        + token.split(":", 1)[1],
        "unsigned": mail.signing.dumps({"u": executor.pk, "k": ["report_due"]}),
        "garbage": "abc",
    }[forge]
    response = client.post(f"/az/notifications/unsubscribe/{forged}/")
    assert response.status_code == 400
    assert "Bu keçid işləmir" in response.content.decode()
    assert not DeliveryChoice.objects.exists()


def test_people_of_every_role_have_their_own_page(client, make_user, ministry, center):
    for role in Role.values:
        user = make_user(role, center if role != "executor" else ministry, email=f"{role}@x.test")
        client.force_login(user)
        assert client.get(LIST).status_code == 200
        assert client.get("/az/notifications/settings/").status_code == 200
