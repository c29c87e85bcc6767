"""API plumbing shared by every app: error mapping."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import FieldPermissionDenied, StateConflict


class UserFilterSetMixin:
    """Filter with ``filterset_class(..., user=request.user)``; bad filter values are 400 naming the field."""

    filterset_class: Any = None  # a FilterSet class that takes ``user``

    def filter_queryset(self, queryset):
        filterset = self.filterset_class(self.request.query_params, queryset=queryset, user=self.request.user)
        if not filterset.is_valid():
            raise serializers.ValidationError(filterset.errors)
        return filterset.qs


def validation_error_detail(error: DjangoValidationError) -> dict | list:
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": error.messages}


def exception_handler(exc, context):
    """DRF's handler, taught the errors our services raise.

    A service's ValidationError becomes 400 with {field: [messages]}, a
    StateConflict 409 with {"detail": ...}, a PermissionDenied 403.
    """
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_error_detail(exc))
    elif isinstance(exc, StateConflict):
        return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, FieldPermissionDenied):
        return Response({"detail": str(exc), "fields": exc.fields}, status=status.HTTP_403_FORBIDDEN)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)
