"""Reporting periods, six-month reports and their review (DESIGN §5)."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from consortia.models import Consortium
from core.errors import StateConflict
from core.writes import changed, check_version, claim, hold, save_fields, set_history_user
from monitoring.models import (
    Baseline,
    ConsortiumFigures,
    ExportSalesCell,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    PairFigures,
    ProgressReport,
    ReportAttachment,
    ReportingPeriod,
    Review,
    Submission,
    due_date,
    period_bounds,
)
from monitoring.selectors import phase_snapshot, submission_problems
from monitoring.workflow import REPORT_STEPS, SUBMIT

logger = logging.getLogger(__name__)
MAX_VALUE = Decimal(10) ** 14
# The consortia whose figures wait to be counted once (figures_counted_once), or None.
_waiting: ContextVar[set[int] | None] = ContextVar("figures_waiting", default=None)
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
        missing = list(ReportingPeriod.objects.filter(report__isnull=True, consortium__in=consortia.values("pk")))
        ProgressReport.objects.bulk_create(
            [ProgressReport(period=period, due=period.due) for period in missing], ignore_conflicts=True
        )
        # Their kept figures count them (the totals; and the tallies, for a consortium approved
        # late whose periods are already due).
        opened = {period.consortium_id for period in missing}
        if opened:
            figures_refresh(Consortium.objects.filter(pk__in=opened))
    return len(periods)


@transaction.atomic
def figures_refresh(consortia) -> int:
    """Rewrite the kept figures of these consortia from their reports and phases; the number of
    rows written. The report tallies are counted today (ConsortiumFigures.tallied_on).

    Each row is locked before its reports are read, so two writers of one consortium's reports
    (or a writer and the daily job) take turns: the second reads what the first committed.
    Inside figures_counted_once it only notes the consortia, and returns 0.
    """
    from monitoring.selectors import FIGURES, figures_from_reports

    waiting = _waiting.get()
    if waiting is not None:
        waiting.update(consortia.values_list("pk", flat=True))
        return 0
    ids = consortia.values("pk")
    ConsortiumFigures.objects.bulk_create(
        [ConsortiumFigures(consortium_id=pk) for pk in ids.values_list("pk", flat=True)],
        ignore_conflicts=True,
        batch_size=1000,
    )
    # Locks in one order everywhere: the pairs' (what is summed from these rows), then the rows.
    pairs = set(Consortium.objects.filter(pk__in=ids).values_list("country", "kind"))
    hold_pairs(pairs)
    kept = ConsortiumFigures.objects.select_for_update().filter(consortium__in=ids).order_by("pk")
    before = {row.pop("consortium"): row for row in kept.values("consortium", *FIGURES)}
    today = timezone.localdate()
    counted = figures_from_reports(Consortium.objects.filter(pk__in=ids), tallied_on=today)

    # Write only the rows whose figures moved (updating all 20,000 with Django's bulk_update took
    # a minute); the day they were counted is one UPDATE for all.
    def figures(row: dict | None) -> dict | None:
        return None if row is None else {key: row[key] for key in FIGURES if key != "tallied_on"}

    moved = [
        ConsortiumFigures(consortium_id=pk, **row)
        for row in counted
        if figures(before.get(pk := row.pop("pk"))) != figures(row)
    ]
    ConsortiumFigures.objects.bulk_update(moved, FIGURES, batch_size=500)
    kept.exclude(tallied_on=today).update(tallied_on=today)
    pairs_recount(pairs)
    return len(counted)


@contextmanager
def figures_counted_once() -> Iterator[None]:
    """For a command that writes many consortia one by one (seed_scale instantiating 1,900
    methodologies): the figures every write asks for are counted once, for all of them, on
    leaving the block, and not once per write (each of which sums its whole country and kind
    again). Use it inside one transaction, so nothing commits uncounted."""
    waiting: set[int] = set()
    token = _waiting.set(waiting)
    try:
        yield
    finally:
        _waiting.reset(token)
    if waiting:
        figures_refresh(Consortium.objects.filter(pk__in=waiting))


def hold_pairs(pairs) -> None:
    """The locks of these (country, kind) pairs, held to the end of the transaction: a writer takes
    them before the figures rows it changes, and pairs_recount reads under them."""
    hold(*(f"monitoring.pair:{country}:{kind}" for country, kind in pairs))


@transaction.atomic
def pairs_recount(pairs: set[tuple[str, str]] | None = None, *, sales: bool = True) -> None:
    """Sum again what the dashboard keeps per (country, kind): the PairFigures rows from the
    consortia's figures, and (``sales``) the ExportSalesCell rows from the reports; every pair if
    None. Each pair's lock is held before anything is read, so two writers of one pair take turns
    and the second reads what the first committed."""
    from monitoring.selectors import pair_rows, sales_cells

    if pairs is not None and not pairs:
        return
    held = pairs
    if held is None:
        held = set(Consortium.objects.values_list("country", "kind").distinct())
        held |= set(PairFigures.objects.values_list("country", "kind").distinct())
        held |= set(ExportSalesCell.objects.values_list("country", "kind").distinct())
    hold_pairs(held)
    wanted, consortia = Q(), Consortium.objects.all()
    if pairs is not None:
        for country, kind in pairs:
            wanted |= Q(country=country, kind=kind)
        consortia = consortia.filter(wanted)
    PairFigures.objects.filter(wanted).delete()
    PairFigures.objects.bulk_create(PairFigures(**row) for row in pair_rows(consortia))
    if sales:
        ExportSalesCell.objects.filter(wanted).delete()
        ExportSalesCell.objects.bulk_create(
            ExportSalesCell(country=country, kind=kind, half=half, total=total)
            for (country, kind, half), total in sales_cells(pairs).items()
        )


def figures_refresh_all() -> int:
    """The daily backstop: every consortium's figures rewritten, and every report's copy of its due
    date put back to its period's; whatever had drifted is logged."""
    from monitoring.selectors import figures_disagreeing, pair_figures_disagreeing, sales_cells_disagreeing

    drifted = figures_disagreeing(Consortium.objects.all())
    if drifted:
        logger.warning("Kept dashboard figures differed from the reports for consortia %s", drifted[:50])
    wrong_due = list(ProgressReport.objects.with_wrong_due().values_list("pk", flat=True)[:50])
    if wrong_due:
        logger.warning("Reports whose due date differed from their period's: %s", wrong_due)
        ProgressReport.objects.with_wrong_due().update(due=ReportingPeriod.due_of_report())
    from consortia.models import Membership

    shared = Membership.mark_all_shared()
    if shared:
        logger.warning("%s memberships said wrongly whether their enterprise is in another consortium", shared)
    abroad = Membership.mark_abroad(Membership.objects.all())
    if abroad:
        logger.warning("%s memberships said wrongly whether their enterprise is registered abroad", abroad)
    pairs = pair_figures_disagreeing()
    if pairs:
        logger.warning("Kept figures per country and kind differed from their consortia's for %s", pairs[:50])
    cells = sales_cells_disagreeing()
    if cells:
        logger.warning("Kept export sales per half-year differed from the reports for %s", cells[:50])
    from members.services import enterprise_counts_disagreeing, enterprises_recount

    countries = enterprise_counts_disagreeing()
    if countries:
        logger.warning("Kept numbers of enterprises differed from a count for %s", countries[:50])
    with transaction.atomic():
        rows = figures_refresh(Consortium.objects.all())
        pairs_recount(None)  # and the rows of pairs no consortium has any more
        enterprises_recount(None)
    return rows


