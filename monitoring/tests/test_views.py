from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from consortia.tests.factories import ConsortiumFactory
from core.testing import api, count_queries, signed_in
from monitoring import services
from monitoring.models import ProgressReport
from monitoring.services import open_due_periods

pytestmark = pytest.mark.django_db


def form(report, values, **narrative):
    """What the report page posts: the values, the narrative and the version the page was opened at."""
    version = ProgressReport.objects.get(pk=report.pk).version
    return {"version": version, **{f"value_{code}": value for code, value in values.items()}, **narrative}


@pytest.mark.parametrize("who", ["fiona", "cora", "mia", "olga", "ada"])
def test_people_who_see_the_consortium_see_its_report(client, report, request, who):
    assert signed_in(client, request.getfixturevalue(who)).get(f"/reports/{report.pk}/").status_code == 200


@pytest.mark.parametrize("who", ["charlie", "pablo", "pierre"])
def test_others_get_404(client, report, request, who):
    client = signed_in(client, request.getfixturevalue(who))
    assert client.get(f"/reports/{report.pk}/").status_code == 404
    assert client.get(f"/reports/{report.pk}/edit/").status_code == 404
    assert client.post(f"/reports/{report.pk}/review/").status_code == 404
    assert client.get("/reports/").content.count(b"/reports/%d/" % report.pk) == 0


@pytest.mark.parametrize(("who", "status"), [("mia", 403), ("cora", 403), ("olga", 200), ("fiona", 200)])
def test_only_reporters_open_the_report_form(client, report, request, who, status):
    assert signed_in(client, request.getfixturevalue(who)).get(f"/reports/{report.pk}/edit/").status_code == status


def test_facilitator_saves_a_draft_then_submits(client, report, fiona, complete_values):
    client = signed_in(client, fiona)
    response = client.post(
        f"/reports/{report.pk}/edit/", form(report, {"export_sales": "60000"}, achievements="Fair", save="1")
    )
    assert response.status_code == 302
    assert ProgressReport.objects.get(pk=report.pk).status == "draft"
    client.post(f"/reports/{report.pk}/edit/", form(report, complete_values, achievements="Fair", submit="1"))
    assert ProgressReport.objects.get(pk=report.pk).status == "submitted"


