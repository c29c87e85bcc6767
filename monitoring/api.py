from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from consortia.api import ConsortiumNestedMixin
from consortia.models import Consortium
from core.api import UserFilterSetMixin
from core.errors import StateConflict
from monitoring import dashboard, services
from monitoring.filters import BaselineFilter, ReportFilter, TargetFilter
from monitoring.forms import DashboardFilter
from monitoring.models import Baseline, Indicator, IndicatorTarget, ProgressReport, Review


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["code", "name", "unit", "kind", "aggregation", "required"]


class ReviewSerializer(serializers.ModelSerializer):
    by = serializers.SlugRelatedField(slug_field="email", read_only=True)

    class Meta:
        model = Review
        fields = ["decision", "rating", "comment", "by", "at"]


class ValuesField(serializers.DictField):
    """The report's values by indicator code, read and written the same way."""

    def get_attribute(self, report):
        return {v.indicator.code: f"{v.value.normalize():f}" for v in report.values.all()}


class ReportSerializer(serializers.ModelSerializer):
    consortium = serializers.IntegerField(source="period.consortium_id", read_only=True)
    period = serializers.IntegerField(source="period.number", read_only=True)
    start = serializers.DateField(source="period.start", read_only=True)
    end = serializers.DateField(source="period.end", read_only=True)
    due = serializers.DateField(read_only=True)
    values = ValuesField(
        child=serializers.CharField(allow_blank=True, allow_null=True),
        required=False,
        help_text=_(
            'Indicator code to value, as a plain number ("34500.5", no thousands separators); '
            "an empty value clears it. Read back the same way."
        ),
    )
    submitted_by = serializers.SlugRelatedField(slug_field="email", read_only=True, allow_null=True)
    reviews = ReviewSerializer(many=True, read_only=True)

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "consortium",
            "period",
            "start",
            "end",
            "due",
            "status",
            "achievements",
            "difficulties",
            "next_steps",
            "support_requested",
            "values",
            "phase_snapshot",
            "submitted_at",
            "submitted_by",
            "rating",
            "version",
            "reviews",
        ]
        read_only_fields = ["status", "phase_snapshot", "submitted_at", "rating"]
        extra_kwargs = {
            "version": {
                "required": False,
                "help_text": _("The version you read: required to save; a stale one gets 409 and changes nothing."),
            }
        }


class SubmitRequestSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        required=False, help_text=_("The version you read; a stale one gets 409 and submits nothing.")
    )


class HistoryEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    by = serializers.SerializerMethodField()
    subject = serializers.CharField(help_text=_("What changed: the report, or an indicator's name."))
    field = serializers.CharField(help_text=_("The field's code (status, achievements, value …)."))
    # A serializer is a Field, whose own `label` the stubs see this output field override.
    label = serializers.CharField(help_text=_("The field's name, in your language."))  # type: ignore[assignment]
    old = serializers.SerializerMethodField()
    new = serializers.SerializerMethodField()

    def get_by(self, change) -> str | None:
        return change.by.email if change.by else None

    def get_old(self, change) -> str | None:
        return None if change.old is None else str(change.old)

    def get_new(self, change) -> str | None:
        return None if change.new is None else str(change.new)


class ReviewRequestSerializer(serializers.Serializer):
    decision = serializers.CharField()
    rating = serializers.CharField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.filter(is_active=True)
    lookup_field = "code"


