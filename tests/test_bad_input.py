"""Bad input anywhere gets a 4xx naming the field and the fix, never a 500; nothing saved changes."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from consortia.models import Consortium
from core.testing import api, signed_in
from members.models import Enterprise
from members.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("next_url", ["-1", "hello", "https://evil.example/", "//evil.example/", ""])
def test_the_language_switcher_never_fails_and_stays_on_this_site(client, charlie, next_url):
    response = signed_in(client, charlie).post("/accounts/language/", {"language": "es", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_language_switcher_goes_back_to_a_local_page(client, charlie):
    response = signed_in(client, charlie).post("/accounts/language/", {"language": "fr", "next": "/consortia/?page=2"})
    assert response.status_code == 302
    assert response["Location"] == "/consortia/?page=2"


def test_options_on_notification_preferences_describes_the_form(charlie):
    response = api(charlie).options("/api/v1/notifications/preferences/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/admin/members/enterprise/",
        "/admin/members/enterprise/add/",
        "/admin/consortia/consortium/",
        "/admin/consortia/consortium/add/",
        "/admin/methodology/task/add/",
    ],
)
def test_a_staff_official_without_admin_permissions_is_refused_not_a_500(client, olga, url):
    olga.is_staff = True
    olga.save()
    response = signed_in(client, olga).get(url)
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "Delicias\r\nDoña Ana", "Write this on one line"),
        ("region", "San José\nCentro", "Write this on one line"),
        ("phone", "2222\n3333", "Write this on one line"),
        ("tax_id", "3-101\r99", "Write this on one line"),
        ("website", "ftp://files.example.org/", "starts with http:// or https://"),
        ("website", "javascript:alert(1)", "Enter a valid URL"),
    ],
)
def test_enterprise_api_refuses_bad_single_line_fields_and_urls(olga, field, value, message):
    firm = EnterpriseFactory(country="CR", name="Delicias", phone="2222")
    response = api(olga).patch(f"/api/v1/enterprises/{firm.pk}/", {field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert message in " ".join(response.json()[field])
    assert Enterprise.objects.get(pk=firm.pk).name == "Delicias"


def test_a_full_name_with_a_line_break_is_refused_on_the_profile(client, charlie):
    response = signed_in(client, charlie).post(
        "/accounts/profile/", {"full_name": "Charlie\r\nNobody", "preferred_language": "en"}
    )
    assert response.status_code == 200
    assert "Write this on one line" in response.content.decode()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1850-06-01"])
def test_established_outside_a_sensible_range_is_refused(client, candidate, olga, day):
    response = signed_in(client, olga).post(
        f"/consortia/{candidate.pk}/edit/",
        {"name": candidate.name, "kind": "export", "function": "promotional", "country": "CR", "established": day},
    )
    assert response.status_code == 200
    assert "Enter a date from" in response.content.decode()
    assert Consortium.objects.get(pk=candidate.pk).established is None


def test_established_out_of_range_in_the_api_names_the_field(candidate, olga):
    response = api(olga).patch(f"/api/v1/consortia/{candidate.pk}/", {"established": "0001-01-01"}, format="json")
    assert response.status_code == 400
    assert "established" in response.json()


def test_a_task_due_date_out_of_range_is_refused(active, fiona):
    from methodology.models import Task

    task = Task.objects.filter(phase__consortium=active).first()
    response = api(fiona).patch(
        f"/api/v1/tasks/{task.pk}/", {"due_date": "9999-12-31", "version": task.version}, format="json"
    )
    assert response.status_code == 400
    assert "due_date" in response.json()
    assert Task.objects.get(pk=task.pk).due_date is None


def test_a_custom_task_title_with_a_line_break_is_refused(client, active, fiona):
    phase = active.phases.get(number=1)
    response = signed_in(client, fiona).post(f"/phases/{phase.pk}/tasks/new/", {"title": "Book\r\nthe fair"})
    assert response.status_code == 200
    assert "Write this on one line" in response.content.decode()
    assert not phase.tasks.filter(custom_title__contains="fair").exists()


def test_an_evidence_file_name_over_255_characters_is_refused(client, active, mia):
    from methodology.models import Task

    task = Task.objects.filter(phase__consortium=active).first()
    upload = SimpleUploadedFile("a" * 300 + ".pdf", b"%PDF-1.4 long", content_type="application/pdf")
    response = signed_in(client, mia).post(f"/tasks/{task.pk}/evidence/", {"file": upload})
    assert response.status_code == 400
    assert "The file name is too long (255 characters or more)" in response.content.decode()
    assert not task.evidence.exists()


def _overdue_export(client, cora, fmt):
    return signed_in(client, cora).get(f"/reports/dashboard/overdue.{fmt}")


def test_exports_keep_formula_like_names_as_text(client, cora, olga, meic):
    import datetime

    import time_machine

    from consortia import services

    candidate = Consortium.objects.create(
        name="=1+1", country="CR", products="x", created_by=olga, sponsor=meic, status=Consortium.Status.DRAFT
    )
    from consortia.tests.factories import MembershipFactory
    from members.tests.factories import SectorFactory

    candidate.sectors.add(SectorFactory())
    for _ in range(3):
        MembershipFactory(consortium=candidate, enterprise__country="CR")
    with time_machine.travel(datetime.date(2025, 1, 1)):
        services.consortium_submit(consortium=candidate, by=olga)
        services.consortium_approve(consortium=candidate, by=cora)
    from monitoring.services import open_due_periods

    open_due_periods(consortia=Consortium.objects.filter(pk=candidate.pk))
    rows = list(csv.reader(io.StringIO(_overdue_export(client, cora, "csv").content.decode())))
    assert [row[0] for row in rows[1:] if row[0].endswith("=1+1")][:1] == ["'=1+1"]
    sheet = load_workbook(io.BytesIO(_overdue_export(client, cora, "xlsx").content)).active
    names = [cell.value for cell in sheet["A"][1:]]
    assert "=1+1" in names
    cell = next(cell for cell in sheet["A"][1:] if cell.value == "=1+1")
    assert cell.data_type == "s"