def test_a_bad_value_names_the_indicator_and_keeps_what_was_typed(client, report, fiona, complete_values):
    response = signed_in(client, fiona).post(
        f"/reports/{report.pk}/edit/",
        form(
            report,
            {**complete_values, "trust_score": "9", "export_sales": "abc"},
            achievements="Our first fair",
            save="1",
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Member trust score (1–5): enter a value from 1 to 5." in body
    assert "Enter a number such as 34,500.5." in body
    assert "Our first fair" in body
    assert 'value="47"' in body
    assert ProgressReport.objects.get(pk=report.pk).status == "open"


def test_missing_required_indicators_are_named_on_submit(client, report, fiona):
    response = signed_in(client, fiona).post(
        f"/reports/{report.pk}/edit/", form(report, {"export_sales": "1"}, submit="1")
    )
    assert "Give a value for:" in response.content.decode()
    assert "Export markets" in response.content.decode()


def test_coordinator_reviews_beside_the_previous_period(client, report, fiona, cora, complete_values):
    services.report_save(report=report, by=fiona, version=report.version, values=complete_values)
    services.report_submit(report=report, by=fiona)
    response = signed_in(client, cora).get(f"/reports/{report.pk}/")
    assert b'id="send-review"' in response.content
    response = client.post(f"/reports/{report.pk}/review/", {"decision": "revision_requested", "rating": "at_risk"})
    assert response.status_code == 400
    assert b"Say what needs revising" in response.content
    client.post(
        f"/reports/{report.pk}/review/",
        {"decision": "revision_requested", "rating": "at_risk", "comment": "Buyers are missing"},
    )
    report.refresh_from_db()
    assert report.status == "revision_requested"
    assert report.rating == "at_risk"
    assert b"Buyers are missing" in signed_in(client, fiona).get(f"/reports/{report.pk}/").content


def test_editing_an_accepted_report_is_refused_with_a_message(client, report, fiona, cora, complete_values):
    services.report_save(report=report, by=fiona, version=report.version, values=complete_values)
    services.report_submit(report=report, by=fiona)
    services.report_review(report=report, by=cora, decision="accepted", rating="on_track")
    response = signed_in(client, fiona).post(
        f"/reports/{report.pk}/edit/", form(report, {"export_sales": "1"}, save="1")
    )
    assert response.status_code == 302
    assert report.values.get(indicator__code="export_sales").value == 60000


def test_report_list_queries_are_the_same_with_5_and_200_consortia(client, cora, django_assert_max_num_queries):
    def make(n):
        for _ in range(n):
            ConsortiumFactory(status="active", activated_on="2025-01-15", country="CR")
        open_due_periods()

    client = signed_in(client, cora)
    api = APIClient()
    api.force_authenticate(cora)
    make(5)
    page_with_five = count_queries(lambda: client.get("/reports/"))
    api_with_five = count_queries(lambda: api.get("/api/v1/reports/"))
    make(195)
    with django_assert_max_num_queries(page_with_five):
        assert client.get("/reports/").status_code == 200
    with django_assert_max_num_queries(api_with_five):
        assert api.get("/api/v1/reports/").json()["count"] > 25


def test_api_save_submit_review_and_conflicts(report, fiona, cora, complete_values):
    url = f"/api/v1/reports/{report.pk}/"
    response = api(fiona).patch(url, {"values": {"trust_score": "9"}, "version": 1}, format="json")
    assert response.status_code == 400
    assert "trust_score" in response.json()
    response = api(fiona).patch(url, {"achievements": "no version"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["version"]
    saved = api(fiona).patch(url, {"values": complete_values, "achievements": "Fair", "version": 1}, format="json")
    assert saved.status_code == 200
    assert saved.json()["values"]["export_sales"] == "60000"
    assert api(cora).post(url + "review/", {"decision": "accepted", "rating": "on_track"}).status_code == 409
    assert api(fiona).post(url + "submit/").json()["status"] == "submitted"
    assert api(fiona).post(url + "submit/").status_code == 409
    assert api(fiona).patch(url, {"achievements": "changed", "version": 3}, format="json").status_code == 409
    assert (
        api(cora).post(url + "review/", {"decision": "accepted", "rating": "on_track"}).json()["status"] == "accepted"
    )


def test_api_permissions_and_filters(report, mia, pierre, fiona):
    url = f"/api/v1/reports/{report.pk}/"
    assert api(mia).get(url).status_code == 200
    assert api(mia).patch(url, {"achievements": "x"}, format="json").status_code == 403
    assert api(pierre).get(url).status_code == 404
    assert api(fiona).get(f"/api/v1/reports/?consortium={report.period.consortium_id}&status=open").json()["count"] == 1
    assert api(fiona).get("/api/v1/reports/?overdue=true").json()["count"] == 0
    assert api(fiona).get("/api/v1/reports/?status=flying").status_code == 400
    assert len(api(fiona).get("/api/v1/indicators/").json()["results"]) == 14


def test_consortium_monitoring_page_and_targets(client, report, fiona, mia, charlie):
    consortium = report.period.consortium
    client = signed_in(client, fiona)
    page = client.get(f"/reports/consortium/{consortium.pk}/")
    assert page.status_code == 200
    assert b"chart-indicator" in page.content
    url = f"/reports/consortium/{consortium.pk}/targets/export_sales/"
    assert url in page.content.decode()  # "Set targets", for those who may
    response = client.post(url, {"baseline": "100", "baseline_date": "2026-01-01", "period_1": "-5"})
    assert response.status_code == 200
    assert "Export sales (USD): enter 0 or more." in response.content.decode()
    assert not consortium.baselines.exists()  # all or nothing
    response = client.post(url, {"baseline": "100", "period_1": "900"})
    assert "Enter the date the baseline was measured." in response.content.decode()
    client.post(url, {"baseline": "100", "baseline_date": "2026-01-01", "period_1": "900"})
    assert consortium.indicator_targets.get().target == 900
    assert url not in signed_in(client, mia).get(f"/reports/consortium/{consortium.pk}/").content.decode()
    assert signed_in(client, mia).post(url, {"period_1": "1"}).status_code == 403
    assert signed_in(client, charlie).get(f"/reports/consortium/{consortium.pk}/").status_code == 404


def test_print_view(client, report, fiona, charlie):
    assert b"data-print" in signed_in(client, fiona).get(f"/reports/{report.pk}/print/").content
    assert signed_in(client, charlie).get(f"/reports/{report.pk}/print/").status_code == 404


def test_facilitator_attaches_a_file_that_only_visible_people_download(client, report, fiona, charlie, mia):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("fair-photos.pdf", b"%PDF-1.4 photos", content_type="application/pdf")
    assert signed_in(client, fiona).post(f"/reports/{report.pk}/attachments/", {"file": pdf}).status_code == 302
    attachment = report.attachments.get()
    assert signed_in(client, mia).get(f"/reports/attachments/{attachment.pk}/").status_code == 200
    assert signed_in(client, charlie).get(f"/reports/attachments/{attachment.pk}/").status_code == 404
    fake = SimpleUploadedFile("fair.pdf", b"not a pdf")
    response = signed_in(client, fiona).post(f"/reports/{report.pk}/attachments/", {"file": fake})
    assert response.status_code == 400
    assert b"does not look like a .pdf file" in response.content
    other = SimpleUploadedFile("x.pdf", b"%PDF-1.4")
    assert signed_in(client, mia).post(f"/reports/{report.pk}/attachments/", {"file": other}).status_code == 403


def test_a_stale_draft_save_is_refused_and_keeps_what_was_typed(client, report, fiona):
    from accounts.tests.factories import UserFactory

    other = UserFactory(email="second@example.org", full_name="Second Facilitator")
    report.period.consortium.facilitators.add(other)
    page = signed_in(client, fiona).get(f"/reports/{report.pk}/edit/").content.decode()
    assert 'name="version" value="1"' in page
    services.report_save(report=report, by=other, version=1, achievements="Second's text")
    response = client.post(
        f"/reports/{report.pk}/edit/", form(report, {}, achievements="Fiona's text", version="1", save="1")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "saved this report after you opened it" in body
    assert "Fiona&#x27;s text" in body
    assert ProgressReport.objects.get(pk=report.pk).achievements == "Second's text"


def test_api_stale_save_is_409(report, fiona):
    url = f"/api/v1/reports/{report.pk}/"
    assert api(fiona).patch(url, {"achievements": "first", "version": 1}, format="json").json()["version"] == 2
    response = api(fiona).patch(url, {"achievements": "stale", "version": 1}, format="json")
    assert response.status_code == 409
    assert ProgressReport.objects.get(pk=report.pk).achievements == "first"