class ReportViewSet(
    UserFilterSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Six-month reports you may see. PATCH saves a draft; ``submit`` and ``review`` move it on (409 when the
    status does not allow it)."""

    serializer_class = ReportSerializer
    filterset_class = ReportFilter
    http_method_names = ["get", "patch", "post", "head", "options"]

    def get_queryset(self):
        return (
            ProgressReport.objects.visible_to(self.request.user)
            .select_related("period", "submitted_by")
            .prefetch_related("values__indicator", "reviews__by")
            .order_by("due", "pk")
        )

    def partial_update(self, request, *args, **kwargs):
        report = self.get_object()
        if not request.user.has_perm("monitoring.write_report", report.period.consortium):
            raise PermissionDenied(
                _("Only the consortium's facilitators and its sponsor's officials write its reports.")
            )
        serializer = self.get_serializer(report, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        values = data.pop("values", {})
        version = data.pop("version", None)  # required: the service refuses a save without it (400)
        services.report_save(report=report, by=request.user, values=values, version=version, **data)
        return Response(ReportSerializer(self.get_queryset().get(pk=report.pk)).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=SubmitRequestSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        report = self.get_object()
        payload = SubmitRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.report_submit(report=report, by=request.user, version=payload.validated_data.get("version"))
        return Response(ReportSerializer(self.get_queryset().get(pk=report.pk)).data)

    @extend_schema(request=None, responses=HistoryEntrySerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        """Who changed which field of the report or its values, from what to what, and when (newest first)."""
        from monitoring.selectors import report_history

        report = self.get_object()
        if not request.user.has_perm("monitoring.view_history", report.period.consortium):
            raise PermissionDenied(_("Only the consortium's facilitators and coordinators read its history."))
        changes = list(reversed(report_history(report)))
        page = self.paginate_queryset(changes)
        data = HistoryEntrySerializer(page if page is not None else changes, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(request=ReviewRequestSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        report = self.get_object()
        payload = ReviewRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.report_review(report=report, by=request.user, **payload.validated_data)
        return Response(ReportSerializer(self.get_queryset().get(pk=report.pk)).data)


@extend_schema(responses={200: dict})
class DashboardSummaryView(APIView):
    """The dashboard's figures for your scope; filter with ?country=CR&sector=wine&kind=origin."""

    def get(self, request):
        form = DashboardFilter(request.query_params or None, user=request.user)
        if form.is_bound and not form.is_valid():
            raise serializers.ValidationError(form.errors)
        filters = {k: (getattr(v, "code", v) or "") for k, v in (form.cleaned_data if form.is_bound else {}).items()}
        data = dashboard.summary(request.user, today=timezone.localdate(), **filters)
        return Response(
            {
                **{k: v for k, v in data.items() if not isinstance(v, list)},
                "rates_by_country": data["rates_by_country"],
                "consortia_per_phase": data["consortia_per_phase"],
                "export_sales_per_period": [
                    {"period": r["period"], "total": str(r["total"])} for r in data["export_sales_per_period"]
                ],
                "status_by_country": data["status_by_country"],
                "overdue_reports": [r.pk for r in data["overdue_reports"]],
                "reports_awaiting_review": [r.pk for r in data["reports_awaiting_review"]],
                "consortia_at_risk": [c.pk for c in data["consortia_at_risk"]],
            }
        )


# ------------------------------------------------------------------------------
# Baselines, targets and the tracking sheet
# ------------------------------------------------------------------------------
class FigureField(serializers.CharField):
    """A figure as a plain number ("34500.5", no thousands separators), read and written the same way."""

    def to_representation(self, value) -> str:
        return f"{value.normalize():f}"

    def run_validation(self, data=serializers.empty):
        if data in (None, ""):
            raise serializers.ValidationError(_("Enter a number; to remove the figure, DELETE it with its version."))
        return super().run_validation(data)

    def to_internal_value(self, data):
        if data in (None, ""):
            raise serializers.ValidationError(_("Enter a number; to remove the figure, DELETE it with its version."))
        return str(data)  # the service reads it and names what is wrong


class FigureSerializer(serializers.ModelSerializer):
    consortium = serializers.PrimaryKeyRelatedField(queryset=Consortium.objects.none())
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.filter(is_active=True))
    updated_by = serializers.SlugRelatedField(slug_field="email", read_only=True, allow_null=True)

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["consortium"].queryset = Consortium.objects.visible_to(request.user)
        return fields


