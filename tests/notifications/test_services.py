"""Notices written once, in bulk, read in each language; e-mailed once, at once or in a digest."""

import datetime

import pytest
from django.core import mail as outbox
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koordinat.accounts.models import Role, User
from koordinat.core import clock
from koordinat.core.models import AuditEvent
from koordinat.notifications import mail, services
from koordinat.notifications.kinds import Delivery, Kind
from koordinat.notifications.models import Notification
from koordinat.notifications.services import Notice


def test_the_same_notice_is_written_once(executor, notice):
    services.notify([notice(executor), notice(executor)])
    services.notify([notice(executor)])
    assert Notification.objects.filter(recipient=executor).count() == 1


def test_notify_writes_many_in_constant_queries_per_batch(make_user, ministry, notice):
    users = [make_user(Role.EXECUTOR, ministry, email=f"e{n}@koordinat.test") for n in range(20)]

    def notices(count):
        return (notice(users[n % 20], key=f"k{n}") for n in range(count))

    # One INSERT a batch on PostgreSQL; SQLite takes at most 999 parameters a statement (10 a row).
    per_insert = 1000 if connection.vendor == "postgresql" else 999 // 10

    def inserts(rows):
        return -(-rows // per_insert)

    with CaptureQueriesContext(connection) as one_batch:
        services.notify(notices(100), batch_size=1000)
    with CaptureQueriesContext(connection) as three_batches:
        services.notify(notices(2500), batch_size=1000)
    assert len(one_batch.captured_queries) == 2 + inserts(100)  # recipients, their choices, the rows
    assert len(three_batches.captured_queries) == 3 * 2 + 2 * inserts(1000) + inserts(500)
    assert Notification.objects.count() == 2500


def test_a_notice_reads_in_the_readers_language(executor, notice):
    services.notify([notice(executor)])
    row = Notification.objects.get()
    assert row.text("az") == "CTRL-1 1.1 üzrə hesabatın təqdim edilmə tarixi: 10 aprel 2026."
    assert row.text("ru") == "Срок представления отчёта по CTRL-1 1.1 — 10 апреля 2026 г."
    # English falls back to the Azerbaijani text of the item.
    assert row.text("en") == "The report on CTRL-1 1.1 is due on 10 April 2026."


def test_the_mail_of_a_notice_follows_the_persons_choice(executor, notice):
    services.settings_save(
        actor=executor,
        language="az",
        deliveries={Kind.REPORT_DUE: Delivery.NONE, Kind.REPORT_RETURNED: "digest"},
    )
    services.notify(
        [
            notice(executor, key="a"),
            notice(executor, key="b", kind=Kind.REPORT_RETURNED),
            Notice(recipient_id=executor.pk, kind=Kind.REPORT_DUE, key="c", target="/", escalation=True),
            Notice(recipient_id=executor.pk, kind=Kind.REPORT_OVERDUE, key="d", target="/"),
        ]
    )
    assert dict(Notification.objects.values_list("key", "mail")) == {
        "a": "none",
        "b": "digest",
        "c": "immediate",  # an escalation cannot be switched off
        "d": "immediate",  # no choice: at once
    }


def test_escalations_cannot_be_switched_off(executor):
    with pytest.raises(services.ValidationError):
        services.settings_save(actor=executor, language="az", deliveries={Kind.ESCALATION: Delivery.NONE})
    with pytest.raises(services.ValidationError):
        services.unsubscribe(user=executor, kind=Kind.ESCALATION)


def test_each_notice_is_mailed_once_in_the_recipients_language(executor, notice):
    User.objects.filter(pk=executor.pk).update(language="ru")
    services.notify([notice(executor)])
    assert mail.send_pending() == 1
    assert mail.send_pending() == 0  # run again: nothing twice
    [message] = outbox.outbox
    assert message.to == [executor.email]
    assert message.subject == "Koordinat: Отчёт к сроку"
    assert "Срок представления отчёта по CTRL-1 1.1 — 10 апреля 2026 г." in message.body
    assert "http://127.0.0.1:8000/ru/control/items/1/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="http://127.0.0.1:8000/ru/control/items/1/"' in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://127.0.0.1:8000/ru/notifications/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.get().emailed_at is not None


def test_a_claimed_notice_is_not_mailed_by_a_second_run(executor, notice):
    """Another worker claimed it (emailed_at set) before this run: it is not sent again."""
    services.notify([notice(executor)])
    Notification.objects.update(emailed_at=clock.now())
    assert mail.send_pending() == 0
    assert outbox.outbox == []


def test_a_person_without_an_address_gets_notices_but_no_mail(executor, observer, notice):
    User.objects.filter(pk=executor.pk).update(email="")
    User.objects.filter(pk=observer.pk).update(is_active=False)
    services.notify([notice(executor), notice(observer)])
    assert Notification.objects.filter(recipient=executor).exists()
    assert set(Notification.objects.values_list("mail", flat=True)) == {"none"}
    assert mail.send_pending() == 0
    assert outbox.outbox == []


def test_sending_queries_stay_constant_per_batch(make_user, ministry, notice):
    users = [make_user(Role.EXECUTOR, ministry, email=f"m{n}@koordinat.test") for n in range(5)]
    services.notify(notice(users[n % 5], key=f"k{n}") for n in range(30))
    with CaptureQueriesContext(connection) as captured:
        assert mail.send_pending(batch_size=10) == 30
    # three batches of (select for update, update) and the empty claim that ends the run
    assert len([q for q in captured.captured_queries if "notifications_notification" in q["sql"]]) == 7


def test_the_daily_digest_is_one_mail_per_person_and_day(executor, coordinator, notice, settings):
    for user in (executor, coordinator):
        services.settings_save(actor=user, language="en", deliveries={Kind.REPORT_DUE: Delivery.DIGEST})
    services.notify([notice(executor, key="a"), notice(executor, key="b"), notice(coordinator, key="a")])
    Notification.objects.filter(recipient=coordinator).update(
        created_at=clock.now() - datetime.timedelta(days=1)
    )
    today = clock.today()
    assert mail.send_digests(day=today - datetime.timedelta(days=1)) == 1  # the coordinator's, of yesterday
    assert outbox.outbox[0].to == [coordinator.email]
    assert mail.send_digests(day=today) == 1
    assert mail.send_digests(day=today) == 0  # idempotent for the day
    message = outbox.outbox[1]
    assert message.to == [executor.email]
    assert message.body.count("The report on CTRL-1 1.1 is due on 10 April 2026.") == 2
    assert mail.send_pending() == 0  # digests are never sent at once


def test_a_digest_takes_what_an_earlier_run_missed(executor, notice):
    services.settings_save(actor=executor, language="az", deliveries={Kind.REPORT_DUE: Delivery.DIGEST})
    services.notify([notice(executor)])
    Notification.objects.update(created_at=clock.now() - datetime.timedelta(days=3))
    assert mail.send_digests(day=clock.today()) == 1


def test_unsubscribe_tokens_are_signed(executor):
    token = mail.unsubscribe_token(executor.pk, [Kind.REPORT_DUE])
    assert mail.read_unsubscribe_token(token) == (executor.pk, [Kind.REPORT_DUE])
    with pytest.raises(mail.signing.BadSignature):
        mail.read_unsubscribe_token(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    with pytest.raises(mail.signing.BadSignature):
        mail.read_unsubscribe_token(mail.signing.dumps({"u": executor.pk, "k": ["report_due"]}))  # no salt


def test_marking_read_is_audited_and_only_for_the_recipient(executor, other_executor, notice):
    services.notify([notice(executor), notice(executor, key="k2")])
    first = Notification.objects.order_by("pk").first()
    with pytest.raises(services.audit.Refusal):
        services.mark_read(actor=other_executor, notification=first)
    assert Notification.objects.unread().count() == 2
    services.mark_read(actor=executor, notification=first)
    assert services.mark_all_read(actor=executor) == 1
    assert Notification.objects.unread().count() == 0
    actions = list(
        AuditEvent.objects.filter(action__startswith="notification.").values_list("action", "outcome")
    )
    assert actions == [
        ("notification.read", "refused"),
        ("notification.read", "success"),
        ("notification.read_all", "success"),
    ]


def test_calendar_tokens_are_kept_as_digests(executor):
    token = services.calendar_token_renew(actor=executor)
    stored = services.CalendarToken.objects.get(user=executor)
    assert token not in stored.digest
    assert stored.digest == services.calendar_digest(token)
    assert services.calendar_token_revoke(actor=executor)
    assert not services.calendar_token_revoke(actor=executor)
