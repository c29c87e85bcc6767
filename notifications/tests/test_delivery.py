from __future__ import annotations

import datetime
import re
import threading

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from consortia import services as consortium_services
from core.testing import celery_broker, count_queries
from notifications import delivery
from notifications.models import Notification, Preference
from notifications.services import Notice, notify, notify_many, preference_update
from notifications.tests.backends import FlakyBackend

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)


def a_notice(recipient, key="k1", kind="task_assigned", url="/tasks/mine/"):
    return notify(
        recipient=recipient, kind=kind, dedup_key=key, subject="A task for you", body="Plan the fair.", url=url
    )


def test_a_notice_is_emailed_in_the_recipients_language_with_text_html_and_a_link(mia, settings):
    settings.SITE_URL = "https://alianza.example.org"
    mia.preferred_language = "es"
    mia.save()
    notice = a_notice(mia)
    assert delivery.deliver_pending() == {"sent": 1, "failed": 0}
    [email] = mail.outbox
    assert email.to == ["mia@example.org"]
    assert email.subject == "[Alianza] A task for you"
    assert "Hola Mia Member," in email.body
    assert "https://alianza.example.org/tasks/mine/" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="https://alianza.example.org/tasks/mine/"' in html
    assert "Ábralo en Alianza" in html
    notice.refresh_from_db()
    assert notice.sent_at is not None
    assert notice.attempts == 1
    assert notice.last_error == ""


def test_the_api_says_whether_and_when_a_notice_was_emailed(mia):
    from rest_framework.test import APIClient

    a_notice(mia)
    delivery.deliver_pending()
    api = APIClient()
    api.force_authenticate(mia)
    [row] = api.get("/api/v1/notifications/").json()["results"]
    assert row["email"] is True
    assert row["sent_at"] is not None


def test_a_sent_notice_is_never_sent_again(mia):
    notice = a_notice(mia)
    assert delivery.deliver(notice.pk) is True
    assert delivery.deliver(notice.pk) is False
    assert delivery.deliver_pending() == {"sent": 0, "failed": 0}
    assert len(mail.outbox) == 1


def test_the_notice_is_queued_for_delivery_once_committed(mia, django_capture_on_commit_callbacks):
    with celery_broker("memory://") as app, app.connection_for_read() as conn:
        queue = conn.SimpleQueue("celery")
        queue.clear()
        with django_capture_on_commit_callbacks(execute=True):
            notice = a_notice(mia)
        message = queue.get(timeout=2)
        assert message.headers["task"] == "notifications.deliver"
        assert message.headers["argsrepr"] == f"({notice.pk},)"
        message.ack()
        queue.close()


def test_smtp_failure_is_recorded_retried_with_backoff_and_sent_once(mia, settings):
    settings.EMAIL_BACKEND = "notifications.tests.backends.FlakyBackend"
    FlakyBackend.failures = 2
    notice = a_notice(mia)
    with time_machine.travel(NOW, tick=False):
        assert delivery.deliver_pending() == {"sent": 0, "failed": 1}
    notice.refresh_from_db()
    assert notice.attempts == 1
    assert notice.sent_at is None
    assert notice.claimed_at is None
    assert notice.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert notice.next_attempt_at == NOW + datetime.timedelta(minutes=1)

    # Within the backoff nothing is tried; after it, the second attempt fails and waits twice as long.
    with time_machine.travel(NOW + datetime.timedelta(seconds=30), tick=False):
        assert delivery.deliver_pending() == {"sent": 0, "failed": 0}
    with time_machine.travel(NOW + datetime.timedelta(minutes=1), tick=False):
        assert delivery.deliver_pending() == {"sent": 0, "failed": 1}
    notice.refresh_from_db()
    assert notice.attempts == 2
    assert notice.next_attempt_at == NOW + datetime.timedelta(minutes=3)

    # SMTP is back: sent once, and the error is cleared.
    with time_machine.travel(NOW + datetime.timedelta(minutes=3), tick=False):
        assert delivery.deliver_pending() == {"sent": 1, "failed": 0}
        assert delivery.deliver_pending() == {"sent": 0, "failed": 0}
    notice.refresh_from_db()
    assert notice.attempts == 3
    assert notice.sent_at is not None
    assert notice.last_error == ""
    assert len(mail.outbox) == 1


def test_backoff_doubles_up_to_six_hours():
    assert [delivery.backoff(n).total_seconds() / 60 for n in range(1, 6)] == [1, 2, 4, 8, 16]
    assert delivery.backoff(20) == datetime.timedelta(hours=6)


