from __future__ import annotations

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortia.models import Consortium
from core.models import QuickDisplay
from core.validators import sensible_date

PERIOD_MONTHS = 6


def period_bounds(activated_on: datetime.date, number: int) -> tuple[datetime.date, datetime.date]:
    """Start and end (inclusive) of the ``number``-th six-month period from activation.

    Counted from the activation date each time, so a consortium activated on the
    31st keeps its day: 31 Aug → 28/29 Feb → 31 Aug, never drifting to the 28th.
    """
    start = activated_on + relativedelta(months=PERIOD_MONTHS * (number - 1))
    next_start = activated_on + relativedelta(months=PERIOD_MONTHS * number)
    return start, next_start - datetime.timedelta(days=1)


def due_date(period_end: datetime.date) -> datetime.date:
    return period_end + datetime.timedelta(days=settings.REPORT_GRACE_DAYS)


class Indicator(models.Model):
    """The catalogue (admin-editable; name translated with modeltranslation)."""

    class Kind(models.TextChoices):
        ECONOMIC = "economic", _("Economic")
        NON_ECONOMIC = "non_economic", _("Non-economic")

    class Unit(models.TextChoices):
        USD = "usd", _("US dollars")
        COUNT = "count", _("Count")
        PERCENT = "percent", _("Percent")
        SCORE = "score", _("Score (1–5)")
        YES_NO = "yes_no", _("Yes (1) or no (0)")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("Sum of the periods")
        AVERAGE = "average", _("Average of the periods")
        LATEST = "latest", _("Latest period")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    aggregation = models.CharField(_("aggregation"), max_length=8, choices=Aggregation.choices)
    required = models.BooleanField(_("required in every report"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def bounds(self) -> tuple[Decimal, Decimal | None]:
        """The values this indicator accepts (minimum, maximum or None)."""
        known: dict[str, tuple[Decimal, Decimal | None]] = {
            Indicator.Unit.PERCENT: (Decimal(0), Decimal(100)),
            Indicator.Unit.SCORE: (Decimal(1), Decimal(5)),
            Indicator.Unit.YES_NO: (Decimal(0), Decimal(1)),
        }
        return known.get(self.unit, (Decimal(0), None))


class VersionedFigure(models.Model):
    """What a baseline and a target keep to be changed safely: the version read, who changed it last and when."""

    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True


class Baseline(VersionedFigure):
    """Where an indicator stood for a consortium before the plan, measured once, with its date."""

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="baselines")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="baselines")
    value = models.DecimalField(_("baseline"), max_digits=16, decimal_places=2)
    measured_on = models.DateField(_("measured on"), validators=[sensible_date])
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")
        constraints = [models.UniqueConstraint(fields=["consortium", "indicator"], name="one_baseline_per_indicator")]

    def __str__(self) -> str:
        return f"{self.consortium}: {self.indicator} {self.value} ({self.measured_on})"


