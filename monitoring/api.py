from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import UserFilterSetMixin
from monitoring import dashboard, services
from monitoring.filters import ReportFilter
from monitoring.forms import DashboardFilter
from monitoring.models import Indicator, ProgressReport, Review


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
    due = serializers.DateField(source="period.due", read_only=True)
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
    label = serializers.CharField(help_text=_("The field's name, in your language."))
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
            .order_by("period__due", "pk")
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