VERSION_HELP = _("The version you read: required to change it; a stale one gets 409 and changes nothing.")


class TargetSerializer(FigureSerializer):
    target = FigureField(help_text=_('A plain number ("39000", "12.5").'))
    period = serializers.IntegerField(
        allow_null=True, required=False, default=None, help_text=_("The period's number; null for the whole plan.")
    )

    class Meta:
        model = IndicatorTarget
        fields = [
            "id",
            "consortium",
            "indicator",
            "period",
            "target",
            "target_date",
            "version",
            "updated_at",
            "updated_by",
        ]
        read_only_fields = ["updated_at"]
        extra_kwargs = {"version": {"required": False, "help_text": VERSION_HELP}}
        validators = []  # a second figure for the same key is a 409 naming the one there (FigureViewSet.create)


class BaselineSerializer(FigureSerializer):
    value = FigureField(help_text=_('A plain number ("39000", "12.5").'))

    class Meta:
        model = Baseline
        fields = ["id", "consortium", "indicator", "value", "measured_on", "version", "updated_at", "updated_by"]
        read_only_fields = ["updated_at"]
        extra_kwargs = {"version": {"required": False, "help_text": VERSION_HELP}}
        validators = []  # a second figure for the same key is a 409 naming the one there (FigureViewSet.create)


