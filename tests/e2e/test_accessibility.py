"""Each role's main pages in real Chromium, at 1366 px and at 390 px, on the demo data:
nothing refused by the Content-Security-Policy,
no serious or critical axe-core violation (WCAG 2.1 A and AA), nothing scrolls sideways
on a phone, the current phase's first task is on a phone's first screen, and the menus
work from the keyboard and without JavaScript."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from consortia.models import Consortium
from monitoring.models import ProgressReport
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js").read_text()
WIDTHS = {"desk": (1366, 900), "phone": (390, 844)}
DEMO_PASSWORD = "alianza-demo"
ROLES = {
    "coordinator": "coordinator@demo.alianza.org",
    "facilitator": "facilitator@demo.alianza.org",
    "member": "member@demo.alianza.org",
    "official": "official.cr@demo.alianza.org",
    "registering official": "official.bccec@demo.alianza.org",  # with a draft candidate in progress
    "admin": "admin@demo.alianza.org",
}


@pytest.fixture
def demo(reference_data):
    call_command("load_demo", force=True, stdout=io.StringIO())
    delicia = Consortium.objects.get(name="Delicia Artesanal")
    draft = Consortium.objects.get(status=Consortium.Status.DRAFT, created_by__email=ROLES["registering official"])
    editable = ProgressReport.objects.filter(period__consortium=delicia, status__in=ProgressReport.EDITABLE).first()
    task = delicia.phases.get(number=1).tasks.order_by("order").first()
    firm = delicia.memberships.first().enterprise
    return {"delicia": delicia, "draft": draft, "editable": editable, "task": task, "firm": firm}


def pages_of(role: str, demo: dict) -> list[str]:
    delicia = demo["delicia"]
    pages = {
        "coordinator": [
            "/",
            "/reports/dashboard/",
            "/consortia/",
            "/consortia/review/",
            f"/consortia/{delicia.pk}/",
            "/reports/",
            f"/reports/{demo['editable'].pk}/",
            f"/reports/{demo['editable'].pk}/history/",
            f"/reports/consortium/{delicia.pk}/targets/export_sales/",
        ],
        "admin": ["/", "/reports/dashboard/", "/notifications/"],
        "facilitator": [
            "/",
            f"/consortia/{delicia.pk}/methodology/",
            f"/reports/{demo['editable'].pk}/edit/",
            f"/reports/consortium/{delicia.pk}/",
            "/notifications/",
        ],
        "member": [
            "/",
            f"/consortia/{delicia.pk}/methodology/",
            f"/tasks/{demo['task'].pk}/",
            "/tasks/mine/",
            "/notifications/preferences/",
            "/accounts/profile/",
        ],
        "official": ["/", "/consortia/new/", "/enterprises/", "/enterprises/new/", f"/enterprises/{demo['firm'].pk}/"],
        # The registration steps: details, members, review and submit.
        "registering official": [
            "/",
            f"/consortia/{demo['draft'].pk}/edit/",
            f"/consortia/{demo['draft'].pk}/",
            f"/consortia/{demo['draft'].pk}/members/add/",
            f"/consortia/{demo['draft'].pk}/submit/",
        ],
    }[role]
    return pages


def _password(email: str) -> None:
    from accounts.models import User

    user = User.objects.get(email=email)
    from accounts.tests.factories import PASSWORD

    user.set_password(PASSWORD)
    user.save(update_fields=["password"])


# Every Content-Security-Policy refusal the page meets, kept where the test can read it.
CSP_WATCH = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
    e => window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline")));"""


def serious_violations(page) -> list[str]:
    # Evaluated through the DevTools protocol, not as an inline <script> (which the CSP refuses).
    page.evaluate(AXE + "; undefined")
    violations = page.evaluate(
        """async () => {
            const result = await axe.run(document, {runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]});
            return result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
        }"""
    )
    return violations


@pytest.mark.parametrize("role", list(ROLES))
def test_main_pages_pass_axe_and_fit_a_phone(demo, live_server, browser, role):
    _password(ROLES[role])
    found = {}
    for width_name, (width, height) in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": height}, locale="es-ES")
        context.add_init_script(CSP_WATCH)
        page = context.new_page()
        sign_in(page, live_server.url, ROLES[role])
        for path in pages_of(role, demo):
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            page.wait_for_load_state("networkidle")  # htmx's deferred loads too
            problems = [f"CSP refused {what}" for what in page.evaluate("window.__csp")]
            problems += serious_violations(page)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if width_name == "phone" and overflow > 0:
                problems.append(f"scrolls sideways by {overflow} px")
            if problems:
                found[f"{width_name} {path}"] = problems
        context.close()
    assert found == {}


@pytest.mark.parametrize(
    ("email", "consortium"),
    [
        (ROLES["facilitator"], "Delicia Artesanal"),  # phase 4
        (ROLES["member"], "Delicia Artesanal"),
        ("manager.gapma@demo.alianza.org", "GAPMA – Grupo Asociativo de Productores de Maquinaria Agrícola"),  # phase 9
        ("manager.cotija@demo.alianza.org", "Queso Cotija Región de Origen"),  # phase 10
    ],
)
def test_on_a_phone_the_current_phase_first_task_is_on_the_first_screen(demo, live_server, browser, email, consortium):
    _password(email)
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(page, live_server.url, email)
    page.goto(f"{live_server.url}/consortia/{Consortium.objects.get(name=consortium).pk}/methodology/")
    first_task = page.locator("[data-current-phase] .task-row").first
    expect(first_task).to_be_visible()
    box = first_task.bounding_box()
    assert box["y"] + 40 <= 844, box  # its title line is above the fold


def test_the_menus_work_from_the_keyboard(demo, live_server, browser):
    _password(ROLES["member"])
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    sign_in(page, live_server.url, ROLES["member"])
    for _ in range(40):  # Tab along the page, as a keyboard user does, until the user menu
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "user-menu":
            break
    assert page.evaluate("document.activeElement.id") == "user-menu"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # a visible focus
    page.keyboard.press("Enter")
    expect(page.locator(".user-menu .dropdown-menu")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(".user-menu .dropdown-menu")).to_be_hidden()


def test_menu_language_switch_and_sign_out_work_without_javascript(demo, live_server, browser):
    _password(ROLES["member"])
    page = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False).new_page()
    sign_in(page, live_server.url, ROLES["member"])
    # The language switch: choose, then the button that only shows without JavaScript.
    page.select_option("#language-select", "pt")
    page.click("#language-form button[type=submit]")
    expect(page.locator("html")).to_have_attribute("lang", "pt")
    page.click("#user-menu")
    page.click(".user-menu form button[type=submit]")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    expect(page.locator("#id_username")).to_be_visible()


def test_a_searchable_select_finds_a_country_by_typing(demo, live_server, browser):
    _password(ROLES["official"])
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(page, live_server.url, ROLES["official"])
    page.goto(f"{live_server.url}/consortia/new/")
    control = page.locator("#id_target_markets-ts-control")
    control.click()
    control.fill("Hondu")
    expect(page.locator(".ts-dropdown .option")).to_have_count(1)  # not 250 rows from "Afghanistan"
    page.keyboard.press("Enter")
    assert page.evaluate("[...document.getElementById('id_target_markets').selectedOptions].map(o => o.value)") == [
        "HN"
    ]
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0
