"""The bell, the inbox and the e-mail settings, in real Chromium, in Spanish."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, UserFactory
from notifications import delivery
from notifications.models import Notification
from notifications.services import notify

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_reads_a_notice_from_the_bell_and_stops_its_emails(reference_data, live_server, browser):
    base = live_server.url
    marta = UserFactory(email="marta@example.org", full_name="Marta Miembro", preferred_language="es")
    notify(
        recipient=marta,
        kind="task_assigned",
        dedup_key="journey:1",
        subject="Tarea asignada: Definir la marca colectiva",
        body="Fiona le asignó esta tarea.",
        url="/tasks/mine/",
    )

    page = browser.new_context().new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "marta@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    expect(page.locator("#unread-count")).to_have_text("1")

    page.click("#bell")
    expect(page.locator("h1")).to_have_text("Notificaciones")
    page.click("text=Tarea asignada: Definir la marca colectiva")
    expect(page).to_have_url(f"{base}/tasks/mine/")
    expect(page.locator("#unread-count")).to_have_count(0)

    page.goto(f"{base}/notifications/")
    page.click("#settings")
    expect(page.locator("h1")).to_have_text("Configuración de notificaciones")
    page.get_by_label("Se le asignó una tarea").uncheck()
    page.click("#preferences button[type=submit]")
    expect(page.locator(".alert")).to_contain_text("Su configuración de notificaciones se guardó.")
    expect(page.get_by_label("Se le asignó una tarea")).not_to_be_checked()
    expect(page.get_by_label("Recordatorios de informes")).to_be_checked()

    # The next assignment is in the inbox, and no e-mail goes out for it.
    later = notify(
        recipient=marta, kind="task_assigned", dedup_key="journey:2", subject="Otra tarea", body="…", url="/tasks/mine/"
    )
    assert later.email is False
    delivery.deliver_pending()
    assert [m.subject for m in mail.outbox] == ["[Alianza] Tarea asignada: Definir la marca colectiva"]
    assert Notification.objects.filter(recipient=marta).count() == 2
