from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from accounts.models import User
from consortia.api import ConsortiumNestedMixin
from core.api import UserFilterSetMixin
from methodology import services
from methodology.filters import TaskFilter
from methodology.models import Evidence, Phase, Task, TaskComment


class TaskSerializer(serializers.ModelSerializer):
    consortium = serializers.IntegerField(source="phase.consortium_id", read_only=True)
    phase = serializers.IntegerField(source="phase.number", read_only=True)
    title = serializers.CharField(read_only=True)
    guidance = serializers.CharField(read_only=True)
    assignee = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), allow_null=True, required=False)
    status = serializers.CharField(required=False)
    version = serializers.IntegerField(help_text=_("The version you read; a stale one gets 409 and changes nothing."))
    is_overdue = serializers.BooleanField(read_only=True)
    comment_count = serializers.IntegerField(read_only=True, default=0)
    evidence_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Task
        fields = [
            "id",
            "consortium",
            "phase",
            "title",
            "guidance",
            "required",
            "needs_evidence",
            "status",
            "assignee",
            "due_date",
            "notes",
            "version",
            "is_overdue",
            "comment_count",
            "evidence_count",
            "updated_at",
        ]
        read_only_fields = ["required", "needs_evidence", "updated_at"]


class PhaseSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    guidance = serializers.CharField(read_only=True)
    progress = serializers.IntegerField(read_only=True)
    required_count = serializers.IntegerField(read_only=True)
    required_done = serializers.IntegerField(read_only=True)
    signed_off_by = serializers.SlugRelatedField(slug_field="email", read_only=True, allow_null=True)

    class Meta:
        model = Phase
        fields = [
            "id",
            "number",
            "title",
            "guidance",
            "progress",
            "required_count",
            "required_done",
            "signed_off_at",
            "signed_off_by",
        ]


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="email", read_only=True)

    class Meta:
        model = TaskComment
        fields = ["id", "author", "body", "created_at"]


class EvidenceSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.SlugRelatedField(slug_field="email", read_only=True)
    file = serializers.FileField(required=False, allow_null=True, use_url=False)

    class Meta:
        model = Evidence
        fields = ["id", "name", "file", "link", "uploaded_by", "created_at"]


class ReopenSerializer(serializers.Serializer):
    comment = serializers.CharField(allow_blank=True, required=False, default="")


class PhaseViewSet(ConsortiumNestedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The phases of one consortium, with progress; sign-off and reopen."""

    serializer_class = PhaseSerializer
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Phase.objects.none()
        return self.get_consortium().phases.with_progress().select_related("template", "signed_off_by")

    @extend_schema(request=None, responses=PhaseSerializer)
    @action(detail=True, methods=["post"], url_path="sign-off")
    def sign_off(self, request, consortium_pk=None, pk=None):
        phase = self.get_object()
        services.phase_sign_off(phase=phase, by=request.user)
        return Response(PhaseSerializer(self.get_queryset().get(pk=phase.pk)).data)

    @extend_schema(request=ReopenSerializer, responses=PhaseSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, consortium_pk=None, pk=None):
        phase = self.get_object()
        payload = ReopenSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.phase_reopen(phase=phase, by=request.user, comment=payload.validated_data["comment"])
        return Response(PhaseSerializer(self.get_queryset().get(pk=phase.pk)).data)


class TaskViewSet(
    UserFilterSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Tasks you may see. PATCH carries the ``version`` you read; a stale one is 409 with the current task."""

    serializer_class = TaskSerializer
    filterset_class = TaskFilter
    http_method_names = ["get", "patch", "post", "head", "options"]

    def get_queryset(self):
        # By id: stable for paging, and read from the index (sorting 200,000 tasks by consortium
        # name before the LIMIT took most of a second for a regional coordinator).
        return Task.objects.visible_to(self.request.user).for_list().order_by("pk")

    def partial_update(self, request, *args, **kwargs):
        task = self.get_object()
        serializer = self.get_serializer(task, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "version" not in data:
            raise serializers.ValidationError({"version": [_("Send the version of the task you read.")]})
        version = data.pop("version")
        changes = {k: v for k, v in data.items() if k in services.EDITABLE_TASK_FIELDS}
        try:
            services.task_update(task=task, by=request.user, version=version, **changes)
        except services.TaskConflict as conflict:
            current = self.get_queryset().get(pk=task.pk)
            return Response(
                {"detail": conflict.message, "current": TaskSerializer(current).data}, status=status.HTTP_409_CONFLICT
            )
        return Response(TaskSerializer(self.get_queryset().get(pk=task.pk)).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=CommentSerializer, responses=CommentSerializer(many=True))
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def comments(self, request, pk=None):
        task = self.get_object()
        if request.method == "POST":
            payload = CommentSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            comment = services.task_comment(task=task, by=request.user, body=payload.validated_data["body"])
            return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)
        return Response(CommentSerializer(task.comments.select_related("author"), many=True).data)

    @extend_schema(request=EvidenceSerializer, responses=EvidenceSerializer(many=True))
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[MultiPartParser, FormParser, JSONParser],
        pagination_class=None,
    )
    def evidence(self, request, pk=None):
        task = self.get_object()
        if request.method == "POST":
            if not request.user.has_perm("methodology.work_on_checklist", task.phase.consortium):
                raise PermissionDenied(_("Only the consortium's members and facilitators attach evidence."))
            evidence = services.evidence_attach(
                task=task,
                by=request.user,
                file=request.FILES.get("file"),
                link=request.data.get("link", ""),
                name=request.data.get("name", ""),
            )
            return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)
        return Response(EvidenceSerializer(task.evidence.select_related("uploaded_by"), many=True).data)
