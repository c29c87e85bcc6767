from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthedRequest
from consortia.models import Consortium
from core.countries import country_name
from core.web import call_service, file_response, paginate, query_without_page
from monitoring import dashboard as dashboard_data
from monitoring import exports, selectors, services
from monitoring.filters import ReportPageFilter
from monitoring.forms import AttachmentForm, DashboardFilter, IndicatorTargetsForm, ReportForm, ReviewForm
from monitoring.models import Indicator, IndicatorTarget, ProgressReport, ReportAttachment, Review


def _get_report_for_user(request: AuthedRequest, pk: int) -> ProgressReport:
    return get_object_or_404(
        ProgressReport.objects.visible_to(request.user).select_related("period__consortium", "submitted_by"), pk=pk
    )


@login_required
def report_list(request: AuthedRequest) -> HttpResponse:
    queryset = selectors.report_list_rows(request.user)
    filterset = ReportPageFilter(request.GET or None, queryset=queryset, user=request.user)
    page = paginate(request, filterset.qs if filterset.is_bound else queryset)
    template = "monitoring/partials/report_table.html" if request.htmx else "monitoring/report_list.html"
    return render(request, template, {"filter": filterset, "page": page, "query": query_without_page(request)})


def _detail_context(request: AuthedRequest, report: ProgressReport, review_form=None, attachment_form=None) -> dict:
    consortium = report.period.consortium
    user = request.user
    return {
        "report": report,
        "consortium": consortium,
        "rows": selectors.indicator_rows(report),
        "reviews": report.reviews.select_related("by"),
        "timeline": selectors.report_timeline(report),
        "snapshot": selectors.snapshot_changes(report),
        "can_write": report.status in ProgressReport.EDITABLE and user.has_perm("monitoring.write_report", consortium),
        "can_review": report.status == ProgressReport.Status.SUBMITTED
        and user.has_perm("monitoring.review_report", consortium),
        "review_form": review_form or ReviewForm(),
        "attachments": report.attachments.select_related("uploaded_by"),
        "attachment_form": attachment_form or AttachmentForm(),
        "can_see_history": user.has_perm("monitoring.view_history", consortium),
    }


@login_required
def report_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _get_report_for_user(request, pk)
    return render(request, "monitoring/report_detail.html", _detail_context(request, report))


@transaction.atomic
def _save_report(report: ProgressReport, by, form: ReportForm, submitting: bool) -> None:
    """Save and submit are one change: a refused submit saves nothing, so the page (and the
    version it carries) stays true and the next click is not a false conflict."""
    services.report_save(
        report=report, by=by, values=form.values(), version=form.cleaned_data["version"], **form.narrative()
    )
    if submitting:
        services.report_submit(report=report, by=by)


@login_required
def report_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The facilitator's form: save a draft any time, or submit."""
    report = _get_report_for_user(request, pk)
    consortium = report.period.consortium
    if not request.user.has_perm("monitoring.write_report", consortium):
        raise PermissionDenied
    if report.status not in ProgressReport.EDITABLE:
        messages.warning(
            request,
            _("This report is %(status)s and cannot be changed.") % {"status": report.get_status_display().lower()},
        )
        return redirect("monitoring:report", pk=report.pk)
    indicators = list(Indicator.objects.filter(is_active=True))
    form = ReportForm(request.POST if request.method == "POST" else None, indicators=indicators, report=report)
    if request.method == "POST" and form.is_valid():
        submitting = "submit" in request.POST
        call = call_service(
            form,
            _save_report,
            report,
            request.user,
            form,
            submitting,
            field_for=lambda key: f"value_{key}",  # errors are keyed by indicator code
        )
        if call.refused and submitting:
            form.add_error(None, _("The report was not submitted, and nothing was saved yet."))
        elif isinstance(call.conflict, services.ReportConflict):
            form.add_error(None, call.conflict.message)  # the form keeps everything typed
        elif call.conflict:
            messages.warning(request, call.conflict.message)
            return redirect("monitoring:report", pk=report.pk)
        elif call.ok:
            done = _("The report was submitted for review.") if submitting else _("The draft was saved.")
            messages.success(request, done)
            return redirect("monitoring:report", pk=report.pk)
    return render(
        request,
        "monitoring/report_form.html",
        {
            "report": report,
            "consortium": consortium,
            "form": form,
            "rows": selectors.indicator_rows(report),
            "returned": selectors.revision_request(report),
        },
    )


