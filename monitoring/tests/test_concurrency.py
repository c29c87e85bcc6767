"""Report and target writes against a second writer, on separate connections (PostgreSQL)."""

from __future__ import annotations

import time

import pytest
from django.db import connection

from core.errors import StateConflict
from core.testing import run_together
from monitoring import services
from monitoring.models import Baseline, Indicator, IndicatorTarget, ProgressReport, ReportAttachment
from monitoring.tests.conftest import COMPLETE

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks (CI sets DATABASE_URL)"),
]


def _fresh(report):
    return ProgressReport.objects.select_related("period__consortium").get(pk=report.pk)


def test_a_save_racing_a_submit_never_leaves_a_submitted_report_half_draft(reference_data, report, fiona):
    for number in range(8):
        ProgressReport.objects.filter(pk=report.pk).update(status=ProgressReport.Status.DRAFT, submitted_at=None)
        services.report_save(report=_fresh(report), by=fiona, values=COMPLETE, version=_fresh(report).version)
        seen = _fresh(report).version
        submissions = report.submissions.count()
        # Either writer may get there first: odd rounds let the submit start a moment earlier.
        head_start = 0.05 if number % 2 else 0

        def save(n=number, wait=head_start, s=seen):
            time.sleep(wait)
            return services.report_save(report=_fresh(report), by=fiona, version=s, achievements=f"Fair {n}")

        results = run_together(save, lambda: services.report_submit(report=_fresh(report), by=fiona))
        assert not [r for r in results if not isinstance(r, (ProgressReport, StateConflict))], results
        current = _fresh(report)
        if report.submissions.count() > submissions:
            assert current.status == ProgressReport.Status.SUBMITTED, f"submitted, then left {current.status}"
            assert current.submitted_at is not None
        assert current.version > seen


def test_two_saves_of_one_report_from_the_same_version_one_wins_and_nothing_is_lost(reference_data, report, fiona):
    for number in range(8):
        seen = _fresh(report).version
        results = run_together(
            lambda n=number, s=seen: services.report_save(
                report=_fresh(report), by=fiona, version=s, achievements=f"A{n}"
            ),
            lambda n=number, s=seen: services.report_save(
                report=_fresh(report), by=fiona, version=s, difficulties=f"D{n}"
            ),
        )
        kinds = sorted(type(r).__name__ for r in results)
        assert kinds == ["ProgressReport", "ReportConflict"], results
        current = _fresh(report)
        winner = results[0] if isinstance(results[0], ProgressReport) else results[1]
        assert (current.achievements == f"A{number}") == (winner is results[0])
        assert current.version == seen + 1


def test_two_target_saves_from_the_same_version_one_wins(reference_data, report, fiona, cora):
    consortium = report.period.consortium
    indicator = Indicator.objects.get(code="export_sales")
    common = {"consortium": consortium, "indicator": indicator, "period": 1}
    services.target_set(**common, by=fiona, target="5000")
    for number in range(6):
        seen = IndicatorTarget.objects.get(**common).version
        results = run_together(
            lambda n=number, s=seen: services.target_set(**common, by=fiona, version=s, target=str(2000 + n)),
            lambda n=number, s=seen: services.target_set(**common, by=cora, version=s, target=str(9000 + n)),
        )
        assert sorted(type(r).__name__ for r in results) == ["IndicatorTarget", "TargetConflict"], results
        assert IndicatorTarget.objects.get(**common).version == seen + 1


def test_two_people_setting_a_new_target_at_once_create_one_and_the_other_is_told(reference_data, report, fiona, cora):
    consortium = report.period.consortium
    indicator = Indicator.objects.get(code="export_sales")
    for number in range(1, 6):
        common = {"consortium": consortium, "indicator": indicator, "period": number}
        results = run_together(
            lambda c=common: services.target_set(**c, by=fiona, target="2000"),
            lambda c=common: services.target_set(**c, by=cora, target="9000"),
        )
        assert sorted(type(r).__name__ for r in results) == ["IndicatorTarget", "TargetConflict"], results
        assert IndicatorTarget.objects.filter(**common).count() == 1


def test_two_baseline_saves_from_the_same_version_one_wins(reference_data, report, fiona, cora):
    import datetime

    consortium = report.period.consortium
    common = {"consortium": consortium, "indicator": Indicator.objects.get(code="export_sales")}
    day = datetime.date(2026, 1, 1)
    services.baseline_set(**common, by=fiona, value="1000", measured_on=day)
    for number in range(4):
        seen = Baseline.objects.get(**common).version
        results = run_together(
            lambda n=number, s=seen: services.baseline_set(
                **common, by=fiona, version=s, value=str(10 + n), measured_on=day
            ),
            lambda n=number, s=seen: services.baseline_set(
                **common, by=cora, version=s, value=str(500 + n), measured_on=day
            ),
        )
        assert sorted(type(r).__name__ for r in results) == ["Baseline", "TargetConflict"], results