def refresh_figures_of(report: ProgressReport) -> None:
    figures_refresh(Consortium.objects.filter(pk=report.period.consortium_id))


def on_consortium_saving(sender, *, instance: Consortium, raw: bool = False, **kwargs) -> None:
    """Note the country and kind a consortium had, for on_consortium_saved."""
    if instance.pk and not raw:
        before = Consortium.objects.filter(pk=instance.pk).values_list("country", "kind").first()
        instance._sales_pair = before  # type: ignore[attr-defined]  # read back by on_consortium_saved


def on_consortium_saved(sender, *, instance: Consortium, created: bool, raw: bool = False, **kwargs) -> None:
    """A new consortium starts with its kept figures counted: no reports, no phases (every
    consortium has a row, so the dashboard can sum them). One that moved country or kind moves
    its export sales from one pair's cells to the other's."""
    if raw:
        return
    if created:
        ConsortiumFigures.objects.get_or_create(consortium=instance, defaults={"tallied_on": timezone.localdate()})
    now = (str(instance.country), instance.kind)
    before: tuple[str, str] = getattr(instance, "_sales_pair", None) or now
    pairs_recount({before, now}, sales=before != now)  # its status may have changed


def on_membership_changed(sender, *, instance, raw: bool = False, **kwargs) -> None:
    """A membership saved or deleted (by a service, the admin or a job): its consortium's kept
    member count is counted again, in the same transaction."""
    from monitoring.selectors import members_now

    if not raw:
        _count_again(Consortium.objects.filter(pk=instance.consortium_id), "members", members_now())


