from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from notifications import selectors, services
from notifications.models import Notification
from notifications.selectors import EMAIL_CHOICE_KINDS


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "subject", "body", "url", "created_at", "read_at", "email", "sent_at"]
        read_only_fields = fields


class PreferenceSerializer(serializers.Serializer):
    email_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=[(kind.value, kind.label) for kind in EMAIL_CHOICE_KINDS]),
        help_text=_("The kinds also sent by e-mail; the others stay in the inbox only."),
    )
    digest = serializers.BooleanField(help_text=_("Receive the weekly coordinator digest."))


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Your own notifications only; anyone else's is a 404."""

    serializer_class = NotificationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Notification.objects.none()
        queryset = Notification.objects.for_user(self.request.user)
        if self.request.query_params.get("unread") == "true":
            queryset = queryset.unread()
        return queryset

    def get_object(self):
        # OPTIONS on preferences/ describes the PUT form from "the object": one's own settings.
        if self.action in ("preferences", "metadata") and "pk" not in self.kwargs:
            return selectors.preference_for(self.request.user)
        return super().get_object()

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = services.mark_read(notification=self.get_object(), by=request.user)
        return Response(NotificationSerializer(notification).data)

    @extend_schema(methods=["GET"], request=None, responses=PreferenceSerializer)
    @extend_schema(methods=["PUT"], request=PreferenceSerializer, responses=PreferenceSerializer)
    @action(detail=False, methods=["get", "put"], serializer_class=PreferenceSerializer)
    def preferences(self, request):
        """Your own e-mail and digest settings (there is no way to name anyone else's)."""
        if request.method == "PUT":
            serializer = PreferenceSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            preference = services.preference_update(user=request.user, **serializer.validated_data)
        else:
            preference = selectors.preference_for(request.user)
        return Response(selectors.preference_settings(preference))