@login_required
@require_POST
def report_review(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _get_report_for_user(request, pk)
    if not request.user.has_perm("monitoring.review_report", report.period.consortium):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if form.is_valid():
        call = call_service(form, services.report_review, report=report, by=request.user, **form.cleaned_data)
        if call.conflict:
            messages.warning(request, call.conflict.message)
        elif call.ok:
            messages.success(request, _("Your review was recorded."))
        if not call.refused:
            return redirect("monitoring:report", pk=report.pk)
    return render(request, "monitoring/report_detail.html", _detail_context(request, report, form), status=400)


# ------------------------------------------------------------------------------
# Dashboards and exports
# ------------------------------------------------------------------------------
def _dashboard_filters(request: AuthedRequest) -> tuple[DashboardFilter, dict]:
    form = DashboardFilter(request.GET or None, user=request.user)
    filters = {"country": "", "sector": "", "kind": ""}
    if form.is_valid():
        filters.update({k: (v.code if hasattr(v, "code") else v) or "" for k, v in form.cleaned_data.items()})
    return form, filters


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    """Coordinators' dashboard, scoped to the consortia they may see and the filters chosen."""
    form, filters = _dashboard_filters(request)
    today = timezone.localdate()
    data = dashboard_data.summary(request.user, today=today, **filters)
    charts = {
        "phases": data["consortia_per_phase"],
        "sales": [
            {"period": _half_label(r["period"]), "total": float(r["total"])} for r in data["export_sales_per_period"]
        ],
        "status": [{**row, "country_name": country_name(row["country"])} for row in data["status_by_country"]],
    }
    for row in data["rates_by_country"]:
        row["country_name"] = country_name(row["country"])
    return render(request, "monitoring/dashboard.html", {"data": data, "form": form, "charts": charts, "today": today})


def _half_label(code: str) -> str:
    """ "2025-H1" (the API's code) as the reader says it: "1st half 2025", "1.er semestre 2025"…"""
    year, half = code.split("-H")
    if half == "1":
        return _("1st half %(year)s") % {"year": year}
    return _("2nd half %(year)s") % {"year": year}


@login_required
def dashboard_export(request: AuthedRequest, table: str, fmt: str) -> HttpResponse:
    if table not in {"overdue", "awaiting", "at-risk"} or fmt not in {"csv", "xlsx"}:
        raise Http404
    _form, filters = _dashboard_filters(request)
    data = dashboard_data.tables(request.user, today=timezone.localdate(), **filters)  # not the figures
    if table == "at-risk":
        header = [_("Consortium"), _("Country")]
        rows = [[c.name, c.country.code] for c in data["consortia_at_risk"]]
    else:
        reports = data["overdue_reports" if table == "overdue" else "reports_awaiting_review"]
        header = [_("Consortium"), _("Country"), _("Period"), _("Due date"), _("Status"), _("Status code")]
        rows = [
            [
                r.period.consortium.name,
                r.period.consortium.country.code,
                r.period.number,
                r.period.due,
                r.get_status_display(),
                r.status,
            ]
            for r in reports
        ]
    return exports.respond(f"alianza-{table}", header, rows, fmt)


@login_required
def tracking_sheet(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    consortium = get_object_or_404(Consortium.objects.visible_to(request.user), pk=pk)
    header, rows = exports.tracking_rows(consortium)
    return exports.respond(f"tracking-{slugify(consortium.name)}", header, rows, fmt)


@login_required
def consortium_monitoring(request: AuthedRequest, pk: int) -> HttpResponse:
    """A consortium's dashboard: phase progress, Target / Actual / % met per period and plan, report timeline."""
    from methodology.models import Phase
    from monitoring.selectors import tracking

    consortium = get_object_or_404(Consortium.objects.visible_to(request.user), pk=pk)
    tracks = tracking(consortium)
    reports = list(
        ProgressReport.objects.filter(period__consortium=consortium)
        .select_related("period", "submitted_by")
        .order_by("period__number")
    )
    phases = list(Phase.objects.filter(consortium=consortium).with_progress().select_related("template"))
    chart = {
        "periods": [f"#{p.number}" for p in tracks[0].periods] if tracks else [],
        "series": [
            {
                "name": track.indicator.name,
                "baseline": _num(track.baseline.value if track.baseline else None),
                "targets": [_num(p.target) for p in track.periods],
                "values": [_num(p.actual) for p in track.periods],
            }
            for track in tracks
        ],
    }
    return render(
        request,
        "monitoring/consortium_monitoring.html",
        {
            "consortium": consortium,
            "phases": phases,
            "tracks": tracks,
            "reports": reports,
            "can_set_targets": request.user.has_perm("monitoring.set_targets", consortium),
            "can_see_history": request.user.has_perm("monitoring.view_history", consortium),
            "chart": chart,
        },
    )


PLANNED_AHEAD = 2  # periods offered beyond the last one opened, to plan their targets


@login_required
def indicator_targets(request: AuthedRequest, pk: int, code: str) -> HttpResponse:
    """One indicator's baseline, whole-plan target and period targets, set on one form."""
    from monitoring.models import Baseline, period_bounds

    consortium = get_object_or_404(Consortium.objects.visible_to(request.user), pk=pk)
    indicator: Indicator = get_object_or_404(Indicator.objects.filter(is_active=True), code=code)
    if not request.user.has_perm("monitoring.set_targets", consortium):
        raise PermissionDenied
    back = reverse("monitoring:consortium", args=[consortium.pk]) + f"#indicator-{indicator.code}"

    def load():
        baseline = Baseline.objects.filter(consortium=consortium, indicator=indicator).first()
        targets = {t.period: t for t in IndicatorTarget.objects.filter(consortium=consortium, indicator=indicator)}
        opened = consortium.reporting_periods.aggregate(last=Max("number"))["last"] or 0
        last = max([opened + PLANNED_AHEAD, 4, *(n for n in targets if n is not None)])
        plan = targets.get(None)
        if consortium.activated_on and plan is not None:
            while period_bounds(consortium.activated_on, last)[1] < plan.target_date and last < services.LAST_PERIOD:
                last += 1
        periods = [
            (n, *(period_bounds(consortium.activated_on, n) if consortium.activated_on else (None, None)))
            for n in range(1, last + 1)
        ]
        return {"periods": periods, "baseline": baseline, "targets": targets}

    form = IndicatorTargetsForm(request.POST or None, **load())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        periods = {
            number: {"target": data[f"period_{number}"], "version": data[f"period_{number}_version"]}
            for number, *_rest in form.period_fields
            if form.changed(f"period_{number}")
        }
        call = call_service(
            form,
            services.indicator_figures_set,
            consortium=consortium,
            indicator=indicator,
            by=request.user,
            baseline=(
                {
                    "value": data["baseline"],
                    "measured_on": data["baseline_date"],
                    "version": data["baseline_version"],
                }
                if form.changed("baseline", "baseline_date")
                else None
            ),
            plan=(
                {"target": data["plan_target"], "target_date": data["plan_date"], "version": data["plan_version"]}
                if form.changed("plan_target", "plan_date")
                else None
            ),
            periods=periods,
        )
        if call.conflict:
            messages.warning(request, call.conflict.message)
            form = IndicatorTargetsForm(**load())  # what is saved now; nothing of theirs was written
        elif call.ok:
            if form.has_changed():
                messages.success(
                    request, _("The baseline and targets of %(indicator)s were saved.") % {"indicator": indicator.name}
                )
            return redirect(back)
    return render(
        request,
        "monitoring/indicator_targets.html",
        {"consortium": consortium, "indicator": indicator, "form": form, "back_url": back},
    )


def _num(value):
    return float(value) if value is not None else None


@login_required
def report_print(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _get_report_for_user(request, pk)
    return render(request, "monitoring/report_print.html", _detail_context(request, report))


@login_required
@require_POST
def report_attach(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _get_report_for_user(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        call = call_service(form, services.report_attach, report=report, by=request.user, **form.cleaned_data)
        if call.conflict:
            messages.warning(request, call.conflict.message)
        elif call.ok:
            messages.success(request, _("The file was attached."))
        if not call.refused:
            return redirect("monitoring:report", pk=report.pk)
    return render(
        request, "monitoring/report_detail.html", _detail_context(request, report, attachment_form=form), status=400
    )


@login_required
def attachment_download(request: AuthedRequest, pk: int) -> HttpResponse:
    """Report files are served only to people who may see the consortium."""
    attachment = get_object_or_404(
        ReportAttachment.objects.filter(report__in=ProgressReport.objects.visible_to(request.user)), pk=pk
    )
    return file_response(attachment.file)


# ------------------------------------------------------------------------------
# History of the figures
# ------------------------------------------------------------------------------
def _shown(change) -> dict:
    """A change as the viewer reads it: labels for codes, numbers in their format."""
    from decimal import Decimal

    from core.numbers import format_number

    def show(value):
        if value in (None, ""):
            return "—"
        if isinstance(value, Decimal):
            return format_number(value)
        if change.field == "status":
            return ProgressReport.Status(value).label
        if change.field == "rating":
            return Review.Rating(value).label
        return value

    return {
        "at": change.at,
        "by": change.by,
        "subject": change.subject,
        "label": change.label,
        "old": show(change.old),
        "new": show(change.new),
    }


def _history_page(request: AuthedRequest, consortium, title: str, changes, back_url: str) -> HttpResponse:
    if not request.user.has_perm("monitoring.view_history", consortium):
        raise PermissionDenied
    page = paginate(request, [_shown(change) for change in reversed(changes)], per_page=50)
    return render(
        request,
        "monitoring/history.html",
        {
            "consortium": consortium,
            "title": title,
            "page": page,
            "back_url": back_url,
            "query": query_without_page(request),
        },
    )


@login_required
def report_history(request: AuthedRequest, pk: int) -> HttpResponse:
    from monitoring.selectors import report_history as changes

    report = _get_report_for_user(request, pk)
    title = _("History of report #%(number)s") % {"number": report.period.number}
    return _history_page(
        request, report.period.consortium, title, changes(report), reverse("monitoring:report", args=[pk])
    )


@login_required
def target_history(request: AuthedRequest, pk: int) -> HttpResponse:
    from monitoring.selectors import target_history as changes

    consortium = get_object_or_404(Consortium.objects.visible_to(request.user), pk=pk)
    title = _("History of baselines and targets")
    return _history_page(request, consortium, title, changes(consortium), reverse("monitoring:consortium", args=[pk]))