def on_task_changed(sender, *, instance, created: bool = True, raw: bool = False, origin=None, **kwargs) -> None:
    """A task added or deleted one at a time (a facilitator's own task, the admin): its
    consortium's kept task count is counted again, in the same transaction. A task deleted with
    its phase or consortium is left to that deletion (its figures row goes too)."""
    from methodology.models import Task
    from monitoring.selectors import tasks_now

    if _one_at_a_time(Task, created=created, raw=raw, origin=origin):
        _count_again(Consortium.objects.filter(phases=instance.phase_id), "tasks", tasks_now())


def _count_again(consortium, field: str, count) -> None:
    """Write one kept count of a consortium (``count``, an annotation on it) and sum its pair
    again: the pair's lock first, then the figures row, as every writer takes them."""
    pairs = set(consortium.values_list("country", "kind"))
    hold_pairs(pairs)
    rows = ConsortiumFigures.objects.select_for_update().filter(consortium__in=consortium.values("pk"))
    if not list(rows.values_list("pk")):
        return  # no row (its consortium is being deleted): nothing kept to correct
    rows.update(**{field: consortium.annotate(n=count).values_list("n", flat=True).first() or 0})
    pairs_recount(pairs, sales=False)


def _one_at_a_time(model, *, created: bool, raw: bool, origin) -> bool:
    """A row of ``model`` added, or deleted by itself (not with its parent), and not loaded raw."""
    if raw or not created:
        return False
    if origin is None or isinstance(origin, model):
        return True
    return isinstance(origin, QuerySet) and origin.model is model


def on_report_changed(sender, *, instance, created: bool = True, raw: bool = False, origin=None, **kwargs) -> None:
    """A report added or deleted one at a time (the admin, a test): its consortium's kept
    figures are counted again. The daily job's reports are counted by open_due_periods."""
    if _one_at_a_time(ProgressReport, created=created, raw=raw, origin=origin):
        figures_refresh(Consortium.objects.filter(reporting_periods=instance.period_id))


def on_consortium_deleted(sender, *, instance: Consortium, **kwargs) -> None:
    """Its figures and reports went with it: its pair is summed again."""
    pairs_recount({(str(instance.country), instance.kind)})


def on_consortium_approved(sender, *, consortium: Consortium, by: User, **kwargs) -> None:
    transaction.on_commit(lambda: open_due_periods(consortia=Consortium.objects.filter(pk=consortium.pk)))


# ------------------------------------------------------------------------------
# Reports
# ------------------------------------------------------------------------------
def parse_values(raw: dict[str, object], *, typed_in_language: bool = False) -> tuple[dict, dict[str, str]]:
    """Check each value against its indicator; errors are keyed by indicator code and name it.

    Values from a form are already numbers (read in the person's language by the form);
    from the API they are machine numbers ("34500.5"), read by ``parse_plain``. An empty
    value maps to None: "clear it".
    """
    from core.numbers import NumberFormatError, parse_number, parse_plain

    indicators = {i.code: i for i in Indicator.objects.filter(is_active=True)}
    values: dict[Indicator, Decimal | None] = {}
    errors: dict[str, str] = {}
    for code, typed in raw.items():
        indicator = indicators.get(code)
        if indicator is None:
            errors[code] = _("“%(code)s” is not an indicator in the catalogue.") % {"code": code}
            continue
        try:
            value = parse_number(typed) if typed_in_language else parse_plain(typed)
        except NumberFormatError as error:
            errors[code] = _("%(name)s: %(problem)s") % {"name": indicator.name, "problem": error}
            continue
        if value is None:
            values[indicator] = None
            continue
        problem = value_problem(indicator, value)
        if problem:
            errors[code] = problem
            continue
        values[indicator] = value
    return values, errors