def test_the_sweep_gives_up_after_max_attempts_and_the_admin_can_resend(mia, ada, client, settings):
    settings.EMAIL_BACKEND = "notifications.tests.backends.FlakyBackend"
    FlakyBackend.failures = 0
    notice = a_notice(mia)
    Notification.objects.filter(pk=notice.pk).update(attempts=delivery.MAX_ATTEMPTS, last_error="SMTP said no")
    assert delivery.deliver_pending() == {"sent": 0, "failed": 0}

    client.force_login(ada)
    listing = client.get("/admin/notifications/notification/?delivery=given_up")
    assert "A task for you" in listing.content.decode()
    response = client.post(
        "/admin/notifications/notification/", {"action": "resend", "_selected_action": [notice.pk]}, follow=True
    )
    assert "1 notification will be e-mailed again." in response.content.decode()
    assert delivery.deliver_pending() == {"sent": 1, "failed": 0}
    assert len(mail.outbox) == 1


def test_a_claim_abandoned_by_a_killed_worker_is_taken_over_once_it_is_stale(mia):
    notice = a_notice(mia)
    # A worker claimed the row and died before sending.
    Notification.objects.filter(pk=notice.pk).update(claimed_at=NOW, attempts=1)
    with time_machine.travel(NOW + delivery.CLAIM_TIMEOUT - datetime.timedelta(seconds=1), tick=False):
        assert delivery.deliver_pending() == {"sent": 0, "failed": 0}
    with time_machine.travel(NOW + delivery.CLAIM_TIMEOUT + datetime.timedelta(seconds=1), tick=False):
        assert delivery.deliver_pending() == {"sent": 1, "failed": 0}
        assert delivery.deliver_pending() == {"sent": 0, "failed": 0}
    assert len(mail.outbox) == 1


