"""/api/v1/targets/ and /api/v1/baselines/: who may set them, and a stale version changes nothing."""

from __future__ import annotations

import pytest

from core.testing import api
from monitoring.models import Baseline, IndicatorTarget

pytestmark = pytest.mark.django_db


@pytest.fixture
def consortium(report):
    return report.period.consortium


def _post(user, consortium, **fields):
    body = {"consortium": consortium.pk, "indicator": "export_sales", "period": 1, "target": "5000", **fields}
    return api(user).post("/api/v1/targets/", body, format="json")


@pytest.mark.parametrize("who", ["fiona", "cora", "ada"])
def test_facilitators_and_coordinators_in_scope_set_targets(request, consortium, who):
    response = _post(request.getfixturevalue(who), consortium)
    assert response.status_code == 201, response.json()
    assert response.json() | {"id": 0, "updated_at": ""} == {
        "id": 0,
        "consortium": consortium.pk,
        "indicator": "export_sales",
        "period": 1,
        "target": "5000",
        "target_date": None,
        "version": 1,
        "updated_at": "",
        "updated_by": request.getfixturevalue(who).email,
    }


def test_members_and_officials_read_targets_but_may_not_set_them(consortium, fiona, mia, olga):
    created = _post(fiona, consortium).json()
    for user in (mia, olga):
        assert api(user).get("/api/v1/targets/").json()["count"] == 1
        assert _post(user, consortium, period=2).status_code == 403
        patched = api(user).patch(f"/api/v1/targets/{created['id']}/", {"target": "1", "version": 1}, format="json")
        assert patched.status_code == 403
        assert api(user).delete(f"/api/v1/targets/{created['id']}/?version=1").status_code == 403
    assert list(IndicatorTarget.objects.values_list("period", "target", "version")) == [(1, 5000, 1)]


def test_people_who_cannot_see_the_consortium_see_no_target_and_set_none(consortium, fiona, pierre, charlie):
    created = _post(fiona, consortium).json()
    for user in (pierre, charlie):
        assert api(user).get("/api/v1/targets/").json()["count"] == 0
        assert api(user).get(f"/api/v1/targets/{created['id']}/").status_code == 404
        response = _post(user, consortium, period=2)
        assert response.status_code == 400
        assert "consortium" in response.json()
    assert IndicatorTarget.objects.count() == 1


def test_filters_by_consortium_indicator_and_period(consortium, fiona):
    _post(fiona, consortium)
    _post(fiona, consortium, period=2)
    _post(fiona, consortium, indicator="export_markets", target="3")
    _post(fiona, consortium, period=None, target="90000", target_date="2028-01-14")
    client = api(fiona)
    assert client.get(f"/api/v1/targets/?consortium={consortium.pk}").json()["count"] == 4
    assert client.get("/api/v1/targets/?indicator=export_sales").json()["count"] == 3
    assert client.get("/api/v1/targets/?period=2").json()["count"] == 1
    plan = client.get("/api/v1/targets/?period=plan").json()["results"]
    assert [(t["period"], t["target_date"]) for t in plan] == [(None, "2028-01-14")]
    assert client.get("/api/v1/targets/?period=soon").status_code == 400
    assert "indicator" in client.get("/api/v1/targets/?indicator=unicorns").json()


def test_a_patch_needs_the_version_and_a_stale_one_changes_nothing(consortium, fiona, cora):
    created = _post(fiona, consortium).json()
    url = f"/api/v1/targets/{created['id']}/"
    missing = api(cora).patch(url, {"target": "6000"}, format="json")
    assert missing.status_code == 400
    assert "version" in missing.json()
    assert api(cora).patch(url, {"target": "6000", "version": 1}, format="json").json()["version"] == 2
    stale = api(fiona).patch(url, {"target": "7000", "version": 1}, format="json")
    assert stale.status_code == 409
    assert "Someone changed" in stale.json()["detail"]
    assert IndicatorTarget.objects.get().target == 6000


def test_a_second_post_for_the_same_period_is_a_conflict_naming_the_target(consortium, fiona, cora):
    created = _post(fiona, consortium).json()
    response = _post(cora, consortium, target="9999")
    assert response.status_code == 409
    assert str(created["id"]) in response.json()["detail"]
    assert IndicatorTarget.objects.get().target == 5000


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"target": "-5"}, "target"),
        ({"target": "5.000,5"}, "target"),
        ({"target": ""}, "target"),
        ({"period": 0}, "period"),
        ({"period": None}, "target_date"),  # the whole plan needs its date
        ({"target_date": "2028-01-14"}, "target_date"),  # a period's does not take one
        ({"target_date": "14/01/2028", "period": None}, "target_date"),
        ({"indicator": "unicorns"}, "indicator"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(consortium, fiona, fields, field):
    response = _post(fiona, consortium, **fields)
    assert response.status_code == 400, response.json()
    assert field in response.json()
    assert not IndicatorTarget.objects.exists()


def test_what_a_target_is_for_cannot_be_changed_and_delete_takes_the_version(consortium, fiona):
    created = _post(fiona, consortium).json()
    url = f"/api/v1/targets/{created['id']}/"
    moved = api(fiona).patch(url, {"period": 3, "version": 1}, format="json")
    assert moved.status_code == 400
    assert "period" in moved.json()
    assert api(fiona).delete(url).status_code == 400
    assert api(fiona).delete(f"{url}?version=7").status_code == 409
    assert api(fiona).delete(f"{url}?version=1").status_code == 204
    assert not IndicatorTarget.objects.exists()
    assert IndicatorTarget.history.filter(history_type="-").count() == 1  # the removal is on record


def test_baselines_are_set_once_per_indicator_with_their_date(consortium, fiona, mia):
    body = {"consortium": consortium.pk, "indicator": "export_sales", "value": "24000", "measured_on": "2025-01-15"}
    created = api(fiona).post("/api/v1/baselines/", body, format="json")
    assert created.status_code == 201
    assert created.json()["value"] == "24000"
    assert api(fiona).post("/api/v1/baselines/", body, format="json").status_code == 409
    url = f"/api/v1/baselines/{created.json()['id']}/"
    assert api(mia).patch(url, {"value": "1", "version": 1}, format="json").status_code == 403
    changed = api(fiona).patch(url, {"value": "25000", "version": 1}, format="json")
    assert changed.status_code == 200
    assert changed.json()["measured_on"] == "2025-01-15"
    undated = api(fiona).post(
        "/api/v1/baselines/", {**body, "indicator": "export_markets", "measured_on": None}, format="json"
    )
    assert undated.status_code == 400
    assert "measured_on" in undated.json()
    assert list(Baseline.objects.values_list("value", "version")) == [(25000, 2)]