def value_problem(indicator: Indicator, value: Decimal) -> str:
    """Why this value does not fit the indicator, or ''."""
    from core.numbers import format_number

    if not value.is_finite():
        return _("%(name)s: enter a number.") % {"name": indicator.name}
    if abs(value) >= MAX_VALUE:  # what a numeric(16, 2) column holds
        return _("%(name)s: enter a smaller number.") % {"name": indicator.name}
    low, high = indicator.bounds
    if value < low or (high is not None and value > high):
        if high is not None:
            return _("%(name)s: enter a value from %(low)s to %(high)s.") % {
                "name": indicator.name,
                "low": format_number(low),
                "high": format_number(high),
            }
        return _("%(name)s: enter %(low)s or more.") % {"name": indicator.name, "low": format_number(low)}
    return ""


def _check_writer(report: ProgressReport, by: User) -> None:
    if not by.has_perm("monitoring.write_report", report.period.consortium):
        raise PermissionDenied(_("Only the consortium's facilitators and its sponsor's officials write its reports."))


def _check_editable(report: ProgressReport) -> None:
    if report.status not in ProgressReport.EDITABLE:
        raise StateConflict(
            _("This report is %(status)s and cannot be changed.") % {"status": report.get_status_display().lower()}
        )


class ReportConflict(StateConflict):
    """Someone saved the report after the person opened it."""

    def __init__(self, *args):
        super().__init__(
            _(
                "Someone saved this report after you opened it, so nothing of yours was saved. "
                "What you typed is still below: copy what you need, then reload the report."
            )
        )


def _claim_report(report: ProgressReport, by: User, version: int | None) -> ProgressReport:
    """The report, locked; refused unless this person may write it, it is editable and ``version`` is current."""
    _check_writer(report, by)
    current = claim(ProgressReport.objects.select_related("period__consortium"), report.pk)
    _check_editable(current)
    if version is None:
        raise ValidationError({"version": _("Send the version of the report you read.")})
    check_version(current, version, ReportConflict)
    return current


