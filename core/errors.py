"""Errors shared by every app's services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class StateConflict(Exception):
    """The object is not in a state that allows this change (HTTP 409).

    Raised by services when, for example, a draft is approved or two coordinators
    decide the same candidate and the second arrives after the first.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class FieldPermissionDenied(PermissionDenied):
    """The person may change the object, but not these fields of it (HTTP 403 naming them).

    A field a role may not change is refused, never silently ignored.
    """

    def __init__(self, fields):
        from django.utils.translation import gettext as _

        self.fields = sorted(fields)
        super().__init__(_("You may not change: %(fields)s.") % {"fields": ", ".join(self.fields)})


class MissingAnnotation(RuntimeError):
    """A value meant to come from a queryset annotation was read from an instance loaded without
    it. Raised instead of a silent query per row: annotate the queryset (the message says how).
    Not an AttributeError, so that a template does not swallow it as an empty value."""

    def __init__(self, instance: object, name: str, queryset_method: str) -> None:
        model = type(instance).__name__
        super().__init__(f"{model}.{name} needs the queryset annotated: load it with {queryset_method}.")


def annotated(instance: object, name: str, queryset_method: str):
    """The annotation ``name`` on ``instance``, or MissingAnnotation."""
    try:
        return instance.__dict__[name]
    except KeyError:
        raise MissingAnnotation(instance, name, queryset_method) from None
