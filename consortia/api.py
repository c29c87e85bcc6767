from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts.models import User
from consortia import selectors, services
from consortia.filters import ConsortiumFilter
from consortia.models import Consortium, Membership, Transition
from consortia.workflow import STEPS
from members.models import Enterprise, Institution, Sector


class TransitionSerializer(serializers.ModelSerializer):
    by = serializers.SlugRelatedField(slug_field="email", read_only=True)

    class Meta:
        model = Transition
        fields = ["action", "from_status", "to_status", "by", "at", "comment"]


class ConsortiumSerializer(CountryFieldMixin, serializers.ModelSerializer):
    sectors = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Sector.objects.all(), required=False)
    facilitators = serializers.SlugRelatedField(
        slug_field="email", many=True, queryset=User.objects.filter(is_active=True), required=False
    )
    sponsor = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all(), required=False, allow_null=True)
    member_count = serializers.IntegerField(read_only=True)
    allowed_actions = serializers.SerializerMethodField()
    reporters = serializers.SerializerMethodField(
        help_text=_("Who may write and submit its six-month reports: facilitators and sponsoring officials.")
    )

    class Meta:
        model = Consortium
        fields = [
            "id",
            *services.CONSORTIUM_FIELDS,
            *services.M2M_FIELDS,
            "status",
            "activated_on",
            "member_count",
            "allowed_actions",
            "reporters",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "activated_on"]
        extra_kwargs = {"target_markets": {"required": False}}

    def get_reporters(self, consortium) -> list[str]:
        from consortia.selectors import reporters

        return [person.email for person in reporters(consortium)]

    def get_allowed_actions(self, consortium) -> list[str]:
        return selectors.allowed_actions(consortium, self.context["request"].user)

    def create(self, validated_data):
        consortium = services.consortium_create(by=self.context["request"].user, **validated_data)
        return Consortium.objects.for_list().get(pk=consortium.pk)  # as the list shows it

    def update(self, instance, validated_data):
        consortium = services.consortium_update(consortium=instance, by=self.context["request"].user, **validated_data)
        return Consortium.objects.for_list().get(pk=consortium.pk)


class ConsortiumDetailSerializer(ConsortiumSerializer):
    transitions = TransitionSerializer(many=True, read_only=True)

    class Meta(ConsortiumSerializer.Meta):
        fields = [*ConsortiumSerializer.Meta.fields, "transitions"]


class ActionSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


def lifecycle_action(step: str, attribute: str | None = None):
    """A POST /consortia/{id}/<step>/ endpoint that calls the lifecycle service."""

    def endpoint(self, request, pk=None):
        return self._act(request, pk, step)

    # @action records the method's name as it decorates, and DRF checks it
    # matches the class attribute: name it first.
    endpoint.__name__ = attribute or step
    endpoint = action(detail=True, methods=["post"], url_path=step, url_name=step)(endpoint)
    return extend_schema(request=ActionSerializer, responses=ConsortiumSerializer)(endpoint)


class ConsortiumViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Consortia you may see. Lifecycle steps are POST actions with an optional comment.

    A step not allowed from the current status answers 409; a missing comment or
    a candidate not ready to submit 400 naming each problem.
    """

    filterset_class = ConsortiumFilter

    def get_queryset(self):
        from consortia.selectors import prefetch_reporters

        queryset = (
            Consortium.objects.visible_to(self.request.user)
            .for_list()
            .prefetch_related("sectors", *prefetch_reporters())
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("transitions__by")
        return queryset

    def get_serializer_class(self):
        if self.action in STEPS:
            return ActionSerializer
        return ConsortiumDetailSerializer if self.action == "retrieve" else ConsortiumSerializer

    def create(self, request, *args, **kwargs):
        # Who may register is answered before what they sent is judged.
        if not request.user.has_perm("consortia.register_consortium"):
            raise PermissionDenied(_("Only chamber officials and admins register candidate consortia."))
        return super().create(request, *args, **kwargs)

    def _act(self, request, pk, step: str):
        consortium = self.get_object()
        payload = ActionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.consortium_act(
            consortium=consortium, by=request.user, action=step, comment=payload.validated_data["comment"]
        )
        consortium = self.get_queryset().get(pk=consortium.pk)
        return Response(ConsortiumSerializer(consortium, context=self.get_serializer_context()).data)

    submit = lifecycle_action("submit")
    approve = lifecycle_action("approve")
    return_ = lifecycle_action("return", "return_")  # `return` is a keyword
    reject = lifecycle_action("reject")
    pause = lifecycle_action("pause")
    resume = lifecycle_action("resume")
    dissolve = lifecycle_action("dissolve")


class MembershipSerializer(serializers.ModelSerializer):
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all())
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    joined = serializers.DateField(required=False, allow_null=True)

    class Meta:
        model = Membership
        fields = ["id", "enterprise", "enterprise_name", "role", "joined", "left"]
        read_only_fields = ["left"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            # An enterprise you may not see is "does not exist" to you.
            self.fields["enterprise"].queryset = Enterprise.objects.visible_to(request.user)


class ConsortiumNestedMixin:
    """For endpoints under consortia/{consortium_pk}/: the consortium if you may see it, else 404."""

    request: Any  # set by the view it is mixed into
    kwargs: dict[str, Any]

    def get_consortium(self) -> Consortium:
        if not hasattr(self, "_consortium"):
            self._consortium = get_object_or_404(
                Consortium.objects.visible_to(self.request.user), pk=self.kwargs["consortium_pk"]
            )
        return self._consortium


class MembershipViewSet(
    ConsortiumNestedMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The members of one consortium. DELETE ends a membership (its history stays)."""

    serializer_class = MembershipSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no consortium
            return Membership.objects.none()
        queryset = self.get_consortium().memberships.select_related("enterprise").order_by("enterprise__name")
        if self.request.query_params.get("current", "true").lower() != "false":
            queryset = queryset.current()
        return queryset

    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("consortia.manage_memberships", self.get_consortium()):
            raise PermissionDenied(_("You may not change this consortium's members."))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.membership_add(
            consortium=self.get_consortium(),
            enterprise=serializer.validated_data["enterprise"],
            role=serializer.validated_data.get("role", Membership.Role.MEMBER),
            joined=serializer.validated_data.get("joined"),
            by=request.user,
        )
        return Response(self.get_serializer(membership).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.membership_end(membership=instance, by=self.request.user)
