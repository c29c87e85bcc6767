"""The demo member works on Delicia Artesanal's checklist in real Chromium."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from consortia import services as consortium_services
from consortia.tests.factories import ConsortiumFactory
from members.tests.factories import InstitutionFactory
from methodology.models import Task
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def delicia(reference_data):
    meic = InstitutionFactory(name="MEIC", acronym="MEIC", country="CR")
    official = UserFactory(email="official@example.org", institution=meic)
    coordinator = UserFactory(email="coordinator@example.org", is_coordinator=True, coordinator_countries=["CR"])
    facilitator = UserFactory(email="facilitator@example.org", full_name="Fernanda Facilitadora")
    consortium = ConsortiumFactory(name="Delicia Artesanal", created_by=official, sponsor=meic, members=3)
    consortium.facilitators.add(facilitator)
    UserFactory(
        email="member@example.org", full_name="Mario Miembro", enterprise=consortium.memberships.first().enterprise
    )
    consortium_services.consortium_submit(consortium=consortium, by=official)
    consortium_services.consortium_approve(consortium=consortium, by=coordinator)
    # Phase 1: three of four required tasks done; the last one is the member's.
    phase1 = consortium.phases.get(number=1)
    phase1.tasks.exclude(order=4).update(status=Task.Status.DONE, version=2)
    for done in phase1.tasks.exclude(order=4).filter(needs_evidence=True):
        done.evidence.create(link="https://example.org/study", name="Market study", uploaded_by=facilitator)
    phase1.tasks.filter(order=4).update(due_date=datetime.date(2026, 1, 1), needs_evidence=True)
    return consortium


def test_member_marks_done_uploads_comments_and_facilitator_signs_off(delicia, live_server, browser, tmp_path):
    base = live_server.url
    checklist = f"{base}/consortia/{delicia.pk}/methodology/"
    task = delicia.phases.get(number=1).tasks.get(order=4)
    phase1 = delicia.phases.get(number=1)

    member = browser.new_context().new_page()
    sign_in(member, base, "member@example.org")
    member.goto(f"{base}/consortia/{delicia.pk}/")
    member.click("#methodology-link")
    expect(member).to_have_url(checklist)
    row = member.locator(f"#task-{task.pk}")
    expect(row.locator(".overdue")).to_be_visible()
    progress = member.locator(f"#phase-progress-{phase1.pk} .phase-percent")
    expect(progress).to_have_text("75%")

    # A second person opens the same task's editor at the same time.
    other = browser.new_context().new_page()
    sign_in(other, base, "facilitator@example.org")
    other.goto(checklist)
    other.click(f"#task-{task.pk} .task-edit")
    expect(other.locator(f"#task{task.pk}-notes")).to_be_visible()

    # The task needs evidence: marking it done without any is refused, beside the status.
    row.locator(".task-edit").click()
    member.select_option(f"#task{task.pk}-status", "done")
    member.click(f"#task-{task.pk} button[type=submit]")
    expect(member.locator(f"#task-{task.pk}")).to_contain_text("This task needs evidence")
    expect(member.locator(f"#task-{task.pk}")).to_have_attribute("data-status", "todo")

    # The member attaches the minutes as a PDF and comments.
    minutes = tmp_path / "minutes.pdf"
    minutes.write_bytes(b"%PDF-1.4\n% minutes of the assembly\n")
    member.goto(checklist)
    member.click(f"#task-{task.pk} .task-title")
    member.set_input_files("#id_file", str(minutes))
    member.click("#attach")
    expect(member.locator("#evidence")).to_contain_text("minutes.pdf")
    member.fill("#id_body", "Minutes attached; the fee is US$15 a month.")
    member.click("#post-comment")
    expect(member.locator("#comments .comment")).to_contain_text("US$15 a month")

    # No reload: htmx swaps the row, says "Saved" in it, and moves the progress bar.
    member.goto(checklist)
    member.evaluate("window.__marker = 'same page'")
    expect(member.locator(f"#task-{task.pk}")).to_contain_text("1 file or link")
    member.click(f"#task-{task.pk} .task-edit")
    member.select_option(f"#task{task.pk}-status", "done")
    member.click(f"#task-{task.pk} button[type=submit]")
    expect(member.locator(f"#task-{task.pk}")).to_have_attribute("data-status", "done")
    expect(member.locator(f"#task-{task.pk} .saved")).to_have_text("Saved")
    expect(progress).to_have_text("100%")
    assert member.evaluate("window.__marker") == "same page"

    # The facilitator's editor still holds version 1: their edit is refused and they are told.
    other.fill(f"#task{task.pk}-notes", "Fee agreed at the assembly")
    other.click(f"#task-{task.pk} button[type=submit]")
    expect(other.locator(f"#task-{task.pk} .conflict")).to_contain_text("changed this task")
    expect(other.locator(f"#task-{task.pk}")).to_have_attribute("data-status", "done")
    assert Task.objects.get(pk=task.pk).notes == ""

    # The facilitator signs phase 1 off after confirming; phase 2 becomes current and opens.
    other.goto(checklist)
    other.click("#phase-1 .sign-off")
    expect(other.locator("h1")).to_contain_text("Sign off phase 1")
    phase1.refresh_from_db()
    assert phase1.signed_off_at is None
    other.click("#confirm-sign-off")
    expect(other).to_have_url(checklist)
    expect(other.locator(".alert-success")).to_contain_text("Phase 1 was signed off.")
    expect(other.locator("#phase-1 .signed-off")).to_be_visible()
    expect(other.locator("[data-current-phase]")).to_have_attribute("id", "phase-2")
    expect(other.locator("#phase-2 > details")).to_have_attribute("open", "")
    expect(other.locator("#activity")).to_contain_text("Fernanda Facilitadora")
    # Phase 1 is folded; opening it loads its tasks.
    expect(other.locator(f"#task-{task.pk}")).to_have_count(0)
    other.click("#phase-1 summary")
    expect(other.locator(f"#task-{task.pk}")).to_have_attribute("data-status", "done")
    phase1.refresh_from_db()
    assert phase1.signed_off_at is not None
    assert task.evidence.count() == 1
    assert task.comments.count() == 1
