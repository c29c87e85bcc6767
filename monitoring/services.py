"""Reporting periods, six-month reports and their review (DESIGN §5)."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from consortia.models import Consortium
from core.errors import StateConflict
from monitoring.models import (
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    ProgressReport,
    ReportAttachment,
    ReportingPeriod,
    Review,
    Submission,
    due_date,
    period_bounds,
)

MAX_VALUE = Decimal(10) ** 14
NARRATIVE_FIELDS = ("achievements", "difficulties", "next_steps", "support_requested")
Status = ProgressReport.Status


# ------------------------------------------------------------------------------
# Periods
# ------------------------------------------------------------------------------
def open_due_periods(*, today: datetime.date | None = None, consortia=None) -> int:
    """Open every period that has started for active consortia, with an open report. Idempotent.

    Called by the daily job; a rerun or a second worker creates nothing twice
    (unique consortium + number, and ignore_conflicts).
    """
    today = today or timezone.localdate()
    consortia = consortia if consortia is not None else Consortium.objects.active()
    consortia = consortia.filter(activated_on__isnull=False, activated_on__lte=today).annotate(
        last_number=Max("reporting_periods__number")
    )
    periods = []
    for consortium in consortia.only("pk", "activated_on"):
        number = (consortium.last_number or 0) + 1
        while True:
            start, end = period_bounds(consortium.activated_on, number)
            if start > today:
                break
            periods.append(
                ReportingPeriod(consortium=consortium, number=number, start=start, end=end, due=due_date(end))
            )
            number += 1
    with transaction.atomic():
        ReportingPeriod.objects.bulk_create(periods, ignore_conflicts=True)
        missing = ReportingPeriod.objects.filter(report__isnull=True, consortium__in=consortia.values("pk"))
        ProgressReport.objects.bulk_create([ProgressReport(period=period) for period in missing], ignore_conflicts=True)
    return len(periods)


def on_consortium_approved(sender, *, consortium: Consortium, by, **kwargs) -> None:
    transaction.on_commit(lambda: open_due_periods(consortia=Consortium.objects.filter(pk=consortium.pk)))


# ------------------------------------------------------------------------------
# Reports
# ------------------------------------------------------------------------------
def parse_values(raw: dict[str, object]) -> tuple[dict[Indicator, Decimal], dict[str, str]]:
    """Check each typed value against its indicator; errors are keyed by indicator code and name it."""
    indicators = {i.code: i for i in Indicator.objects.filter(is_active=True)}
    values, errors = {}, {}
    for code, typed in raw.items():
        indicator = indicators.get(code)
        if indicator is None:
            errors[code] = _("“%(code)s” is not an indicator in the catalogue.") % {"code": code}
            continue
        if typed in (None, ""):
            continue
        try:
            value = Decimal(str(typed).strip().replace(",", ""))
        except InvalidOperation:
            errors[code] = _("%(name)s: enter a number.") % {"name": indicator.name}
            continue
        if not value.is_finite():
            errors[code] = _("%(name)s: enter a number.") % {"name": indicator.name}
            continue
        if abs(value) >= MAX_VALUE:  # what a numeric(16, 2) column holds
            errors[code] = _("%(name)s: enter a smaller number.") % {"name": indicator.name}
            continue
        low, high = indicator.bounds
        if value < low or (high is not None and value > high):
            errors[code] = (
                _("%(name)s: enter a value from %(low)s to %(high)s.")
                % {"name": indicator.name, "low": low, "high": high}
                if high is not None
                else _("%(name)s: enter %(low)s or more.") % {"name": indicator.name, "low": low}
            )
            continue
        values[indicator] = value
    return values, errors


def _check_writer(report: ProgressReport, by) -> None:
    if not by.has_perm("monitoring.write_report", report.period.consortium):
        raise PermissionDenied(_("Only the consortium's facilitators write its reports."))


def _check_editable(report: ProgressReport) -> None:
    current = ProgressReport.objects.values_list("status", flat=True).get(pk=report.pk)
    if current not in ProgressReport.EDITABLE:
        raise StateConflict(
            _("This report is %(status)s and cannot be changed.") % {"status": Status(current).label.lower()}
        )


class ReportConflict(StateConflict):
    """Someone saved the report after the person opened it."""


@transaction.atomic
def report_save(
    *, report: ProgressReport, by, values: dict | None = None, version: int | None = None, **narrative
) -> ProgressReport:
    """Save a draft: the narrative and the values typed. Nothing is saved if any value is wrong.

    With ``version`` (what the person read), a save made by someone else since then
    wins and this one is refused, so two facilitators never overwrite each other.
    """
    _check_writer(report, by)
    _check_editable(report)
    unknown = set(narrative) - set(NARRATIVE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown report fields: {sorted(unknown)}")
    parsed, errors = parse_values(values or {})
    if errors:
        raise ValidationError(errors)
    claim = ProgressReport.objects.filter(pk=report.pk)
    if version is not None:
        claim = claim.filter(version=version)
    if claim.update(version=F("version") + 1) != 1:
        raise ReportConflict(
            _(
                "Someone saved this report after you opened it, so nothing of yours was saved. "
                "What you typed is still below: copy what you need, then reload the report."
            )
        )
    report.refresh_from_db(fields=["version"])
    for name, text in narrative.items():
        setattr(report, name, text or "")
    if report.status == Status.OPEN:
        report.status = Status.DRAFT
    report.save()
    for indicator, value in parsed.items():
        IndicatorValue.objects.update_or_create(report=report, indicator=indicator, defaults={"value": value})
    cleared = [code for code, typed in (values or {}).items() if typed in (None, "")]
    report.values.filter(indicator__code__in=cleared).delete()
    return report


def phase_snapshot(consortium: Consortium) -> list[dict]:
    from methodology.models import Phase

    return [
        {"number": p.number, "title": p.template.title_en, "progress": p.progress, "signed_off": p.is_complete}
        for p in Phase.objects.filter(consortium=consortium).with_progress().select_related("template")
    ]


@transaction.atomic
def report_submit(*, report: ProgressReport, by) -> ProgressReport:
    """Freeze the values and a snapshot of phase progress; refuse naming each missing indicator."""
    _check_writer(report, by)
    _check_editable(report)
    given = set(report.values.values_list("indicator_id", flat=True))
    missing = [i.name for i in Indicator.objects.filter(is_active=True, required=True) if i.pk not in given]
    if missing:
        raise ValidationError({"__all__": [_("Give a value for: %(names)s.") % {"names": "; ".join(missing)}]})
    now = timezone.now()
    claimed = ProgressReport.objects.filter(pk=report.pk, status__in=ProgressReport.EDITABLE).update(
        status=Status.SUBMITTED,
        submitted_at=now,
        submitted_by=by,
        phase_snapshot=phase_snapshot(report.period.consortium),
    )
    if claimed != 1:
        raise StateConflict(_("This report was submitted a moment ago."))
    ProgressReport.objects.filter(pk=report.pk, first_submitted_at__isnull=True).update(first_submitted_at=now)
    Submission.objects.create(report=report, by=by, at=now)
    report.refresh_from_db()
    return report


@transaction.atomic
def report_review(*, report: ProgressReport, by, decision: str, rating: str, comment: str = "") -> Review:
    if not by.has_perm("monitoring.review_report", report.period.consortium):
        raise PermissionDenied(_("Only a coordinator for this country reviews this report."))
    errors = {}
    if decision not in Review.Decision.values:
        errors["decision"] = _("Choose accept or request a revision.")
    if rating not in Review.Rating.values:
        errors["rating"] = _("Choose a rating: on track, needs attention or at risk.")
    if decision == Review.Decision.REVISE and not (comment or "").strip():
        errors["comment"] = _("Say what needs revising, so the facilitator can act on it.")
    if errors:
        raise ValidationError(errors)
    claimed = ProgressReport.objects.filter(pk=report.pk, status=Status.SUBMITTED).update(
        status=decision, rating=rating
    )
    if claimed != 1:
        current = ProgressReport.objects.get(pk=report.pk)
        raise StateConflict(
            _("Only a submitted report can be reviewed; this one is %(status)s.")
            % {"status": current.get_status_display().lower()}
        )
    report.refresh_from_db()
    return Review.objects.create(
        report=report, by=by, decision=decision, rating=rating, comment=(comment or "").strip()
    )


@transaction.atomic
def target_set(*, consortium: Consortium, indicator: Indicator, by, baseline=None, target=None) -> IndicatorTarget:
    if not by.has_perm("monitoring.set_targets", consortium):
        raise PermissionDenied(_("Only facilitators and coordinators set targets."))
    parsed, errors = parse_values({indicator.code: baseline}) if baseline not in (None, "") else ({}, {})
    parsed_target, target_errors = parse_values({indicator.code: target}) if target not in (None, "") else ({}, {})
    named = {"baseline": list(errors.values()), "target": list(target_errors.values())}
    if errors or target_errors:
        raise ValidationError({field: messages for field, messages in named.items() if messages})
    return IndicatorTarget.objects.update_or_create(
        consortium=consortium,
        indicator=indicator,
        defaults={"baseline": parsed.get(indicator), "target": parsed_target.get(indicator)},
    )[0]


# ------------------------------------------------------------------------------
# Rates
# ------------------------------------------------------------------------------
def reporting_rates(reports, *, today: datetime.date) -> tuple[float | None, float | None]:
    """(reporting rate, on-time rate) over the reports due by ``today``, as shares of 1."""
    due = [r for r in reports if r.period.due <= today]
    if not due:
        return None, None
    submitted = [r for r in due if r.first_submitted_at is not None]
    on_time = [r for r in submitted if r.submitted_on_time]
    return len(submitted) / len(due), len(on_time) / len(due)


# ------------------------------------------------------------------------------
# Reads for the report page and API
# ------------------------------------------------------------------------------
def indicator_rows(report: ProgressReport) -> list[dict]:
    """Per indicator: this period's value, the previous period's, the change, baseline and target."""
    period = report.period
    indicators = list(Indicator.objects.filter(is_active=True))
    current = {v.indicator_id: v.value for v in report.values.all()}
    previous = {
        v.indicator_id: v.value
        for v in IndicatorValue.objects.filter(
            report__period__consortium_id=period.consortium_id, report__period__number=period.number - 1
        )
    }
    targets = {t.indicator_id: t for t in IndicatorTarget.objects.filter(consortium_id=period.consortium_id)}
    rows = []
    for indicator in indicators:
        value, before = current.get(indicator.pk), previous.get(indicator.pk)
        target = targets.get(indicator.pk)
        rows.append(
            {
                "indicator": indicator,
                "value": value,
                "previous": before,
                "change": value - before if value is not None and before is not None else None,
                "baseline": target.baseline if target else None,
                "target": target.target if target else None,
            }
        )
    return rows


def report_timeline(report: ProgressReport) -> list[dict]:
    """Submissions and reviews in the order they happened."""
    events = [{"kind": "submitted", "at": s.at, "by": s.by} for s in report.submissions.select_related("by")]
    events += [{"kind": "review", "at": r.at, "by": r.by, "review": r} for r in report.reviews.select_related("by")]
    return sorted(events, key=lambda event: event["at"])


@transaction.atomic
def report_attach(*, report: ProgressReport, by, file) -> ReportAttachment:
    """Attach a file to a report that can still be edited; same rules as checklist evidence."""
    from methodology.services import check_evidence_file

    _check_writer(report, by)
    _check_editable(report)
    if not file:
        raise ValidationError({"file": _("Choose a file to attach.")})
    check_evidence_file(file)
    return ReportAttachment.objects.create(report=report, file=file, uploaded_by=by)


def snapshot_changes(report: ProgressReport) -> list[dict]:
    """This report's phase snapshot beside the previous report's: progress since the last period."""
    previous = (
        ProgressReport.objects.filter(
            period__consortium_id=report.period.consortium_id, period__number=report.period.number - 1
        )
        .values_list("phase_snapshot", flat=True)
        .first()
        or []
    )
    before = {phase["number"]: phase["progress"] for phase in previous}
    return [
        {**phase, "change": phase["progress"] - before[phase["number"]] if phase["number"] in before else None}
        for phase in report.phase_snapshot
    ]