def test_two_api_patches_of_targets_from_one_version_one_wins(reference_data, report, fiona, cora):
    from core.testing import api

    consortium = report.period.consortium
    target = services.target_set(
        consortium=consortium, indicator=Indicator.objects.get(code="export_sales"), by=fiona, period=1, target="5000"
    )
    for number in range(4):
        seen = IndicatorTarget.objects.get(pk=target.pk).version
        results = run_together(
            lambda n=number, s=seen: (
                api(fiona)
                .patch(f"/api/v1/targets/{target.pk}/", {"target": str(100 + n), "version": s}, format="json")
                .status_code
            ),
            lambda n=number, s=seen: (
                api(cora)
                .patch(f"/api/v1/targets/{target.pk}/", {"target": str(900 + n), "version": s}, format="json")
                .status_code
            ),
        )
        assert sorted(results) == [200, 409], results


def test_two_api_patches_of_different_fields_never_lose_one_silently(reference_data, report, fiona):
    """Race 7: a PATCH without ``version`` is refused (400 naming it); from one version, one wins, one gets 409."""
    from core.testing import api

    url = f"/api/v1/reports/{report.pk}/"
    for number in range(6):
        results = run_together(
            lambda n=number: api(fiona).patch(url, {"achievements": f"A{n}"}, format="json"),
            lambda n=number: api(fiona).patch(url, {"difficulties": f"D{n}"}, format="json"),
        )
        assert [r.status_code for r in results] == [400, 400]
        assert all(list(r.json()) == ["version"] for r in results)
        seen = _fresh(report).version
        results = run_together(
            lambda n=number, s=seen: api(fiona).patch(url, {"achievements": f"A{n}", "version": s}, format="json"),
            lambda n=number, s=seen: api(fiona).patch(url, {"difficulties": f"D{n}", "version": s}, format="json"),
        )
        assert sorted(r.status_code for r in results) == [200, 409]
        current = _fresh(report)
        first_won = results[0].status_code == 200
        assert (current.achievements == f"A{number}") == first_won
        assert (current.difficulties == f"D{number}") == (not first_won)


def test_a_file_attached_while_the_report_is_submitted_lands_before_or_is_refused(reference_data, report, fiona):
    from django.core.files.uploadedfile import SimpleUploadedFile

    services.report_save(report=_fresh(report), by=fiona, values=COMPLETE, version=_fresh(report).version)
    for number in range(6):
        ProgressReport.objects.filter(pk=report.pk).update(status=ProgressReport.Status.DRAFT)
        head_start = 0.05 if number % 2 else 0

        def attach(n=number, wait=head_start):
            time.sleep(wait)
            upload = SimpleUploadedFile(f"photos-{n}.pdf", b"%PDF-1.4 photos")
            return services.report_attach(report=_fresh(report), by=fiona, file=upload)

        results = run_together(attach, lambda: services.report_submit(report=_fresh(report), by=fiona))
        assert all(isinstance(r, (ReportAttachment, ProgressReport, StateConflict)) for r in results), results
        current = _fresh(report)
        late = current.attachments.filter(created_at__gt=current.submitted_at)
        assert not late.exists(), "a file landed on a report already submitted"


def test_two_targets_pages_saved_at_once_from_one_reading_keep_one_whole(reference_data, report, fiona, cora):
    """The targets page writes several figures all or none: the loser leaves none of its figures behind."""
    consortium = report.period.consortium
    indicator = Indicator.objects.get(code="export_sales")
    first = services.target_set(consortium=consortium, indicator=indicator, by=fiona, period=1, target="5000")
    for number in range(4):
        seen = IndicatorTarget.objects.get(pk=first.pk).version
        IndicatorTarget.objects.filter(period=2).delete()

        def save(by, target, s=seen):
            return services.indicator_figures_set(
                consortium=consortium,
                indicator=indicator,
                by=by,
                baseline=None,
                plan=None,
                periods={1: {"target": target, "version": s}, 2: {"target": target, "version": None}},
            )

        results = run_together(lambda n=number: save(fiona, str(100 + n)), lambda n=number: save(cora, str(900 + n)))
        assert sorted(type(r).__name__ for r in results) == ["NoneType", "TargetConflict"], results
        saved = dict(IndicatorTarget.objects.filter(period__in=[1, 2]).values_list("period", "target"))
        assert saved[1] == saved[2]  # both figures from the same person
