"""The API's token authentication: DRF's token with a lifetime (settings.API_TOKEN_TTL_DAYS).

Kept apart from accounts.api: DRF imports authentication classes while it loads its views."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


def token_expired(token) -> bool:
    days = settings.API_TOKEN_TTL_DAYS
    return bool(days) and token.created < timezone.now() - datetime.timedelta(days=days)


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token, refused (and deleted) once it is older than API_TOKEN_TTL_DAYS (0: never)."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_expired(token):
            token.delete()
            raise exceptions.AuthenticationFailed(
                _("This token has expired. Request a new one from /api/v1/auth/token/.")
            )
        return user, token