class IndicatorTarget(VersionedFigure):
    """A target for one reporting period (by its number), or for the life of the plan (no period, a date)."""

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="indicator_targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    # The period's number, not a row: targets are planned before the daily job opens a period.
    period = models.PositiveSmallIntegerField(
        _("period"), null=True, blank=True, help_text=_("The reporting period's number; empty for the whole plan.")
    )
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2)
    target_date = models.DateField(
        _("to be met by"), null=True, blank=True, validators=[sensible_date], help_text=_("For the whole plan only.")
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["consortium", "indicator", models.F("period").asc(nulls_last=True)]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "indicator", "period"],
                condition=Q(period__isnull=False),
                name="one_target_per_period",
            ),
            models.UniqueConstraint(
                fields=["consortium", "indicator"], condition=Q(period__isnull=True), name="one_life_of_plan_target"
            ),
            models.CheckConstraint(
                condition=Q(period__isnull=True, target_date__isnull=False)
                | Q(period__gte=1, target_date__isnull=True),
                name="period_target_or_dated_plan_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consortium}: {self.indicator} #{self.period or '*'}"

    @property
    def is_life_of_plan(self) -> bool:
        return self.period is None


class ReportingPeriodQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(Consortium.objects.visible_filter(user, "consortium"))

    def update(self, **kwargs):
        """A due date changed in bulk changes the reports' copy of it in the same transaction, and
        the dashboard's kept figures."""
        with transaction.atomic(using=self.db):
            rows = super().update(**kwargs)
            if {"due", "end"} & set(kwargs):
                ProgressReport.objects.filter(period__in=self.values("pk")).update(due=ReportingPeriod.due_of_report())
                _periods_moved(self.values("consortium"))
        return rows


class ReportingPeriod(models.Model):
    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="reporting_periods")
    number = models.PositiveSmallIntegerField(_("number"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    due = models.DateField(_("report due"))

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["consortium", "number"]
        constraints = [models.UniqueConstraint(fields=["consortium", "number"], name="one_period_per_number")]

    def __str__(self) -> str:
        from django.utils.formats import date_format

        start, end = (date_format(day, "SHORT_DATE_FORMAT") for day in (self.start, self.end))
        return f"{self.consortium} #{self.number} ({start} – {end})"

    def save(self, *args, **kwargs):
        """A due date moved here (the admin extends a deadline) moves the report's copy with it, and
        the dashboard's kept figures are counted again."""
        with transaction.atomic():
            super().save(*args, **kwargs)
            ProgressReport.objects.filter(period=self).exclude(due=self.due).update(due=self.due)
            _periods_moved([self.consortium_id])

    @staticmethod
    def due_of_report() -> Subquery:
        """The due date of a report's period, for an UPDATE of the reports' copy."""
        return Subquery(ReportingPeriod.objects.filter(pk=OuterRef("period_id")).values("due")[:1])


def _periods_moved(consortium_ids) -> None:
    """The dashboard's kept figures count reports by due date and half-year of the period's end:
    count them again (in the same transaction)."""
    from monitoring.services import figures_refresh

    figures_refresh(Consortium.objects.filter(pk__in=consortium_ids))


class ProgressReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(Consortium.objects.visible_filter(user, "period__consortium"))

    def of_consortia(self, consortia):
        """The reports of these consortia; no filter at all when they are every consortium, so the
        planner is not handed an IN over the whole table (it joined every period to honour it)."""
        if not consortia.query.where:
            return self
        return self.filter(period__consortium__in=consortia.values("pk"))

    def due_by(self, day: datetime.date):
        return self.filter(due__lte=day)

    @staticmethod
    def overdue_q(today: datetime.date) -> Q:
        """Past due and not submitted: the one definition, for filters and for counts in an aggregate."""
        return Q(due__lt=today, status__in=ProgressReport.UNSUBMITTED)

    def with_wrong_due(self):
        """Reports whose copy of the due date is not their period's (none, while the writers keep it)."""
        return self.exclude(due=F("period__due"))

    @staticmethod
    def awaiting_review_q() -> Q:
        return Q(status=ProgressReport.Status.SUBMITTED)

    def overdue(self, today: datetime.date):
        return self.filter(self.overdue_q(today))

    def awaiting_review(self):
        return self.filter(self.awaiting_review_q())


class ProgressReport(QuickDisplay):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        REVISION_REQUESTED = "revision_requested", _("Revision requested")

    UNSUBMITTED = (Status.OPEN, Status.DRAFT, Status.REVISION_REQUESTED)
    EDITABLE = UNSUBMITTED

    period = models.OneToOneField(ReportingPeriod, on_delete=models.CASCADE, related_name="report")
    # The period's due date, copied so the lists that sort and filter reports by it (the report
    # list, the overdue lists) read one table and an index. Kept by ReportingPeriod.save and
    # .update, set on creation (save, open_due_periods), and checked daily by the figures job.
    due = models.DateField(_("report due"), editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    achievements = models.TextField(_("achievements"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    support_requested = models.TextField(_("support requested"), blank=True)
    phase_snapshot = models.JSONField(_("phase progress at submission"), default=list, blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rating = models.CharField(_("rating"), max_length=16, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "due"])
    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["due"]
        indexes = [
            models.Index(fields=["due", "id"], name="report_due"),
            # The overdue lists and every "next report": the few unsubmitted reports (UNSUBMITTED,
            # spelled out: Meta cannot see the class's names), by due date.
            models.Index(
                fields=["due", "id"],
                condition=Q(status__in=("open", "draft", "revision_requested")),
                name="report_unsubmitted_due",
            ),
            # The reports awaiting review, oldest submission first (the dashboard's list).
            models.Index(fields=["submitted_at", "id"], condition=Q(status="submitted"), name="report_awaiting"),
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.get_status_display()}"

    def save(self, *args, **kwargs):
        """The due date is set on creation and moved only by the period (ReportingPeriod.save
        and .update): a whole-row save of a report read earlier (the admin's) leaves it alone,
        so it cannot write back a deadline the period has moved since."""
        if self._state.adding:
            if self.due is None:
                self.due = self.period.due
        elif kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name for field in self._meta.concrete_fields if not field.primary_key and field.name != "due"
            ]
        super().save(*args, **kwargs)

    @property
    def consortium(self) -> Consortium:
        return self.period.consortium

    @property
    def rating_label(self) -> str:
        return str(Review.Rating(self.rating).label) if self.rating else ""

    @property
    def submitted_on_time(self) -> bool | None:
        if self.first_submitted_at is None:
            return None
        # The programme's local date, as the dashboard's SQL counts it (one rule, two readers).
        from django.utils import timezone

        return timezone.localdate(self.first_submitted_at) <= self.due


class IndicatorValue(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class Review(models.Model):
    class Decision(models.TextChoices):
        ACCEPT = "accepted", _("Accept")
        REVISE = "revision_requested", _("Request a revision")

    class Rating(models.TextChoices):
        ON_TRACK = "on_track", _("On track")
        NEEDS_ATTENTION = "needs_attention", _("Needs attention")
        AT_RISK = "at_risk", _("At risk")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="reviews")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    rating = models.CharField(_("rating"), max_length=16, choices=Rating.choices)
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(decision="accepted") | ~Q(comment=""), name="revision_needs_comment")
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.get_decision_display()}"

    @property
    def outcome_label(self) -> str:
        """What the decision did to the report ("Revision requested"), for timelines."""
        return str(ProgressReport.Status(self.decision).label)


class Submission(models.Model):
    """Each time a report was submitted, for the report's timeline."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="submissions")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.report} {self.at:%Y-%m-%d}"


def attachment_path(attachment: ReportAttachment, filename: str) -> str:
    return f"reports/{attachment.report.period.consortium_id}/{attachment.report_id}/{filename}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=400)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return (self.file.name or "").rsplit("/", 1)[-1]


class KeptCounts(models.Model):
    """The counts kept for the dashboard and the lists, per consortium and summed per pair."""

    # Reports due before the day they were counted (ConsortiumFigures.tallied_on), by outcome.
    reports_due = models.PositiveIntegerField(_("reports due"), default=0)
    reports_submitted = models.PositiveIntegerField(_("reports submitted"), default=0)
    reports_on_time = models.PositiveIntegerField(_("reports submitted on time"), default=0)
    reports_overdue = models.PositiveIntegerField(_("reports overdue"), default=0)
    # Whatever their due date (a report can be submitted early).
    reports_awaiting = models.PositiveIntegerField(_("reports awaiting review"), default=0)
    # Current memberships; kept on every membership save and delete (services.on_membership_changed).
    members = models.PositiveIntegerField(_("current members"), default=0)
    # All the reports and all the tasks, for the lists' totals (services.on_task_changed).
    reports = models.PositiveIntegerField(_("reports"), default=0)
    tasks = models.PositiveIntegerField(_("tasks"), default=0)

    class Meta:
        abstract = True


class ConsortiumFigures(KeptCounts):
    """A consortium's figures from its latest reports, for the dashboard, the homes and the digest.

    Summing these rows is what lets the dashboard skip a search of every consortium's reports.
    The report services rewrite a consortium's row in the transaction that changes what it is
    read from (``services.figures_refresh``), the admin does on save, and the daily job rewrites
    them all; ``selectors.figures_disagreeing`` says where a row and the reports differ.
    """

    consortium = models.OneToOneField(
        Consortium, primary_key=True, on_delete=models.CASCADE, related_name="figures", verbose_name=_("consortium")
    )
    export_sales = models.DecimalField(_("export sales"), max_digits=16, decimal_places=2, null=True, blank=True)
    producers = models.DecimalField(_("producers integrated"), max_digits=16, decimal_places=2, null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=16, choices=Review.Rating.choices, blank=True)
    # The report tallies count the reports due before ``tallied_on``, the day they were counted:
    # those counts stay true as the days pass (a report due before that day was already due), so
    # the dashboard adds only the reports that fell due since (dashboard.summary).
    tallied_on = models.DateField(_("reports counted on"), null=True, blank=True)
    # The first phase not signed off; kept by the methodology services (methodology.extensions).
    current_phase = models.PositiveSmallIntegerField(_("current phase"), null=True, blank=True)

    class Meta:
        verbose_name = _("consortium figures")
        verbose_name_plural = _("consortium figures")

    def __str__(self) -> str:
        return str(self.consortium_id)


class ExportSalesCell(models.Model):
    """Export sales reported (in submitted or accepted reports), per country, kind of consortium
    and half-year of the period's end: the dashboard's sales chart for a person who sees every
    consortium sums these few rows instead of every report's value. ``services.figures_refresh``
    counts again the cells of the consortia it refreshes; ``selectors.sales_cells_disagreeing``
    says where a cell and the reports differ."""

    country = models.CharField(_("country"), max_length=2)
    kind = models.CharField(_("kind"), max_length=10, choices=Consortium.Kind.choices)
    half = models.DateField(_("half-year"), help_text=_("Its first day: 1 January or 1 July."))
    total = models.DecimalField(_("export sales"), max_digits=18, decimal_places=2)

    class Meta:
        verbose_name = _("export sales of a half-year")
        verbose_name_plural = _("export sales of the half-years")
        constraints = [models.UniqueConstraint(fields=["country", "kind", "half"], name="one_sales_cell")]

    def __str__(self) -> str:
        return f"{self.country} {self.kind} {self.half}: {self.total}"


class PairFigures(KeptCounts):
    """ConsortiumFigures summed per country, kind and status of consortium: what the dashboard
    reads for a person who sees every consortium (a few hundred rows, however many consortia).
    Every writer of a consortium's figures, status, country or kind sums its pair again in its
    transaction (``services.pairs_recount``, under the pair's lock)."""

    country = models.CharField(_("country"), max_length=2)
    kind = models.CharField(_("kind"), max_length=10, choices=Consortium.Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Consortium.Status.choices)
    consortia = models.PositiveIntegerField(_("consortia"), default=0)
    export_sales = models.DecimalField(_("export sales"), max_digits=18, decimal_places=2, default=0)
    producers = models.DecimalField(_("producers integrated"), max_digits=18, decimal_places=2, default=0)
    # The earliest and latest day the consortia's tallies were counted; uncounted: rows never counted.
    counted_from = models.DateField(_("counted from"), null=True, blank=True)
    counted_to = models.DateField(_("counted to"), null=True, blank=True)
    uncounted = models.PositiveIntegerField(_("consortia not counted"), default=0)
    # {"3": 12}: consortia per current phase.
    phases = models.JSONField(_("consortia per current phase"), default=dict, blank=True)

    class Meta:
        verbose_name = _("figures of a country and kind")
        verbose_name_plural = _("figures of the countries and kinds")
        constraints = [models.UniqueConstraint(fields=["country", "kind", "status"], name="one_pair_status")]

    def __str__(self) -> str:
        return f"{self.country} {self.kind} {self.status}"