class FigureViewSet(
    UserFilterSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Shared by baselines and targets: one row per key; PATCH and DELETE carry the ``version`` read."""

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    model: Any = None  # the figure model (Baseline, IndicatorTarget)
    keys: tuple[str, ...] = ("consortium", "indicator")  # what a row is for: fixed once created
    figures: tuple[str, ...] = ()  # what may change

    def get_queryset(self):
        return (
            self.model.objects.filter(consortium__in=Consortium.objects.visible_to(self.request.user))
            .select_related("indicator", "updated_by")
            .order_by("consortium_id", "indicator__order", "indicator__code", "pk")
        )

    def write(self, *, key: dict, figures: dict, version):
        raise NotImplementedError

    def _respond(self, row, status_code=200):
        return Response(self.get_serializer(self.get_queryset().get(pk=row.pk)).data, status=status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        key = {name: data.get(name) for name in self.keys}
        existing = self.model.objects.filter(**key).first()
        if existing is not None:
            raise StateConflict(
                _("This figure is set already (id %(id)s): change it with PATCH and the version you read.")
                % {"id": existing.pk}
            )
        figures = {name: data[name] for name in self.figures if name in data}
        row = self.write(key=key, figures=figures, version=None)
        return self._respond(row, 201)

    def partial_update(self, request, *args, **kwargs):
        row = self.get_object()
        serializer = self.get_serializer(row, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        moved = [name for name in self.keys if name in data and data[name] != getattr(row, name)]
        if moved:
            raise serializers.ValidationError(
                {name: [_("This cannot change; set a new figure instead.")] for name in moved}
            )
        if data.get("version") is None:
            raise serializers.ValidationError({"version": [_("Send the version you read.")]})
        figures = {name: data[name] for name in self.figures if name in data}
        key = {name: getattr(row, name) for name in self.keys}
        first = self.figures[0]
        figures.setdefault(first, str(getattr(row, first)))
        row = self.write(key=key, figures=figures, version=data["version"])
        return self._respond(row)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(parameters=[OpenApiParameter("version", int, required=True, description=str(VERSION_HELP))])
    def destroy(self, request, *args, **kwargs):
        row = self.get_object()
        version = request.query_params.get("version")
        if not (version or "").isdigit():
            raise serializers.ValidationError({"version": [_("Send the version you read: ?version=3.")]})
        key = {name: getattr(row, name) for name in self.keys}
        self.write(key=key, figures={self.figures[0]: None}, version=int(version))
        return Response(status=204)


class TargetViewSet(FigureViewSet):
    """Targets per reporting period (``period`` its number) and for the whole plan (``period`` null, with
    ``target_date``). Facilitators and coordinators in scope set them; whoever sees the consortium reads them."""

    serializer_class = TargetSerializer
    filterset_class = TargetFilter
    model = IndicatorTarget
    keys = ("consortium", "indicator", "period")
    figures = ("target", "target_date")

    def write(self, *, key, figures, version):
        return services.target_set(
            consortium=key["consortium"],
            indicator=key["indicator"],
            by=self.request.user,
            period=key["period"],
            target=figures["target"],
            target_date=figures.get("target_date", services.UNCHANGED),
            version=version,
        )


class BaselineViewSet(FigureViewSet):
    """One baseline per consortium and indicator, with the date it was measured."""

    serializer_class = BaselineSerializer
    filterset_class = BaselineFilter
    model = Baseline
    figures = ("value", "measured_on")

    def write(self, *, key, figures, version):
        current = self.model.objects.filter(**key).first()
        return services.baseline_set(
            consortium=key["consortium"],
            indicator=key["indicator"],
            by=self.request.user,
            value=figures["value"],
            measured_on=figures.get("measured_on", current.measured_on if current else None),
            version=version,
        )


# A sum over many periods, or a ratio to a tiny target, outgrows a stored figure's 16 digits.
SUM_DIGITS = 30


class PeriodFiguresSerializer(serializers.Serializer):
    period = serializers.IntegerField(source="number")
    start = serializers.DateField()
    end = serializers.DateField()
    target = serializers.DecimalField(max_digits=SUM_DIGITS, decimal_places=2, coerce_to_string=False, allow_null=True)
    actual = serializers.DecimalField(max_digits=SUM_DIGITS, decimal_places=2, coerce_to_string=False, allow_null=True)
    status = serializers.CharField(help_text=_("The report's status code, or “upcoming” before the period opens."))
    provisional = serializers.BooleanField(help_text=_("Submitted and not yet reviewed: not counted in the plan."))
    percent_met = serializers.DecimalField(
        max_digits=SUM_DIGITS, decimal_places=1, coerce_to_string=False, allow_null=True
    )


class PlanFiguresSerializer(serializers.Serializer):
    target = serializers.DecimalField(max_digits=SUM_DIGITS, decimal_places=2, coerce_to_string=False, allow_null=True)
    target_date = serializers.DateField(allow_null=True)
    actual = serializers.DecimalField(max_digits=SUM_DIGITS, decimal_places=2, coerce_to_string=False, allow_null=True)
    percent_met = serializers.DecimalField(
        max_digits=SUM_DIGITS, decimal_places=1, coerce_to_string=False, allow_null=True
    )


class IndicatorTrackSerializer(serializers.Serializer):
    code = serializers.CharField(source="indicator.code")
    name = serializers.CharField(source="indicator.name")
    aggregation = serializers.CharField(source="indicator.aggregation")
    baseline = serializers.DecimalField(
        source="baseline.value", max_digits=SUM_DIGITS, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    baseline_date = serializers.DateField(source="baseline.measured_on", allow_null=True)
    periods = PeriodFiguresSerializer(many=True)
    life_of_plan = PlanFiguresSerializer()


class TrackingSerializer(serializers.Serializer):
    consortium = serializers.IntegerField()
    indicators = IndicatorTrackSerializer(many=True)


@extend_schema(responses=TrackingSerializer)
class TrackingView(ConsortiumNestedMixin, APIView):
    """Target, actual and % met per period and for the whole plan, per indicator (accepted values count;
    submitted ones show as provisional). % met is rounded to one decimal, null without a target."""

    def get(self, request, consortium_pk: int):
        from monitoring.selectors import tracking

        consortium = self.get_consortium()
        return Response(TrackingSerializer({"consortium": consortium.pk, "indicators": tracking(consortium)}).data)