@transaction.atomic
def report_save(
    *,
    report: ProgressReport,
    by,
    version: int | None,
    values: dict | None = None,
    typed_in_language: bool = False,
    **narrative,
) -> ProgressReport:
    """Save a draft: the narrative and the values given. Nothing is saved if any value is wrong.

    ``version`` is what the person read: a save made by someone else since then wins and
    this one is refused (ReportConflict, 409), so two writers never overwrite each other.
    Only the fields that differ are written; the version goes up by one.
    """
    unknown = set(narrative) - set(NARRATIVE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown report fields: {sorted(unknown)}")
    current = _claim_report(report, by, version)
    parsed, errors = parse_values(values or {}, typed_in_language=typed_in_language)
    if errors:
        raise ValidationError(errors)
    changes = changed(current, {name: text or "" for name, text in narrative.items()})
    if current.status == Status.OPEN:
        changes["status"] = Status.DRAFT
    existing = {v.indicator_id: v for v in current.values.select_for_update()}
    value_changes = {
        indicator: value
        for indicator, value in parsed.items()
        if (existing[indicator.pk].value if indicator.pk in existing else None) != value
    }
    if changes or value_changes:
        save_fields(current, changes, by=by, bump_version=True)
        for indicator, value in value_changes.items():
            row = existing.get(indicator.pk)
            if value is None:
                if row is not None:
                    set_history_user(row, by)
                    row.delete()
            elif row is None:
                row = IndicatorValue(report=current, indicator=indicator, value=value)
                set_history_user(row, by)
                row.save()
            else:
                save_fields(row, {"value": value}, by=by)
    _copy(current, report)
    return report


def _copy(current: ProgressReport, report: ProgressReport) -> None:
    """Bring the caller's instance up to the row as saved (it was read before the claim)."""
    for field in current._meta.concrete_fields:
        setattr(report, field.attname, getattr(current, field.attname))
    if hasattr(report, "_prefetched_objects_cache"):
        report._prefetched_objects_cache.clear()


@transaction.atomic
def report_submit(*, report: ProgressReport, by: User, version: int | None = None) -> ProgressReport:
    """Freeze the values and a snapshot of phase progress; refuse naming each missing indicator.

    Claims the report, so a save racing it either lands before (and is submitted) or is
    refused after; the version goes up. With ``version``, a stale page is refused (409).
    """
    REPORT_STEPS.check_person(SUBMIT, report.period.consortium, by)
    current = claim(ProgressReport.objects.select_related("period__consortium"), report.pk)
    REPORT_STEPS.check_status(SUBMIT, current, current.status)
    if version is not None:
        check_version(current, version, ReportConflict)
    problems = submission_problems(current)
    if problems:
        raise ValidationError({"__all__": problems})
    now = timezone.now()
    changes = {
        "status": REPORT_STEPS[SUBMIT].target,
        "submitted_at": now,
        "submitted_by": by,
        "phase_snapshot": phase_snapshot(current.period.consortium),
    }
    if current.first_submitted_at is None:
        changes["first_submitted_at"] = now
    resubmitted = current.status == Status.REVISION_REQUESTED
    save_fields(current, changes, by=by, bump_version=True)
    submission = Submission.objects.create(report=current, by=by, at=now)
    refresh_figures_of(current)
    _notify_submitted(current, submission, by, resubmitted=resubmitted)
    _copy(current, report)
    return report


@transaction.atomic
def report_review(*, report: ProgressReport, by: User, decision: str, rating: str, comment: str = "") -> Review:
    consortium = report.period.consortium
    if not by.has_perm("monitoring.review_report", consortium):
        raise PermissionDenied(str(REPORT_STEPS[Review.Decision.ACCEPT].refused))
    errors: dict[str, object] = {}
    if decision not in Review.Decision.values:
        errors["decision"] = _("Choose accept or request a revision.")
    if rating not in Review.Rating.values:
        errors["rating"] = _("Choose a rating: on track, needs attention or at risk.")
    revise = REPORT_STEPS[Review.Decision.REVISE]
    if decision == Review.Decision.REVISE and not (comment or "").strip():
        errors["comment"] = revise.comment_missing  # with the other problems, all at once
    if errors:
        raise ValidationError(errors)
    step = REPORT_STEPS.check_person(decision, consortium, by, comment)
    current = claim(ProgressReport, report.pk)
    REPORT_STEPS.check_status(decision, current, current.status)
    save_fields(current, {"status": step.target, "rating": rating}, by=by, bump_version=True)
    refresh_figures_of(current)
    _copy(current, report)
    review = Review.objects.create(
        report=current, by=by, decision=decision, rating=rating, comment=(comment or "").strip()
    )
    _notify_reviewed(current, review)
    return review


class TargetConflict(StateConflict):
    """Someone changed the baseline or target after the person opened it."""

    def __init__(self, *args):
        super().__init__(
            _(
                "Someone changed this baseline or target after you opened it; nothing of yours was saved. "
                "Here it is now."
            )
        )


UNCHANGED = object()
LAST_PERIOD = 40  # twenty years of six-month periods: a plan longer than that is a typing slip


def _check_target_setter(consortium: Consortium, by: User) -> None:
    if not by.has_perm("monitoring.set_targets", consortium):
        raise PermissionDenied(_("Only the consortium's facilitators and coordinators set its baselines and targets."))


def _figure(indicator: Indicator, typed, field: str, *, typed_in_language: bool) -> Decimal | None:
    """The number typed for ``field``, checked against the indicator (ValidationError naming the field)."""
    parsed, problems = parse_values({indicator.code: typed}, typed_in_language=typed_in_language)
    if problems:
        raise ValidationError({field: list(problems.values())})
    return parsed[indicator]


def _claim_or_create(model, lookup: dict, values: dict, *, by: User, version: int | None):
    """(claimed row or None, created row or None) for one figure, created only if nobody has yet."""
    current = model.objects.select_for_update(of=("self",)).filter(**lookup).first()
    if current is None and values:
        try:
            with transaction.atomic():  # a savepoint: a racing creator makes this one a conflict
                return None, model.objects.create(**lookup, **values, updated_by=by)
        except IntegrityError:
            current = claim(model, **lookup)
    if current is not None:
        # No version for a row that exists: the person opened the page before someone set it.
        check_version(current, version, TargetConflict)
    return current, None


def _write_figure(model, lookup: dict, values: dict, *, by: User, version: int | None):
    """Create, change or (with no ``values``) remove one baseline or target, from the version read."""
    current, created = _claim_or_create(model, lookup, values, by=by, version=version)
    if created is not None or current is None:
        return created
    if not values:
        set_history_user(current, by)
        current.delete()  # simple-history keeps the removal, with who removed it
        return None
    changes = changed(current, values)
    if changes:
        save_fields(current, changes, by=by, bump_version=True)
    return current


@transaction.atomic
def baseline_set(
    *,
    consortium: Consortium,
    indicator: Indicator,
    by,
    value,
    measured_on: datetime.date | None = None,
    version: int | None = None,
    typed_in_language: bool = False,
) -> Baseline | None:
    """Set the indicator's baseline and the date it was measured; an empty value clears it (None returned).

    One baseline per consortium and indicator; an existing one changes only from the ``version``
    the person read (409 otherwise).
    """
    _check_target_setter(consortium, by)
    number = _figure(indicator, value, "value", typed_in_language=typed_in_language)
    if number is not None and measured_on is None:
        raise ValidationError({"measured_on": _("Enter the date the baseline was measured.")})
    lookup = {"consortium": consortium, "indicator": indicator}
    values = {"value": number, "measured_on": measured_on} if number is not None else {}
    return _write_figure(Baseline, lookup, values, by=by, version=version)


@transaction.atomic
def target_set(
    *,
    consortium: Consortium,
    indicator: Indicator,
    by,
    period: int | None,
    target,
    target_date=UNCHANGED,
    version: int | None = None,
    typed_in_language: bool = False,
) -> IndicatorTarget | None:
    """Set the target of one reporting period (its number), or of the whole plan (``period=None``).

    The whole-plan target carries the date it is to be met by; a period's is met by the period's
    end and takes no date. An empty target clears it (None returned). An existing target changes
    only from the ``version`` the person read (409 otherwise).
    """
    _check_target_setter(consortium, by)
    number = _figure(indicator, target, "target", typed_in_language=typed_in_language)
    try:
        period = None if period in (None, "") else int(period)
    except (TypeError, ValueError):
        period = 0  # refused just below, with the message that says what to type
    if period is not None and not (1 <= period <= LAST_PERIOD):
        raise ValidationError(
            {
                "period": _("Enter a period number from 1 to %(last)s, or none for the whole plan.")
                % {"last": LAST_PERIOD}
            }
        )
    if period is not None and target_date not in (UNCHANGED, None):
        raise ValidationError(
            {"target_date": _("A period's target is due at the end of its period; leave the date empty.")}
        )
    lookup = {"consortium": consortium, "indicator": indicator, "period": period}
    values: dict[str, object] = {} if number is None else {"target": number}
    if period is None and target_date is not UNCHANGED:
        values["target_date"] = target_date
    # Locked now: the date kept is the one of the row this write will change.
    existing = IndicatorTarget.objects.select_for_update(of=("self",)).filter(**lookup).first()
    dated = values.get("target_date", existing.target_date if existing else None)
    if period is None and number is not None and dated is None:
        raise ValidationError({"target_date": _("Enter the date the whole plan's target is to be met by.")})
    if number is not None and period is None:
        values["target_date"] = dated
    return _write_figure(IndicatorTarget, lookup, values, by=by, version=version)


@transaction.atomic
def indicator_figures_set(
    *, consortium: Consortium, indicator: Indicator, by, baseline: dict | None, plan: dict | None, periods: dict
) -> None:
    """Set several figures of one indicator at once, all or none (the targets page; an import can call it too).

    ``baseline``: {value, measured_on, version}; ``plan``: {target, target_date, version};
    ``periods``: {number: {target, version}}; None or {} leaves that part alone. A refusal names
    the figure: ``baseline``, ``baseline_date``, ``plan_target``, ``plan_date`` or ``period_<n>``.
    """

    def named(error: ValidationError, names: dict[str, str]) -> ValidationError:
        if not hasattr(error, "error_dict"):
            return error
        return ValidationError({names.get(key, key): messages for key, messages in error.error_dict.items()})

    common = {"consortium": consortium, "indicator": indicator, "by": by}
    if baseline is not None:
        try:
            baseline_set(**common, **baseline)
        except ValidationError as error:
            raise named(error, {"value": "baseline", "measured_on": "baseline_date"}) from error
    if plan is not None:
        try:
            target_set(**common, period=None, **plan)
        except ValidationError as error:
            raise named(error, {"target": "plan_target", "target_date": "plan_date"}) from error
    for number, figures in sorted(periods.items()):
        try:
            target_set(**common, period=number, **figures)
        except ValidationError as error:
            raise named(error, {"target": f"period_{number}"}) from error


# ------------------------------------------------------------------------------
# Reads for the report page and API
# ------------------------------------------------------------------------------


@transaction.atomic
def report_attach(*, report: ProgressReport, by: User, file) -> ReportAttachment:
    """Attach a file to a report that can still be edited; same rules as checklist evidence."""
    from methodology.services import check_evidence_file

    _check_writer(report, by)
    if not file:
        raise ValidationError({"file": _("Choose a file to attach.")})
    check_evidence_file(file)
    current = claim(ProgressReport, report.pk)  # a submit racing this waits, or this sees it submitted
    _check_editable(current)
    return ReportAttachment.objects.create(report=current, file=file, uploaded_by=by)


# ------------------------------------------------------------------------------
# Notices of the loop: submitted → coordinators in scope; reviewed → the reporters
# ------------------------------------------------------------------------------
def _notify_submitted(report: ProgressReport, submission: Submission, by: User, *, resubmitted: bool) -> None:
    from django.urls import reverse

    from accounts.models import User
    from notifications.models import Notification
    from notifications.services import notify_on_commit

    consortium = report.period.consortium
    number = report.period.number
    url = reverse("monitoring:report", args=[report.pk])
    for coordinator in User.objects.coordinators_for(consortium.country):
        if coordinator.pk == by.pk:
            continue
        notify_on_commit(
            recipient=coordinator,
            kind=Notification.Kind.REPORT_SUBMITTED,
            dedup_key=f"report_submitted:{submission.pk}:{coordinator.pk}",
            subject=lambda: (
                (
                    _("%(name)s resubmitted report #%(number)s")
                    if resubmitted
                    else _("%(name)s submitted report #%(number)s")
                )
                % {"name": consortium.name, "number": number}
            ),
            body=lambda: (
                _("%(who)s submitted the six-month report #%(number)s of %(name)s; it awaits your review.")
                % {"who": by, "number": number, "name": consortium.name}
            ),
            url=url,
        )


def _notify_reviewed(report: ProgressReport, review: Review) -> None:
    from django.urls import reverse

    from consortia.selectors import reporters
    from notifications.models import Notification
    from notifications.services import notify_on_commit

    consortium = (
        Consortium.objects.select_related("sponsor")
        .prefetch_related("facilitators", "sponsor__officials")
        .get(pk=report.period.consortium_id)
    )
    number = report.period.number
    url = reverse("monitoring:report", args=[report.pk])
    for person in reporters(consortium):
        if person.pk == review.by_id:
            continue
        notify_on_commit(
            recipient=person,
            kind=Notification.Kind.REPORT_REVIEWED,
            dedup_key=f"report_reviewed:{review.pk}:{person.pk}",
            subject=lambda: (
                _("Report #%(number)s of %(name)s: %(decision)s")
                % {"number": number, "name": consortium.name, "decision": review.outcome_label}
            ),
            body=lambda: review.comment or review.outcome_label,
            url=url,
        )
