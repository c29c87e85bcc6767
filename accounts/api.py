from __future__ import annotations

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import two_factor
from accounts.authentication import ExpiringTokenAuthentication, token_expired
from accounts.lockout import lockout_message


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
    otp = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=32,
        help_text=_("For people with two-factor sign-in: the code from the app, or a recovery code."),
    )

    def validate(self, attrs):
        # Django's own request, so that django-axes counts the attempt and can refuse it.
        request = self.context["request"]._request
        user = authenticate(request, username=attrs["email"], password=attrs["password"])
        if user is None:
            if getattr(request, "axes_locked_out", False):
                raise exceptions.Throttled(detail=lockout_message(request))
            raise serializers.ValidationError(
                {"non_field_errors": [_("Unable to sign in with that e-mail address and password.")]}
            )
        if two_factor.is_enabled(user):
            outcome = two_factor.verify(user, attrs.get("otp", ""))
            if outcome.device is None:
                raise serializers.ValidationError({"otp": [outcome.error]})
        elif two_factor.required_for(user):
            raise exceptions.PermissionDenied(
                _("Set up two-factor sign-in in the browser first (your profile page), then ask for a token.")
            )
        attrs["user"] = user
        return attrs


class ObtainTokenView(APIView):
    """POST email and password (and `otp`, for people with two-factor sign-in) to get a token
    for the `Authorization: Token` header; DELETE
    (with the token) revokes it. Repeated wrong passwords lock the account and the address
    out for a while (HTTP 429)."""

    authentication_classes = [ExpiringTokenAuthentication]

    def perform_authentication(self, request):
        if request.method == "DELETE":  # getting a token needs only the password, whatever header comes with it
            super().perform_authentication(request)

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "DELETE" else [AllowAny()]

    @extend_schema(
        request=TokenRequestSerializer,
        responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        token = Token.objects.filter(user=user).first()
        if token is not None and token_expired(token):
            token.delete()
            token = None
        if token is None:
            token = Token.objects.create(user=user)
        return Response({"token": token.key})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