def test_broker_down_the_page_still_succeeds_and_the_sweep_sends_later(
    client, candidate, olga, cora, django_capture_on_commit_callbacks
):
    client.force_login(olga)
    with celery_broker("redis://127.0.0.1:9/0"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/consortia/{candidate.pk}/submit/")
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == "submitted"
    waiting = Notification.objects.get(recipient=cora)
    assert waiting.sent_at is None
    assert mail.outbox == []
    assert delivery.deliver_pending() == {"sent": 1, "failed": 0}
    assert [m.to for m in mail.outbox] == [["cora@example.org"]]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks (set DATABASE_URL)")
def test_two_workers_sweeping_at_once_send_each_notice_once(reference_data):
    from accounts.tests.factories import UserFactory

    people = [UserFactory() for _ in range(40)]
    notify_many([Notice(p, "digest", f"d:{p.pk}", "Digest", "Body") for p in people])
    start = threading.Barrier(2)
    results = []

    def sweep():
        try:
            start.wait()
            results.append(delivery.deliver_pending(batch=7))
        finally:
            connection.close()

    workers = [threading.Thread(target=sweep) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sum(r["sent"] for r in results) == 40
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert Notification.objects.filter(sent_at__isnull=True).count() == 0


def test_kinds_turned_off_stay_in_the_inbox_without_email(mia):
    preference_update(user=mia, email_kinds=["report_reminder"], digest=True)
    notice = a_notice(mia, kind="task_assigned")
    assert notice.email is False
    assert delivery.deliver_pending() == {"sent": 0, "failed": 0}
    assert Notification.objects.for_user(mia).count() == 1
    assert mail.outbox == []


def test_no_digest_for_someone_who_turned_it_off(cora, pierre):
    preference_update(user=cora, email_kinds=[], digest=False)
    created = notify_many(
        [
            Notice(cora, "digest", "digest:cora", "Digest", "Body"),
            Notice(pierre, "digest", "digest:pierre", "Digest", "Body"),
        ]
    )
    assert created == 1
    assert list(Notification.objects.values_list("recipient__email", flat=True)) == ["pierre@example.org"]


def test_notify_many_creates_each_key_once_however_often_it_runs(mia, fiona):
    notices = [Notice(mia, "digest", "x:mia", "S", "B"), Notice(fiona, "digest", "x:fiona", "S", "B")]
    assert notify_many(notices) == 2
    assert notify_many(notices) == 0
    assert Notification.objects.count() == 2


def test_preferences_page_saves_my_choices_only(client, mia, fiona):
    client.force_login(mia)
    page = client.get("/notifications/preferences/").content.decode()
    assert "Report reminders" in page
    assert "Send me the weekly digest" in page
    response = client.post("/notifications/preferences/", {"email_kinds": ["report_reminder", "report_overdue"]})
    assert response.status_code == 302
    saved = Preference.objects.get(user=mia)
    assert not saved.digest
    assert not saved.wants_email("task_assigned")
    assert saved.wants_email("report_overdue")
    assert not Preference.objects.filter(user=fiona).exists()
    form = client.get("/notifications/preferences/").context["form"]
    assert form.initial == {"email_kinds": ["report_reminder", "report_overdue"], "digest": False}


def test_preferences_page_names_an_unknown_kind(client, mia):
    client.force_login(mia)
    response = client.post("/notifications/preferences/", {"email_kinds": ["fax"], "digest": "on"})
    assert response.status_code == 200
    assert "Select a valid choice. fax is not one of the available choices." in response.content.decode()
    assert not Preference.objects.filter(user=mia).exists()


def test_preferences_page_needs_a_signed_in_person(client):
    response = client.get("/notifications/preferences/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_run_job_runs_a_job_by_name_and_names_the_choices_when_wrong(mia, capsys):
    a_notice(mia)
    call_command("run_job", "deliver-pending")
    assert "deliver-pending: {'sent': 1, 'failed': 0}" in capsys.readouterr().out
    with pytest.raises(
        CommandError,
        match=re.escape("No job named 'remind'. Choose one of: refresh-figures, open-periods, report-reminders"),
    ):
        call_command("run_job", "remind")


def test_event_notice_reaches_the_outbox_after_the_sweep(candidate, olga, cora, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        consortium_services.consortium_submit(consortium=candidate, by=olga)
    delivery.deliver_pending()
    [email] = mail.outbox
    assert email.to == ["cora@example.org"]
    assert "Delicia Test was submitted for review" in email.subject
    assert timezone.now() - Notification.objects.get().sent_at < datetime.timedelta(minutes=1)


def test_the_delivery_task_retries_after_an_smtp_failure_and_sends_once(mia, settings):
    from notifications.tasks import deliver_notification

    settings.EMAIL_BACKEND = "notifications.tests.backends.FlakyBackend"
    FlakyBackend.failures = 2
    notice = a_notice(mia)
    result = deliver_notification.apply(args=[notice.pk])  # run here; its retries run here too, at once
    assert result.successful()
    assert result.get() is True
    notice.refresh_from_db()
    assert notice.attempts == 3
    assert notice.sent_at is not None
    assert len(mail.outbox) == 1
    assert deliver_notification.apply(args=[notice.pk]).get() is False
    assert len(mail.outbox) == 1


def test_a_failing_notice_never_turns_a_saved_change_into_an_error(mia, fiona, django_capture_on_commit_callbacks):
    from notifications.services import notify_on_commit

    def broken():
        raise KeyError("name")

    with django_capture_on_commit_callbacks(execute=True):
        notify_on_commit(recipient=mia, kind="task_assigned", dedup_key="broken", subject=broken, body="b")
        notify_on_commit(recipient=fiona, kind="task_assigned", dedup_key="fine", subject="Fine", body="b")
    assert list(Notification.objects.values_list("dedup_key", flat=True)) == ["fine"]


def test_api_preferences_are_my_own_and_name_a_wrong_kind(mia, fiona, charlie):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(mia)
    every_kind = [k for k in Notification.Kind.values if k != "digest"]
    assert api.get("/api/v1/notifications/preferences/").json() == {"email_kinds": every_kind, "digest": True}
    saved = api.put(
        "/api/v1/notifications/preferences/", {"email_kinds": ["report_overdue"], "digest": False}, format="json"
    )
    assert saved.status_code == 200
    assert saved.json() == {"email_kinds": ["report_overdue"], "digest": False}
    assert Preference.objects.get(user=mia).wants_email("report_overdue")
    assert not Preference.objects.filter(user=fiona).exists()

    wrong = api.put("/api/v1/notifications/preferences/", {"email_kinds": ["fax"], "digest": True}, format="json")
    assert wrong.status_code == 400
    assert wrong.json() == {"email_kinds": {"0": ['"fax" is not a valid choice.']}}
    assert not Preference.objects.get(user=mia).digest

    anonymous = APIClient().get("/api/v1/notifications/preferences/")
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == "Token"


def test_emails_carry_an_unsubscribe_link_to_the_settings(mia, settings):
    settings.SITE_URL = "https://alianza.example.org"
    a_notice(mia)
    delivery.deliver_pending()
    assert (
        mail.outbox[0].extra_headers["List-Unsubscribe"] == "<https://alianza.example.org/notifications/preferences/>"
    )


def test_every_attempt_at_one_notice_carries_the_same_message_id(mia, settings):
    settings.SITE_URL = "https://alianza.example.org"
    notice = a_notice(mia)
    delivery.deliver_pending()
    delivery.resend(Notification.objects.filter(pk=notice.pk))
    delivery.deliver_pending()
    ids = [m.message()["Message-ID"] for m in mail.outbox]
    assert ids == [f"<notification.{notice.pk}@alianza.example.org>"] * 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's locks (set DATABASE_URL)")
def test_two_workers_creating_the_same_notices_report_the_rows_really_inserted(reference_data):
    from accounts.tests.factories import UserFactory
    from core.testing import run_together

    people = [UserFactory() for _ in range(30)]
    for round_number in range(5):
        notices = [Notice(p, "digest", f"r{round_number}:{p.pk}", "Digest", "Body") for p in people]
        counts = run_together(lambda n=notices: notify_many(n), lambda n=notices: notify_many(n))
        assert sorted(counts) == [0, 30], counts
        assert Notification.objects.filter(dedup_key__startswith=f"r{round_number}:").count() == 30


def test_the_sweep_records_each_email_as_the_server_accepts_it(mia):
    def sweep_of(count: int, start: int) -> int:
        for n in range(start, start + count):
            a_notice(mia, key=f"bulk-{n}")
        queries = count_queries(delivery.deliver_pending)
        assert Notification.objects.filter(sent_at__isnull=True).count() == 0
        return queries

    few = sweep_of(3, 0)
    many = sweep_of(40, 100)
    # A claim per batch and the read that finds none left, then one update per accepted e-mail:
    # a worker killed mid-batch can have sent at most the one message in flight unrecorded.
    assert many - few == 40 - 3
    assert len(mail.outbox) == 3 + 40
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == len(mail.outbox)


def test_when_the_server_goes_down_the_untried_rest_of_the_batch_is_left_unclaimed(mia, settings, monkeypatch):
    for n in range(6):
        a_notice(mia, key=f"down-{n}")
    settings.EMAIL_BACKEND = "notifications.tests.backends.FlakyBackend"
    monkeypatch.setattr(FlakyBackend, "failures", 100)
    assert delivery.deliver_pending() == {"sent": 0, "failed": delivery.GIVE_UP_AFTER_FAILURES}
    rest = Notification.objects.order_by("pk")[delivery.GIVE_UP_AFTER_FAILURES :]
    assert [(n.attempts, n.claimed_at) for n in rest] == [(0, None)] * (6 - delivery.GIVE_UP_AFTER_FAILURES)


def test_a_worker_killed_mid_batch_sends_only_the_message_in_flight_twice(mia, settings, monkeypatch):
    from notifications.tests.backends import KilledAfterAcceptBackend, WorkerKilled

    for n in range(10):
        a_notice(mia, key=f"killed-{n}")
    settings.EMAIL_BACKEND = "notifications.tests.backends.KilledAfterAcceptBackend"
    monkeypatch.setattr(KilledAfterAcceptBackend, "die_after", 5)
    monkeypatch.setattr(KilledAfterAcceptBackend, "accepted", 0)
    with pytest.raises(WorkerKilled):
        delivery.deliver_pending()
    assert Notification.objects.filter(sent_at__isnull=False).count() == 4  # the fifth was in flight
    with time_machine.travel(timezone.now() + delivery.CLAIM_TIMEOUT + datetime.timedelta(minutes=1)):
        assert delivery.deliver_pending() == {"sent": 6, "failed": 0}
    ids = [m.extra_headers["Message-ID"] for m in mail.outbox]
    assert len(ids) == 11
    twice = {i for i in ids if ids.count(i) > 1}
    assert len(twice) == 1  # one message, and it carries the same Message-ID both times


def test_deactivated_people_are_not_emailed(mia, fiona):
    a_notice(mia, key="to-mia")
    a_notice(fiona, key="to-fiona")
    mia.is_active = False
    mia.save()
    assert delivery.deliver_pending() == {"sent": 1, "failed": 0}
    assert [m.to for m in mail.outbox] == [["fiona@example.org"]]
    assert delivery.deliver(Notification.objects.get(dedup_key="to-mia").pk) is False
    kept = Notification.objects.get(dedup_key="to-mia")
    assert (kept.sent_at, kept.email) == (None, False)  # still in the inbox, in case they come back
    assert a_notice(mia, key="later") is None  # nothing new is written to a deactivated person


def test_a_deactivation_between_writing_and_sending_is_not_emailed(mia, fiona):
    a_notice(mia, key="to-mia")
    a_notice(fiona, key="to-fiona")
    type(mia).objects.filter(pk=mia.pk).update(is_active=False)  # no save(): a bulk change in the admin
    assert delivery.deliver_pending() == {"sent": 1, "failed": 0}
    assert [m.to for m in mail.outbox] == [["fiona@example.org"]]


def test_read_notices_older_than_the_retention_are_pruned(mia, settings):
    settings.NOTICE_RETENTION_DAYS = 90
    old = timezone.now() - datetime.timedelta(days=91)
    for key, read in (("old-read", True), ("old-unread", False), ("new-read", True)):
        a_notice(mia, key=key)
        Notification.objects.filter(dedup_key=key).update(read_at=timezone.now() if read else None)
    Notification.objects.filter(dedup_key__startswith="old").update(created_at=old)
    assert delivery.prune_read_notices() == 1
    assert set(Notification.objects.values_list("dedup_key", flat=True)) == {"old-unread", "new-read"}
